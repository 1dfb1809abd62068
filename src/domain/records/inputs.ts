// The inputs of the records behind table 二 and table 四, one rule for every way in (the staff page, a
// CSV/XLSX file, the API): the shape with zod (types, lengths, control characters), then the meaning
// (years, dates not in the future, the result of a concluded case …) with Chinese refusals that say
// what is wrong and how to fix it. Pure: `today` is an argument.

import { z } from 'zod';
import type { DomainError, DomainResult } from '../applications/types.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import { plain, text } from '../text-rules.ts';
import { CASE_TYPE_LABELS, COUNT_KIND_LABELS, caseTypeOf, countKindOf, resultOf } from './vocab.ts';
import type { CaseResult, CaseType, CountKind } from './vocab.ts';

export const NOTE_MAX = 500;
export const CASE_NUMBER_MAX = 100;
export const CASE_NOTES_MAX = 2000;
/** the largest figure: 99,999,999 decisions, or 万元 below 100,000,000 (with up to 6 decimals: exact in a double) */
export const VALUE_LIMIT = 100_000_000;
export const FEE_DECIMALS = 6;

const fail = (code: string, message: string, field: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

// ---------------------------------------------------------------------------------------------
// Counts

/** A number, or a number written as text (forms, files): the text is what is checked, exactly. */
const numeral = (label: string, example: string, max: number) =>
  z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), plain(z.string({ message: `${label}应为数字，例如 ${example}` }).max(max, `${label}最长${max}个字符`), label));

export const countInput = z.object({
  year: numeral('年度', '2024', 10),
  kind: text('类别', 20),
  value: numeral('数量或金额', '12 或 0.35', 40),
  note: text('说明', NOTE_MAX, { multiline: true }).optional(),
});
export type CountInput = z.input<typeof countInput>;

export interface CountFields {
  year: number;
  kind: CountKind;
  /** the figure as an exact decimal string: '12', '0.35' (no exponent, no trailing zeros) */
  value: string;
  note: string;
}

/** A reporting year: four digits, from 2008 (the first 条例) to this year. */
export function checkYear(raw: number | string, today: string, field = 'year'): DomainResult<number> {
  const s = typeof raw === 'number' ? String(raw) : raw.trim();
  const thisYear = Number(today.slice(0, 4));
  if (!/^[0-9]{4}$/.test(s)) return fail('INVALID_YEAR', `年度“${s}”无效，请写四位数年份，例如 ${thisYear - 1}。`, field);
  const year = Number(s);
  if (year < 2008) return fail('INVALID_YEAR', `年度${year}早于2008年（《政府信息公开条例》施行之年），请核对。`, field);
  if (year > thisYear) return fail('INVALID_YEAR', `年度${year}还没有到，不能录入；请写${thisYear}年或以前的年度。`, field);
  return { ok: true, value: year };
}

/** A decimal as the report writes it, canonical: '007' → '7', '0.350' → '0.35', '3.0' → '3'. */
export function canonicalDecimal(text: string): string {
  const [whole = '', fraction = ''] = text.split('.');
  const w = whole.replace(/^0+(?=\d)/u, '');
  const f = fraction.replace(/0+$/u, '');
  return f === '' ? w : `${w}.${f}`;
}

