// The exchange files of the records behind table 二 and table 四 (`gongkai records import|export`, the
// staff page's import): CSV (UTF-8/GBK) or XLSX with Chinese headers, read by domain/tabular/table-file.ts.
//   counts: 年度, 类别 (行政许可/行政处罚/行政强制/行政事业性收费), 数量 (decisions), 金额（万元） (fees), 说明
//   cases:  案号, 类型 (行政复议/未经复议直接起诉/复议后起诉), 关联申请编号, 收到日期, 结案日期, 结果
//           (维持/纠正/其他/尚未审结), 结果说明 (the detail: 撤销, 驳回诉讼请求 …), 受理机关, 关联复议案号, 备注
// Each row is checked here on its own (the rules of inputs.ts), every problem reported by row and column;
// what needs the agency's records (application numbers, existing 案号) is checked by the import service.
// Pure.

import type { DomainError } from '../applications/types.ts';
import type { ImportError, TableFileRow, TableFileSpec } from '../tabular/table-file.ts';
import { caseNumberOf, checkCase, checkValue, checkYear } from './inputs.ts';
import type { CaseFields, CountFields } from './inputs.ts';
import { CASE_TYPE_LABELS, COUNT_KIND_LABELS, countKindOf, DEFAULT_RESULT, groupOfResult, RESULT_GROUP, RESULT_GROUP_LABELS, resultGroupOf, resultLabel, resultOf } from './vocab.ts';
import type { CaseResult, TableFourSettings } from './vocab.ts';

export const RECORD_KINDS = ['counts', 'cases'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_FILE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 50_000 } as const;

