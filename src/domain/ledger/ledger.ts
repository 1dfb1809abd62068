// The ledger (台账) of applications for disclosure that agencies keep in Excel: reading one (CSV in UTF-8
// or GBK/GB18030, or XLSX) with every row checked and every problem described in Chinese; writing one in
// the same format. All or nothing: rows come back only when there is no error at all.
// Pure: bytes in, values out; today's date is an argument.

import { validateIdentity } from '../applications/identity.ts';
import { NOT_RESPONSIBLE_LEDGER_LABEL, parseApplicantType, parseChannel, parseOutcomeDetail, parseOutcomeLabel, rowLabel } from '../applications/outcomes.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS } from '../applications/types.ts';
import type { ApplicantType, Channel, IdKind, Outcome, OutcomeRow } from '../applications/types.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import { decodeBytes } from '../report/input/decode.ts';
import { cellDate, cellIsEmpty, cellText, lostDigits } from './cells.ts';
import type { RawCell, RawRow } from './cells.ts';
import { parseCsv, writeCsv } from './csv.ts';
import { checkZipLimits } from '../zip/limits.ts';

/** The header of a ledger, in the order written; a file may order them otherwise and add columns. */
export const LEDGER_COLUMNS = [
  '编号',
  '申请人类型',
  '申请人',
  '证件号码',
  '渠道',
  '收到日期',
  '申请内容',
  '补正告知日期',
  '补正收到日期',
  '延期告知日期',
  '答复日期',
  '办理结果',
] as const;

export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

export interface LedgerRow {
  /** spreadsheet row number, the header is 1 */
  line: number;
  number: string;
  applicantType: ApplicantType;
  applicantName: string;
  idKind: IdKind | null;
  idNumber: string | null;
  channel: Channel;
  receivedOn: string;
  request: string;
  correctionRequestedOn: string | null;
  correctionReceivedOn: string | null;
  extensionNoticeOn: string | null;
  repliedOn: string | null;
  outcomeRow: OutcomeRow | null;
  /** where the row of table 三 holds more than one outcome and the ledger names which (第（五）项 in （四）1) */
  outcome?: Outcome;
}

export interface LedgerError {
  /** spreadsheet row number (the header is 1); 0: the file as a whole */
  line: number;
  /** the column concerned (one of LEDGER_COLUMNS); '' when none */
  column: string;
  /** in Chinese: what is wrong and how to fix it */
  message: string;
}

export type LedgerRead = { ok: true; rows: LedgerRow[] } | { ok: false; errors: LedgerError[] };

export const LEDGER_LIMITS = {
  /** the file */
  maxBytes: 50 * 1024 * 1024,
  /** rows after the header */
  maxRows: 200_000,
} as const;

// ---------------------------------------------------------------------------------------------
// Reading

