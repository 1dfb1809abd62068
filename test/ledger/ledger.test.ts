import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar, usccCheckChar } from '../../src/domain/applications/identity.ts';
import { OUTCOME_ROWS } from '../../src/domain/applications/outcomes.ts';
import { APPLICANT_TYPES, CHANNELS } from '../../src/domain/applications/types.ts';
import { isValidUtf8 } from '../../src/domain/report/input/decode.ts';
import { parseCsv } from '../../src/domain/ledger/csv.ts';
import { LEDGER_COLUMNS, LEDGER_LIMITS, readLedger, writeLedger } from '../../src/domain/ledger/ledger.ts';
import type { LedgerColumn, LedgerError, LedgerRead, LedgerRow } from '../../src/domain/ledger/ledger.ts';

const TODAY = '2025-06-30';
const fixture = (name: string): Uint8Array => readFileSync(fileURLToPath(new URL(`../fixtures/ledger/${name}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (bytes: Uint8Array, name = 'ledger.csv'): Promise<LedgerRead> => readLedger(bytes, name, { today: TODAY });

function rowsOf(result: LedgerRead): LedgerRow[] {
  if (!result.ok) throw new Error(`expected rows, got errors:\n${result.errors.map((e) => `${e.line} ${e.column} ${e.message}`).join('\n')}`);
  return result.rows;
}

function errorsOf(result: LedgerRead): LedgerError[] {
  if (result.ok) throw new Error('expected errors, got rows');
  return result.errors;
}

// ---------------------------------------------------------------------------------------------
// CSV built from cells

type Cells = Partial<Record<string, string>>;

const field = (v: string): string => (/[",\n]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v);

function csv(rows: Cells[], columns: readonly string[] = LEDGER_COLUMNS): Uint8Array {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c] ?? '')).join(','))];
  return utf8(lines.join('\n') + '\n');
}

/** A valid, replied row. */
const BASE: Cells = {
  编号: 'A-1',
  申请人类型: '自然人',
  申请人: '张三',
  证件号码: '11010519491231002X',
  渠道: '在线',
  收到日期: '2025-01-06',
  申请内容: '某项目的环评批复',
  答复日期: '2025-01-20',
  办理结果: '予以公开',
};

describe('reading a ledger CSV', () => {
  const expected: Omit<LedgerRow, 'line'>[] = [
    {
      number: 'GK-2025-001',
      applicantType: 'natural_person',
      applicantName: '张三',
      idKind: 'resident_id',
      idNumber: '11010519491231002X',
      channel: 'online',
      receivedOn: '2025-01-06',
      request: '关于某路段改造工程的立项批复、环评文件',
      correctionRequestedOn: null,
      correctionReceivedOn: null,
      extensionNoticeOn: null,
      repliedOn: '2025-01-20',
      outcomeRow: 'granted',
    },
    {
      number: 'GK-2025-002',
      applicantType: 'commercial',
      applicantName: '某某科技有限公司',
      idKind: 'uscc',
      idNumber: '91110000600037341L',
      channel: 'post_signed',
      receivedOn: '2025-01-10',
      request: '请提供：\n1. 2024年度招标文件，含附件,\n2. 中标公告',
      correctionRequestedOn: '2025-01-13',
      correctionReceivedOn: '2025-01-20',
      extensionNoticeOn: '2025-02-07',
      repliedOn: '2025-03-05',
      outcomeRow: 'partlyGranted',
    },
  ];

  it('reads the UTF-8 fixture: quoted fields with commas and line breaks, an empty line skipped, an extra column ignored', async () => {
    const rows = rowsOf(await read(fixture('ledger.utf8.csv')));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(rows.slice(0, 2).map(({ line: _, ...r }) => r)).toEqual(expected);
    expect(rows[2]).toMatchObject({ number: 'GK-2025-003', request: '关于"三安全一稳定"审查的内部规程', outcomeRow: 'threeSecurityOneStability' });
    expect(rows[3]).toMatchObject({ number: 'GK-2025-004', idKind: null, idNumber: null, correctionRequestedOn: '2025-02-12', outcomeRow: 'noCorrection' });
    expect(rows[4]).toMatchObject({ number: 'GK-2025-005', applicantType: 'social_welfare', channel: 'fax', repliedOn: null, outcomeRow: null });
    expect(rows[5]).toMatchObject({ number: 'GK-2025-006', applicantType: 'legal_service', channel: 'other', outcomeRow: 'threeSecurityOneStability' });
  });

  it('reads the GBK fixture (made with iconv) exactly as the UTF-8 one, and with a BOM too', async () => {
    const gbk = fixture('ledger.gbk.csv');
    expect(isValidUtf8(gbk)).toBe(false);
    const fromUtf8 = rowsOf(await read(fixture('ledger.utf8.csv')));
    expect(rowsOf(await read(gbk))).toEqual(fromUtf8);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...fixture('ledger.utf8.csv')]);
    expect(rowsOf(await read(withBom))).toEqual(fromUtf8);
  });

  it('accepts 办理结果 with ASCII or full-width quotes and "，" for "、"', async () => {
    const labels = ['危及"三安全一稳定"', '危及＂三安全一稳定＂', '危及“三安全一稳定”', '危及三安全一稳定'];
    const rows = rowsOf(await read(csv(labels.map((办理结果, i) => ({ ...BASE, 编号: `A-${i}`, 办理结果 })))));
    expect(rows.map((r) => r.outcomeRow)).toEqual(labels.map(() => 'threeSecurityOneStability'));
    const lapse = rowsOf(
      await read(
        csv([
          { ...BASE, 办理结果: '申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请' },
          { ...BASE, 编号: 'A-2', 办理结果: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
        ]),
      ),
    );
    expect(lapse.map((r) => r.outcomeRow)).toEqual(['unpaidFee', 'noCorrection']);
  });

  it('keeps 第三十六条第（五）项 apart from 信息不存在 (one row of table 三, two outcomes) and writes it back', async () => {
    const rows = rowsOf(
      await read(
        csv([
          { ...BASE, 办理结果: '不属于本机关负责公开' },
          { ...BASE, 编号: 'A-2', 办理结果: '非本机关负责公开' },
          { ...BASE, 编号: 'A-3', 办理结果: '信息不存在' },
          { ...BASE, 编号: 'A-4', 办理结果: '本机关不掌握相关政府信息' },
        ]),
      ),
    );
    expect(rows.map((r) => [r.outcomeRow, r.outcome])).toEqual([
      ['notHeld', 'NOT_RESPONSIBLE'],
      ['notHeld', 'NOT_RESPONSIBLE'],
      ['notHeld', undefined],
      ['notHeld', undefined],
    ]);
    const again = rowsOf(await read(await writeLedger(rows, 'csv')));
    expect(again.map((r) => r.outcome)).toEqual(['NOT_RESPONSIBLE', 'NOT_RESPONSIBLE', undefined, undefined]);
  });

  it('ignores extra columns and takes the columns in any order', async () => {
    const columns = ['备注', ...[...LEDGER_COLUMNS].reverse(), '经办人'];
    const rows = rowsOf(await read(csv([{ ...BASE, 备注: '无', 经办人: '王五' }], columns)));
    const plain = rowsOf(await read(csv([BASE])));
    expect(rows).toEqual(plain);
  });

  it('refuses a header without 收到日期, naming the column', async () => {
    const columns = LEDGER_COLUMNS.filter((c) => c !== '收到日期');
    const errors = errorsOf(await read(csv([BASE], columns)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, column: '收到日期' });
    expect(errors[0]?.message).toContain('表头缺少“收到日期”列');
  });

  it('names every missing column, and a header that is not on row 1', async () => {
    const errors = errorsOf(await read(utf8(`某局2025年依申请公开台账\n${LEDGER_COLUMNS.join(',')}\n`)));
    expect(errors.filter((e) => e.message.startsWith('表头缺少')).map((e) => e.column)).toEqual([...LEDGER_COLUMNS]);
    expect(errors.some((e) => e.message.includes('第2行看起来是表头'))).toBe(true);
  });

  it('refuses a column named twice', async () => {
    const errors = errorsOf(await read(csv([BASE], [...LEDGER_COLUMNS, '编号'])));
    expect(errors).toEqual([{ line: 1, column: '编号', message: expect.stringContaining('第A、M列') }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad rows

describe('bad rows: line, column and message', () => {
  const cases: { name: string; row: Cells; column: LedgerColumn; message: string }[] = [
    { name: 'empty 编号', row: { 编号: '' }, column: '编号', message: '编号未填写' },
    { name: 'empty 申请人', row: { 申请人: ' ' }, column: '申请人', message: '申请人未填写' },
    { name: 'empty 申请内容', row: { 申请内容: '' }, column: '申请内容', message: '申请内容未填写' },
    { name: 'empty 申请人类型', row: { 申请人类型: '' }, column: '申请人类型', message: '申请人类型未填写' },
    { name: 'unknown 申请人类型', row: { 申请人类型: '个人' }, column: '申请人类型', message: '申请人类型“个人”无法识别' },
    { name: 'empty 渠道', row: { 渠道: '' }, column: '渠道', message: '未填写' },
    { name: 'unknown 渠道', row: { 渠道: '微信' }, column: '渠道', message: '“微信”无法识别' },
    { name: 'unknown 办理结果', row: { 办理结果: '已办结' }, column: '办理结果', message: '办理结果“已办结”不是年度报告表三的办理结果' },
    { name: 'bad resident id', row: { 证件号码: '110105194912310021' }, column: '证件号码', message: '身份证号码的校验位应为X' },
    { name: 'old 15-digit id', row: { 证件号码: '110105491231002' }, column: '证件号码', message: '15位的旧身份证号码' },
    { name: 'a resident id for a company', row: { 申请人类型: '商业企业', 证件号码: '11010519491231002X' }, column: '证件号码', message: '申请人类型为商业企业，证件号码应为统一社会信用代码' },
    { name: 'bad USCC', row: { 申请人类型: '商业企业', 证件号码: '91110000600037341A' }, column: '证件号码', message: '统一社会信用代码的校验位应为L' },
    { name: 'empty 收到日期', row: { 收到日期: '' }, column: '收到日期', message: '收到日期未填写' },
    { name: 'malformed date', row: { 收到日期: '1月6日' }, column: '收到日期', message: '收到日期“1月6日”不是日期；请按YYYY-MM-DD' },
    { name: 'impossible date', row: { 收到日期: '2025-02-30' }, column: '收到日期', message: '收到日期“2025-02-30”不是真实存在的日期' },
    { name: 'impossible 答复日期', row: { 答复日期: '2025-13-01' }, column: '答复日期', message: '不是真实存在的日期' },
    { name: 'future date', row: { 收到日期: '2025-07-01', 答复日期: '', 办理结果: '' }, column: '收到日期', message: '收到日期2025-07-01晚于今天（2025-06-30）' },
    { name: 'future 答复日期', row: { 答复日期: '2026-01-01' }, column: '答复日期', message: '晚于今天' },
    { name: '补正告知 before 收到', row: { 补正告知日期: '2025-01-05' }, column: '补正告知日期', message: '补正告知日期（2025-01-05）早于收到日期（2025-01-06）' },
    {
      name: '补正收到 before 补正告知',
      row: { 补正告知日期: '2025-01-10', 补正收到日期: '2025-01-09' },
      column: '补正收到日期',
      message: '补正收到日期（2025-01-09）早于补正告知日期（2025-01-10）',
    },
    { name: '延期告知 before 收到', row: { 延期告知日期: '2025-01-01' }, column: '延期告知日期', message: '延期告知日期（2025-01-01）早于收到日期' },
    { name: '答复 before 收到', row: { 答复日期: '2025-01-05' }, column: '答复日期', message: '答复日期（2025-01-05）早于收到日期（2025-01-06）' },
    {
      name: '答复 before 补正收到',
      row: { 补正告知日期: '2025-01-07', 补正收到日期: '2025-01-25' },
      column: '答复日期',
      message: '答复日期（2025-01-20）早于补正收到日期（2025-01-25）',
    },
    { name: '答复日期 without 办理结果', row: { 办理结果: '' }, column: '办理结果', message: '已填写答复日期，但办理结果未填写' },
    { name: '办理结果 without 答复日期', row: { 答复日期: '' }, column: '答复日期', message: '已填写办理结果“予以公开”，但答复日期未填写' },
    { name: '补正收到 without 补正告知', row: { 补正收到日期: '2025-01-10' }, column: '补正告知日期', message: '已填写补正收到日期，但补正告知日期未填写' },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      // the bad row on line 3, between two good ones
      const errors = errorsOf(await read(csv([BASE, { ...BASE, 编号: 'A-2', ...c.row }, { ...BASE, 编号: 'A-3' }])));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ line: 3, column: c.column });
      expect(errors[0]?.message).toContain(c.message);
    });
  }

  it('collects every error of every row, in line and column order', async () => {
    const errors = errorsOf(
      await read(
        csv([
          { ...BASE, 渠道: '微信', 收到日期: 'x' },
          BASE,
          { ...BASE, 编号: 'A-3', 申请人类型: '企业', 答复日期: '2025-02-30' },
        ]),
      ),
    );
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, '编号'],
      [2, '渠道'],
      [2, '收到日期'],
      [3, '编号'],
      [4, '申请人类型'],
      [4, '答复日期'],
    ]);
  });

  it('names both lines of a duplicate 编号', async () => {
    const errors = errorsOf(await read(csv([BASE, { ...BASE, 编号: 'B' }, { ...BASE }])));
    expect(errors).toEqual([
      { line: 2, column: '编号', message: expect.stringContaining('编号“A-1”与第4行重复') },
      { line: 4, column: '编号', message: expect.stringContaining('编号“A-1”与第2行重复') },
    ]);
  });

  it('skips completely empty rows, keeping spreadsheet line numbers', async () => {
    const [header = '', line = ''] = new TextDecoder().decode(csv([{ ...BASE, 渠道: '微信' }])).split('\n');
    const errors = errorsOf(await read(utf8([header, '', ' , ,', line].join('\n'))));
    expect(errors).toEqual([{ line: 4, column: '渠道', message: expect.any(String) }]);
  });

  it('reports an unclosed quote with its line', async () => {
    const errors = errorsOf(await read(utf8(`${LEDGER_COLUMNS.join(',')}\nA-1,自然人,"张三,\n`)));
    expect(errors).toEqual([{ line: 2, column: '', message: expect.stringContaining('没有配对的结束引号') }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Files refused as a whole

describe('files refused as a whole', () => {
  it('refuses a file over 50 MB', async () => {
    const errors = errorsOf(await read(new Uint8Array(LEDGER_LIMITS.maxBytes + 1)));
    expect(errors).toEqual([{ line: 0, column: '', message: expect.stringContaining('超过了50MB的上限') }]);
  });

  it('refuses a CSV of more than 200,000 rows', async () => {
    const body = 'x\n'.repeat(LEDGER_LIMITS.maxRows + 1);
    const errors = errorsOf(await read(utf8(`${LEDGER_COLUMNS.join(',')}\n${body}`)));
    expect(errors).toEqual([{ line: 0, column: '', message: expect.stringContaining('台账超过200000行') }]);
  });

  it('refuses an .xls, a fake .xlsx and an empty file', async () => {
    expect(errorsOf(await read(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls'))[0]?.message).toContain('.xls');
    expect(errorsOf(await read(utf8('编号\n'), 'a.xlsx'))[0]?.message).toContain('内容不是Excel工作簿');
    expect(errorsOf(await read(new Uint8Array(0)))[0]?.message).toContain('文件是空的');
  });

  it('refuses a broken .xlsx', async () => {
    const bytes = await writeLedger([], 'xlsx');
    expect(errorsOf(await read(bytes.subarray(0, bytes.length - 30), 'a.xlsx'))[0]?.message).toContain('文件已损坏');
  });
});

// ---------------------------------------------------------------------------------------------
// XLSX as offices fill it in: real dates, numbers

describe('reading an XLSX', () => {
  async function workbook(fill: (sheet: ExcelJS.Worksheet) => void, date1904 = false): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = date1904;
    const sheet = wb.addWorksheet('台账');
    sheet.addRow([...LEDGER_COLUMNS]);
    fill(sheet);
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('reads Excel dates (with or without a time) and serial numbers without time-zone shifts, numbers as text', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow([20250001, '自然人', '张三', null, '在线', new Date(Date.UTC(2025, 2, 1)), '某文件', null, null, null, new Date(Date.UTC(2025, 2, 14, 23, 30)), '予以公开']);
      const r = sheet.addRow([2025.5, '商业企业', '某公司', '91110000600037341L', '当面', 45352, { richText: [{ text: '某' }, { text: '文件' }] }, null, null, null, '2025/3/14', { formula: '"予以公开"', result: '予以公开' }]);
      r.getCell(6).numFmt = 'General';
    });
    const rows = rowsOf(await read(bytes, 'ledger.xlsx'));
    expect(rows).toMatchObject([
      { line: 2, number: '20250001', receivedOn: '2025-03-01', repliedOn: '2025-03-14' },
      { line: 3, number: '2025.5', receivedOn: '2024-03-01', request: '某文件', repliedOn: '2025-03-14', outcomeRow: 'granted' },
    ]);
  });

  it('reads serial dates of a 1904 workbook', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['A-1', '自然人', '张三', null, '在线', 45352 - 1462, '某文件']);
    }, true);
    expect(rowsOf(await read(bytes, 'ledger.xlsx'))[0]?.receivedOn).toBe('2024-03-01');
  });

  it('says when a 证件号码 was stored as a number and lost its last digits', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['A-1', '自然人', '张三', 110105194912310020, '在线', '2025-01-06', '某文件']);
    });
    const errors = errorsOf(await read(bytes, 'ledger.xlsx'));
    expect(errors).toEqual([{ line: 2, column: '证件号码', message: expect.stringContaining('被存成了数字') }]);
  });

  it('writes a bold header, every cell as text', async () => {
    const row = { ...rowsOf(await read(csv([BASE])))[0]!, number: '007' };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeLedger([row], 'xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS]);
    expect(sheet.getRow(2).getCell(1).value).toBe('007');
    expect(sheet.getRow(2).getCell(6).value).toBe('2025-01-06');
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('@');
  });

  it('lays the sheet out: headers fit, long text wrapped in taller rows, the header on every page, page numbers', async () => {
    const request = '请公开2024年度本机关关于某路段改造工程的立项批复、可行性研究报告、环境影响评价文件及其批复、招标投标文件和合同';
    const row = { ...rowsOf(await read(csv([BASE])))[0]!, request };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeLedger([row], 'xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    LEDGER_COLUMNS.forEach((label, i) => {
      // a Chinese character takes two units
      expect(sheet.getColumn(i + 1).width, label).toBeGreaterThanOrEqual([...label].length * 2);
    });
    const cell = sheet.getRow(2).getCell(LEDGER_COLUMNS.indexOf('申请内容') + 1);
    expect(cell.value).toBe(request);
    expect(cell.alignment?.wrapText).toBe(true);
    const width = sheet.getColumn(Number(cell.col)).width ?? 0;
    const lines = Math.ceil(([...request].length * 2) / width);
    expect(lines).toBeGreaterThan(1);
    expect(sheet.getRow(2).height).toBeGreaterThanOrEqual(lines * 11 * 1.25);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', orientation: 'landscape' });
    expect(sheet.headerFooter).toMatchObject({ oddHeader: '&C依申请公开台账', oddFooter: '&C第 &P 页 共 &N 页' });
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips

/** Characters of names and requests: Chinese, ASCII, CSV's specials, quotes of both widths, formula starts. */
const CHARS = [...'申请公开政府信息某局张三李四（）、，。：“”＂abcXYZ0129 ,"\'=+-@\n\t#'];
const text = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 30 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s !== '');

const DAY0 = Date.UTC(2015, 0, 1) / 86_400_000;
const TODAY_DAY = Date.UTC(2025, 5, 30) / 86_400_000;
const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const residentId = fc
  .tuple(digits(6), fc.integer({ min: DAY0 - 30_000, max: TODAY_DAY }), digits(3))
  .map(([area, birth, seq]) => {
    const first17 = area + iso(birth).replace(/-/gu, '') + seq;
    return first17 + residentIdCheckChar(first17);
  });
const USCC_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const uscc = fc.array(fc.constantFrom(...USCC_CHARS), { minLength: 17, maxLength: 17 }).map((cs) => cs.join('') + usccCheckChar(cs.join('')));

/** A valid row: dates in order, none after today; 答复日期 and 办理结果 together. */
const validRow = fc
  .record({
    number: text,
    applicantType: fc.constantFrom(...APPLICANT_TYPES),
    applicantName: text,
    hasId: fc.boolean(),
    residentId,
    uscc,
    channel: fc.constantFrom(...CHANNELS),
    received: fc.integer({ min: DAY0, max: TODAY_DAY }),
    request: text,
    steps: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 }),
    has: fc.record({ correction: fc.boolean(), corrected: fc.boolean(), extension: fc.boolean(), reply: fc.boolean() }),
    outcome: fc.constantFrom(...OUTCOME_ROWS),
  })
  .map((r): Omit<LedgerRow, 'line'> => {
    const at = (day: number): string => iso(Math.min(day, TODAY_DAY));
    const [a = 0, b = 0, c = 0, d = 0] = r.steps;
    const correctionRequested = r.received + a;
    const correctionReceived = correctionRequested + b;
    const idKind = r.hasId ? (r.applicantType === 'natural_person' ? 'resident_id' : 'uscc') : null;
    return {
      number: r.number,
      applicantType: r.applicantType,
      applicantName: r.applicantName,
      idKind,
      idNumber: idKind === null ? null : idKind === 'resident_id' ? r.residentId : r.uscc,
      channel: r.channel,
      receivedOn: iso(r.received),
      request: r.request,
      correctionRequestedOn: r.has.correction ? at(correctionRequested) : null,
      correctionReceivedOn: r.has.correction && r.has.corrected ? at(correctionReceived) : null,
      extensionNoticeOn: r.has.extension ? at(r.received + c) : null,
      repliedOn: r.has.reply ? at((r.has.correction && r.has.corrected ? correctionReceived : r.received) + d) : null,
      outcomeRow: r.has.reply ? r.outcome : null,
    };
  });

