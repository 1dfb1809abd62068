// Recognising the labels of the official tables in the many spellings published reports use:
// full-width or half-width brackets and digits, spaces inside words, ordinal prefixes or none,
// typos (科研企业 for 科研机构, "本年(2023)制发件数"), partial labels where a copy was cut off.

/** Squeeze a cell's text for matching: NFKC (full-width → ASCII), no whitespace, plain quotes. */
export function squeeze(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”„‟"'‘’「」『』]/g, '')
    .replace(/[，,]/g, '、')
    .replace(/[：]/g, ':');
}

const ORDINAL = /^(?:[一二三四五六七八九十]{1,3}[、.．]|\([一二三四五六七八九十]{1,3}\)[、.．]?|[0-9]{1,2}[、.．](?![0-9])|\([0-9]{1,2}\)[、.．]?)/;

export type LabelKind = 'section' | 'item' | 'header' | 'row' | 'group' | 'ambiguous';

export interface Label {
  kind: LabelKind;
  /** section: 1–6; item: 1|5|6|8|9; header: a header word id; row: a row key; group: a group id */
  id: string;
  /** the squeezed text had an ordinal prefix (一、 （一） 1.) */
  ordinal: string | null;
}

interface LabelRule {
  kind: LabelKind;
  id: string;
  re: RegExp;
  /** the longest core (after the ordinal) that may still be this label: prose is longer */
  max: number;
}

