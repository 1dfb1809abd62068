// The PDF renderer without a browser: the print page (domain/report/render/print.ts), the refusal when no
// browser is installed (services/pdf/browser.ts, and `gongkai report render --to pdf` in-process), and
// the one-at-a-time queue. Printing itself is tested in pdf-roundtrip.test.ts (needs Chromium).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import { loadConfig } from '../../src/config.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { chineseDate, closingLines, renderPrintHtml } from '../../src/domain/report/render/print.ts';
import { RENDER_TARGETS } from '../../src/domain/report/render/index.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { findChromium, PDF_BROWSER_MISSING, renderReportPdf } from '../../src/services/pdf/index.ts';
import { SerialQueue } from '../../src/services/pdf/queue.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/reports/zhongwei-jiguan-shiwu-2024.txt', import.meta.url));
const zhongwei = (): AnnualReport => {
  const { inconsistencies: _, ...r } = JSON.parse(readFileSync(FIXTURE.replace(/\.txt$/, '.expected.json'), 'utf8')) as AnnualReport & { inconsistencies?: unknown };
  return r;
};

const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeParsePool();
});

describe('the print page', () => {
  const html = renderPrintHtml(zhongwei(), { issuedOn: '2025-01-20' });

  it('is A4 with the title centred and a page that loads and runs nothing', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/\.gk-report h1 \{[^}]*text-align: center/);
    expect(html).toContain('<h1>中卫市机关事务服务中心2024年政府信息公开工作年度报告</h1>');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|src=/i);
  });

  it('keeps table rows, the sub-tables of 二 and 四 from splitting, repeats column labels and keeps a heading with its table', () => {
    expect(html).toMatch(/\.gk-report tr \{ break-inside: avoid;/);
    expect(html).toMatch(/\.gk-active tbody, \.gk-review \{ break-inside: avoid;/);
    expect(html).toContain('.gk-report thead { display: table-header-group; }');
    expect(html).toMatch(/\.gk-report h2, \.gk-report caption \{[^}]*break-after: avoid;/);
  });

  it('ends with the 落款: the agency and the date of publication', () => {
    expect(html).toContain('<footer class="gk-closing"><div>\n<p>中卫市机关事务服务中心</p>\n<p>2025年1月20日</p>\n</div></footer>\n</article>');
    expect(closingLines(zhongwei())).toEqual(['中卫市机关事务服务中心']);
    expect(closingLines({ ...zhongwei(), agency: null }, { issuedOn: '2025-03-31' })).toEqual(['2025年3月31日']);
    expect(renderPrintHtml({ ...zhongwei(), agency: null })).not.toContain('gk-closing"');
  });

  it('writes dates the Chinese way and ignores anything else', () => {
    expect(chineseDate('2025-01-05')).toBe('2025年1月5日');
    expect(chineseDate('2025-13-01')).toBeUndefined();
    expect(chineseDate('20250105')).toBeUndefined();
    expect(chineseDate(null)).toBeUndefined();
  });

  it('escapes the agency', () => {
    const page = renderPrintHtml({ ...zhongwei(), agency: '某局<script>' }, { issuedOn: '2025-01-20' });
    expect(page).toContain('<p>某局&lt;script&gt;</p>');
    expect(page).not.toContain('<script>');
  });
});

describe('without a browser', () => {
  const nowhere = join(dir, 'no-such-chromium');

  it('refuses in Chinese, naming the Debian packages to install', async () => {
    const r = await renderReportPdf(zhongwei(), { browser: { chromiumPath: nowhere } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(PDF_BROWSER_MISSING);
    expect(r.error.message).toContain(nowhere);
    expect(r.error.message).toContain('chromium');
    expect(r.error.message).toContain('fonts-noto-cjk');
    expect(r.error.message).toContain('CHROMIUM_PATH');
  });

  it('finds none in an empty PATH, nor a file that is not executable', () => {
    const plain = join(dir, 'chromium');
    writeFileSync(plain, '#!/bin/sh\n', { mode: 0o644 });
    expect(findChromium({ searchPath: dir })).toMatchObject({ ok: false, error: { code: PDF_BROWSER_MISSING } });
    expect(findChromium({ searchPath: '' })).toMatchObject({ ok: false, error: { code: PDF_BROWSER_MISSING } });
    expect(findChromium({ chromiumPath: plain })).toMatchObject({ ok: false });
  });

  it('finds chromium in PATH as `command -v chromium` does, CHROMIUM_PATH first', () => {
    const bin = join(dir, 'bin');
    const exe = join(bin, 'chromium');
    mkdirSync(bin, { recursive: true });
    writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    expect(findChromium({ searchPath: `/no/such/dir:${bin}` })).toEqual({ ok: true, value: exe });
    expect(findChromium({ chromiumPath: exe, searchPath: '' })).toEqual({ ok: true, value: exe });
    expect(loadConfig({ CHROMIUM_PATH: exe, PATH: '/usr/bin' })).toMatchObject({ ok: true, config: { chromiumPath: exe, searchPath: '/usr/bin' } });
    expect(loadConfig({ CHROMIUM_PATH: '' })).toMatchObject({ ok: true, config: { chromiumPath: undefined } });
  });

  it('gongkai report render --to pdf: exit 2 with the refusal; other targets still work', async () => {
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      let code = -1;
      const cmd = reportCommand({ out: (s) => out.push(s), err: (s) => err.push(s), tty: false }, (c) => (code = c), () => loadConfig({ CHROMIUM_PATH: nowhere }));
      cmd.exitOverride();
      await cmd.parseAsync(['render', ...args], { from: 'user' });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    expect(RENDER_TARGETS).toContain('pdf');
    const refused = await run([FIXTURE, '--to', 'pdf', '--out', join(dir, 'r.pdf')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('无法生成PDF');
    expect(refused.err).toContain('fonts-noto-cjk');
    const html = await run([FIXTURE, '--to', 'html', '--out', join(dir, 'r.html')]);
    expect(html.code).toBe(0);
    const badDate = await run([FIXTURE, '--to', 'pdf', '--out', join(dir, 'r.pdf'), '--date', '2025-02-30']);
    expect(badDate.code).toBe(2);
    expect(badDate.err).toContain('YYYY-MM-DD');
  });
});

describe('the print queue', () => {
  it('runs one job at a time, in order, and refuses beyond the waiting limit', async () => {
    const queue = new SerialQueue(2);
    const events: string[] = [];
    const gates: (() => void)[] = [];
    const job = (name: string) => () =>
      new Promise<string>((resolve) => {
        events.push(`start ${name}`);
        gates.push(() => {
          events.push(`end ${name}`);
          resolve(name);
        });
      });
    const a = queue.run(job('a'));
    const b = queue.run(job('b'));
    const c = queue.run(job('c'));
    expect(c).toBeUndefined(); // a has not started yet: a and b wait, the limit is 2
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['start a']);
    const d = queue.run(job('d'));
    expect(d).toBeDefined(); // a runs, b waits: room for one more
    gates.shift()?.();
    expect(await a).toBe('a');
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['start a', 'end a', 'start b']);
    gates.shift()?.();
    expect(await b).toBe('b');
    await new Promise((r) => setImmediate(r));
    gates.shift()?.();
    expect(await d).toBe('d');
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start d', 'end d']);
  });

  it('goes on after a job that fails', async () => {
    const queue = new SerialQueue(4);
    const failing = queue.run(() => Promise.reject(new Error('x')));
    const next = queue.run(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('x');
    expect(await next).toBe('next');
  });
});
