// 申请列表 and its export: the filters and the order from the query string (zod; a request no form sends
// is 400, a date typed wrong re-renders the form with its message), one keyset page of the list
// (services/application-list.ts), and the filtered list as Excel (services/application-export.ts:
// 证件号码 masked unless a leader or administrator asks for it whole; audited).

import { Hono } from 'hono';
import { z } from 'zod';
import { APPLICANT_TYPES } from '../../domain/applications/types.ts';
import type { ApplicantType, HandlingState } from '../../domain/applications/types.ts';
import { plain } from '../../domain/text-rules.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { exportApplicationList } from '../../services/application-export.ts';
import { listApplications, SORT_KEYS } from '../../services/application-list.ts';
import type { ApplicationFilters, SortKey } from '../../services/application-list.ts';
import { CLOCK_BUCKETS } from '../../services/dashboard.ts';
import type { ClockBucket } from '../../services/dashboard.ts';
import { mayExportFullLedger } from '../../services/personal-data.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { messagePage } from '../views/message.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { listPage, STATES } from '../views/staff/list.tsx';
import type { ListQuery } from '../views/staff/list.tsx';
import { badQuery, frameOf, isDate, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pageNumber = '页码应为1至100000之间的整数';
const cursor = (name: string) => z.string().max(400, `${name} 不是有效的翻页位置`).regex(/^[A-Za-z0-9_-]*$/, `${name} 不是有效的翻页位置`).optional();

/** The list's filters and order: what the filter form and the list's links send, else 400. */
const listQuery = z.object({
  q: plain(z.string().max(200, '查询词最长200个字'), '查询词').default(''),
  state: z.enum(['', ...STATES] as [HandlingState | '', ...(HandlingState | '')[]], { message: '办理状态无效，请从列表中选择' }).default(''),
  applicantType: z.enum(['', ...APPLICANT_TYPES] as [ApplicantType | '', ...(ApplicantType | '')[]], { message: '申请人类型无效，请从列表中选择' }).default(''),
  receivedFrom: plain(z.string().max(20, '收到日期（起）不是有效日期'), '收到日期（起）').default(''),
  receivedTo: plain(z.string().max(20, '收到日期（止）不是有效日期'), '收到日期（止）').default(''),
  overdue: z.enum(['1', 'on', '0', ''], { message: '“只看逾期”的取值无效' }).optional(),
  clock: z.enum(['', ...CLOCK_BUCKETS] as [ClockBucket | '', ...(ClockBucket | '')[]], { message: '期限状态无效，请从列表中选择' }).default(''),
  page: z.coerce.number({ message: pageNumber }).int(pageNumber).min(1, pageNumber).max(100_000, pageNumber).default(1),
  sort: z.enum(['', ...SORT_KEYS] as [SortKey | '', ...(SortKey | '')[]], { message: '排序方式无效，请点击表头排序' }).default(''),
  dir: z.enum(['', 'asc', 'desc'], { message: '排序方向应为 asc（升序）或 desc（降序）' }).default(''),
  after: cursor('after'),
  before: cursor('before'),
  full: z.enum(['0', '1'], { message: '参数 full 只能为 1（含完整证件号码）或 0。' }).optional(),
});

type Parsed = { query: ListQuery; filters: ApplicationFilters; errors: FieldError[]; full: boolean };

/** The query as the form keeps it, the filters for the service, and the messages of wrong dates; or a 400. */
function parse(c: C): Parsed | Response {
  const parsed = listQuery.safeParse(c.req.query());
  if (!parsed.success) return badQuery(c, parsed.error.issues[0]?.message ?? '');
  const p = parsed.data;
  const query: ListQuery = {
    q: p.q.trim(),
    state: p.state,
    applicantType: p.applicantType,
    receivedFrom: p.receivedFrom.trim(),
    receivedTo: p.receivedTo.trim(),
    // 只看已超期 of older links is the bucket 'overdue'
    clock: p.clock !== '' ? p.clock : p.overdue === '1' || p.overdue === 'on' ? 'overdue' : '',
    ...(p.sort !== '' ? { sort: p.sort } : {}),
    ...(p.dir !== '' ? { dir: p.dir } : {}),
  };
  const errors: FieldError[] = [];
  if (query.receivedFrom !== '' && !isDate(query.receivedFrom)) errors.push({ field: 'receivedFrom', message: '收到日期（起）不是有效日期，请写成 2024-03-05 的格式。' });
  if (query.receivedTo !== '' && !isDate(query.receivedTo)) errors.push({ field: 'receivedTo', message: '收到日期（止）不是有效日期，请写成 2024-03-05 的格式。' });
  if (errors.length === 0 && query.receivedFrom !== '' && query.receivedTo !== '' && query.receivedFrom > query.receivedTo)
    errors.push({ field: 'receivedTo', message: '收到日期（止）不能早于收到日期（起）。' });
  const filters: ApplicationFilters = {
    ...(query.q ? { q: query.q } : {}),
    ...(query.state ? { state: query.state as HandlingState } : {}),
    ...(query.applicantType ? { applicantType: query.applicantType as ApplicantType } : {}),
    ...(query.receivedFrom ? { receivedFrom: query.receivedFrom } : {}),
    ...(query.receivedTo ? { receivedTo: query.receivedTo } : {}),
    ...(query.clock ? { clock: query.clock } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
    ...(query.dir ? { direction: query.dir } : {}),
    ...(p.after ? { after: p.after } : {}),
    ...(p.before ? { before: p.before } : {}),
    page: p.page,
  };
  return { query, filters, errors, full: p.full === '1' };
}

export function listRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');

  routes.get('/:agency/applications', read, async (c) => {
    const parsed = parse(c);
    if (parsed instanceof Response) return parsed;
    const { query, filters, errors } = parsed;
    if (errors.length > 0) return c.html(listPage(frameOf(c, 'applications'), { query, list: null, errors }), 422);
    const { db, calendar } = c.var.deps;
    const list = await listApplications(db, c.var.agency.id, filters, { calendar: await calendar(), today: today(c) });
    return c.html(listPage(frameOf(c, 'applications'), { query, list, errors, ledger: { mayFull: mayExportFullLedger(c.var.user as SessionUser, c.var.agency.id) } }));
  });

  routes.get('/:agency/applications.xlsx', read, async (c) => {
    const parsed = parse(c);
    if (parsed instanceof Response) return parsed;
    if (parsed.errors.length > 0) return badQuery(c, parsed.errors[0]?.message ?? '');
    const { db, calendar } = c.var.deps;
    const { after: _a, before: _b, page: _p, ...filters } = parsed.filters;
    const viewer = { user: c.var.user as SessionUser, ip: await clientIp(c), now: c.var.deps.now(), via: 'web' as const };
    const exported = await exportApplicationList(db, c.var.agency.id, filters, viewer, { full: parsed.full, calendar: await calendar(), today: today(c), agencyName: c.var.agency.name });
    if (!exported.ok) {
      if (statusOf(exported.error) === 404) return notFound(c);
      return c.html(messagePage({ title: '没有权限', message: exported.error.message, home: '/staff', site: '政府信息公开工作平台' }), 403);
    }
    const name = `${c.var.agency.code}-applications-${today(c)}${exported.value.full ? '-full' : ''}.xlsx`;
    return c.body(new Uint8Array(exported.value.bytes), 200, {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`${c.var.agency.name}申请列表${today(c)}.xlsx`)}`,
    });
  });

  return routes;
}