// Order matters: the first rule that matches wins.
const RULES: LabelRule[] = [
  // sections of the report (domain.md §2.2), as cells in a table stream
  { kind: 'section', id: '1', re: /^总体情况/, max: 8 },
  { kind: 'section', id: '2', re: /^主动公开政府信息(?:的)?情况/, max: 14 },
  { kind: 'section', id: '3', re: /^收到(?:和|的|及)?处理.*申请/, max: 24 },
  { kind: 'section', id: '4', re: /复议.*诉讼.*情况$|^政府信息公开行政复议/, max: 26 },
  { kind: 'section', id: '5', re: /^存在的?主要问题/, max: 20 },
  { kind: 'section', id: '6', re: /^其他需要报告的事项/, max: 12 },
  // 二: sub-table markers 第二十条第（一）项 …
  { kind: 'item', id: 'item', re: /^第二十条第?\(?[一五六八九]\)?项/, max: 14 },
  // 二: header words
  { kind: 'header', id: 'infoContent', re: /^信息内容$/, max: 4 },
  { kind: 'header', id: 'issued2021', re: /^本年(?:\(\d{4}\))?(?:度)?制发(?:件数|数量)/, max: 14 },
  { kind: 'header', id: 'repealed2021', re: /^本年(?:\(\d{4}\))?(?:度)?废止(?:件数|数量)/, max: 14 },
  { kind: 'header', id: 'inForce2021', re: /^现行有效(?:件数|数量)/, max: 8 },
  { kind: 'header', id: 'decisions2021', re: /^本年(?:度)?处理决定数量/, max: 10 },
  { kind: 'header', id: 'fees2021', re: /收费金额/, max: 20 },
  { kind: 'header', id: 'made2019', re: /^本年新?制作数量/, max: 8 },
  { kind: 'header', id: 'published2019', re: /^本年新?公开数量/, max: 8 },
  { kind: 'header', id: 'total2019', re: /^对外公开总数量/, max: 8 },
  { kind: 'header', id: 'previous2019', re: /^上一?年(?:度)?项目数量/, max: 8 },
  { kind: 'header', id: 'change2019', re: /^本年增\/?减/, max: 8 },
  { kind: 'header', id: 'decisions2019', re: /^处理决定数量/, max: 7 },
  { kind: 'header', id: 'projects2019', re: /^采购项目数量/, max: 7 },
  { kind: 'header', id: 'amount2019', re: /^采购总金额/, max: 12 },
  // 二: rows
  { kind: 'row', id: 'regulations', re: /^规章$/, max: 2 },
  { kind: 'row', id: 'normativeDocuments', re: /^行政规范性文件$/, max: 7 },
  { kind: 'row', id: 'normativeDocuments2019', re: /^规范性文件$/, max: 5 },
  { kind: 'row', id: 'licensing', re: /^行政许可$/, max: 4 },
  { kind: 'row', id: 'otherServices', re: /^其他对外管理服务事项$/, max: 10 },
  { kind: 'row', id: 'punishment', re: /^行政处罚$/, max: 4 },
  { kind: 'row', id: 'enforcement', re: /^行政强制$/, max: 4 },
  { kind: 'row', id: 'fees', re: /^行政事业性收费$/, max: 7 },
  { kind: 'row', id: 'procurement', re: /^政府集中采购$/, max: 6 },
  // 三: header
  { kind: 'header', id: 'note', re: /勾稽关系/, max: 60 },
  { kind: 'header', id: 'applicant', re: /^申请人情况$/, max: 5 },
  { kind: 'header', id: 'naturalPerson', re: /^自然人$/, max: 3 },
  { kind: 'header', id: 'legalPerson', re: /^法人(?:或|和)?其他组织$/, max: 7 },
  { kind: 'header', id: 'commercial', re: /^商业企业$/, max: 4 },
  { kind: 'header', id: 'research', re: /^科研(?:机构|企业)$/, max: 4 },
  { kind: 'header', id: 'socialWelfare', re: /^社会公益(?:组织)?$/, max: 6 },
  { kind: 'header', id: 'legalService', re: /^法律服务(?:机构)?$/, max: 6 },
  { kind: 'header', id: 'fragment', re: /^(?:商业|企业|科研|机构|组织|社会公益|法律服务|法人或|其他组织|申请人|情况)$/, max: 4 },
  // 三: rows (keys of layout.ts APPLICATION_ROWS)
  { kind: 'row', id: 'newReceived', re: /^本年(?:度)?新收/, max: 20 },
  { kind: 'row', id: 'carriedOver', re: /^上年(?:度)?结转/, max: 20 },
  { kind: 'group', id: 'results', re: /^本年度?办理结果/, max: 8 },
  { kind: 'row', id: 'granted', re: /^予以公开$/, max: 4 },
  { kind: 'row', id: 'partlyGranted', re: /^部分公开/, max: 30 },
  { kind: 'group', id: 'denied', re: /^不予公开$/, max: 4 },
  { kind: 'row', id: 'stateSecret', re: /^(?:属于)?国家秘密$/, max: 6 },
  { kind: 'row', id: 'lawProhibited', re: /法律行政法规禁止公开$|^其他法律(?:、)?行政法规/, max: 14 },
  { kind: 'row', id: 'threeSecurityOneStability', re: /三安全一稳定/, max: 12 },
  { kind: 'row', id: 'thirdPartyRights', re: /第三方合法权益/, max: 10 },
  { kind: 'row', id: 'internalAffairs', re: /内部事务(?:信息)?$/, max: 10 },
  { kind: 'row', id: 'processInformation', re: /过程性/, max: 10 },
  { kind: 'row', id: 'enforcementFiles', re: /行政执法案卷/, max: 9 },
  { kind: 'row', id: 'administrativeQuery', re: /行政查询事项/, max: 9 },
  { kind: 'group', id: 'unable', re: /^无法提供$/, max: 4 },
  { kind: 'row', id: 'notHeld', re: /不掌握/, max: 14 },
  { kind: 'row', id: 'needsCreation', re: /另行制作/, max: 14 },
  { kind: 'row', id: 'stillUnclear', re: /仍不明确/, max: 14 },
  { kind: 'group', id: 'notProcessed', re: /^不予处理$/, max: 4 },
  { kind: 'row', id: 'petitionComplaint', re: /信访(?:、)?举报(?:、)?投诉/, max: 12 },
  { kind: 'row', id: 'duplicate', re: /^重复申请$/, max: 4 },
  { kind: 'row', id: 'publication', re: /公开出版物/, max: 10 },
  { kind: 'row', id: 'massRepeated', re: /大量反复申请/, max: 12 },
  { kind: 'row', id: 'confirmOrReissue', re: /确认或重新出具/, max: 20 },
  { kind: 'group', id: 'otherHandling', re: /^其他处理$/, max: 4 },
  { kind: 'row', id: 'noCorrection', re: /逾期不补正/, max: 40 },
  { kind: 'row', id: 'unpaidFee', re: /收费通知|缴纳费用/, max: 40 },
  { kind: 'row', id: 'carriedForward', re: /^结转下(?:一)?年度?(?:继续办理)?/, max: 10 },
  // 四: header (总计 and 其他 are ambiguous between 三 and 四: resolved by the table reader)
  { kind: 'header', id: 'reconsideration', re: /^行政复议$/, max: 4 },
  { kind: 'header', id: 'litigation', re: /^行政诉讼$/, max: 4 },
  { kind: 'header', id: 'upheld', re: /^结果维持$/, max: 4 },
  { kind: 'header', id: 'corrected', re: /^结果纠正$/, max: 4 },
  { kind: 'header', id: 'otherResult', re: /^其他结果$/, max: 4 },
  { kind: 'header', id: 'pending', re: /^尚未审结$/, max: 4 },
  { kind: 'header', id: 'direct', re: /^未经复议直接起诉$/, max: 8 },
  { kind: 'header', id: 'afterReconsideration', re: /^复议后起诉$/, max: 5 },
  { kind: 'header', id: 'reviewFragment', re: /^(?:结果|维持|纠正|其他结果|尚未|审结|未经复议|直接起诉|复议后|起诉)$/, max: 4 },
  { kind: 'ambiguous', id: 'total', re: /^总计$/, max: 2 },
  { kind: 'ambiguous', id: 'other', re: /^其他$/, max: 2 },
];

