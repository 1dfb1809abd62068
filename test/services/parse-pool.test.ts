// The parse pool (src/services/parse-pool): a parse in a worker answers exactly what the parse in the
// process answers; a file over the ZIP limits is refused there; a parse past the deadline ends its
// worker (PARSE_TIMEOUT); one past the heap limit ends its worker (FILE_TOO_COMPLEX); a full queue
// refuses at once (PARSE_BUSY); after each failure the pool goes on parsing. Pools with small limits
// stand for the real ones (60 s, 512 MB, 64 waiting).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger, writeLedger } from '../../src/domain/ledger/ledger.ts';
import type { LedgerRow } from '../../src/domain/ledger/ledger.ts';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { render } from '../../src/domain/report/render/index.ts';
import { closeParsePool, ParsePool, PARSE_POOL_DEFAULTS } from '../../src/services/parse-pool/index.ts';
import { MAX_FILE_BYTES } from '../../src/services/report-files.ts';
import { reportFromFile } from '../../src/services/report-files.ts';
import { statusOf } from '../../src/web/http-errors.ts';
import { docxBomb, mainBinBomb, xlsxBomb } from '../support/zip-bombs.ts';

const FIXTURES = 'test/fixtures/reports';
const TEXT = readFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.txt'));
const MODEL = JSON.parse(readFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.expected.json'), 'utf8')) as AnnualReport;
const TODAY = '2025-01-20';

/** A 5 MB HTML table: parsed in seconds with ~300 MB of heap. */
const bigHtml = () => new TextEncoder().encode(`<html><body><table>${'<tr><td>1</td><td>2</td><td>3</td></tr>'.repeat(130_000)}</table></body></html>`);

const pools: ParsePool[] = [];
const pool = (options: ConstructorParameters<typeof ParsePool>[0] = {}) => {
  const p = new ParsePool(options);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all([...pools.map((p) => p.close()), closeParsePool()]);
});

describe('the parse pool', () => {
  it('has the limits of the design', () => {
    expect(PARSE_POOL_DEFAULTS).toEqual({ threads: 2, maxQueue: 64, deadlineMs: 60_000, maxOldGenerationSizeMb: 512 });
  });

  it('parses every report fixture, a DOCX and an HTML page exactly as the process does', async () => {
    const p = pool();
    const files: [string, Uint8Array][] = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => [f, readFileSync(join(FIXTURES, f))]);
    files.push(['report.docx', (await render(MODEL, 'docx')) as Uint8Array], ['report.html', new TextEncoder().encode((await render(MODEL, 'html')) as string)]);
    for (const [name, bytes] of files) {
      expect(await p.parseReport(bytes, name), name).toEqual({ ok: true, value: await parseReportDocument(bytes, name) });
    }
  });

  it('reads a ledger exactly as the process does', async () => {
    const p = pool();
    const row: LedgerRow = {
      line: 2,
      number: '2024-001',
      applicantType: 'natural_person',
      applicantName: '张三',
      idKind: null,
      idNumber: null,
      channel: 'in_person',
      receivedOn: '2024-03-01',
      request: '某项目的批复文件',
      correctionRequestedOn: null,
      correctionReceivedOn: null,
      extensionNoticeOn: null,
      repliedOn: null,
      outcomeRow: null,
    };
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes = await writeLedger([row], format);
      const name = `台账.${format}`;
      const inWorker = await p.readLedger(bytes, name, TODAY);
      expect(inWorker).toEqual({ ok: true, value: await readLedger(bytes, name, { today: TODAY }) });
      expect(inWorker.ok && inWorker.value.ok && inWorker.value.rows.length).toBe(1);
    }
  });

  it('refuses the bombs in the worker (ZIP limits)', async () => {
    const p = pool();
    for (const bomb of [docxBomb(), mainBinBomb()]) {
      const r = await p.parseReport(bomb, 'bomb.docx');
      expect(r.ok && r.value).toEqual({ ok: false, code: 'FILE_TOO_COMPLEX', error: expect.stringContaining('16 MB') });
    }
    const ledger = await p.readLedger(xlsxBomb(), '台账.xlsx', TODAY);
    expect(ledger.ok && !ledger.value.ok && ledger.value.errors[0]?.message).toContain('160 MB');
  });

  it('stops a parse past the deadline, ending its worker, and goes on', async () => {
    const p = pool({ threads: 1, deadlineMs: 4000 });
    expect((await p.parseReport(TEXT, 'warm.txt')).ok).toBe(true);
    // a 10 MB document.xml (under the ZIP limits) keeps mammoth busy for half a minute
    const r = await p.parseReport(docxBomb(10), 'slow.docx');
    expect(r).toEqual({ ok: false, error: { code: 'PARSE_TIMEOUT', message: expect.stringContaining('4秒'), field: 'file' } });
    expect(await p.parseReport(TEXT, 'after.txt')).toEqual({ ok: true, value: await parseReportDocument(TEXT, 'after.txt') });
  });

  it('stops a parse past the heap limit, ending its worker, and goes on', async () => {
    const p = pool({ threads: 1, maxOldGenerationSizeMb: 96 });
    const r = await p.parseReport(bigHtml(), 'big.html');
    expect(r).toEqual({ ok: false, error: { code: 'FILE_TOO_COMPLEX', message: expect.stringContaining('96 MB'), field: 'file' } });
    expect((await p.parseReport(TEXT, 'after.txt')).ok).toBe(true);
  });

  it('refuses at once when the queue is full, and parses what it took', async () => {
    const p = pool({ threads: 1, maxQueue: 1 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => p.parseReport(TEXT, `${i}.txt`)));
    const busy = results.filter((r) => !r.ok);
    expect(busy.length).toBe(3); // one running, one waiting
    for (const r of busy) expect(r).toEqual({ ok: false, error: { code: 'PARSE_BUSY', message: expect.stringMatching(/稍后再试/), field: 'file' } });
    for (const r of results.filter((r) => r.ok)) expect(r.ok && r.value.ok).toBe(true);
    expect((await p.parseReport(TEXT, 'after.txt')).ok).toBe(true);
  });
});

describe('an uploaded report (reportFromFile, through the shared pool)', () => {
  it('refuses a file over the size limit with FILE_TOO_LARGE (413) before parsing', async () => {
    const r = await reportFromFile(new Uint8Array(MAX_FILE_BYTES + 1), 'big.txt');
    expect(r).toEqual({ ok: false, error: { code: 'FILE_TOO_LARGE', message: expect.stringContaining('50 MB'), field: 'file' } });
    expect(!r.ok && statusOf(r.error)).toBe(413);
  });

  it('refuses the bombs with FILE_TOO_COMPLEX (422) naming the file and the part', async () => {
    const r = await reportFromFile(mainBinBomb(), '年度报告.docx');
    expect(r).toEqual({ ok: false, error: { code: 'FILE_TOO_COMPLEX', message: expect.stringMatching(/^无法读取文件“年度报告\.docx”：.*word\/main\.bin/), field: 'file' } });
    expect(!r.ok && statusOf(r.error)).toBe(422);
  });

  it('maps the pool’s refusals to HTTP statuses', () => {
    expect(['FILE_TOO_LARGE', 'FILE_TOO_COMPLEX', 'PARSE_TIMEOUT', 'PARSE_BUSY'].map((code) => statusOf({ code }))).toEqual([413, 422, 422, 503]);
  });
});
