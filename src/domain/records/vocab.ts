// The words of the records behind table 二 (第二十条第（五）（六）（八）项) and table 四 (行政复议, 行政诉讼):
// the kinds of counts, the types of cases and their results in detail, with their Chinese labels and
// the words accepted for them in files. Pure.

/** 行政许可, 行政处罚, 行政强制 (本年处理决定数量) and 行政事业性收费 (本年收费金额（万元）). */
export const COUNT_KINDS = ['licensing', 'punishment', 'enforcement', 'fees'] as const;
export type CountKind = (typeof COUNT_KINDS)[number];

export const COUNT_KIND_LABELS: Record<CountKind, string> = {
  licensing: '行政许可',
  punishment: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
};

/** The item of 第二十条 each kind is reported under, and what its cell counts. */
export const COUNT_KIND_ITEMS: Record<CountKind, { item: string; measure: string }> = {
  licensing: { item: '第二十条第（五）项', measure: '本年处理决定数量（件）' },
  punishment: { item: '第二十条第（六）项', measure: '本年处理决定数量（件）' },
  enforcement: { item: '第二十条第（六）项', measure: '本年处理决定数量（件）' },
  fees: { item: '第二十条第（八）项', measure: '本年收费金额（万元）' },
};

/** Where an entry came from. */
export const SOURCES = ['page', 'import', 'api'] as const;
export type RecordSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<RecordSource, string> = { page: '页面录入', import: '文件导入', api: '接口推送' };

/** 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉: the three groups of table 四. */
export const CASE_TYPES = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  reconsideration: '行政复议',
  litigation_direct: '未经复议直接起诉',
  litigation_after_reconsideration: '复议后起诉',
};

/** Table 四's result columns (总计 is their sum). */
export const RESULT_GROUPS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type ResultGroup = (typeof RESULT_GROUPS)[number];
export const RESULT_GROUP_LABELS: Record<ResultGroup, string> = { upheld: '维持', corrected: '纠正', other: '其他', pending: '尚未审结' };

/**
 * A concluded case's result in detail. 'rejected' (判决驳回原告诉讼请求, 驳回行政复议请求 — 行政复议法
 * 第六十九条) counts as 维持 or as 其他 by the agency's setting; every other detail has one group.
 */
export const RESULTS = [
  'upheld',
  'rejected',
  'revoked',
  'altered',
  'confirmed_illegal',
  'confirmed_invalid',
  'ordered',
  'corrected',
  'suit_dismissed',
  'terminated',
  'withdrawn',
  'other',
] as const;
export type CaseResult = (typeof RESULTS)[number];

/** The group of each detail; 'rejected' by the setting. */
export const RESULT_GROUP: Record<Exclude<CaseResult, 'rejected'>, Exclude<ResultGroup, 'pending'>> = {
  upheld: 'upheld',
  revoked: 'corrected',
  altered: 'corrected',
  confirmed_illegal: 'corrected',
  confirmed_invalid: 'corrected',
  ordered: 'corrected',
  corrected: 'corrected',
  suit_dismissed: 'other',
  terminated: 'other',
  withdrawn: 'other',
  other: 'other',
};

/** A detail's label; 'rejected' and 'withdrawn' are worded by the type of the case. */
export function resultLabel(result: CaseResult, type?: CaseType): string {
  const review = type === 'reconsideration';
  switch (result) {
    case 'upheld':
      return '维持';
    case 'rejected':
      return type === undefined ? '驳回诉讼请求（驳回行政复议请求）' : review ? '驳回行政复议请求' : '判决驳回原告诉讼请求';
    case 'revoked':
      return '撤销';
    case 'altered':
      return '变更';
    case 'confirmed_illegal':
      return '确认违法';
    case 'confirmed_invalid':
      return '确认无效';
    case 'ordered':
      return '责令履行';
    case 'corrected':
      return '其他纠正';
    case 'suit_dismissed':
      return '驳回起诉';
    case 'terminated':
      return review ? '终止行政复议' : '终止诉讼';
    case 'withdrawn':
      return type === undefined ? '撤诉（撤回行政复议申请）' : review ? '撤回行政复议申请' : '撤诉';
    case 'other':
      return '其他';
  }
}