export async function readLedger(bytes: Uint8Array, fileName: string, options: { today: string }): Promise<LedgerRead> {
  const { today } = options;
  if (parseIsoDate(today) === null) throw new RangeError(`readLedger: today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const fileError = (message: string): LedgerRead => ({ ok: false, errors: [{ line: 0, column: '', message }] });

  if (bytes.byteLength > LEDGER_LIMITS.maxBytes) {
    const mb = (bytes.byteLength / 1024 / 1024).toFixed(1);
    return fileError(`文件大小为${mb}MB，超过了${LEDGER_LIMITS.maxBytes / 1024 / 1024}MB的上限；请把台账分成几个文件分别导入`);
  }
  if (bytes.byteLength === 0) return fileError('文件是空的；请选择填写好的台账（CSV或XLSX文件）');

  let rows: RawRow[];
  const kind = fileKind(bytes, fileName);
  switch (kind) {
    case 'xls':
      return fileError('这是旧版Excel（.xls）文件或加密的Excel文件，无法读取；请在Excel中“另存为”Excel工作簿（.xlsx）或“CSV UTF-8（逗号分隔）”后再导入，加密的文件请先取消密码');
    case 'not_xlsx':
      return fileError('文件的扩展名是.xlsx，但内容不是Excel工作簿；请在Excel中重新保存为.xlsx后再导入');
    case 'xlsx': {
      // what it may inflate to: domain/zip/limits.ts (every part inflated, declared sizes not trusted)
      const limits = await checkZipLimits(bytes, 'xlsx');
      if (!limits.ok) {
        if (limits.error.code === 'FILE_TOO_COMPLEX') return fileError(limits.error.message);
        return fileError('文件已损坏或不完整，无法作为Excel工作簿（.xlsx）读取；请在Excel中重新保存后再导入');
      }
      const read = await (await import('./xlsx.ts')).readXlsxRows(bytes, LEDGER_LIMITS.maxRows + 1);
      if (!read.ok) {
        switch (read.problem) {
          case 'unreadable':
            return fileError(`无法读取该Excel文件（${read.detail}）；请在Excel中重新保存为.xlsx后再导入`);
          case 'no_sheet':
            return fileError('该Excel文件中没有工作表；请把台账放在第一个工作表中');
          case 'too_many_rows':
            return fileError(tooManyRows());
        }
      }
      rows = read.rows;
      break;
    }
    case 'csv': {
      const parsed = parseCsv(decodeBytes(bytes).text, LEDGER_LIMITS.maxRows + 1);
      if (!parsed.ok) {
        if (parsed.problem === 'too_many_records') return fileError(tooManyRows());
        return {
          ok: false,
          errors: [
            {
              line: parsed.line,
              column: '',
              message: `第${parsed.line}行有一个英文双引号（"）没有配对的结束引号，其后的内容都被当成了同一个单元格；请补上结束引号或删去多余的引号`,
            },
          ],
        };
      }
      rows = parsed.records.map((fields, i) => ({ line: i + 1, cells: fields.map(csvCell) }));
      break;
    }
  }
  return checkRows(rows, today);
}

function tooManyRows(): string {
  return `台账超过${LEDGER_LIMITS.maxRows}行，超过了一次导入的上限；请把台账分成几个文件分别导入`;
}

function fileKind(bytes: Uint8Array, fileName: string): 'xlsx' | 'xls' | 'not_xlsx' | 'csv' {
  const [a, b, c, d] = bytes;
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) return 'xlsx';
  // an OLE compound file: .xls, or an .xlsx protected by a password
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) return 'xls';
  const ext = /\.([a-z0-9]+)$/iu.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') return 'not_xlsx';
  return 'csv';
}

/**
 * A CSV field as a cell. writeLedger puts an apostrophe before a value beginning with = + - @ (so that
 * Excel shows it as text and never runs it as a formula); reading takes that apostrophe away.
 */
function csvCell(field: string): RawCell {
  const text = field.trim();
  return { kind: 'text', text: FORMULA_GUARDED.test(text) ? text.slice(1) : text };
}

const FORMULA_START = /^'*[=+\-@]/u;
const FORMULA_GUARDED = /^'+[=+\-@]/u;

/** The header cell as a column name: no spaces or line breaks, half-width, without a "*" for required. */
function headerName(cell: RawCell | undefined): string {
  return cellText(cell).normalize('NFKC').replace(/\s+/gu, '').replace(/^\*+/u, '');
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const listed = (names: readonly string[]): string => names.map((n) => `“${n}”`).join('、');

function checkHeader(rows: readonly RawRow[]): { ok: true; columns: Record<LedgerColumn, number> } | { ok: false; errors: LedgerError[] } {
  const header = rows[0];
  const found = new Map<string, number[]>();
  if (header?.line === 1) {
    header.cells.forEach((cell, i) => {
      const name = headerName(cell);
      if (name !== '') found.set(name, [...(found.get(name) ?? []), i]);
    });
  }
  const errors: LedgerError[] = [];
  const missing = LEDGER_COLUMNS.filter((c) => !found.has(c));
  const expected = `第1行应为表头，包含以下列名：${LEDGER_COLUMNS.join('、')}（列的顺序不限，其他列会被忽略）`;
  for (const column of missing) {
    errors.push({ line: 1, column, message: `表头缺少“${column}”列（共缺${missing.length}列：${listed(missing)}）；${expected}` });
  }
  for (const column of LEDGER_COLUMNS) {
    const at = found.get(column) ?? [];
    if (at.length > 1) {
      errors.push({
        line: 1,
        column,
        message: `表头中“${column}”出现了${at.length}次（第${at.map(columnLetter).join('、')}列），无法确定用哪一列；请删去多余的列或为其改名`,
      });
    }
  }
  if (missing.length > 0) {
    // a title above the header, or a file separated by tabs
    const below = rows.slice(1, 11).find((r) => LEDGER_COLUMNS.filter((c) => r.cells.some((cell) => headerName(cell) === c)).length >= 6);
    if (below !== undefined) {
      errors.push({ line: 1, column: '', message: `第${below.line}行看起来是表头，但表头必须在第1行；请删去表头上方的标题行或空行` });
    } else if (header !== undefined && header.cells.some((cell) => cellText(cell).includes('\t'))) {
      errors.push({ line: 1, column: '', message: '文件看起来是用制表符分隔的文本，不是逗号分隔的CSV；请在Excel中“另存为”CSV UTF-8（逗号分隔）或.xlsx后再导入' });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const columns = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c, found.get(c)?.[0] ?? -1])) as Record<LedgerColumn, number>;
  return { ok: true, columns };
}

