// The JSON API under /api/v1: the same services as the pages, token-authenticated
// (`Authorization: Bearer <token>`, tokens made for a user), described by /api/v1/openapi.json.
// Errors are `{ "error": { "code", "message", "field"? } }` with the status of http-errors.ts.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { apiUser, can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { listApplications, SORT_KEYS } from '../../services/application-list.ts';
import { viewApplication } from '../../services/application-view.ts';
import { recordEvent, registerApplication } from '../../services/applications.ts';
import type { Actor } from '../../services/applications.ts';
import { revealIdNumber } from '../../services/personal-data.ts';
import { maskedApplication } from '../../domain/applications/masking.ts';
import { publishedReports } from '../../services/column.ts';
import { computeAnnualReport } from '../../services/report-compute.ts';
import { publishReport, REPORT_ALREADY_PUBLISHED, REPORT_CHANGE_NOTE_MISSING, REPORT_CROSS_YEAR_UNEXPLAINED, REPORT_WARNINGS_NOT_ACKNOWLEDGED, withdrawReport } from '../../services/report-publish.ts';
import type { PublishRefusal } from '../../services/report-publish.ts';
import type { AnnualReport } from '../../domain/report/model.ts';
import { cellApplications } from '../../services/table-three.ts';
import { CLOCK_BUCKETS } from '../../services/dashboard.ts';
import type { ClockBucket } from '../../services/dashboard.ts';
import { PAGE_SIZE_MAX } from '../../services/keyset.ts';
import { EVENT_TYPES } from '../../domain/applications/transitions.ts';
import type { EventInput } from '../../domain/applications/transitions.ts';
import type { RegisterInput } from '../../services/applications.ts';
import { OUTCOMES, STATE_LABELS } from '../../domain/applications/types.ts';
import type { DomainError, HandlingState, Outcome } from '../../domain/applications/types.ts';
import { DOCUMENT_KINDS } from '../../domain/documents/templates.ts';
import type { DocumentKind } from '../../domain/documents/templates.ts';
import { quote } from '../../domain/fees/fees.ts';
import type { FeeQuote } from '../../domain/fees/fees.ts';
import { issueDocument } from '../../services/documents.ts';
import { recordDelivery } from '../../services/deliveries.ts';
import type { DeliveryInput } from '../../services/deliveries.ts';
import { parseIsoDate } from '../../domain/calendar/dates.ts';
import { documentValues, eventInput, registerInput } from '../../domain/applications/inputs.ts';
import { inputRefusal, plain } from '../../domain/text-rules.ts';

const STATES = Object.keys(STATE_LABELS) as [HandlingState, ...HandlingState[]];
import type { AppEnv } from '../context.ts';
import { apiError, statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { agencyOf } from './agency-of.ts';
import { OPENAPI } from './openapi.ts';

export { agencyOf };
import { registerApi } from './register.ts';
import { catalogueWorkflowApi } from './catalogue-workflow.ts';
import { publicCatalogueApi } from './public-catalogue.ts';
import { catalogueApi } from './catalogue.ts';
import { catalogueSearchApi } from './catalogue-search.ts';
import { recordsApi } from './records.ts';

type Action = 'read' | 'handle' | 'approve' | 'admin';

export const refuse = (c: Context<AppEnv>, error: DomainError) => c.json(apiError(error), statusOf(error) as 401);
/** A body that fails its input schema (domain/applications/inputs.ts): 400 or 422, naming the field. */
export const refuseInput = (c: Context<AppEnv>, error: z.ZodError) => {
  const r = inputRefusal(error);
  return c.json(apiError({ code: r.code, message: r.message, field: r.field }), r.status);
};
/** A query parameter that is not what the route reads: 400 INVALID_QUERY, naming the parameter. */
export const refuseQuery = (c: Context<AppEnv>, error: z.ZodError | { message: string; field: string }) => {
  const issue = error instanceof z.ZodError ? { message: error.issues[0]?.message ?? '查询参数无效', field: error.issues[0]?.path.join('.') ?? '' } : error;
  return c.json(apiError({ code: 'INVALID_QUERY', message: `查询参数无效：${issue.message}`, field: issue.field }), 400);
};


const documentBody = z.object({
  kind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]], { message: `kind 应为：${DOCUMENT_KINDS.join('、')}` }),
  issuedOn: z.string().optional(),
  values: documentValues.default({}),
  outcome: z.string().optional(),
  fee: z.object({ method: z.enum(['piece', 'page']), units: z.number().int().min(1).max(9_999_999) }).optional(),
  /** the step recorded with the notice, in the same transaction */
  step: eventInput.optional(),
});

