// 更正 requests (条例第四十一条): a person with evidence that a government information record about
// themselves is inaccurate may ask the agency to correct it. The competent agency that finds it true
// corrects it and tells the requester; an agency without the function may transfer the request to the
// competent agency and tell the requester, or tell the requester to apply there. The states and the
// decisions, in Chinese. Named "amendment" in the code: "correction" already means 补正 (第三十条). Pure.

export type AmendmentState = 'open' | 'decided';

export const AMENDMENT_STATE_LABELS: Record<AmendmentState, string> = {
  open: '办理中',
  decided: '已办结',
};

/**
 * The decisions: the three of 第四十一条 and the careful fourth — verified and not found inaccurate (the
 * article obliges a correction only 审核属实的; what the agency does otherwise is not its text, so the
 * outcome is recorded with its reasons and the requester told them).
 */
export type AmendmentDecision = 'amended' | 'transferred' | 'redirected' | 'rejected';

export const AMENDMENT_DECISIONS: readonly AmendmentDecision[] = ['amended', 'transferred', 'redirected', 'rejected'];

export const AMENDMENT_DECISION_LABELS: Record<AmendmentDecision, string> = {
  amended: '予以更正',
  transferred: '转送有权更正的机关并告知',
  redirected: '告知向有权更正的机关提出',
  rejected: '经审核不属实，不予更正',
};

/** A short word for lists and the report's sentence. */
export const AMENDMENT_DECISION_SHORT: Record<AmendmentDecision, string> = {
  amended: '予以更正',
  transferred: '转送有权机关',
  redirected: '告知向有权机关提出',
  rejected: '不予更正',
};

/** The decisions that name the competent agency (不属于本行政机关职能范围的). */
export const NEEDS_AUTHORITY: ReadonlySet<AmendmentDecision> = new Set(['transferred', 'redirected']);

/** The decisions that must state their reasons in the note (the requester is told why). */
export const NEEDS_REASONS: ReadonlySet<AmendmentDecision> = new Set(['rejected']);

/** The printed title of each decision's notice. */
export const AMENDMENT_NOTICE_TITLES: Record<AmendmentDecision, string> = {
  amended: '政府信息更正告知书',
  transferred: '政府信息更正申请转送告知书',
  redirected: '政府信息更正申请告知书（告知向有权机关提出）',
  rejected: '政府信息不予更正告知书',
};

/** The legal basis every notice cites. */
export const AMENDMENT_BASIS = '《中华人民共和国政府信息公开条例》第四十一条';

/** UNCONFIRMED practice: the 条例 sets no period for 更正; 20 working days mirrors 第三十三条 (a setting). */
export const DEFAULT_AMENDMENT_WORKING_DAYS = 20;
export const MAX_AMENDMENT_WORKING_DAYS = 60;

export const isDecision = (v: string): v is AmendmentDecision => (AMENDMENT_DECISIONS as readonly string[]).includes(v);
