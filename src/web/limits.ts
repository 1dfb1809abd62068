// The largest request body each route takes — one table, mounted once in createApp before anything
// reads a body (the CSRF check reads forms). hono's bodyLimit refuses on Content-Length before reading
// and counts the bytes of a body sent without it (chunked), stopping at the limit. A refusal is 413: a
// Chinese page saying what to do, or under /api `{ error: { code: 'PAYLOAD_TOO_LARGE', message } }`.
// A route not in the table takes DEFAULT_BODY_LIMIT. Forms are sized for their longest fields in
// UTF-8, form-encoded (a Chinese character is 9 bytes as %E4%B8%AD; 6 as \uXXXX in JSON).

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_UPLOAD_BYTES } from '../domain/uploads/sniff.ts';
import { ATTACHMENT_LIMITS } from '../domain/catalogue/attachments.ts';
import { CASE_DOCUMENT_LIMITS } from '../domain/records/case-documents.ts';
import { PAGE_MAX_LENGTH } from '../services/column.ts';
import { BODY_MAX } from '../domain/catalogue/item-input.ts';
import { REPORT_FILE_LIMITS } from '../domain/zip/report-limits.ts';
import type { AppEnv } from './context.ts';
import { apiError } from './http-errors.ts';
import { messagePage } from './views/message.tsx';

const KB = 1024;
const MB = 1024 * KB;

/** Any route not listed: more than any form of a few short fields needs. */
export const DEFAULT_BODY_LIMIT = 64 * KB;
/** A published annual report (DOCX, HTML, text, exchange JSON): the staff upload and the API's PUT. */
export const REPORT_UPLOAD_BYTES = 10 * MB;

/** A catalogue file imported through the staff page (larger files: `gongkai catalogue import`). */
export const CATALOGUE_IMPORT_WEB_BYTES = 20 * MB;
/** A records file (counts or cases) imported through the staff page. */
export const RECORDS_IMPORT_WEB_BYTES = 5 * MB;
/** A catalogue item's fields: the body (BODY_MAX characters, 9 bytes each form-encoded) and the rest. */
const CATALOGUE_ITEM_BYTES = 2 * MB;

export interface BodyLimit {
  method: string;
  /** a route path as hono writes it (`:name` matches one segment) */
  path: string;
  maxSize: number;
  /** what the 413 page says (what is too large and how to fix it) */
  message: string;
}

const SMALL = 16 * KB;
const SMALL_MESSAGE = '提交的内容过大，请返回上一页检查后重新提交。';
const small = (method: string, path: string): BodyLimit => ({ method, path, maxSize: SMALL, message: SMALL_MESSAGE });

