// Error codes of the services → HTTP status and a Chinese message: mapped once, here. Services never
// throw HTTP errors; routes return these.

import type { DomainError } from '../domain/applications/types.ts';

const STATUS: Record<string, number> = {
  APPLICATION_NOT_FOUND: 404,
  AGENCY_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DUPLICATE_NUMBER: 409,
  NO_QUERY_PASSWORD: 409,
  AGENCY_CODE_TAKEN: 409,
  ILLEGAL_TRANSITION: 409,
  DEADLINE_ALREADY_EXTENDED: 409,
  // issue #9: the record and the clocks refuse it as things stand
  EXTENSION_AFTER_DUE: 409,
  NOTICE_ALREADY_ISSUED: 409,
  NOTICE_STEP_NOT_ALLOWED: 409,
  DOCUMENT_OUTCOME_MISMATCH: 409,
  FEE_NOTICE_ALREADY_RECEIVED: 409,
  CALENDAR_REQUIRED: 503,
  // issue #10: untrusted files (services/parse-pool)
  FILE_TOO_LARGE: 413,
  FILE_TOO_COMPLEX: 422,
  PARSE_TIMEOUT: 422,
  PARSE_BUSY: 503,
  // issue #11: the catalogue's workflow and the review chain
  ITEM_NOT_FOUND: 404,
  ITEM_STATE: 409,
  VERSION_CONFLICT: 409,
  DISCLOSURE_REQUIRED: 409,
  SECRECY_REVIEW_REQUIRED: 409,
  SECRECY_NOT_CLEARED: 409,
  ALREADY_IN_REVIEW: 409,
  REVIEW_NOT_ALLOWED: 403,
  SAME_PERSON: 409,
  REVIEW_STALE: 409,
  CHAIN_PARENT_MISSING: 409,
  // issue #12: the register of 复议/诉讼 cases
  CASE_NUMBER_TAKEN: 409,
  CASE_HAS_LAWSUITS: 409,
  CASE_HAS_DOCUMENTS: 409,
  CASE_DOCUMENT_TOO_LARGE: 413,
  CASE_DOCUMENT_CASE_TOO_LARGE: 413,
  // issue #17: delivery of notices, archived cases
  ALREADY_DELIVERED: 409,
  DELIVERY_DATE_MISMATCH: 409,
  APPLICATION_ARCHIVED: 409,
};

/** The HTTP status of a refusal: 404/401/403/409/413/415/429/503 as above, 422 for any other invalid input. */
export function statusOf(error: Pick<DomainError, 'code'>): number {
  return STATUS[error.code] ?? 422;
}

export const GENERIC_MESSAGES: Record<number, string> = {
  400: '请求无效，请检查后重试。',
  401: '请先登录。',
  403: '没有权限进行此操作。',
  404: '没有找到您要访问的页面或记录。',
  413: '上传的文件过大。',
  415: '不支持的文件类型。',
  422: '提交的内容有误，请按提示修改。',
  429: '操作过于频繁，请稍后再试。',
  503: '暂时无法完成，请稍后再试。',
  500: '系统出现内部错误，请稍后再试；如问题持续，请联系系统管理员。',
};

/** The JSON body of an API error: a stable code and a Chinese message, never a stack trace. */
export function apiError(error: Pick<DomainError, 'code' | 'message'> & { field?: string }): { error: { code: string; message: string; field?: string } } {
  return { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
}