export const COUNT_COLUMNS = ['年度', '类别', '数量', '金额（万元）', '说明'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

export const CASE_COLUMNS = ['案号', '类型', '关联申请编号', '收到日期', '结案日期', '结果', '结果说明', '受理机关', '关联复议案号', '备注'] as const;
export type CaseColumn = (typeof CASE_COLUMNS)[number];

export const COUNTS_FILE: TableFileSpec<CountColumn> = {
  columns: COUNT_COLUMNS,
  required: ['年度', '类别'],
  multilineColumns: ['说明'],
  aliases: { 数量: ['处理决定数量', '本年处理决定数量'], '金额（万元）': ['金额', '收费金额（万元）', '本年收费金额（万元）', '本年收费金额（单位：万元）'], 说明: ['备注'] },
  maxBytes: RECORD_FILE_LIMITS.maxBytes,
  maxRows: RECORD_FILE_LIMITS.maxRows,
  words: { file: '年报数据文件', sheet: '数据', onlyHeader: '文件中只有表头，没有要导入的数字；从第2行起每行一个年度的一个类别。' },
};

export const CASES_FILE: TableFileSpec<CaseColumn> = {
  columns: CASE_COLUMNS,
  required: ['案号', '类型', '收到日期', '结果'],
  dateColumns: ['收到日期', '结案日期'],
  multilineColumns: ['备注'],
  aliases: { 关联申请编号: ['申请编号'], 收到日期: ['收案日期'], 结果说明: ['结果明细'], 受理机关: ['受理机关（法院）', '受理机关/法院', '复议机关/法院'], 关联复议案号: ['复议案号'] },
  maxBytes: RECORD_FILE_LIMITS.maxBytes,
  maxRows: RECORD_FILE_LIMITS.maxRows,
  words: { file: '案件文件', sheet: '案件', onlyHeader: '文件中只有表头，没有要导入的案件；从第2行起每行一个案件。' },
};

export const RECORD_FILES = { counts: COUNTS_FILE, cases: CASES_FILE } as const;

export interface LinedCount extends CountFields {
  line: number;
}
export interface LinedCase extends CaseFields {
  line: number;
}

export type RowsChecked<T> = { ok: true; rows: T[] } | { ok: false; errors: ImportError[] };

const sortErrors = (errors: ImportError[], columns: readonly string[]): ImportError[] =>
  errors.sort((x, y) => x.line - y.line || columns.indexOf(x.column) - columns.indexOf(y.column));

/** Each row of a counts file checked: one figure per year and kind. */
export function checkCountRows(rows: readonly TableFileRow<CountColumn>[], today: string): RowsChecked<LinedCount> {
  const errors: ImportError[] = [];
  const out: LinedCount[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells: c } of rows) {
    const fail = (column: CountColumn, message: string) => errors.push({ line, column, message });
    const year = checkYear(c['年度'], today);
    if (!year.ok) fail('年度', year.error.message);
    const kind = countKindOf(c['类别']);
    if (kind === null) fail('类别', c['类别'] === '' ? `请填写类别：${Object.values(COUNT_KIND_LABELS).join('、')}之一。` : `类别“${c['类别']}”无效，应为${Object.values(COUNT_KIND_LABELS).join('、')}之一。`);
    if (c['说明'].length > 500) fail('说明', '说明最长500个字，请删减。');
    if (kind === null || !year.ok) continue;
    const fees = kind === 'fees';
    const own: CountColumn = fees ? '金额（万元）' : '数量';
    const other: CountColumn = fees ? '数量' : '金额（万元）';
    if (c[other] !== '') {
      fail(other, fees ? '行政事业性收费填在“金额（万元）”列，“数量”列请留空。' : `${COUNT_KIND_LABELS[kind]}的处理决定数量填在“数量”列，“金额（万元）”列只用于行政事业性收费，请留空。`);
      continue;
    }
    const value = checkValue(c[own], kind);
    if (!value.ok) {
      fail(own, value.error.message);
      continue;
    }
    const key = `${year.value}/${kind}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail('类别', `${year.value}年度的${COUNT_KIND_LABELS[kind]}与第${first}行重复；每个年度的每个类别只能有一行。`);
      continue;
    }
    seen.set(key, line);
    out.push({ line, year: year.value, kind, value: value.value, note: c['说明'].trim() });
  }
  return errors.length > 0 ? { ok: false, errors: sortErrors(errors, COUNT_COLUMNS) } : { ok: true, rows: out };
}

const CASE_FIELD_COLUMN: Record<string, CaseColumn> = {
  caseNumber: '案号',
  type: '类型',
  body: '受理机关',
  applicationNumber: '关联申请编号',
  receivedOn: '收到日期',
  concludedOn: '结案日期',
  result: '结果',
  notes: '备注',
  reconsiderationCaseNumber: '关联复议案号',
};

/** The detail a row's 结果 and 结果说明 give, or the problem (by column). */
function rowResult(group: string, detail: string): { ok: true; value: CaseResult | null } | { ok: false; column: CaseColumn; message: string } {
  if (group === '') return { ok: false, column: '结果', message: '请填写结果：维持、纠正、其他或尚未审结。' };
  const g = resultGroupOf(group);
  if (g === null) return { ok: false, column: '结果', message: `结果“${group}”无效，应为维持、纠正、其他或尚未审结之一；具体情形（如撤销、驳回起诉）写在“结果说明”列。` };
  if (g === 'pending') {
    if (detail !== '') return { ok: false, column: '结果说明', message: '结果为“尚未审结”，结果说明应留空；已结案的请填写结果和结案日期。' };
    return { ok: true, value: null };
  }
  if (detail === '') return { ok: true, value: DEFAULT_RESULT[g] };
  const d = resultOf(detail);
  if (d === null) return { ok: false, column: '结果说明', message: `结果说明“${detail}”无法识别，应为维持、驳回诉讼请求（驳回行政复议请求）、撤销、变更、确认违法、确认无效、责令履行、驳回起诉、终止、撤诉或其他。` };
  const fits = d === 'rejected' ? g !== 'corrected' : RESULT_GROUP[d] === g;
  if (!fits) {
    const belongs = d === 'rejected' ? '“维持”（或按本机关设置计入“其他”）' : `“${RESULT_GROUP_LABELS[RESULT_GROUP[d as Exclude<CaseResult, 'rejected'>]]}”`;
    return { ok: false, column: '结果说明', message: `结果说明“${detail}”属于${belongs}，与结果“${group}”不符；请改正其中之一。` };
  }
  return { ok: true, value: d };
}

/** Each row of a cases file checked on its own; 案号 unique within the file. */
export function checkCaseRows(rows: readonly TableFileRow<CaseColumn>[], today: string): RowsChecked<LinedCase> {
  const errors: ImportError[] = [];
  const out: LinedCase[] = [];
  // a 案号 twice in the file: the later rows are errors, whatever else they hold
  const first = new Map<string, number>();
  const duplicate = new Set<number>();
  for (const { line, cells: c } of rows) {
    const n = caseNumberOf(c['案号']);
    if (n === '') continue;
    const at = first.get(n);
    if (at === undefined) first.set(n, line);
    else {
      duplicate.add(line);
      errors.push({ line, column: '案号', message: `案号“${n}”与第${at}行重复；每个案件只能有一行。` });
    }
  }
  for (const { line, cells: c } of rows) {
    if (duplicate.has(line)) continue;
    const fail = (column: string, message: string) => errors.push({ line, column, message });
    const result = rowResult(c['结果'].trim(), c['结果说明'].trim());
    if (!result.ok) {
      fail(result.column, result.message);
      continue;
    }
    if (result.value === null && c['结案日期'] !== '') {
      fail('结案日期', `结果为“尚未审结”，结案日期应留空；已于${c['结案日期']}结案的，请填写结果（维持、纠正或其他）。`);
      continue;
    }
    const checked = checkCase(
      {
        caseNumber: c['案号'],
        type: c['类型'],
        body: c['受理机关'],
        applicationNumber: c['关联申请编号'],
        receivedOn: c['收到日期'],
        concludedOn: c['结案日期'],
        result: result.value ?? '',
        notes: c['备注'],
        reconsiderationCaseNumber: c['关联复议案号'],
      },
      today,
    );
    if (!checked.ok) {
      fail(columnOf(checked.error), checked.error.message);
      continue;
    }
    out.push({ line, ...checked.value });
  }
  return errors.length > 0 ? { ok: false, errors: sortErrors(errors, CASE_COLUMNS) } : { ok: true, rows: out };
}

export function columnOf(error: DomainError): CaseColumn | '' {
  return CASE_FIELD_COLUMN[error.field ?? ''] ?? '';
}

/** A counts row as written: 年度, 类别, 数量, 金额（万元）, 说明. */
export function countRow(c: Pick<CountFields, 'year' | 'kind' | 'value' | 'note'>): string[] {
  return [String(c.year), COUNT_KIND_LABELS[c.kind], c.kind === 'fees' ? '' : c.value, c.kind === 'fees' ? c.value : '', c.note];
}

/** A case row as written; 结果 by the agency's setting for 驳回 (either group reads back). */
export function caseRow(c: Omit<CaseFields, 'reconsiderationCaseNumber' | 'applicationNumber'> & { applicationNumber: string | null; reconsiderationCaseNumber: string | null }, settings: Pick<TableFourSettings, 'rejectionUpheld'>): string[] {
  const group = c.result === null ? '尚未审结' : RESULT_GROUP_LABELS[groupOfResult(c.result, settings)];
  return [
    c.caseNumber,
    CASE_TYPE_LABELS[c.type],
    c.applicationNumber ?? '',
    c.receivedOn,
    c.concludedOn ?? '',
    group,
    c.result === null ? '' : resultLabel(c.result, c.type),
    c.body,
    c.reconsiderationCaseNumber ?? '',
    c.notes,
  ];
}
