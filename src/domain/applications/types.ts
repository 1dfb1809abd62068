// Applications for disclosure (依申请公开, 条例第二十七至四十五条): who applies, how it arrives, where
// its handling stands, and how it ended. Handling state and outcome are kept apart: the state is where
// the application is in its handling; the outcome is how it ended (domain.md §1.4).

import type { Channel } from '../calendar/clocks.ts';

export type { Channel } from '../calendar/clocks.ts';

/** The applicant columns of table 三. */
export type ApplicantType = 'natural_person' | 'commercial' | 'research' | 'social_welfare' | 'legal_service' | 'other';

export const APPLICANT_TYPES: readonly ApplicantType[] = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other'];

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  social_welfare: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
};

export const CHANNELS: readonly Channel[] = ['online', 'in_person', 'post_signed', 'post_ordinary', 'fax', 'other'];

/** As in the ledgers offices keep: 在线|当面|邮寄|平信|传真|其他 (邮寄 = registered post, signed for). */
export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '在线',
  in_person: '当面',
  post_signed: '邮寄',
  post_ordinary: '平信',
  fax: '传真',
  other: '其他',
};

export type IdKind = 'resident_id' | 'uscc' | 'other';

export type AgencyLevel = 'government' | 'department' | 'township' | 'subdistrict' | 'other';

export const AGENCY_LEVEL_LABELS: Record<AgencyLevel, string> = {
  government: '人民政府',
  department: '部门',
  township: '乡镇',
  subdistrict: '街道',
  other: '其他',
};

/** Where the handling stands. Open: the statutory clocks run on it. */
export type HandlingState =
  | 'registered'
  | 'awaiting_correction'
  | 'in_progress'
  | 'consulting'
  | 'awaiting_payment'
  | 'replied'
  | 'concluded'
  | 'delivered'
  | 'archived';

export const OPEN_STATES: readonly HandlingState[] = ['registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment'];

export const STATE_LABELS: Record<HandlingState, string> = {
  registered: '已登记',
  awaiting_correction: '待补正',
  in_progress: '办理中',
  consulting: '征求意见中',
  awaiting_payment: '待缴费',
  replied: '已答复',
  concluded: '已办结（未答复）',
  delivered: '已送达',
  archived: '已归档',
};

/** The steps of the handling: each is an event appended to the application. */
export type EventType =
  | 'register'
  | 'assign'
  | 'request_correction'
  | 'receive_correction'
  | 'lapse_correction'
  | 'start_consultation'
  | 'end_consultation'
  | 'approve_extension'
  | 'send_fee_notice'
  | 'receive_fee_notice'
  | 'record_payment'
  | 'lapse_fee'
  | 'reply'
  | 'correct_reply'
  | 'withdraw'
  | 'deliver'
  | 'archive'
  | 'suggest_proactive';

/** Table 三 result rows (the keys of layout.ts APPLICATION_ROWS). */
export type OutcomeRow =
  | 'granted'
  | 'partlyGranted'
  | 'stateSecret'
  | 'lawProhibited'
  | 'threeSecurityOneStability'
  | 'thirdPartyRights'
  | 'internalAffairs'
  | 'processInformation'
  | 'enforcementFiles'
  | 'administrativeQuery'
  | 'notHeld'
  | 'needsCreation'
  | 'stillUnclear'
  | 'petitionComplaint'
  | 'duplicate'
  | 'publication'
  | 'massRepeated'
  | 'confirmOrReissue'
  | 'noCorrection'
  | 'unpaidFee'
  | 'other';

/** How an application ended (domain.md §1.4). */
export type Outcome =
  | 'OPEN_ALREADY_PUBLIC'
  | 'OPEN_PROVIDE'
  | 'OPEN_THIRD_PARTY_OVERRIDE'
  | 'PARTIAL'
  | 'DENY_STATE_SECRET'
  | 'DENY_LAW_PROHIBITS'
  | 'DENY_THREE_SECURITY_ONE_STABILITY'
  | 'DENY_THIRD_PARTY'
  | 'DENY_INTERNAL_AFFAIRS'
  | 'DENY_PROCESS_INFO'
  | 'DENY_ENFORCEMENT_FILE'
  | 'DENY_ADMIN_QUERY'
  | 'NOT_HELD'
  | 'NOT_RESPONSIBLE'
  | 'NEEDS_CREATION'
  | 'UNCLEAR_AFTER_CORRECTION'
  | 'REJECT_PETITION'
  | 'REJECT_REPEAT'
  | 'REJECT_PUBLICATION'
  | 'REJECT_MASS_REPEAT'
  | 'REJECT_CONFIRM_REISSUE'
  | 'OTHER_NO_CORRECTION'
  | 'OTHER_NO_FEE'
  | 'OTHER';

