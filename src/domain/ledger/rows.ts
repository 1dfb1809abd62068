// The checks of a ledger's rows (台账): the header, then every row on its own — each problem described in
// Chinese with its line and column, what to fix and how — and the 编号 used twice. Rows come one at a time
// (LedgerRowsChecker), so a reader can check a file of 200,000 rows while reading it. Pure.

import { validateIdentity } from '../applications/identity.ts';
import { parseApplicantType, parseChannel, parseOutcomeDetail, parseOutcomeLabel } from '../applications/outcomes.ts';
import { APPLICANT_TYPE_LABELS } from '../applications/types.ts';
import type { IdKind, OutcomeRow } from '../applications/types.ts';
import { cellDate, cellIsEmpty, cellText, lostDigits } from './cells.ts';
import type { RawCell, RawRow } from './cells.ts';
import { LEDGER_COLUMNS } from './types.ts';
import type { LedgerColumn, LedgerError, LedgerRow } from './types.ts';

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

/**
 * The rows of a ledger checked one at a time, as they are read: the header first (it waits for the first
 * eleven rows: a header found lower down is named), then each row on its own, then, at the end, the 编号
 * used twice. Only each 编号 and its line are kept between rows.
 */
export class LedgerRowsChecker {
  readonly #today: string;
  /** the first rows, until the header is checked */
  #pending: RawRow[] | null = [];
  #checker: RowChecker | null = null;
  #headerErrors: LedgerError[] | null = null;
  #seen = 0;
  #rows: LedgerRow[] = [];
  readonly #errors: LedgerError[] = [];
  /** each 编号's first line; and every line of the 编号 used more than once */
  readonly #firstLine = new Map<string, number>();
  readonly #repeated = new Map<string, number[]>();

  constructor(today: string) {
    this.#today = today;
  }

  /** Rows pushed so far (the header and empty rows included). */
  get seen(): number {
    return this.#seen;
  }

  /** Rows checked and errors found since the last take() (a row waiting for the header is not yet counted). */
  get ready(): number {
    return this.#rows.length + this.#errors.length;
  }

  push(row: RawRow): void {
    this.#seen++;
    if (this.#pending !== null) {
      this.#pending.push(row);
      if (this.#pending.length === HEADER_WINDOW) this.#checkHeader();
      return;
    }
    this.#check(row);
  }

  /** The valid rows and the errors of the rows checked since the last take. */
  take(): { rows: LedgerRow[]; errors: LedgerError[] } {
    const taken = { rows: this.#rows, errors: this.#errors.splice(0) };
    this.#rows = [];
    return taken;
  }

  /**
   * After the last row (take() what is left after it): the header's problems, or an empty file — nothing else
   * counts then — or the errors of the 编号 used more than once.
   */
  finish(): { ok: true; errors: LedgerError[] } | { ok: false; errors: LedgerError[] } {
    if (this.#seen === 0) return { ok: false, errors: [{ line: 0, column: '', message: '文件中没有内容；第1行应为表头，从第2行起每行一件申请' }] };
    if (this.#pending !== null) this.#checkHeader();
    if (this.#headerErrors !== null) return { ok: false, errors: this.#headerErrors };
    const errors: LedgerError[] = [];
    for (const [number, lines] of this.#repeated) {
      for (const line of lines) {
        const others = lines.filter((l) => l !== line).map((l) => `第${l}行`);
        errors.push({ line, column: '编号', message: `编号“${number}”与${others.join('、')}重复；编号在本机关内不能重复，请修改其中一个` });
      }
    }
    return { ok: true, errors };
  }

  #checkHeader(): void {
    const rows = this.#pending ?? [];
    this.#pending = null;
    const header = checkHeader(rows);
    if (!header.ok) {
      this.#headerErrors = header.errors;
      return;
    }
    // a ledger repeats a handful of labels over and over
    const parsers: Parsers = { applicantType: memo(parseApplicantType), channel: memo(parseChannel), outcome: memo(parseOutcomeLabel) };
    this.#checker = new RowChecker(header.columns, this.#today, parsers, this.#errors);
    for (const row of rows) this.#check(row);
  }

  #check(row: RawRow): void {
    if (this.#checker === null || row.line === 1 || row.cells.every(cellIsEmpty)) return;
    const checked = this.#checker.check(row);
    if (checked.number !== '') {
      const first = this.#firstLine.get(checked.number);
      // (kept to the end: a copy, not a slice of the text the file was read in, which it would keep alive)
      if (first === undefined) this.#firstLine.set(detached(checked.number), row.line);
      else {
        const lines = this.#repeated.get(checked.number);
        if (lines === undefined) this.#repeated.set(detached(checked.number), [first, row.line]);
        else lines.push(row.line);
      }
    }
    if (checked.row !== null) this.#rows.push(checked.row);
  }
}

/**
 * A string of its own: a value cut from a larger text (a CSV piece, a worksheet's XML) is, in V8, a view that
 * keeps the whole text alive for as long as the value lives.
 */
function detached(text: string): string {
  return [...text].join('');
}

/** The header and the ten rows below it, where a header put too low is looked for. */
const HEADER_WINDOW = 11;

/** Errors in the order of the rows, and within a row in the order of the columns. */
export function sortErrors(errors: LedgerError[]): LedgerError[] {
  const order = (e: LedgerError): number => (LEDGER_COLUMNS as readonly string[]).indexOf(e.column);
  return errors.sort((x, y) => x.line - y.line || order(x) - order(y));
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

