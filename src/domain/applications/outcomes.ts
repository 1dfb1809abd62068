// Reading a ledger (台账): 办理结果, 申请人类型 and 申请方式 as offices write them. A 办理结果 is one of the
// result rows of table 三 (国办公开办函〔2021〕30号, domain.md §2.4), written with the variations found in
// ledgers: ASCII or full-width quotes, "，" or "," for "、", full-width characters, spaces, an ordinal
// such as "（一）" or "1." and the group name ("不予公开：属于国家秘密").

import { APPLICATION_ROWS } from '../report/layout.ts';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  type ApplicantType,
  type Channel,
  type DomainResult,
  type Outcome,
  type OutcomeRow,
} from './types.ts';

/** The canonical label of each result row, as a ledger writes it (the row label without its ordinal). */
export const ROW_LABELS: Record<OutcomeRow, string> = {
  granted: '予以公开',
  partlyGranted: '部分公开',
  stateSecret: '属于国家秘密',
  lawProhibited: '其他法律行政法规禁止公开',
  threeSecurityOneStability: '危及“三安全一稳定”',
  thirdPartyRights: '保护第三方合法权益',
  internalAffairs: '属于三类内部事务信息',
  processInformation: '属于四类过程性信息',
  enforcementFiles: '属于行政执法案卷',
  administrativeQuery: '属于行政查询事项',
  notHeld: '本机关不掌握相关政府信息',
  needsCreation: '没有现成信息需要另行制作',
  stillUnclear: '补正后申请内容仍不明确',
  petitionComplaint: '信访举报投诉类申请',
  duplicate: '重复申请',
  publication: '要求提供公开出版物',
  massRepeated: '无正当理由大量反复申请',
  confirmOrReissue: '要求行政机关确认或重新出具已获取信息',
  noCorrection: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  unpaidFee: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  other: '其他',
};

/** The result rows in the order of table 三. */
export const OUTCOME_ROWS: readonly OutcomeRow[] = Object.keys(ROW_LABELS) as OutcomeRow[];

export function rowLabel(row: OutcomeRow): string {
  return ROW_LABELS[row];
}

// ---------------------------------------------------------------------------------------------
// Normalising a label

const QUOTES = /["'“”‘’＂＇「」『』]/gu;
const CHINESE_ORDINAL = /^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、.])/u;
const ARABIC_ORDINAL = /^(?:\(\d+\)|\d+[、.)]?)/u;
/** 表三's row groups, as a prefix of a sub-row label: "不予公开：属于国家秘密", "（三）不予公开 1.属于国家秘密". */
const GROUP = /^(?:不予公开|无法提供|不予处理|其他处理)[:、\-—]?(?=.)/u;

/**
 * The comparison key of a label: NFKC (full-width to half-width: （ → (, ， → ,, １ → 1), no spaces, no
 * quotes, "，"/"," → "、", without a leading ordinal or row group.
 */
function key(label: string, stripGroup: boolean): string {
  let k = label.normalize('NFKC').replace(/\s+/gu, '').replace(QUOTES, '').replace(/[,，]/gu, '、');
  k = k.replace(CHINESE_ORDINAL, '');
  if (stripGroup) k = k.replace(GROUP, '');
  return k.replace(ARABIC_ORDINAL, '');
}

function lookup<T>(entries: readonly (readonly [string, T])[], stripGroup: boolean): Map<string, T> {
  const map = new Map<string, T>();
  for (const [label, value] of entries) map.set(key(label, stripGroup), value);
  return map;
}

const OUTCOME_ROW_KEYS = lookup<OutcomeRow>(
  [
    ...OUTCOME_ROWS.map((row) => [ROW_LABELS[row], row] as const),
    // the official row labels of the 2021 format as well, e.g. 部分公开（区分处理的，只计这一情形，不计其他情形）
    ...APPLICATION_ROWS.filter((r) => r.result).map((r) => [r.label, r.key as OutcomeRow] as const),
    // 条例第三十六条第（四）项 and 第（五）项 as ledgers write them: both are row （四）1 of table 三
    ['信息不存在', 'notHeld'],
    ['政府信息不存在', 'notHeld'],
    ['不属于本机关负责公开', 'notHeld'],
    ['非本机关负责公开', 'notHeld'],
    ['非本机关政府信息', 'notHeld'],
  ],
  true,
);