/**
 * Recognise a label in a cell's text, or null when it is not one. A cell holding a group and its row
 * ("（三）不予公开 1.属于国家秘密", "三、本年度办理结果 （一）予以公开") is the row.
 */
export function recognise(text: string): Label | null {
  // The same labels recur in every report: remember them (bounded, so memory stays flat).
  const known = memo.get(text);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const label = text.length > 200 ? null : recogniseUncached(text);
  memo.set(text, label);
  return label;
}

const MEMO_LIMIT = 20_000;
const memo = new Map<string, Label | null>();

function recogniseUncached(text: string): Label | null {
  const whole = recogniseOne(text);
  if (whole && whole.kind !== 'group') return whole;
  const parts = text.normalize('NFKC').split(INNER_ORDINAL).filter((p) => p.trim() !== '');
  if (parts.length < 2) return whole;
  const last = recogniseOne(parts[parts.length - 1] ?? '');
  return last && (last.kind === 'row' || last.kind === 'ambiguous') ? last : whole;
}

/** Where a second label starts inside a cell: before an ordinal that follows other text. */
const INNER_ORDINAL = /(?<=\S)\s*(?=\([一二三四五六七八九十]{1,2}\)|(?<![0-9])[0-9]{1,2}[.．、](?![0-9]))/u;

function recogniseOne(text: string): Label | null {
  const squeezed = squeeze(text);
  if (squeezed.length === 0 || squeezed.length > 80) return null;
  const m = ORDINAL.exec(squeezed);
  const ordinal = m ? m[0] : null;
  const core = (m ? squeezed.slice(m[0].length) : squeezed).replace(/^[、.:]+/, '');
  if (core.length === 0) return null;
  for (const rule of RULES) {
    if (core.length <= rule.max + 2 && rule.re.test(core)) return { kind: rule.kind, id: rule.id, ordinal };
  }
  return null;
}

/** The sub-table of 二 a row or marker belongs to: 1, 5, 6, 8 or 9. */
export function itemOf(squeezed: string): number | null {
  const m = /第二十条第?\(?([一五六八九])\)?项/.exec(squeezed);
  if (!m) return null;
  return { 一: 1, 五: 5, 六: 6, 八: 8, 九: 9 }[m[1] as '一' | '五' | '六' | '八' | '九'];
}

export const ROW_ITEM: Record<string, number> = {
  regulations: 1,
  normativeDocuments: 1,
  normativeDocuments2019: 1,
  licensing: 5,
  otherServices: 5,
  punishment: 6,
  enforcement: 6,
  fees: 8,
  procurement: 9,
};

/** Header words that show which format a sub-table of 二 is in. */
export const HEADER_FORMAT: Record<string, '2021' | '2019'> = {
  issued2021: '2021',
  repealed2021: '2021',
  inForce2021: '2021',
  decisions2021: '2021',
  fees2021: '2021',
  made2019: '2019',
  published2019: '2019',
  total2019: '2019',
  previous2019: '2019',
  change2019: '2019',
  decisions2019: '2019',
  projects2019: '2019',
  amount2019: '2019',
};

export const REVIEW_HEADERS = new Set([
  'reconsideration',
  'litigation',
  'upheld',
  'corrected',
  'otherResult',
  'pending',
  'direct',
  'afterReconsideration',
  'reviewFragment',
]);