function checkRows(rows: readonly RawRow[], today: string): LedgerRead {
  if (rows.length === 0) {
    return { ok: false, errors: [{ line: 0, column: '', message: '文件中没有内容；第1行应为表头，从第2行起每行一件申请' }] };
  }
  const header = checkHeader(rows);
  if (!header.ok) return { ok: false, errors: header.errors };
  const errors: LedgerError[] = [];
  const result: LedgerRow[] = [];
  const linesOfNumber = new Map<string, number[]>();
  // a ledger repeats a handful of labels over and over
  const parsers: Parsers = { applicantType: memo(parseApplicantType), channel: memo(parseChannel), outcome: memo(parseOutcomeLabel) };
  const checker = new RowChecker(header.columns, today, parsers, errors);
  for (const row of rows) {
    if (row.line === 1 || row.cells.every(cellIsEmpty)) continue;
    const checked = checker.check(row);
    if (checked.number !== '') {
      const lines = linesOfNumber.get(checked.number);
      if (lines === undefined) linesOfNumber.set(checked.number, [row.line]);
      else lines.push(row.line);
    }
    if (checked.row !== null) result.push(checked.row);
  }
  for (const [number, lines] of linesOfNumber) {
    if (lines.length < 2) continue;
    for (const line of lines) {
      const others = lines.filter((l) => l !== line).map((l) => `第${l}行`);
      errors.push({ line, column: '编号', message: `编号“${number}”与${others.join('、')}重复；编号在本机关内不能重复，请修改其中一个` });
    }
  }
  if (errors.length > 0) {
    const order = (e: LedgerError): number => (LEDGER_COLUMNS as readonly string[]).indexOf(e.column);
    errors.sort((x, y) => x.line - y.line || order(x) - order(y));
    return { ok: false, errors };
  }
  return { ok: true, rows: result };
}

interface Parsers {
  applicantType: typeof parseApplicantType;
  channel: typeof parseChannel;
  outcome: typeof parseOutcomeLabel;
}

function memo<T>(parse: (label: string) => T): (label: string) => T {
  const seen = new Map<string, T>();
  return (label) => {
    let value = seen.get(label);
    if (value === undefined) {
      value = parse(label);
      if (seen.size < 1000) seen.set(label, value);
    }
    return value;
  };
}

/** undefined: the cell holds something that is not a valid date (an error has been recorded) */
type DateCell = string | null | undefined;

const isDate = (d: DateCell): d is string => typeof d === 'string';

/** The checks of one row, each error recorded with the row's line (a class: no closures per row). */
class RowChecker {
  private cells: RawCell[] = [];
  private line = 0;
  private readonly columns: Record<LedgerColumn, number>;
  private readonly today: string;
  private readonly parsers: Parsers;
  private readonly errors: LedgerError[];

  constructor(columns: Record<LedgerColumn, number>, today: string, parsers: Parsers, errors: LedgerError[]) {
    this.columns = columns;
    this.today = today;
    this.parsers = parsers;
    this.errors = errors;
  }

  private raw(c: LedgerColumn): RawCell | undefined {
    return this.cells[this.columns[c]];
  }

  private text(c: LedgerColumn): string {
    return cellText(this.raw(c));
  }

  private present(c: LedgerColumn): boolean {
    return !cellIsEmpty(this.raw(c));
  }