/** The ledger label of 条例第三十六条第（五）项: the row is （四）1, the outcome its own (written back on export). */
export const NOT_RESPONSIBLE_LEDGER_LABEL = '不属于本机关负责公开';

const NOT_RESPONSIBLE_KEYS = new Set([NOT_RESPONSIBLE_LEDGER_LABEL, '非本机关负责公开', '非本机关政府信息'].map((l) => key(l, true)));

/** The outcome a ledger's 办理结果 names where its row holds more than one (第（五）项 in row （四）1); else undefined. */
export function parseOutcomeDetail(label: string): Outcome | undefined {
  return NOT_RESPONSIBLE_KEYS.has(key(label, true)) ? 'NOT_RESPONSIBLE' : undefined;
}

const list = (labels: readonly string[]): string => labels.map((l) => `“${l}”`).join('、');

/** A ledger's 办理结果 → its row of table 三. */
export function parseOutcomeLabel(label: string): DomainResult<OutcomeRow> {
  const row = OUTCOME_ROW_KEYS.get(key(label, true));
  if (row !== undefined) return { ok: true, value: row };
  const shown = label.trim();
  return {
    ok: false,
    error: {
      code: 'OUTCOME_NOT_A_ROW_LABEL',
      message: `${shown === '' ? '办理结果未填写' : `办理结果“${shown}”不是年度报告表三的办理结果`}，请填写以下之一：${list(OUTCOME_ROWS.map(rowLabel))}`,
      field: 'outcome',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 申请人类型, 申请方式

const APPLICANT_TYPE_KEYS = lookup<ApplicantType>(
  [
    ...APPLICANT_TYPES.map((t) => [APPLICANT_TYPE_LABELS[t], t] as const),
    ...APPLICANT_TYPES.map((t) => [t, t] as const),
    // a typo seen in ledgers and reports
    ['科研企业', 'research'],
  ],
  false,
);

/** A ledger's 申请人类型 (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他; or the code). */
export function parseApplicantType(label: string): DomainResult<ApplicantType> {
  const type = APPLICANT_TYPE_KEYS.get(key(label, false)) ?? APPLICANT_TYPE_KEYS.get(label.trim().toLowerCase());
  if (type !== undefined) return { ok: true, value: type };
  const shown = label.trim();
  return {
    ok: false,
    error: {
      code: 'APPLICANT_TYPE_UNKNOWN',
      message: `${shown === '' ? '申请人类型未填写' : `申请人类型“${shown}”无法识别`}，请填写以下之一：${list(APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t]))}`,
      field: 'applicantType',
    },
  };
}

const CHANNEL_KEYS = lookup<Channel>(
  [...CHANNELS.map((c) => [CHANNEL_LABELS[c], c] as const), ...CHANNELS.map((c) => [c, c] as const)],
  false,
);

/** A ledger's 申请方式 (在线, 当面, 邮寄, 平信, 传真, 其他; or the code). */
export function parseChannel(label: string): DomainResult<Channel> {
  const channel = CHANNEL_KEYS.get(key(label, false)) ?? CHANNEL_KEYS.get(label.trim().toLowerCase());
  if (channel !== undefined) return { ok: true, value: channel };
  const shown = label.trim();
  return {
    ok: false,
    error: {
      code: 'CHANNEL_UNKNOWN',
      message: `${shown === '' ? '申请方式未填写' : `申请方式“${shown}”无法识别`}，请填写以下之一：${list(CHANNELS.map((c) => CHANNEL_LABELS[c]))}（邮寄指需签收的挂号信、快递，平信指无需签收的信件）`,
      field: 'channel',
    },
  };
}