export const BODY_LIMITS: readonly BodyLimit[] = [
  // before sign-in: a few short fields, refused before anything is parsed (issue #10: 300 MB took the server to 1.8 GB)
  small('POST', '/staff/login'),
  small('POST', '/staff/logout'),
  small('POST', '/setup'),
  // the public status query (code and password) and its end
  small('POST', '/:agency/status'),
  small('POST', '/:agency/status/end'),
  // the online application: the identity proof (≤ MAX_UPLOAD_BYTES, domain/uploads/sniff.ts) and the form's fields (request ≤ 5,000 characters) with multipart overhead
  {
    method: 'POST',
    path: '/:agency/apply',
    maxSize: MAX_UPLOAD_BYTES + 512 * KB,
    message: `提交的内容过大：身份证明文件不能超过 ${MAX_UPLOAD_BYTES / MB} MB。请返回上一页，压缩文件后重新提交。`,
  },
  // the applicant's 补正 online (issue #14): a file as on the form (≤ MAX_UPLOAD_BYTES) and the text (≤ 5,000 characters); 撤回: a reason (≤ 500)
  {
    method: 'POST',
    path: '/:agency/status/correction',
    maxSize: MAX_UPLOAD_BYTES + 512 * KB,
    message: `提交的内容过大：补正材料不能超过 ${MAX_UPLOAD_BYTES / MB} MB。请返回上一页，压缩文件后重新提交。`,
  },
  small('POST', '/:agency/status/withdraw'),
  // 投诉、举报 (条例第五十一条): the text (≤ 5,000 characters, 9 bytes each form-encoded) and three short fields
  { method: 'POST', path: '/:agency/complaint', maxSize: 64 * KB, message: '提交的内容过长：投诉、举报的内容最长5000个字。请返回上一页删减后重新提交。' },
  // 我的账号, the users pages, 平台管理: short fields only
  small('POST', '/staff/account/password'),
  small('POST', '/staff/account/tokens'),
  small('POST', '/staff/account/tokens/revoke'),
  small('POST', '/staff/platform/agencies'),
  small('POST', '/staff/platform/agencies/parent'),
  // the office's oversight (issue #13): report files or ZIPs of them; the hand entry of 200 cells and three sections (≤ 20,000 characters each)
  {
    method: 'POST',
    path: '/staff/:agency/oversight/:year/upload',
    maxSize: REPORT_FILE_LIMITS.maxUploadBytes + MB,
    message: `一次上传的文件合计不能超过 ${REPORT_FILE_LIMITS.maxUploadBytes / MB} MB。请返回上一页，分批上传。`,
  },
  { method: 'POST', path: '/staff/:agency/oversight/:year/agencies/:code/entry', maxSize: 640 * KB, message: '提交的内容过长：每部分文字最长20000个字。请删减后重新提交。' },
  small('POST', '/staff/:agency/oversight/:year/files/:id/assign'),
  small('POST', '/staff/:agency/oversight/:year/files/:id/discard'),
  small('POST', '/staff/:agency/oversight/:year/agencies/:code/published-on'),
  small('POST', '/staff/:agency/oversight/:year/agencies/:code/include'),
  small('POST', '/staff/platform/users/:op'),
  small('POST', '/staff/:agency/users'),
  small('POST', '/staff/:agency/users/:op'),
  small('POST', '/staff/:agency/settings/agency'),
  // 更正申请 (条例第四十一条): four texts of up to 5,000 characters (9 bytes each form-encoded), and the decision's note
  { method: 'POST', path: '/staff/:agency/amendments/new', maxSize: 256 * KB, message: '提交的内容过长：每项内容最长5000个字。请删减后重新提交。' },
  { method: 'POST', path: '/staff/:agency/amendments/:id/decide', maxSize: 64 * KB, message: '提交的内容过长：办理说明最长5000个字。请删减后重新提交。' },
  { method: 'POST', path: '/staff/:agency/applications/:id/proactive', maxSize: 64 * KB, message: '提交的内容过长：内容概述最长2000个字。请删减后重新提交。' },
  { method: 'POST', path: '/staff/:agency/withheld/review', maxSize: 64 * KB, message: '提交的内容过长：审查意见最长2000个字。请删减后重新提交。' },
  // 投诉、举报 (条例第五十一条): the period, a handler's name; the answer and 责任追究 (≤ 5,000 characters each)
  small('POST', '/staff/:agency/complaints/settings'),
  small('POST', '/staff/:agency/complaints/:id/assign'),
  { method: 'POST', path: '/staff/:agency/complaints/:id/answer', maxSize: 128 * KB, message: '提交的内容过长：答复内容和责任追究各最长5000个字。请删减后重新提交。' },
  small('POST', '/staff/:agency/settings/site'),
  // the emblem (≤ 200 KB, services/agency-site.ts)
  { method: 'POST', path: '/staff/:agency/settings/emblem', maxSize: 256 * KB, message: '标识图片不能超过 200 KB。请返回上一页，缩小图片后重新上传。' },
  small('POST', '/staff/platform/calendar/rest-day'),
  // 访问限制: eight numbers; the trusted list (≤ 100 addresses or networks, the field's 8,000 characters)
  small('POST', '/staff/platform/limits'),
  small('POST', '/staff/platform/limits/trusted'),
  // registration: the request's description is up to 20,000 characters (form: 180 KB encoded; JSON ≤ 120 KB)
  // a paper application: the fields (request ≤ 20,000 characters) and its scan (≤ MAX_UPLOAD_BYTES) with multipart overhead
  {
    method: 'POST',
    path: '/staff/:agency/applications/new',
    maxSize: MAX_UPLOAD_BYTES + 512 * KB,
    message: `提交的内容过大：申请书扫描件不能超过 ${MAX_UPLOAD_BYTES / MB} MB，申请内容描述最长20000个字。请返回上一页，压缩文件或删减后重新提交。`,
  },
  { method: 'POST', path: '/api/v1/applications', maxSize: 256 * KB, message: '请求体过大：申请内容描述最长20000个字。' },
  // a notice: a few fields of up to 5,000 characters each, and its step
  { method: 'POST', path: '/staff/:agency/applications/:id/documents', maxSize: 512 * KB, message: '提交的内容过长：文书每项内容最长5000个字。请删减后重新提交。' },
  { method: 'POST', path: '/api/v1/applications/:id/documents', maxSize: 512 * KB, message: '请求体过大：文书每项内容最长5000个字。' },
  // a step of the handling (备注 ≤ 1,000 characters) fits the default 64 KB
  // the column's 指南 and 制度: PAGE_MAX_LENGTH characters, up to 9 bytes each form-encoded (~450 KB)
  {
    method: 'POST',
    path: '/staff/:agency/settings/pages/:page',
    maxSize: PAGE_MAX_LENGTH * 9 + 4 * KB,
    message: `正文不能超过${PAGE_MAX_LENGTH}个字符。请返回上一页删减后重新提交。`,
  },
  // the holiday notice pasted as text (≤ 20,000 characters are read)
  { method: 'POST', path: '/staff/platform/calendar/notice', maxSize: 128 * KB, message: '通知全文过长，请只粘贴通知本身后重新提交。' },
  // a published annual report: the staff upload and the API's PUT (the parsers' own caps are larger; this one is met first)
  {
    method: 'POST',
    path: '/staff/:agency/published',
    maxSize: REPORT_UPLOAD_BYTES,
    message: `年度报告文件不能超过 ${REPORT_UPLOAD_BYTES / MB} MB。请返回上一页，选择较小的文件（例如文本或交换格式 JSON）后重新提交。`,
  },
  // the catalogue (issue #11): an item's fields, an attachment, an import file, the settings' lists
  { method: 'POST', path: '/staff/:agency/catalogue/new', maxSize: CATALOGUE_ITEM_BYTES, message: '提交的内容过长：正文最长200000个字。请删减后重新提交。' },
  { method: 'POST', path: '/staff/:agency/catalogue/:id/edit', maxSize: CATALOGUE_ITEM_BYTES, message: '提交的内容过长：正文最长200000个字。请删减后重新提交。' },
  { method: 'POST', path: '/api/v1/catalogue/items', maxSize: CATALOGUE_ITEM_BYTES, message: '请求体过大：正文最长200000个字。' },
  { method: 'PATCH', path: '/api/v1/catalogue/items/:id', maxSize: CATALOGUE_ITEM_BYTES, message: '请求体过大：正文最长200000个字。' },
  {
    method: 'POST',
    path: '/staff/:agency/catalogue/:id/attachments',
    maxSize: ATTACHMENT_LIMITS.maxFileBytes + 512 * KB,
    message: `附件不能超过 ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB。请返回上一页，压缩或拆分文件后重新上传。`,
  },
  { method: 'POST', path: '/api/v1/catalogue/items/:id/attachments', maxSize: ATTACHMENT_LIMITS.maxFileBytes + 512 * KB, message: `请求体过大：附件不能超过 ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB。` },
  {
    method: 'POST',
    path: '/staff/:agency/catalogue/import',
    maxSize: CATALOGUE_IMPORT_WEB_BYTES + 512 * KB,
    message: `目录文件不能超过 ${CATALOGUE_IMPORT_WEB_BYTES / MB} MB。请返回上一页，把文件分成几个后分别导入。`,
  },
  { method: 'POST', path: '/staff/:agency/catalogue/settings', maxSize: 256 * KB, message: '提交的内容过长：主题分类和自定类别的列表过长。请删减后重新提交。' },
  { method: 'PUT', path: '/api/v1/published-reports/:year', maxSize: REPORT_UPLOAD_BYTES, message: `请求体过大：年度报告不能超过${REPORT_UPLOAD_BYTES / MB} MB。` },
  // 清理 rounds of the register: a title and a date; a conclusion with its note (≤ 1,000 characters); the summary (≤ 5,000 characters)
  small('POST', '/staff/:agency/register/cleanup'),
  small('POST', '/staff/:agency/register/cleanup/:id/entries/:item'),
  { method: 'POST', path: '/staff/:agency/register/cleanup/:id/conclude', maxSize: 64 * KB, message: '提交的内容过长：清理情况总结最长5000个字。请删减后重新提交。' },
  small('POST', '/api/v1/register/cleanup'),
  small('PUT', '/api/v1/register/cleanup/:id/entries/:item'),
  { method: 'POST', path: '/api/v1/register/cleanup/:id/conclude', maxSize: 64 * KB, message: '请求体过大：清理情况总结最长5000个字。' },
  // the records behind tables 二 and 四 (issue #12): up to 400 counts in one push; a case's notes (≤ 2,000 characters) fit the default 64 KB;
  // a records file through the staff page (larger ones: `gongkai records import`)
  { method: 'POST', path: '/api/v1/records/counts', maxSize: 256 * KB, message: '请求体过大：一次最多推送400项数字，请分批推送。' },
  {
    method: 'POST',
    path: '/staff/:agency/records/import',
    maxSize: RECORDS_IMPORT_WEB_BYTES + 512 * KB,
    message: `文件不能超过 ${RECORDS_IMPORT_WEB_BYTES / MB} MB。请返回上一页，把文件分成几个后分别导入。`,
  },
  // a case's document (≤ CASE_DOCUMENT_LIMITS.maxFileBytes) with its kind, title and date, through the staff page and the API
  {
    method: 'POST',
    path: '/staff/:agency/records/cases/:id/documents',
    maxSize: CASE_DOCUMENT_LIMITS.maxFileBytes + 512 * KB,
    message: `文书文件不能超过 ${CASE_DOCUMENT_LIMITS.maxFileBytes / MB} MB。请返回上一页，压缩图片、降低扫描分辨率或拆分文件后重新上传。`,
  },
  { method: 'POST', path: '/api/v1/records/cases/:id/documents', maxSize: CASE_DOCUMENT_LIMITS.maxFileBytes + 512 * KB, message: `请求体过大：文书文件不能超过 ${CASE_DOCUMENT_LIMITS.maxFileBytes / MB} MB。` },
  small('POST', '/staff/:agency/records/cases/:id/documents/:documentId/delete'),
  // the catalogue's workflow (issue #11): short fields; 保密审查 and review comments (≤ 2,000 characters) fit the default 64 KB
  small('POST', '/staff/:agency/catalogue/:id/disclosure'),
  small('POST', '/staff/:agency/catalogue/:id/submit'),
  small('POST', '/staff/:agency/catalogue/:id/publish'),
  small('POST', '/staff/:agency/catalogue/:id/unschedule'),
  small('POST', '/staff/:agency/catalogue/:id/withdraw'),
  small('POST', '/staff/:agency/catalogue/chain'),
  // 更正: every field of the item, the body up to BODY_MAX characters (9 bytes each form-encoded, 6 in JSON)
  { method: 'POST', path: '/staff/:agency/catalogue/:id/correct', maxSize: BODY_MAX * 9 + 64 * KB, message: `正文不能超过${BODY_MAX}个字符。请返回上一页删减后重新提交。` },
  // the oversight office's rubric as JSON (issue #13): up to RUBRIC_JSON_MAX characters, form-encoded
  { method: 'POST', path: '/staff/:agency/oversight/:year/settings', maxSize: 256 * KB, message: '评分细则过长（不能超过约2万字）。请返回上一页删减后重新提交。' },
  { method: 'POST', path: '/api/v1/catalogue/items/:id/correction', maxSize: BODY_MAX * 6 + 64 * KB, message: `请求体过大：正文不能超过${BODY_MAX}个字符。` },
];

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => (segment.startsWith(':') ? (got[i] ?? '') !== '' : segment === got[i]));
}