/** A record id from the path: a positive safe integer, else null (answered as not found). */
function idParam(text: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

const date = (label: string) => z.string().refine((s) => parseIsoDate(s) !== null, `${label}不是有效日期（YYYY-MM-DD）`);
const listQuery = z.object({
  agency: z.string().optional(),
  q: plain(z.string().max(400, 'q 最长400个字'), 'q（查询词）').optional(),
  state: z.enum(STATES, { message: `state 应为：${STATES.join('、')}` }).optional(),
  receivedFrom: date('receivedFrom').optional(),
  receivedTo: date('receivedTo').optional(),
  overdue: z.enum(['1', '0'], { message: 'overdue 应为 1 或 0' }).transform((v) => v === '1').optional(),
  clock: z.enum(CLOCK_BUCKETS as [ClockBucket, ...ClockBucket[]], { message: `clock 应为：${CLOCK_BUCKETS.join('、')}` }).optional(),
  page: z.coerce.number().int().min(1, 'page 应为正整数').max(100_000).default(1),
  limit: z.coerce.number().int().min(1, 'limit 应为1至100的整数').max(PAGE_SIZE_MAX, 'limit 应为1至100的整数').optional(),
  // the list contract (plan-notes 3): an order, and the cursors of the answer's next / prev
  sort: z.enum(SORT_KEYS, { message: `sort 应为：${SORT_KEYS.join('、')}` }).optional(),
  direction: z.enum(['asc', 'desc'], { message: 'direction 应为 asc 或 desc' }).optional(),
  after: z.string().max(400).regex(/^[A-Za-z0-9_-]*$/, 'after 应为上一次回答中的 next').optional(),
  before: z.string().max(400).regex(/^[A-Za-z0-9_-]*$/, 'before 应为上一次回答中的 prev').optional(),
});

const reportQuery = z.object({
  agency: z.string().optional(),
  asOf: date('asOf').optional(),
});

/** A page of a cell's applications: its size and the cursors of the answer's next / prev. */
const cellQuery = z.object({
  agency: z.string().optional(),
  limit: z.coerce.number().int().min(1, 'limit 应为1至100的整数').max(PAGE_SIZE_MAX, 'limit 应为1至100的整数').optional(),
  after: z.string().max(400).regex(/^[A-Za-z0-9_-]*$/, 'after 应为上一次回答中的 next').optional(),
  before: z.string().max(400).regex(/^[A-Za-z0-9_-]*$/, 'before 应为上一次回答中的 prev').optional(),
});

const flag = (name: string) => z.enum(['1', '0', 'true', 'false'], { message: `${name} 应为 1 或 0` }).transform((v) => v === '1' || v === 'true');
const publishQuery = z.object({
  agency: z.string().optional(),
  replace: flag('replace').optional(),
  /** the 更正说明 of a correction whose body is the bare report */
  changeNote: z.string().max(1000, 'changeNote 过长（更正说明不超过500字）').optional(),
  acknowledgeWarnings: flag('acknowledgeWarnings').optional(),
});
/** The body of a PUT: the report model itself, or { report, replace, changeNote, acknowledgeWarnings, explanation } */
const publishEnvelope = z.object({
  report: z.record(z.string(), z.unknown(), { message: 'report 应为年度报告（交换格式 JSON 对象）' }),
  replace: z.boolean({ message: 'replace 应为 true 或 false' }).optional(),
  acknowledgeWarnings: z.boolean({ message: 'acknowledgeWarnings 应为 true 或 false' }).optional(),
  explanation: z.string({ message: 'explanation 应为文字（与相邻年度报告不衔接的说明）' }).optional(),
  changeNote: z.string({ message: 'changeNote 应为文字（更正说明：更正了什么、为什么更正）' }).optional(),
});
/** How a refusal of publication is answered through the API (the service's message says what, this says how). */
const PUBLISH_HINTS: Record<string, string> = {
  [REPORT_ALREADY_PUBLISHED]: '更正请加 replace=1（或在请求体中写 "replace": true）。',
  [REPORT_WARNINGS_NOT_ACKNOWLEDGED]: '核实后，在请求体中写 "acknowledgeWarnings": true（或加 acknowledgeWarnings=1）重新提交。',
  [REPORT_CROSS_YEAR_UNEXPLAINED]: '说明写在请求体的 "explanation" 中：{ "report": …, "explanation": "…" }。',
  [REPORT_CHANGE_NOTE_MISSING]: '更正说明写在请求体的 "changeNote" 中：{ "report": …, "replace": true, "changeNote": "…" }（或加 changeNote=…）。',
};
/** The API's answer to a refused publication: the error, its hint, and the findings behind it. */
function publishRefusal(error: PublishRefusal) {
  const hint = PUBLISH_HINTS[error.code];
  const body = apiError({ ...error, message: hint ? `${error.message}${hint}` : error.message });
  const findings = { ...(error.errors ? { errors: error.errors } : {}), ...(error.crossYear ? { crossYear: error.crossYear } : {}), ...(error.warnings ? { warnings: error.warnings } : {}) };
  return { error: { ...body.error, ...findings } };
}
/** A reporting year in the path: four digits, else null. */
const yearParam = (text: string): number | null => (/^[0-9]{4}$/.test(text) ? Number(text) : null);
const publicUrl = (code: string, year: number): string => `/${encodeURIComponent(code)}/reports/${year}`;

export function apiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/openapi.json', (c) => c.json(OPENAPI));
  api.route('/public', publicCatalogueApi()); // no token: the public column's items, read-only

  api.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const deps = c.get('deps');
    const user = token ? await apiUser(deps.db, token, deps.now()) : null;
    if (!user) return c.json(apiError({ code: 'UNAUTHENTICATED', message: '缺少或无效的访问令牌（Authorization: Bearer <token>）。' }), 401);
    c.set('user', user);
    await next();
  });
  api.route('/', catalogueSearchApi());

  // the catalogue (issue #11): list, get, create and update drafts, attachments
  api.route('/', catalogueApi());

  const me = (c: Context<AppEnv>): SessionUser => c.get('user') as SessionUser;
  /** the actor of a write; the services audit it in the write's transaction, as for the pages */
  const who = async (c: Context<AppEnv>): Promise<Actor> => {
    const deps = c.get('deps');
    const now = deps.now();
    return { actor: me(c).username, now: new Date(now).toISOString(), today: now.slice(0, 10), calendar: await deps.calendar(), audit: { userId: me(c).id, ip: await clientIp(c), via: 'api' } };
  };

  api.get('/applications', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const deps = c.get('deps');
    const { overdue, ...filters } = q.data;
    const list = await listApplications(deps.db, a.agencyId, { ...filters, ...(overdue ? { overdueOnly: true } : {}) }, { calendar: await deps.calendar(), today: deps.now().slice(0, 10) });
    return c.json(list);
  });

  api.post('/applications', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const body = await c.req.json().catch(() => null);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return refuse(c, { code: 'INVALID_JSON', message: '请求体必须是 JSON 对象。' });
    const checked = registerInput.safeParse(body);
    if (!checked.success) return refuseInput(c, checked.error);
    const r = await registerApplication(c.get('deps').db, a.agencyId, body as RegisterInput, await who(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ application: maskedApplication(r.value) }, 201);
  });

  api.get('/applications/:id', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    if (id === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该申请。' });
    const reveal = c.req.query('reveal');
    if (reveal !== undefined && reveal !== 'idNumber') return c.json(apiError({ code: 'INVALID_QUERY', message: 'reveal 只能为 idNumber（完整证件号码）。', field: 'reveal' }), 400);
    const deps = c.get('deps');
    const r = await viewApplication(deps.db, a.agencyId, { id }, { calendar: await deps.calendar(), today: deps.now().slice(0, 10) });
    if (!r.ok) return refuse(c, r.error);
    // the ID number masked, unless asked for by whoever may see it (audited: services/personal-data.ts)
    let application = maskedApplication(r.value.application);
    if (reveal === 'idNumber') {
      const shown = await revealIdNumber(deps.db, a.agencyId, id, { user: me(c), ip: await clientIp(c), now: deps.now(), via: 'api' });
      if (!shown.ok) return refuse(c, shown.error);
      application = { ...application, idNumber: shown.value.idNumber };
    }
    return c.json({ ...r.value, application });
  });

  api.post('/applications/:id/events', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    if (id === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该申请。' });
    const parsed = eventInput.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return refuseInput(c, parsed.error);
    if (parsed.data.type === 'approve_extension' && !can(me(c), a.agencyId, 'approve')) return refuse(c, { code: 'FORBIDDEN', message: '延期答复须由科室负责人或分管领导批准。' });
    const r = await recordEvent(c.get('deps').db, a.agencyId, id, parsed.data as EventInput, await who(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ application: maskedApplication(r.value) });
  });

  // a notice with its step (one transaction), or for a step recorded without one (services/notices.ts)
  api.post('/applications/:id/documents', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    if (id === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该申请。' });
    const parsed = documentBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return refuseInput(c, parsed.error);
    const { kind, values, outcome, fee, step } = parsed.data;
    if (step?.type === 'approve_extension' && !can(me(c), a.agencyId, 'approve')) return refuse(c, { code: 'FORBIDDEN', message: '延期答复须由科室负责人或分管领导批准。' });
    if (outcome !== undefined && !(outcome in OUTCOMES)) return refuse(c, { code: 'INVALID_INPUT', message: `未知的答复结果“${outcome}”。`, field: 'outcome' });
    let quoted: FeeQuote | undefined;
    if (fee) {
      const q = quote(fee.method, fee.units);
      if (!q.ok) return refuse(c, { ...q.error, field: 'fee' });
      quoted = q.value;
    }
    const issuedOn = parsed.data.issuedOn ?? step?.occurredOn ?? '';
    const input = { kind, issuedOn, values, ...(outcome ? { outcome: outcome as Outcome } : {}), ...(quoted ? { fee: quoted } : {}), ...(step ? { step: step as EventInput } : {}) };
    const r = await issueDocument(c.get('deps').db, a.agencyId, id, input, await who(c));
    if (!r.ok) return refuse(c, r.error);
    const { html: _html, inputs: _inputs, ...document } = r.value;
    return c.json({ document }, 201);
  });

  // the delivery (送达) of a notice, by default the reply in force, with its step (services/deliveries.ts)
  api.post('/applications/:id/deliveries', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    if (id === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该申请。' });
    const body = await c.req.json().catch(() => null);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return refuse(c, { code: 'INVALID_JSON', message: '请求体必须是 JSON 对象。' });
    const r = await recordDelivery(c.get('deps').db, a.agencyId, id, body as DeliveryInput, await who(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ delivery: r.value }, 201);
  });

  api.get('/reports/:year', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const year = yearParam(c.req.param('year'));
    if (year === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该年度（年度应为四位数年份，例如 2024）。' });
    const q = reportQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const asOf = q.data.asOf;
    const r = await computeAnnualReport(c.get('deps').db, a.code, year, asOf ? { asOf } : {});
    if (!r.ok) return refuse(c, r.error);
    return c.json(r.value);
  });

  api.get('/reports/:year/cells/:row/:column', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const year = yearParam(c.req.param('year'));
    const column = /^[0-9]{1,2}$/.test(c.req.param('column')) ? Number(c.req.param('column')) : null;
    if (year === null || column === null) return refuse(c, { code: 'NOT_FOUND', message: '没有这个单元格。' });
    const q = cellQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const page = await cellApplications(c.get('deps').db, a.agencyId, year, c.req.param('row'), column, { ...q.data, after: q.data.after ?? null, before: q.data.before ?? null });
    if (page === null) return refuse(c, { code: 'NOT_FOUND', message: '没有这个单元格。' });
    return c.json(page);
  });

  // --- the annual reports published in the agency's public column (publishing is a sign-off: 'approve')
  const mayPublish = (c: Context<AppEnv>): { agencyId: number; code: string } | DomainError => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return a;
    if (!can(me(c), a.agencyId, 'approve')) return { code: 'FORBIDDEN', message: '发布和撤回年度报告须由管理员、科室负责人或分管领导操作。' };
    return a;
  };
  const publisher = async (c: Context<AppEnv>) => ({ userId: me(c).id, now: new Date(c.get('deps').now()).toISOString(), ip: await clientIp(c) });

  api.get('/published-reports', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const r = await publishedReports(c.get('deps').db, a.code);
    if (!r.ok) return refuse(c, r.error);
    return c.json({ reports: r.value.reports.map((p) => ({ ...p, url: publicUrl(a.code, p.year) })) });
  });

  api.put('/published-reports/:year', async (c) => {
    const a = mayPublish(c);
    if ('message' in a) return refuse(c, a);
    const year = yearParam(c.req.param('year'));
    if (year === null) return refuse(c, { code: 'INVALID_INPUT', message: '年度应为四位数年份，例如 2024。', field: 'year' });
    const q = publishQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const body: unknown = await c.req.json().catch(() => null);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return refuse(c, { code: 'INVALID_JSON', message: '请求体必须是 JSON 对象：年度报告（交换格式），或 { "report": …, "replace": true, "changeNote": "…", "acknowledgeWarnings": true, "explanation": "…" }。' });
    }
    let report: unknown = body;
    let replace = q.data.replace ?? false;
    let acknowledgeWarnings = q.data.acknowledgeWarnings ?? false;
    let explanation: string | undefined;
    let changeNote = q.data.changeNote;
    if (Object.hasOwn(body, 'report')) {
      const e = publishEnvelope.safeParse(body);
      if (!e.success) return refuse(c, { code: 'INVALID_INPUT', message: e.error.issues[0]?.message ?? '请求体无效', field: e.error.issues[0]?.path.join('.') ?? '' });
      report = e.data.report;
      replace = e.data.replace ?? replace;
      acknowledgeWarnings = e.data.acknowledgeWarnings ?? acknowledgeWarnings;
      explanation = e.data.explanation;
      changeNote = e.data.changeNote ?? changeNote;
    }
    const input = { year, report: report as AnnualReport, replace, acknowledgeWarnings, ...(explanation !== undefined ? { explanation } : {}), ...(changeNote !== undefined ? { changeNote } : {}), source: 'api' };
    const r = await publishReport(c.get('deps').db, a.code, input, await publisher(c));
    if (!r.ok) return c.json(publishRefusal(r.error), (r.error.code === REPORT_ALREADY_PUBLISHED ? 409 : statusOf(r.error)) as 401);
    const { agency: _agency, ...publication } = r.value;
    return c.json({ publication: { ...publication, url: publicUrl(a.code, year) } }, r.value.replaced ? 200 : 201);
  });

  api.delete('/published-reports/:year', async (c) => {
    const a = mayPublish(c);
    if ('message' in a) return refuse(c, a);
    const year = yearParam(c.req.param('year'));
    if (year === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该年度的年度报告。' });
    const r = await withdrawReport(c.get('deps').db, a.code, year, await publisher(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ withdrawn: { year: r.value.year, publishedAt: r.value.publishedAt } });
  });

  api.route('/', registerApi()); // the 规章/行政规范性文件 register, table 二 (一), 清理 rounds
  api.route('/', recordsApi()); // the records behind table 二 (五)(六)(八) and table 四 (issue #12)
  // the catalogue's workflow, the review inbox and chain (issue #11)
  api.route('/', catalogueWorkflowApi());

  return api;
}