const ledger = fc
  .uniqueArray(validRow, { minLength: 0, maxLength: 12, selector: (r) => r.number })
  .map((rows) => rows.map((r, i): LedgerRow => ({ line: i + 2, ...r })));

describe('round trips', () => {
  it('CSV: writeLedger then readLedger gives the rows back', async () => {
    await fc.assert(
      fc.asyncProperty(ledger, async (rows) => {
        const bytes = await writeLedger(rows, 'csv');
        expect(rowsOf(await read(bytes, 'out.csv'))).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });

  it('XLSX: writeLedger then readLedger gives the rows back', async () => {
    await fc.assert(
      fc.asyncProperty(ledger, async (rows) => {
        const bytes = await writeLedger(rows, 'xlsx');
        expect(rowsOf(await read(bytes, 'out.xlsx'))).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });

  it('CSV is UTF-8 with a BOM and CRLF; a value Excel would run as a formula gets an apostrophe', async () => {
    const row = { ...rowsOf(await read(csv([BASE])))[0]!, applicantName: '=HYPERLINK("x")', request: '第一行\n第二行，含"引号"' };
    const bytes = await writeLedger([row], 'csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toBe(
      '\uFEFF' +
        `${LEDGER_COLUMNS.join(',')}\r\n` +
        `A-1,自然人,"'=HYPERLINK(""x"")",11010519491231002X,在线,2025-01-06,"第一行\n第二行，含""引号""",,,,2025-01-20,予以公开\r\n`,
    );
    expect(rowsOf(await read(bytes))).toEqual([row]);
  });

  it('the CSV reader takes back what the CSV writer quotes (fields with commas, quotes, line breaks)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '中') }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        const quoted = (v: string): string => `"${v.replace(/"/gu, '""')}"`;
        const text = records.map((r) => r.map(quoted).join(',')).join('\r\n');
        const parsed = parseCsv(text, 1000);
        expect(parsed).toEqual({ ok: true, records });
      }),
    );
  });
});
