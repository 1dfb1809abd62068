// The official layout of the report's tables, as data: every row and column with its Chinese label
// and the place of its cell in the model. One description drives the parser, the checks and every
// renderer, so a label is written once.
// Sources: 国办公开办函〔2021〕30号 (domain.md §2.3–2.5) and the 2019 trial format (§2.7).

import type { AnnualReport, Cell } from './model.ts';

/** A path into AnnualReport: property names and array indexes. */
export type Path = readonly (string | number)[];

export function pathToString(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

export function getAt(report: unknown, path: Path): unknown {
  let cur: unknown = report;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** Sets a value, creating nothing: the containers must exist (emptyReport / emptyTrial2019 build them). */
export function setAt(report: unknown, path: Path, value: unknown): void {
  let cur: unknown = report;
  for (let i = 0; i < path.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string | number, unknown>)[path[i] as string | number];
  }
  if (cur !== null && typeof cur === 'object') (cur as Record<string | number, unknown>)[path[path.length - 1] as string | number] = value;
}

// ---------------------------------------------------------------------------------------------
// 二、主动公开政府信息情况

export interface SubtableRow {
  /** the official row label, e.g. 行政规范性文件 */
  label: string;
  /** one path per data column; a string cell (采购总金额) is marked by `text` */
  cells: Path[];
}

export interface Subtable {
  /** 第二十条第（一）项 … */
  item: string;
  /** the header row, first cell 信息内容 */
  header: string[];
  rows: SubtableRow[];
  /** columns holding free text rather than numbers (2019 采购总金额) */
  textColumns?: number[];
}

const AD = ['activeDisclosure'] as const;
const TR = ['trial2019'] as const;

export const ACTIVE_DISCLOSURE_2021: Subtable[] = [
  {
    item: '第二十条第（一）项',
    header: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    rows: [
      { label: '规章', cells: [[...AD, 'regulations', 'issued'], [...AD, 'regulations', 'repealed'], [...AD, 'regulations', 'inForce']] },
      {
        label: '行政规范性文件',
        cells: [[...AD, 'normativeDocuments', 'issued'], [...AD, 'normativeDocuments', 'repealed'], [...AD, 'normativeDocuments', 'inForce']],
      },
    ],
  },
  { item: '第二十条第（五）项', header: ['信息内容', '本年处理决定数量'], rows: [{ label: '行政许可', cells: [[...AD, 'licensing']] }] },
  {
    item: '第二十条第（六）项',
    header: ['信息内容', '本年处理决定数量'],
    rows: [
      { label: '行政处罚', cells: [[...AD, 'punishment']] },
      { label: '行政强制', cells: [[...AD, 'enforcement']] },
    ],
  },
  {
    item: '第二十条第（八）项',
    header: ['信息内容', '本年收费金额（单位：万元）'],
    rows: [{ label: '行政事业性收费', cells: [[...AD, 'feesWanYuan']] }],
  },
];

export const ACTIVE_DISCLOSURE_2019: Subtable[] = [
  {
    item: '第二十条第（一）项',
    header: ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
    rows: [
      { label: '规章', cells: [[...AD, 'regulations', 'issued'], [...TR, 'regulationsPublished'], [...AD, 'regulations', 'inForce']] },
      {
        label: '规范性文件',
        cells: [[...AD, 'normativeDocuments', 'issued'], [...TR, 'normativeDocumentsPublished'], [...AD, 'normativeDocuments', 'inForce']],
      },
    ],
  },
  {
    item: '第二十条第（五）项',
    header: ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
    rows: [
      { label: '行政许可', cells: [[...TR, 'licensing', 'previousYear'], [...TR, 'licensing', 'change'], [...AD, 'licensing']] },
      {
        label: '其他对外管理服务事项',
        cells: [[...TR, 'otherServices', 'previousYear'], [...TR, 'otherServices', 'change'], [...TR, 'otherServices', 'decisions']],
      },
    ],
  },
  {
    item: '第二十条第（六）项',
    header: ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
    rows: [
      { label: '行政处罚', cells: [[...TR, 'punishment', 'previousYear'], [...TR, 'punishment', 'change'], [...AD, 'punishment']] },
      { label: '行政强制', cells: [[...TR, 'enforcement', 'previousYear'], [...TR, 'enforcement', 'change'], [...AD, 'enforcement']] },
    ],
  },
  {
    item: '第二十条第（八）项',
    header: ['信息内容', '上一年项目数量', '本年增/减'],
    rows: [{ label: '行政事业性收费', cells: [[...TR, 'fees', 'previousYear'], [...TR, 'fees', 'change']] }],
  },
  {
    item: '第二十条第（九）项',
    header: ['信息内容', '采购项目数量', '采购总金额'],
    rows: [{ label: '政府集中采购', cells: [[...TR, 'procurement', 'projects'], [...TR, 'procurement', 'amount']] }],
    textColumns: [1],
  },
];

/** Cells of the 2019 table that may be negative (本年增/减). */
export function isSignedPath(path: Path): boolean {
  return path[path.length - 1] === 'change';
}

// ---------------------------------------------------------------------------------------------
// 三、收到和处理政府信息公开申请情况

export const APPLICANT_COLUMN_LABELS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
export const APPLICANT_HEADER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const APPLICANT_HEADER_GROUP = '申请人情况';
export const LEGAL_PERSON_GROUP = '法人或其他组织';

export interface ApplicationRowSpec {
  /** stable key, the last element of the path */
  key: string;
  /** path of the row array */
  path: Path;
  /** the official label of the row itself, e.g. 1.属于国家秘密 */
  label: string;
  /** the group label above it, e.g. （三）不予公开, or 三、本年度办理结果 for （一）/（二）/（七） */
  group?: string;
  /** true for result rows (三、本年度办理结果), whose sum is （七）总计 */
  result?: boolean;
  /** present in the 2021 format only */
  only2021?: boolean;
}

const R = ['applications', 'rows'] as const;
const RESULTS = '三、本年度办理结果';

export const APPLICATION_ROWS: ApplicationRowSpec[] = [
  { key: 'newReceived', path: [...R, 'newReceived'], label: '一、本年新收政府信息公开申请数量' },
  { key: 'carriedOver', path: [...R, 'carriedOver'], label: '二、上年结转政府信息公开申请数量' },
  { key: 'granted', path: [...R, 'granted'], label: '（一）予以公开', group: RESULTS, result: true },
  {
    key: 'partlyGranted',
    path: [...R, 'partlyGranted'],
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    group: RESULTS,
    result: true,
  },
  { key: 'stateSecret', path: [...R, 'denied', 'stateSecret'], label: '1.属于国家秘密', group: '（三）不予公开', result: true },
  { key: 'lawProhibited', path: [...R, 'denied', 'lawProhibited'], label: '2.其他法律行政法规禁止公开', group: '（三）不予公开', result: true },
  {
    key: 'threeSecurityOneStability',
    path: [...R, 'denied', 'threeSecurityOneStability'],
    label: '3.危及“三安全一稳定”',
    group: '（三）不予公开',
    result: true,
  },
  { key: 'thirdPartyRights', path: [...R, 'denied', 'thirdPartyRights'], label: '4.保护第三方合法权益', group: '（三）不予公开', result: true },
  { key: 'internalAffairs', path: [...R, 'denied', 'internalAffairs'], label: '5.属于三类内部事务信息', group: '（三）不予公开', result: true },
  { key: 'processInformation', path: [...R, 'denied', 'processInformation'], label: '6.属于四类过程性信息', group: '（三）不予公开', result: true },
  { key: 'enforcementFiles', path: [...R, 'denied', 'enforcementFiles'], label: '7.属于行政执法案卷', group: '（三）不予公开', result: true },
  { key: 'administrativeQuery', path: [...R, 'denied', 'administrativeQuery'], label: '8.属于行政查询事项', group: '（三）不予公开', result: true },
  { key: 'notHeld', path: [...R, 'unableToProvide', 'notHeld'], label: '1.本机关不掌握相关政府信息', group: '（四）无法提供', result: true },
  { key: 'needsCreation', path: [...R, 'unableToProvide', 'needsCreation'], label: '2.没有现成信息需要另行制作', group: '（四）无法提供', result: true },
  { key: 'stillUnclear', path: [...R, 'unableToProvide', 'stillUnclear'], label: '3.补正后申请内容仍不明确', group: '（四）无法提供', result: true },
  { key: 'petitionComplaint', path: [...R, 'notProcessed', 'petitionComplaint'], label: '1.信访举报投诉类申请', group: '（五）不予处理', result: true },
  { key: 'duplicate', path: [...R, 'notProcessed', 'duplicate'], label: '2.重复申请', group: '（五）不予处理', result: true },
  { key: 'publication', path: [...R, 'notProcessed', 'publication'], label: '3.要求提供公开出版物', group: '（五）不予处理', result: true },
  { key: 'massRepeated', path: [...R, 'notProcessed', 'massRepeated'], label: '4.无正当理由大量反复申请', group: '（五）不予处理', result: true },
  {
    key: 'confirmOrReissue',
    path: [...R, 'notProcessed', 'confirmOrReissue'],
    label: '5.要求行政机关确认或重新出具已获取信息',
    group: '（五）不予处理',
    result: true,
  },
  {
    key: 'noCorrection',
    path: [...R, 'otherHandling', 'noCorrection'],
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    group: '（六）其他处理',
    result: true,
    only2021: true,
  },
  {
    key: 'unpaidFee',
    path: [...R, 'otherHandling', 'unpaidFee'],
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    group: '（六）其他处理',
    result: true,
    only2021: true,
  },
  { key: 'other', path: [...R, 'otherHandling', 'other'], label: '3.其他', group: '（六）其他处理', result: true },
  { key: 'totalHandled', path: [...R, 'totalHandled'], label: '（七）总计', group: RESULTS },
  { key: 'carriedForward', path: [...R, 'carriedForward'], label: '四、结转下年度继续办理' },
];

/** The rows of 三 in a format: the 2019 format has one （六）其他处理 row, labelled by its group. */
export function applicationRows(format: '2021' | '2019'): ApplicationRowSpec[] {
  if (format === '2021') return APPLICATION_ROWS;
  return APPLICATION_ROWS.filter((r) => !r.only2021).map((r) =>
    r.key === 'other' ? { ...r, label: '（六）其他处理', group: RESULTS } : r,
  );
}

export const RESULT_GROUP_LABEL = RESULTS;

// ---------------------------------------------------------------------------------------------
// 四、政府信息公开行政复议、行政诉讼情况

export const REVIEW_COLUMN_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

export interface ReviewGroupSpec {
  key: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';
  path: Path;
  /** 行政复议 | 行政诉讼 */
  label: string;
  /** 未经复议直接起诉 | 复议后起诉 */
  sublabel?: string;
}

export const REVIEW_GROUPS: ReviewGroupSpec[] = [
  { key: 'reconsideration', path: ['review', 'reconsideration'], label: '行政复议' },
  { key: 'litigationDirect', path: ['review', 'litigationDirect'], label: '行政诉讼', sublabel: '未经复议直接起诉' },
  { key: 'litigationAfterReconsideration', path: ['review', 'litigationAfterReconsideration'], label: '行政诉讼', sublabel: '复议后起诉' },
];

// ---------------------------------------------------------------------------------------------
// Sections and labels of cells

export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

export interface CellLabel {
  /** JSON path, e.g. applications.rows.denied.stateSecret[6] */
  path: string;
  /** the Chinese table (二/三/四) */
  table: string;
  /** the Chinese row label with its group, e.g. （三）不予公开 1.属于国家秘密 */
  row: string;
  /** the Chinese column label, e.g. 总计 */
  column: string;
}

export type CataloguedCell = CellLabel & { at: Path; text?: boolean; signed?: boolean };

const catalogues = new Map<string, readonly CataloguedCell[]>();
const catalogueIndexes = new Map<string, Map<string, CataloguedCell>>();

/** Every numeric or text cell of a format, with its Chinese labels, in reading order (built once). */
export function cellCatalogue(format: '2021' | '2019'): readonly CataloguedCell[] {
  let cells = catalogues.get(format);
  if (!cells) {
    cells = Object.freeze(buildCatalogue(format));
    catalogues.set(format, cells);
    catalogueIndexes.set(format, new Map(cells.map((c) => [c.path, c])));
  }
  return cells;
}

function catalogueIndex(format: '2021' | '2019'): Map<string, CataloguedCell> {
  cellCatalogue(format);
  return catalogueIndexes.get(format) ?? new Map();
}

function buildCatalogue(format: '2021' | '2019'): CataloguedCell[] {
  const out: CataloguedCell[] = [];
  const t2 = '二、主动公开政府信息情况';
  for (const sub of format === '2021' ? ACTIVE_DISCLOSURE_2021 : ACTIVE_DISCLOSURE_2019) {
    for (const row of sub.rows) {
      row.cells.forEach((at, i) => {
        out.push({
          at,
          path: pathToString(at),
          table: t2,
          row: `${sub.item} ${row.label}`,
          column: sub.header[i + 1] ?? '',
          ...(sub.textColumns?.includes(i) ? { text: true } : {}),
          ...(isSignedPath(at) ? { signed: true } : {}),
        });
      });
    }
  }
  const t3 = '三、收到和处理政府信息公开申请情况';
  for (const row of applicationRows(format)) {
    APPLICANT_COLUMN_LABELS.forEach((column, i) => {
      const at = [...row.path, i];
      out.push({ at, path: pathToString(at), table: t3, row: row.group ? `${row.group} ${row.label}` : row.label, column });
    });
  }
  const t4 = '四、政府信息公开行政复议、行政诉讼情况';
  for (const g of REVIEW_GROUPS) {
    REVIEW_COLUMN_LABELS.forEach((column, i) => {
      const at = [...g.path, i];
      out.push({ at, path: pathToString(at), table: t4, row: g.sublabel ? `${g.label} ${g.sublabel}` : g.label, column });
    });
  }
  return out;
}

/** The Chinese labels of one cell path (as produced by pathToString), or a fallback naming the path. */
export function labelOf(path: string, format: '2021' | '2019' = '2021'): CellLabel {
  const hit = catalogueIndex(format).get(path) ?? catalogueIndex(format === '2021' ? '2019' : '2021').get(path);
  if (hit) return { path: hit.path, table: hit.table, row: hit.row, column: hit.column };
  return { path, table: '', row: path, column: '' };
}

export function cellValue(report: AnnualReport, at: Path): Cell | string | undefined {
  return getAt(report, at) as Cell | string | undefined;
}