/** The limit of a request: the first row of the table that matches, else the default. */
export function bodyLimitOf(method: string, path: string): { maxSize: number; message: string } {
  const row = BODY_LIMITS.find((l) => l.method === method && matches(l.path, path));
  return row ?? { maxSize: DEFAULT_BODY_LIMIT, message: SMALL_MESSAGE };
}

function tooLarge(c: Context<AppEnv>, message: string): Response {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.json(apiError({ code: 'PAYLOAD_TOO_LARGE', message }), 413);
  const staff = c.req.path.startsWith('/staff') || c.req.path.startsWith('/setup');
  const title = message.includes('文件') ? '上传的文件过大' : '提交的内容过大';
  return c.html(messagePage({ title, message, home: staff ? '/staff' : '/', ...(staff ? { site: '政府信息公开工作平台' } : {}) }), 413);
}

/** The body limit of every route (mount before any middleware that reads the body). */
export function bodyLimits(): MiddlewareHandler<AppEnv> {
  const limiters = new Map<string, MiddlewareHandler<AppEnv>>();
  const limiterOf = (maxSize: number, message: string): MiddlewareHandler<AppEnv> => {
    const key = `${maxSize} ${message}`;
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = bodyLimit({ maxSize, onError: (c) => tooLarge(c as Context<AppEnv>, message) });
      limiters.set(key, limiter);
    }
    return limiter;
  };
  return (c, next) => {
    // a GET or HEAD body is never read by any route (the server discards it): no limiter, whose look at
    // the body would make @hono/node-server build a whole WHATWG Request for every page served
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const { maxSize, message } = bodyLimitOf(c.req.method, c.req.path);
    return limiterOf(maxSize, message)(c, next);
  };
}