export interface OutcomeSpec {
  row: OutcomeRow;
  /** in Chinese, for the list of choices */
  label: string;
  /** the 条例 article(s) the reply cites */
  basis: string;
  /** 行政复议法 第二十三条: 不予公开 (and, DERIVED, 部分公开) must tell the applicant to apply for 行政复议 first */
  reconsiderationFirst: boolean;
  /** reached by a reply (a notice to the applicant), not by a lapse or withdrawal */
  byReply: boolean;
}

// domain.md §1.4: outcome → table 三 row → basis
export const OUTCOMES: Record<Outcome, OutcomeSpec> = {
  OPEN_ALREADY_PUBLIC: { row: 'granted', label: '予以公开（已主动公开，告知获取方式和途径）', basis: '条例第三十六条第（一）项', reconsiderationFirst: false, byReply: true },
  OPEN_PROVIDE: { row: 'granted', label: '予以公开（提供该政府信息）', basis: '条例第三十六条第（二）项、第四十条', reconsiderationFirst: false, byReply: true },
  OPEN_THIRD_PARTY_OVERRIDE: { row: 'granted', label: '予以公开（不公开可能对公共利益造成重大影响）', basis: '条例第十五条、第三十二条', reconsiderationFirst: false, byReply: true },
  PARTIAL: { row: 'partlyGranted', label: '部分公开（区分处理）', basis: '条例第三十七条', reconsiderationFirst: true, byReply: true },
  DENY_STATE_SECRET: { row: 'stateSecret', label: '不予公开：属于国家秘密', basis: '条例第十四条、第三十六条第（三）项', reconsiderationFirst: true, byReply: true },
  DENY_LAW_PROHIBITS: { row: 'lawProhibited', label: '不予公开：其他法律行政法规禁止公开', basis: '条例第十四条、第三十六条第（三）项', reconsiderationFirst: true, byReply: true },
  DENY_THREE_SECURITY_ONE_STABILITY: { row: 'threeSecurityOneStability', label: '不予公开：危及“三安全一稳定”', basis: '条例第十四条、第三十六条第（三）项', reconsiderationFirst: true, byReply: true },
  DENY_THIRD_PARTY: { row: 'thirdPartyRights', label: '不予公开：保护第三方合法权益', basis: '条例第十五条、第三十二条、第三十六条第（三）项', reconsiderationFirst: true, byReply: true },
  DENY_INTERNAL_AFFAIRS: { row: 'internalAffairs', label: '不予公开：属于三类内部事务信息', basis: '条例第十六条第一款、第三十六条第（三）项', reconsiderationFirst: true, byReply: true },
  DENY_PROCESS_INFO: { row: 'processInformation', label: '不予公开：属于四类过程性信息', basis: '条例第十六条第二款、第三十六条第（三）项', reconsiderationFirst: true, byReply: true },
  DENY_ENFORCEMENT_FILE: { row: 'enforcementFiles', label: '不予公开：属于行政执法案卷', basis: '条例第十六条第二款、第三十六条第（三）项', reconsiderationFirst: true, byReply: true },
  // domain.md: the mapping of 行政查询事项 to 第三十六条第（七）项 is UNCONFIRMED (common practice)
  DENY_ADMIN_QUERY: { row: 'administrativeQuery', label: '不予公开：属于行政查询事项', basis: '条例第三十六条第（七）项', reconsiderationFirst: true, byReply: true },
  NOT_HELD: { row: 'notHeld', label: '无法提供：经检索没有该政府信息（信息不存在）', basis: '条例第三十六条第（四）项', reconsiderationFirst: false, byReply: true },
  // 第三十六条第（五）项: counted in the same row of table 三, （四）1 本机关不掌握相关政府信息 (domain.md §1.4)
  NOT_RESPONSIBLE: { row: 'notHeld', label: '无法提供：不属于本机关负责公开（告知负责公开的机关）', basis: '条例第三十六条第（五）项', reconsiderationFirst: false, byReply: true },
  NEEDS_CREATION: { row: 'needsCreation', label: '无法提供：没有现成信息需要另行制作', basis: '条例第三十八条', reconsiderationFirst: false, byReply: true },
  UNCLEAR_AFTER_CORRECTION: { row: 'stillUnclear', label: '无法提供：补正后申请内容仍不明确', basis: '条例第二十九条第二款、第三十条', reconsiderationFirst: false, byReply: true },
  REJECT_PETITION: { row: 'petitionComplaint', label: '不予处理：信访举报投诉类申请', basis: '条例第三十九条第一款', reconsiderationFirst: false, byReply: true },
  REJECT_REPEAT: { row: 'duplicate', label: '不予处理：重复申请', basis: '条例第三十六条第（六）项', reconsiderationFirst: false, byReply: true },
  REJECT_PUBLICATION: { row: 'publication', label: '不予处理：要求提供公开出版物', basis: '条例第三十九条第二款', reconsiderationFirst: false, byReply: true },
  REJECT_MASS_REPEAT: { row: 'massRepeated', label: '不予处理：无正当理由大量反复申请', basis: '条例第三十五条', reconsiderationFirst: false, byReply: true },
  // domain.md: no express 条例 article; basis in practice (UNCONFIRMED)
  REJECT_CONFIRM_REISSUE: { row: 'confirmOrReissue', label: '不予处理：要求行政机关确认或重新出具已获取信息', basis: '条例第二条、第三十八条', reconsiderationFirst: false, byReply: true },
  OTHER_NO_CORRECTION: { row: 'noCorrection', label: '其他处理：申请人无正当理由逾期不补正', basis: '条例第三十条', reconsiderationFirst: false, byReply: false },
  OTHER_NO_FEE: { row: 'unpaidFee', label: '其他处理：申请人逾期未缴纳信息处理费', basis: '条例第四十二条；国办函〔2020〕109号', reconsiderationFirst: false, byReply: false },
  OTHER: { row: 'other', label: '其他处理', basis: '', reconsiderationFirst: false, byReply: true },
};

