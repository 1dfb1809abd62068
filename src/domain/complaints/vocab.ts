// Complaints and reports (投诉、举报, 条例第五十一条): anyone who considers that an agency infringed their
// lawful rights and interests in its government information disclosure work may complain to, or report
// it to, the organ one level up or the 政府信息公开工作主管部门; the office registers, assigns and
// answers it, with the result and any 责任追究 (第四十七条, 第五十三条). The words, in Chinese. Pure.

export type ComplaintKind = 'complaint' | 'report';
export const COMPLAINT_KINDS: readonly ComplaintKind[] = ['complaint', 'report'];
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = { complaint: '投诉', report: '举报' };

export type ComplaintState = 'received' | 'assigned' | 'answered';
export const COMPLAINT_STATE_LABELS: Record<ComplaintState, string> = { received: '已登记', assigned: '已交办', answered: '已答复' };

export type ComplaintResult = 'substantiated' | 'partly' | 'unsubstantiated';
export const COMPLAINT_RESULTS: readonly ComplaintResult[] = ['substantiated', 'partly', 'unsubstantiated'];
export const COMPLAINT_RESULT_LABELS: Record<ComplaintResult, string> = { substantiated: '属实', partly: '部分属实', unsubstantiated: '不属实' };

/** UNCONFIRMED practice: the 条例 sets no period for answering complaints and reports; 20 working days by default (a setting). */
export const DEFAULT_COMPLAINT_DAYS = 20;
export const MAX_COMPLAINT_DAYS = 60;

/** The legal basis the pages cite. */
export const COMPLAINT_BASIS = '《中华人民共和国政府信息公开条例》第五十一条';

export const isComplaintKind = (v: string): v is ComplaintKind => (COMPLAINT_KINDS as readonly string[]).includes(v);
export const isComplaintResult = (v: string): v is ComplaintResult => (COMPLAINT_RESULTS as readonly string[]).includes(v);

/** 编号 of the n-th complaint (or report) a receiving agency registers in a year: 投诉2026-0001. */
export const complaintNumber = (kind: ComplaintKind, year: number, n: number): string => `${COMPLAINT_KIND_LABELS[kind]}${year}-${String(n).padStart(4, '0')}`;