  private fail(column: LedgerColumn, message: string): void {
    this.errors.push({ line: this.line, column, message });
  }

  private required(c: LedgerColumn, what: string): string {
    const t = this.text(c);
    if (t === '') this.fail(c, `${c}未填写；请填写${what}`);
    return t;
  }

  private date(c: LedgerColumn, isRequired: boolean, what: string): DateCell {
    const read = cellDate(this.raw(c));
    if (!read.ok) {
      this.fail(
        c,
        read.problem === 'malformed'
          ? `${c}“${read.shown}”不是日期；请按YYYY-MM-DD的格式填写${what}，例如2024-03-01`
          : `${c}“${read.shown}”不是真实存在的日期；请核对年、月、日（例如2月没有30日）`,
      );
      return undefined;
    }
    if (read.date === null) {
      if (isRequired) this.fail(c, `${c}未填写；请按YYYY-MM-DD的格式填写${what}`);
      return null;
    }
    if (read.date > this.today) this.fail(c, `${c}${read.date}晚于今天（${this.today}），不能填写将来的日期；请核对`);
    return read.date;
  }

  /** later ≥ earlier, compared only when both are valid dates */
  private notBefore(later: LedgerColumn, laterDate: DateCell, earlier: LedgerColumn, earlierDate: DateCell, why: string): void {
    if (!isDate(laterDate) || !isDate(earlierDate) || laterDate >= earlierDate) return;
    this.fail(later, `${later}（${laterDate}）早于${earlier}（${earlierDate}）；${why}，请核对这两个日期`);
  }