/** The outcome that stands for a row when only the row is known (a ledger's 办理结果). */
export const DEFAULT_OUTCOME_OF_ROW: Record<OutcomeRow, Outcome> = {
  granted: 'OPEN_PROVIDE',
  partlyGranted: 'PARTIAL',
  stateSecret: 'DENY_STATE_SECRET',
  lawProhibited: 'DENY_LAW_PROHIBITS',
  threeSecurityOneStability: 'DENY_THREE_SECURITY_ONE_STABILITY',
  thirdPartyRights: 'DENY_THIRD_PARTY',
  internalAffairs: 'DENY_INTERNAL_AFFAIRS',
  processInformation: 'DENY_PROCESS_INFO',
  enforcementFiles: 'DENY_ENFORCEMENT_FILE',
  administrativeQuery: 'DENY_ADMIN_QUERY',
  notHeld: 'NOT_HELD',
  needsCreation: 'NEEDS_CREATION',
  stillUnclear: 'UNCLEAR_AFTER_CORRECTION',
  petitionComplaint: 'REJECT_PETITION',
  duplicate: 'REJECT_REPEAT',
  publication: 'REJECT_PUBLICATION',
  massRepeated: 'REJECT_MASS_REPEAT',
  confirmOrReissue: 'REJECT_CONFIRM_REISSUE',
  noCorrection: 'OTHER_NO_CORRECTION',
  unpaidFee: 'OTHER_NO_FEE',
  other: 'OTHER',
};

/** A typed refusal with a stable code and a Chinese message (mapped once at each edge). */
export interface DomainError {
  code: string;
  message: string;
  /** the field concerned, for forms and ledger rows */
  field?: string;
}

export type DomainResult<T> = { ok: true; value: T } | { ok: false; error: DomainError };