/** The figure of a kind: a whole number of decisions, or 万元 with at most six decimals. */
export function checkValue(raw: number | string, kind: CountKind, field = 'value'): DomainResult<string> {
  const label = COUNT_KIND_LABELS[kind];
  const fees = kind === 'fees';
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail('INVALID_VALUE', `${label}的${fees ? '金额' : '数量'}不是有效数字。`, field);
    s = String(raw);
  } else {
    s = raw.normalize('NFKC').trim().replace(/[,，\s]/gu, '');
  }
  if (s === '') return fail('INVALID_VALUE', fees ? `请填写${label}的本年收费金额（单位：万元），例如 0.35。` : `请填写${label}的本年处理决定数量（件），例如 12；没有的填 0。`, field);
  if (s.startsWith('-')) return fail('INVALID_VALUE', `${label}的${fees ? '金额' : '数量'}不能为负数。`, field);
  if (fees) {
    if (!/^[0-9]+(\.[0-9]+)?$/.test(s)) return fail('INVALID_VALUE', `${label}的金额“${s}”不是有效数字；单位为万元，请只写数字，例如 3500 元写 0.35。`, field);
    const fraction = s.split('.')[1] ?? '';
    if (fraction.replace(/0+$/u, '').length > FEE_DECIMALS) return fail('INVALID_VALUE', `${label}的金额“${s}”小数位过多；单位为万元，最多保留${FEE_DECIMALS}位小数（精确到分）。`, field);
  } else if (!/^[0-9]+$/.test(s)) {
    return fail('INVALID_VALUE', /^[0-9]+\.[0-9]+$/.test(s) ? `${label}的处理决定数量应为整数（件），“${s}”不是整数。` : `${label}的处理决定数量“${s}”不是有效数字，请只写整数，例如 12。`, field);
  }
  const value = canonicalDecimal(s);
  if (Number(value) >= VALUE_LIMIT) return fail('INVALID_VALUE', fees ? `${label}的金额${value}万元过大（应小于1亿万元），请核对单位是否为万元。` : `${label}的数量${value}过大，请核对。`, field);
  return { ok: true, value };
}

/** A count as entered anywhere: its year, kind, figure and note, checked. */
export function checkCount(input: unknown, today: string): DomainResult<CountFields> {
  const parsed = countInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('INVALID_INPUT', issue?.message ?? '输入无效', issue?.path.join('.') ?? '');
  }
  const year = checkYear(parsed.data.year, today);
  if (!year.ok) return year;
  if (parsed.data.kind.trim() === '') return fail('INVALID_KIND', `请选择类别：${Object.values(COUNT_KIND_LABELS).join('、')}之一。`, 'kind');
  const kind = countKindOf(parsed.data.kind);
  if (kind === null) return fail('INVALID_KIND', `类别“${parsed.data.kind}”无效，应为${Object.values(COUNT_KIND_LABELS).join('、')}之一。`, 'kind');
  const value = checkValue(parsed.data.value, kind);
  if (!value.ok) return value;
  return { ok: true, value: { year: year.value, kind, value: value.value, note: (parsed.data.note ?? '').trim() } };
}

// ---------------------------------------------------------------------------------------------
// Cases

const optionalText = (label: string, max: number, options: { multiline?: boolean } = {}) => text(label, max, options).optional();

export const caseInput = z.object({
  caseNumber: text('案号', 400),
  type: text('类型', 40),
  body: optionalText('受理机关（法院）', 400),
  applicationNumber: optionalText('关联申请编号', 400),
  receivedOn: text('收到日期', 40),
  concludedOn: optionalText('结案日期', 40).nullable(),
  /** the result in detail: a code of RESULTS or its words (撤销, 驳回诉讼请求 …); empty or absent while pending */
  result: optionalText('结果', 40).nullable(),
  notes: optionalText('备注', CASE_NOTES_MAX * 2, { multiline: true }),
  reconsiderationCaseNumber: optionalText('关联复议案号', 400).nullable(),
});
export type CaseInput = z.input<typeof caseInput>;

export interface CaseFields {
  caseNumber: string;
  type: CaseType;
  body: string;
  /** the 申请编号 of the application it concerns ('' none) */
  applicationNumber: string;
  receivedOn: string;
  concludedOn: string | null;
  result: CaseResult | null;
  notes: string;
  /** a lawsuit after reconsideration: the 案号 of its reconsideration case ('' none recorded) */
  reconsiderationCaseNumber: string;
}

/** A 案号 as kept: NFKC (full-width digits and letters to ASCII), brackets （） as courts write them, spaces collapsed. */
export function caseNumberOf(text: string): string {
  return text.normalize('NFKC').replace(/\(/gu, '（').replace(/\)/gu, '）').replace(/\s+/gu, ' ').trim();
}

function checkDate(raw: string, label: string, field: string, today: string): DomainResult<string> {
  const s = raw.normalize('NFKC').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || parseIsoDate(s) === null) return fail('INVALID_DATE', `${label}“${s}”不是有效日期，请写成 YYYY-MM-DD，例如 2024-03-05。`, field);
  if (s > today) return fail('DATE_IN_FUTURE', `${label}${s}晚于今天（${today}），不能登记尚未发生的日期。`, field);
  return { ok: true, value: s };
}

