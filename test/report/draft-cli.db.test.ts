// `gongkai report draft` in process, on a copy of the migrated template of each engine lent to the
// command (support/db.ts useDatabase, lendDatabase): Markdown on standard output without --out; DOCX,
// HTML and interchange JSON by the extension of --out, each holding the drafted prose; the gaps and a
// clerk's figure that contradicts the tables (P1) listed on standard error; wrong arguments refused in
// Chinese with exit 2.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import { reportDraftCommand } from '../../src/cli/report-draft.ts';
import type { Config } from '../../src/config.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import { readReportJson } from '../../src/domain/report/json.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { createFact, saveEdit } from '../../src/services/report-facts.ts';
import { engines, useDatabase } from '../support/db.ts';

const NOW = '2025-01-20T02:00:00.000Z';

describe.each(engines())('gongkai report draft on %s', (engine) => {
  const t = useDatabase(engine);
  let dir: string;
  let config: Config;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-draft-cli-'));
    config = lendDatabase({ dataDir: join(dir, 'data'), databaseUrl: undefined, port: 3000, secureCookies: false }, t.database);
    const a = await createAgency(t.db, { code: 'zwjgsw', name: '中卫市机关事务服务中心', level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    const who = { userId: null, now: NOW };
    const facts = [
      await createFact(t.db, a.value.id, 2024, 'platform', { name: '市人民政府网站', type: '政府网站', catalogue: '1' }, null, who),
      await createFact(t.db, a.value.id, 2024, 'measure', { text: '加强信息公开条例的学习' }, null, who),
      await createFact(t.db, a.value.id, 2024, 'note', { section: 'other', text: '无其他需要报告的事项' }, null, who),
    ];
    if (facts.some((f) => !f.ok)) throw new Error('facts');
    const edit = await saveEdit(t.db, a.value.id, 2024, 'overview.active.catalogue', '依托市人民政府网站主动公开部门信息13条，受理政府信息公开申请2件。', '', who);
    if (!edit.ok) throw new Error(edit.error.message);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function draft(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), tty: false, now: () => NOW };
    const cmd = reportCommand(io, (c) => (code = c), () => ({ ok: true, config })).addCommand(reportDraftCommand(io, (c) => (code = c), () => ({ ok: true, config })));
    cmd.exitOverride();
    await cmd.parseAsync(['draft', ...args], { from: 'user' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the report as Markdown: the tables computed, the prose drafted; gaps and P1 warnings on standard error', async () => {
    const r = await draft('--agency', 'zwjgsw', '--year', '2024');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# 中卫市机关事务服务中心2024年政府信息公开工作年度报告/);
    expect(r.out).toContain('## 一、总体情况');
    expect(r.out).toContain('中心未收到任何形式的政府信息公开申请');
    expect(r.out).toContain('| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(r.out).toContain('无其他需要报告的事项。');
    expect(r.err).toContain('草稿中有');
    expect(r.err).toContain('五：没有登记本年度存在的问题');
    expect(r.err).toMatch(/正文中有1处数字与表格不符（警告）：\n {2}警告 P1　“一、总体情况”中写道“受理政府信息公开申请2件”/);
  });

  it('writes DOCX, HTML and interchange JSON by the extension of --out', async () => {
    const docx = join(dir, '草稿.docx');
    const d = await draft('--agency', 'zwjgsw', '--year', '2024', '--out', docx);
    expect(d.code).toBe(0);
    expect(d.err).toContain(`已生成 ${docx}`);
    const xml = await (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')?.async('string');
    expect(xml).toContain('依托市人民政府网站相关栏目发布政务公开信息');
    const html = join(dir, 'draft.html');
    expect((await draft('--agency', 'zwjgsw', '--year', '2024', '--out', html)).code).toBe(0);
    expect(await readFile(html, 'utf8')).toContain('下一步，中心将');
    const json = join(dir, 'draft.json');
    expect((await draft('--agency', 'zwjgsw', '--year', '2024', '--out', json)).code).toBe(0);
    const read = readReportJson(JSON.parse(await readFile(json, 'utf8')));
    expect(read.ok && read.report.text?.other).toMatch(/未产生信息处理费。无其他需要报告的事项。$/);
  });

  it('refuses in Chinese with exit 2: an unknown format, a bad year, an unknown agency', async () => {
    const ext = await draft('--agency', 'zwjgsw', '--year', '2024', '--out', join(dir, 'x.pdf'));
    expect([ext.code, ext.err]).toEqual([2, expect.stringContaining('请使用 .docx、.html、.md 或 .json 扩展名') as unknown]);
    const year = await draft('--agency', 'zwjgsw', '--year', '24');
    expect([year.code, year.err]).toEqual([2, expect.stringContaining('请写四位数年份') as unknown]);
    const agency = await draft('--agency', 'nobody', '--year', '2024');
    expect([agency.code, agency.err]).toEqual([2, expect.stringContaining('机关“nobody”不存在') as unknown]);
  });
});