/** The words a file may write for a detail (结果说明), after NFKC and without spaces. */
const RESULT_WORDS: [CaseResult, readonly string[]][] = [
  ['upheld', ['维持', '决定维持', '判决维持']],
  ['rejected', ['驳回', '驳回请求', '驳回诉讼请求', '判决驳回原告诉讼请求', '驳回原告诉讼请求', '判决驳回诉讼请求', '驳回行政复议请求', '驳回复议请求', '决定驳回行政复议请求']],
  ['revoked', ['撤销', '部分撤销', '撤销或部分撤销', '撤销或者部分撤销', '决定撤销', '判决撤销']],
  ['altered', ['变更', '决定变更', '判决变更']],
  ['confirmed_illegal', ['确认违法', '确认违法判决', '决定确认违法']],
  ['confirmed_invalid', ['确认无效']],
  ['ordered', ['责令履行', '责令履行法定职责', '判决履行', '判决履行法定职责', '责令限期履行', '责令重新作出', '判决重新作出', '责令重作']],
  ['corrected', ['纠正', '其他纠正']],
  ['suit_dismissed', ['驳回起诉', '裁定驳回起诉', '不予受理']],
  ['terminated', ['终止', '终止审理', '终止诉讼', '终止行政复议', '终止复议']],
  ['withdrawn', ['撤诉', '撤回起诉', '准予撤诉', '撤回申请', '撤回行政复议申请', '撤回复议申请']],
  ['other', ['其他']],
];
const RESULT_BY_WORD = new Map<string, CaseResult>(RESULT_WORDS.flatMap(([r, words]) => words.map((w) => [w, r] as [string, CaseResult])));

const TYPE_WORDS: [CaseType, readonly string[]][] = [
  ['reconsideration', ['行政复议', '复议']],
  ['litigation_direct', ['未经复议直接起诉', '直接起诉', '行政诉讼（未经复议直接起诉）', '行政诉讼未经复议直接起诉', '未经复议']],
  ['litigation_after_reconsideration', ['复议后起诉', '行政诉讼（复议后起诉）', '行政诉讼复议后起诉', '经复议后起诉']],
];
const TYPE_BY_WORD = new Map<string, CaseType>(TYPE_WORDS.flatMap(([t, words]) => words.map((w) => [w, t] as [string, CaseType])));

const GROUP_BY_WORD = new Map<string, ResultGroup>([
  ['维持', 'upheld'],
  ['结果维持', 'upheld'],
  ['纠正', 'corrected'],
  ['结果纠正', 'corrected'],
  ['其他', 'other'],
  ['其他结果', 'other'],
  ['尚未审结', 'pending'],
  ['未审结', 'pending'],
  ['未结', 'pending'],
]);

const KIND_BY_WORD = new Map<string, CountKind>([
  ...COUNT_KINDS.map((k) => [COUNT_KIND_LABELS[k], k] as [string, CountKind]),
  ['行政收费', 'fees'],
  ['收费', 'fees'],
]);

/** A word as the lookups take it: NFKC (full-width letters, brackets), no spaces. */
export const normalWord = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');

export const countKindOf = (text: string): CountKind | null => KIND_BY_WORD.get(normalWord(text)) ?? ((COUNT_KINDS as readonly string[]).includes(text.trim()) ? (text.trim() as CountKind) : null);
export const caseTypeOf = (text: string): CaseType | null => TYPE_BY_WORD.get(normalWord(text)) ?? ((CASE_TYPES as readonly string[]).includes(text.trim()) ? (text.trim() as CaseType) : null);
export const resultOf = (text: string): CaseResult | null => RESULT_BY_WORD.get(normalWord(text)) ?? ((RESULTS as readonly string[]).includes(text.trim()) ? (text.trim() as CaseResult) : null);
export const resultGroupOf = (text: string): ResultGroup | null => GROUP_BY_WORD.get(normalWord(text)) ?? ((RESULT_GROUPS as readonly string[]).includes(text.trim()) ? (text.trim() as ResultGroup) : null);

/** The detail a group stands for when a file gives no 结果说明. */
export const DEFAULT_RESULT: Record<Exclude<ResultGroup, 'pending'>, CaseResult> = { upheld: 'upheld', corrected: 'corrected', other: 'other' };

/** The table-四 settings of an agency (both UNCONFIRMED practice, plan-notes "#12 table 四 results"). */
export interface TableFourSettings {
  /**
   * 'received' (default): a case counts in the year it was received, with its result as of 12-31 of that
   * year (concluded later: 尚未审结 there), and never again. 'concluded': in the year it concluded, and as
   * 尚未审结 in every year it is pending at 12-31.
   */
  countYear: 'received' | 'concluded';
  /** 驳回诉讼请求 / 驳回行政复议请求 count as 维持 (default) — else as 其他 */
  rejectionUpheld: boolean;
}

export const DEFAULT_TABLE_FOUR_SETTINGS: TableFourSettings = { countYear: 'received', rejectionUpheld: true };

/** The group a concluded result counts in, under the settings. */
export function groupOfResult(result: CaseResult, settings: Pick<TableFourSettings, 'rejectionUpheld'>): Exclude<ResultGroup, 'pending'> {
  if (result === 'rejected') return settings.rejectionUpheld ? 'upheld' : 'other';
  return RESULT_GROUP[result];
}

/** The details a group may hold (with 'rejected' in both 维持 and 其他: the setting decides). */
export function resultsOfGroup(group: Exclude<ResultGroup, 'pending'>): CaseResult[] {
  return RESULTS.filter((r) => (r === 'rejected' ? group !== 'corrected' : RESULT_GROUP[r] === group));
}