/** A case as entered anywhere, checked on its own (the agency's records — 案号, application, linked 复议 — by the service). */
export function checkCase(input: unknown, today: string): DomainResult<CaseFields> {
  const parsed = caseInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('INVALID_INPUT', issue?.message ?? '输入无效', issue?.path.join('.') ?? '');
  }
  const v = parsed.data;
  const caseNumber = caseNumberOf(v.caseNumber);
  if (caseNumber === '') return fail('INVALID_INPUT', '请填写案号，例如“（2024）宁0502行初12号”或复议机关的受理编号。', 'caseNumber');
  if (caseNumber.length > CASE_NUMBER_MAX) return fail('INVALID_INPUT', `案号最长${CASE_NUMBER_MAX}个字，请核对。`, 'caseNumber');
  const type = caseTypeOf(v.type);
  if (type === null) return fail('INVALID_TYPE', `类型“${v.type.trim()}”无效，应为${Object.values(CASE_TYPE_LABELS).join('、')}之一。`, 'type');
  const body = (v.body ?? '').trim();
  if (body.length > 100) return fail('INVALID_INPUT', '受理机关（法院）最长100个字，请核对。', 'body');
  const applicationNumber = (v.applicationNumber ?? '').trim();
  if (applicationNumber.length > 64) return fail('INVALID_INPUT', '关联申请编号最长64个字，请核对。', 'applicationNumber');
  const received = checkDate(v.receivedOn, '收到日期', 'receivedOn', today);
  if (!received.ok) return received;
  let concludedOn: string | null = null;
  if ((v.concludedOn ?? '').trim() !== '') {
    const concluded = checkDate(v.concludedOn as string, '结案日期', 'concludedOn', today);
    if (!concluded.ok) return concluded;
    if (concluded.value < received.value) return fail('CONCLUDED_BEFORE_RECEIVED', `结案日期${concluded.value}早于收到日期${received.value}，请核对两个日期。`, 'concludedOn');
    concludedOn = concluded.value;
  }
  const resultText = (v.result ?? '').trim();
  let result: CaseResult | null = null;
  if (resultText !== '' && !['pending', '尚未审结', '未审结'].includes(resultText)) {
    result = resultOf(resultText);
    if (result === null) return fail('INVALID_RESULT', `结果“${resultText}”无效，应为维持、驳回诉讼请求（驳回行政复议请求）、撤销、变更、确认违法、确认无效、责令履行、驳回起诉、终止、撤诉或其他。`, 'result');
  }
  if (concludedOn !== null && result === null) return fail('RESULT_REQUIRED', `已填写结案日期${concludedOn}，请同时填写结果（如维持、撤销、驳回起诉）；尚未审结的案件不填结案日期。`, 'result');
  if (concludedOn === null && result !== null) return fail('CONCLUDED_ON_REQUIRED', '已填写结果，请同时填写结案日期；尚未审结的案件结果留空。', 'concludedOn');
  const notes = (v.notes ?? '').trim();
  if (notes.length > CASE_NOTES_MAX) return fail('INVALID_INPUT', `备注最长${CASE_NOTES_MAX}个字，请删减。`, 'notes');
  const reconsiderationCaseNumber = caseNumberOf(v.reconsiderationCaseNumber ?? '');
  if (reconsiderationCaseNumber !== '' && type !== 'litigation_after_reconsideration')
    return fail('RECONSIDERATION_LINK_NOT_ALLOWED', `只有“复议后起诉”的案件才关联复议案号；本案类型为“${CASE_TYPE_LABELS[type]}”，请清空关联复议案号或改正类型。`, 'reconsiderationCaseNumber');
  if (reconsiderationCaseNumber === caseNumber) return fail('RECONSIDERATION_LINK_SELF', '关联复议案号不能是本案自己的案号。', 'reconsiderationCaseNumber');
  return { ok: true, value: { caseNumber, type, body, applicationNumber, receivedOn: received.value, concludedOn, result, notes, reconsiderationCaseNumber } };
}