  check(row: RawRow): { number: string; row: LedgerRow | null } {
    this.cells = row.cells;
    this.line = row.line;
    const before = this.errors.length;

    const number = this.required('编号', '本机关给该申请登记的编号（在本机关内不能重复）');

    const applicantType = this.parsers.applicantType(this.text('申请人类型'));
    if (!applicantType.ok) this.fail('申请人类型', applicantType.error.message);

    const applicantName = this.required('申请人', '申请人的姓名或名称');

    let idKind: IdKind | null = null;
    let idNumber: string | null = null;
    const idText = this.text('证件号码');
    if (lostDigits(this.raw('证件号码'))) {
      this.fail('证件号码', `证件号码在Excel中被存成了数字（显示为${idText}），第16位以后的数字已经丢失；请把该列设为“文本”格式后重新填写号码`);
    } else if (idText !== '' && applicantType.ok) {
      idKind = applicantType.value === 'natural_person' ? 'resident_id' : 'uscc';
      const valid = validateIdentity(idKind, idText, this.today);
      if (valid.ok) idNumber = valid.value;
      else if (idKind === 'uscc') {
        this.fail('证件号码', `申请人类型为${APPLICANT_TYPE_LABELS[applicantType.value]}，证件号码应为统一社会信用代码：${valid.error.message}`);
      } else this.fail('证件号码', `申请人类型为自然人，证件号码应为居民身份证号码：${valid.error.message}`);
    }

    const channel = this.parsers.channel(this.text('渠道'));
    if (!channel.ok) this.fail('渠道', channel.error.message);

    const receivedOn = this.date('收到日期', true, '收到申请的日期');
    const request = this.required('申请内容', '所申请公开的政府信息的内容描述');
    const correctionRequestedOn = this.date('补正告知日期', false, '告知申请人补正的日期');
    const correctionReceivedOn = this.date('补正收到日期', false, '收到补正材料的日期');
    const extensionNoticeOn = this.date('延期告知日期', false, '告知申请人延期答复的日期');
    const repliedOn = this.date('答复日期', false, '答复的日期');

    const outcomeText = this.text('办理结果');
    let outcomeRow: OutcomeRow | null = null;
    if (outcomeText !== '') {
      const outcome = this.parsers.outcome(outcomeText);
      if (outcome.ok) outcomeRow = outcome.value;
      else this.fail('办理结果', outcome.error.message);
    }

    // what goes together
    if (this.present('答复日期') && outcomeText === '') {
      const empty = this.parsers.outcome('');
      const choices = empty.ok ? '办理结果未填写' : empty.error.message;
      this.fail('办理结果', `已填写答复日期，但${choices}；尚未答复的申请请不要填写答复日期`);
    }
    if (!this.present('答复日期') && outcomeText !== '') {
      this.fail('答复日期', `已填写办理结果“${outcomeText}”，但答复日期未填写；请按YYYY-MM-DD的格式填写答复日期，尚未答复的申请请不要填写办理结果`);
    }
    if (this.present('补正收到日期') && !this.present('补正告知日期')) {
      this.fail('补正告知日期', '已填写补正收到日期，但补正告知日期未填写；请按YYYY-MM-DD的格式填写告知申请人补正的日期');
    }

    // the order of the dates
    this.notBefore('补正告知日期', correctionRequestedOn, '收到日期', receivedOn, '告知补正应在收到申请之后');
    if (isDate(correctionRequestedOn)) {
      this.notBefore('补正收到日期', correctionReceivedOn, '补正告知日期', correctionRequestedOn, '补正材料应在告知补正之后收到');
    } else {
      this.notBefore('补正收到日期', correctionReceivedOn, '收到日期', receivedOn, '补正材料应在收到申请之后收到');
    }
    this.notBefore('延期告知日期', extensionNoticeOn, '收到日期', receivedOn, '延期告知应在收到申请之后');
    this.notBefore('答复日期', repliedOn, '收到日期', receivedOn, '答复应在收到申请之后');
    this.notBefore('答复日期', repliedOn, '补正收到日期', correctionReceivedOn, '答复应在收到补正材料之后');

    if (this.errors.length > before || !applicantType.ok || !channel.ok || !isDate(receivedOn)) return { number, row: null };
    return {
      number,
      row: {
        line: row.line,
        number,
        applicantType: applicantType.value,
        applicantName,
        idKind: idNumber === null ? null : idKind,
        idNumber,
        channel: channel.value,
        receivedOn,
        request,
        correctionRequestedOn: correctionRequestedOn ?? null,
        correctionReceivedOn: correctionReceivedOn ?? null,
        extensionNoticeOn: extensionNoticeOn ?? null,
        repliedOn: repliedOn ?? null,
        outcomeRow,
        ...(outcomeRow === 'notHeld' && parseOutcomeDetail(outcomeText) ? { outcome: parseOutcomeDetail(outcomeText) } : {}),
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Column widths of the .xlsx, in characters. */
const WIDTHS: Record<LedgerColumn, number> = {
  编号: 14,
  申请人类型: 12,
  申请人: 16,
  证件号码: 22,
  渠道: 8,
  收到日期: 12,
  申请内容: 40,
  补正告知日期: 14,
  补正收到日期: 14,
  延期告知日期: 14,
  答复日期: 12,
  办理结果: 24,
};

function rowCells(row: LedgerRow): string[] {
  return [
    row.number,
    APPLICANT_TYPE_LABELS[row.applicantType],
    row.applicantName,
    row.idNumber ?? '',
    CHANNEL_LABELS[row.channel],
    row.receivedOn,
    row.request,
    row.correctionRequestedOn ?? '',
    row.correctionReceivedOn ?? '',
    row.extensionNoticeOn ?? '',
    row.repliedOn ?? '',
    row.outcomeRow === null ? '' : row.outcome === 'NOT_RESPONSIBLE' ? NOT_RESPONSIBLE_LEDGER_LABEL : rowLabel(row.outcomeRow),
  ];
}

/**
 * The ledger in the format readLedger reads. CSV: UTF-8 with a BOM (so that Excel recognises it), CRLF,
 * quoted where needed, an apostrophe before a value that Excel would take for a formula. XLSX: one sheet,
 * the header in bold, every cell text (dates as YYYY-MM-DD, 编号 and 证件号码 never numbers).
 */
export async function writeLedger(rows: readonly LedgerRow[], format: 'csv' | 'xlsx'): Promise<Uint8Array> {
  const records = rows.map(rowCells);
  if (format === 'csv') {
    const guarded = records.map((r) => r.map((v) => (FORMULA_START.test(v) ? `'${v}` : v)));
    return new TextEncoder().encode('\uFEFF' + writeCsv([[...LEDGER_COLUMNS], ...guarded]));
  }
  return (await import('./xlsx.ts')).writeXlsx(LEDGER_COLUMNS, records, LEDGER_COLUMNS.map((c) => WIDTHS[c]));
}
