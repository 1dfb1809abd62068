// The public side: the portal's list of columns and each agency's 政府信息公开 column (/<agency-code>/…):
// 政府信息公开指南, 政府信息公开制度, 法定主动公开内容, 政府信息公开年报 (HTML, DOCX, XLSX) and 依申请公开 —
// the online application form (post, redirect, get; the receipt shown once) and the status query.
//
// The receipt code and password travel from the form's POST to the receipt page, and a successful
// status query to the status page and its downloads, in short-lived sealed cookies (sealed-token.ts),
// never in a URL; the server decides what they open (public-grants.ts): the receipt is shown once, and
// 结束查询 revokes the status grant. Forms carry the CSRF token; the application form and the status
// query are rate-limited per client address (the platform administrator's limits; trusted addresses
// exempt), online applications also per applicant, failed status queries also per receipt code
// (public-limits.ts). What the applicant does after the query — 补正 and 撤回 online, the receipt and the
// notices as PDF — is public-status-actions.tsx (issue #14).

import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AGENCY_LEVEL_LABELS, APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from '../../domain/applications/types.ts';
import type { AgencyLevel } from '../../domain/applications/types.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import { renderDocx, renderHtml, renderXlsx } from '../../domain/report/render/index.ts';
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from '../../domain/uploads/sniff.ts';
import { CONTROL_CHARACTERS, hasControlCharacters } from '../../domain/text-rules.ts';
import { publicAgencyOf } from './public-agency.ts';
import { findAgency, listAgencies } from '../../services/agencies.ts';
import type { PublicAgency } from './public-agency.ts';
import { getPage, publishedReport, publishedReports } from '../../services/column.ts';
import type { ColumnPage } from '../../services/column.ts';
import { DELIVERY_FORM_LABELS, DELIVERY_FORMS, FORM_FIELDS, ID_KIND_LABELS, submitOnline, validateOnlineApplication } from '../../services/public-applications.ts';
import type { OnlineApplicationInput } from '../../services/public-applications.ts';
import { claimReceipt, formatReceiptCode, grantIsCurrent, revokeStatusGrant } from '../../services/public-grants.ts';
import { openPublicAccess, publicDocumentOf } from '../../services/public-status.ts';
import { recordOnlineView } from '../../services/online-delivery.ts';
import type { PublicAccess } from '../../services/public-status.ts';
import { sessionMiddleware } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { queryKey } from '../query-key.ts';
import { GENERIC_MESSAGES } from '../http-errors.ts';
import { CSRF_SLOT, PageCache } from '../page-cache.ts';
import type { CachedPageOptions, PageCacheOptions } from '../page-cache.ts';
import { clientIp, rateLimit, tooMany } from '../rate-limit.ts';
import { seal, TOKEN_CAP_SECONDS, unseal } from '../sealed-token.ts';
import { catalogueRoutes } from './public-catalogue.tsx';
import { complaintRoutes } from './public-complaints.tsx';
import { reportPdf } from './public-report-pdf.ts';
import { mayPrint } from '../../services/report-pdf.ts';
import { ApplicantLimits, applicantHeldBack, ReceiptCodeLimits, receiptCodeHeldBack } from './public-limits.ts';
import { grantReceiptPdf, publicDocumentPdfResponse, renderStatus, statusActionRoutes } from './public-status-actions.tsx';
import { messagePage } from '../views/message.tsx';
import { applyFormPage, receiptGonePage, receiptPage } from '../views/public/apply.tsx';
import { assetRoutes } from './public-assets.ts';
import { columnHome, columnTextPage, portalHome } from '../views/public/column.tsx';
import { columnBase } from '../views/public/frame.tsx';
import { reportListPage, reportPage } from '../views/public/reports.tsx';
import { statusFormPage } from '../views/public/status.tsx';

export interface Limit {
  limit: number;
  windowMs: number;
}

export interface PublicRouteOptions {
  /** online applications per client address (default: the platform administrator's setting, services/limits/settings.ts) */
  applyLimit?: Limit;
  /** status queries per client address (default: the setting) */
  statusLimit?: Limit;
  /** complaints (投诉、举报) per client address (default: the online application's setting) */
  complaintLimit?: Limit;
  /** the cache of the pages that are the same for every visitor (page-cache.ts), or a cache of one's own */
  pageCache?: PageCacheOptions | PageCache;
}


const RECEIPT_COOKIE = 'gk_receipt';
const STATUS_COOKIE = 'gk_status';
/** the receipt can be shown within 10 minutes of the submission, once */
const RECEIPT_TTL_SECONDS = TOKEN_CAP_SECONDS.receipt;
/** a status query stays open for 15 minutes (the page, its documents) */
const STATUS_TTL_SECONDS = TOKEN_CAP_SECONDS.status;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function cookieOptions(c: Context<AppEnv>, path: string, maxAge?: number) {
  return { httpOnly: true, secure: c.var.deps.secureCookies, sameSite: 'Strict' as const, path, ...(maxAge === undefined ? {} : { maxAge }) };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const today = (c: Context<AppEnv>): string => c.var.deps.now().slice(0, 10);

function notFound(c: Context<AppEnv>): Response {
  return c.html(messagePage({ title: '页面不存在', message: GENERIC_MESSAGES[404] ?? '', home: '/' }), 404);
}

function noStore(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
}

/** attachment; filename="ascii"; filename*=UTF-8''中文 */
function attachment(ascii: string, name: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const entries = <K extends string>(labels: Record<K, string>, order: readonly K[]): (readonly [string, string])[] => order.map((k) => [k, labels[k]] as const);

// ---------------------------------------------------------------------------------------------
// Routes

export function publicRoutes(options: PublicRouteOptions = {}): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const session = sessionMiddleware();
  const applyLimit = rateLimit(options.applyLimit ? { key: 'apply', ...options.applyLimit } : { key: 'apply', setting: 'applyPerAddress' });
  const statusLimit = rateLimit(options.statusLimit ? { key: 'status', ...options.statusLimit } : { key: 'status', setting: 'statusPerAddress' });
  const receiptLimits = new ReceiptCodeLimits();
  const applicantLimits = new ApplicantLimits();
  const pages = options.pageCache instanceof PageCache ? options.pageCache : new PageCache(options.pageCache);
  /** a GET handler of a page the same for every visitor, from the cache (no database on a hit) */
  const cached = (page: string, render: CachedPageOptions['render']) => {
    const options: CachedPageOptions = { load: publicAgencyOf, render, missing: notFound };
    return (c: Context<AppEnv>) => pages.serve(c, page, options);
  };

  // --- assets and emblems (before /:agency/…)
  r.route('/', assetRoutes());

  // --- the portal
  r.get('/', async (c) => {
    const agencies = await listAgencies(c.var.deps.db);
    return c.html(portalHome(agencies.map((a) => ({ code: a.code, name: a.name, levelLabel: AGENCY_LEVEL_LABELS[a.level as AgencyLevel] ?? '' }))));
  });

  // --- the column
  r.get('/:agency', async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    return c.redirect(`${columnBase(agency.code)}/`, 301);
  });
  r.get('/:agency/', cached('home', (agency) => columnHome(agency)));
  for (const page of ['guide', 'rules'] as const satisfies readonly ColumnPage[]) {
    r.get(
      `/:agency/${page}`,
      cached(page, async (agency, c) => {
        const view = await getPage(c.var.deps.db, agency.code, page);
        return view.ok ? columnTextPage({ agency, page, title: view.value.title, blocks: view.value.blocks, updatedAt: view.value.updatedAt }) : null;
      }),
    );
  }
  // 法定主动公开内容, 政府信息公开目录, item pages, search, feeds (public-catalogue.tsx)
  r.route('/', catalogueRoutes(pages));
  // 投诉、举报 to the office above (条例第五十一条; public-complaints.tsx)
  r.route('/', complaintRoutes({ notFound, ...(options.complaintLimit ? { limit: options.complaintLimit } : {}) }));

  // --- 政府信息公开年报
  r.get(
    '/:agency/reports',
    cached('reports', async (agency, c) => {
      const list = await publishedReports(c.var.deps.db, agency.code);
      return list.ok ? reportListPage({ agency, reports: list.value.reports }) : null;
    }),
  );
  r.get('/:agency/reports/:file', async (c) => {
    const agency = await publicAgencyOf(c);
    const m = /^(\d{4})(?:\.(docx|xlsx|pdf))?$/.exec(c.req.param('file'));
    if (!agency || !m) return notFound(c);
    const { db, config } = c.var.deps;
    const browser = { chromiumPath: config.chromiumPath, searchPath: config.searchPath };
    if (m[2] === 'pdf') return reportPdf(c, agency.code, Number(m[1]), browser);
    const found = await publishedReport(db, agency.code, Number(m[1]));
    if (!found.ok) return notFound(c);
    const { report, year, title, publishedAt, crossYear, versions } = found.value;
    const format = m[2];
    if (format === undefined) {
      const pdf = versions.at(-1)?.hasPdf === true || mayPrint(browser);
      return c.html(reportPage({ agency, year, title, publishedAt, crossYear, versions, pdf, articleHtml: renderHtml(report, { standalone: false }) }));
    }
    const bytes = format === 'docx' ? await renderDocx(report) : await renderXlsx(report);
    c.header('Content-Type', format === 'docx' ? DOCX : XLSX);
    c.header('Content-Disposition', attachment(`${agency.code}-report-${year}.${format}`, `${title}.${format}`));
    return c.body(new Uint8Array(bytes));
  });

  // --- 依申请公开: the form
  const formModel = (agency: PublicAgency, csrf: string, values: Record<string, string>, errors: { field: string; message: string }[]) => ({
    agency,
    csrf,
    values,
    errors,
    applicantTypes: entries(APPLICANT_TYPE_LABELS, APPLICANT_TYPES),
    idKinds: entries(ID_KIND_LABELS, ['resident_id', 'uscc', 'other'] as const),
    deliveryForms: entries(DELIVERY_FORM_LABELS, DELIVERY_FORMS),
    accept: UPLOAD_ACCEPT,
    maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
  });

  r.get('/:agency/apply', session, async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    return c.html(applyFormPage(formModel(agency, c.var.csrf, {}, [])));
  });

  r.post('/:agency/apply', applyLimit, verifyCsrf(), async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    const body = await c.req.parseBody();
    const values: Record<string, string> = {};
    for (const field of FORM_FIELDS) if (field !== 'identityProof') values[field] = str(body[field]);
    const file = body['identityProof'];
    const proof = file instanceof File && (file.size > 0 || file.name !== '') ? { bytes: new Uint8Array(await file.arrayBuffer()), type: file.type, name: file.name } : null;
    const input: OnlineApplicationInput = {
      applicantType: values['applicantType'] ?? '',
      applicantName: values['applicantName'] ?? '',
      idKind: values['idKind'] ?? '',
      idNumber: values['idNumber'] ?? '',
      phone: values['phone'] ?? '',
      email: values['email'] ?? '',
      address: values['address'] ?? '',
      request: values['request'] ?? '',
      deliveryForm: values['deliveryForm'] ?? '',
      identityProof: proof,
    };
    const { db, now, calendar } = c.var.deps;
    const at = now();
    // an application that would be registered: within the applicant's limit (a refused form is not an application)
    const valid = validateOnlineApplication(input, at.slice(0, 10));
    const applicant = valid.ok ? await applicantLimits.take(c, valid.value.idNumber, Date.parse(at)) : null;
    if (applicant !== null && applicant.seconds > 0) {
      noStore(c);
      return tooMany(c, applicant.seconds, applicantHeldBack(applicant.seconds, applicant.rule));
    }
    let result: Awaited<ReturnType<typeof submitOnline>> | undefined;
    try {
      result = await submitOnline(db, agency, input, at, await queryKey(c), { calendar: await calendar().catch(() => undefined) });
    } finally {
      // the place taken goes back unless the application was registered
      if (applicant !== null && result?.ok !== true) await applicantLimits.giveBack(c, applicant, Date.parse(at)).catch(() => undefined);
    }
    if (!result.ok) {
      if (result.fieldErrors.length === 0) return notFound(c);
      noStore(c);
      // control characters: what no form sends from a keyboard (400); anything else is the applicant's to correct (422)
      const status = result.fieldErrors.some((e) => e.code === CONTROL_CHARACTERS) ? 400 : 422;
      return c.html(applyFormPage(formModel(agency, c.var.csrf, values, result.fieldErrors)), status);
    }
    // the reply's due date for the receipt (条例第三十三条: 20 working days), if the calendar knows the year
    let replyDue: string | null = null;
    let replyDueProvisional = false;
    const received = parseIsoDate(result.value.receivedOn);
    if (received !== null) {
      const working = await calendar();
      const due = working.addWorkingDays(received, 20);
      if (due.ok) {
        replyDue = toIsoDate(due.value);
        replyDueProvisional = working.isProvisional(due.value);
      }
    }
    const base = columnBase(agency.code);
    const token = await seal(c, 'receipt', agency.code, { ...result.value, replyDue, replyDueProvisional }, RECEIPT_TTL_SECONDS);
    setCookie(c, RECEIPT_COOKIE, token, cookieOptions(c, `${base}/apply/receipt`, RECEIPT_TTL_SECONDS));
    return c.redirect(`${base}/apply/receipt`, 303);
  });

  r.get('/:agency/apply/receipt', async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    const base = columnBase(agency.code);
    noStore(c);
    const data = (await unseal(c, 'receipt', agency.code, getCookie(c, RECEIPT_COOKIE))) as {
      applicationId?: unknown;
      number?: unknown;
      receivedOn?: unknown;
      receiptCode?: unknown;
      password?: unknown;
      replyDue?: unknown;
      replyDueProvisional?: unknown;
    } | null;
    // shown once: the cookie goes with this response, and the server records the showing (a replay shows nothing)
    deleteCookie(c, RECEIPT_COOKIE, cookieOptions(c, `${base}/apply/receipt`));
    if (!data || typeof data.receiptCode !== 'string' || typeof data.password !== 'string' || typeof data.applicationId !== 'number') return c.html(receiptGonePage(agency));
    if (!(await claimReceipt(c.var.deps.db, agency.id, data.applicationId, c.var.deps.now()))) return c.html(receiptGonePage(agency));
    const { config } = c.var.deps;
    const pdf = mayPrint({ chromiumPath: config.chromiumPath, searchPath: config.searchPath });
    if (pdf) await grantReceiptPdf(c, agency, data.applicationId);
    return c.html(
      receiptPage({
        agency,
        number: str(data.number),
        receivedOn: str(data.receivedOn),
        receiptCode: formatReceiptCode(data.receiptCode),
        password: data.password,
        replyDue: typeof data.replyDue === 'string' ? data.replyDue : null,
        replyDueProvisional: data.replyDueProvisional === true,
        pdf,
      }),
    );
  });

  // --- 依申请公开: the status query
  // the form is cached without the token (CSRF_SLOT); each response gets the visitor's own
  const statusForm: CachedPageOptions = {
    load: publicAgencyOf,
    render: (agency) => statusFormPage({ agency, csrf: CSRF_SLOT, code: '', error: null }),
    missing: notFound,
    csrf: true,
  };
  r.get('/:agency/status', (c) => pages.serve(c, 'status', statusForm));

  r.post('/:agency/status', statusLimit, verifyCsrf(), async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    const body = await c.req.parseBody();
    const code = str(body['code']).slice(0, 40);
    const password = str(body['password']).slice(0, 40);
    if (hasControlCharacters(code) || hasControlCharacters(password)) {
      noStore(c);
      return c.html(statusFormPage({ agency, csrf: c.var.csrf, code: '', error: '回执码或查询密码含有不可见的控制字符，请删除后重新输入。' }), 400);
    }
    const at = Date.parse(c.var.deps.now());
    noStore(c);
    const wait = await receiptLimits.wait(c, agency.code, code, at);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(statusFormPage({ agency, csrf: c.var.csrf, code, error: receiptCodeHeldBack(wait) }), 429);
    }
    const access = await openPublicAccess(c.var.deps.db, agency, code, password, await queryKey(c));
    if (!access.ok) {
      await receiptLimits.failed(c, agency.code, code, at);
      return c.html(statusFormPage({ agency, csrf: c.var.csrf, code, error: access.error.message }), 422);
    }
    const base = columnBase(agency.code);
    // the grant, not the password: the slow password check is done once per query, here (rate-limited)
    const token = await seal(c, 'status', agency.code, { id: access.value.applicationId, v: access.value.grantVersion ?? 0 }, STATUS_TTL_SECONDS);
    setCookie(c, STATUS_COOKIE, token, cookieOptions(c, `${base}/status`, STATUS_TTL_SECONDS));
    return c.redirect(`${base}/status/result`, 303);
  });

  /** The access this visitor's status query opened (sealed cookie, 15 minutes, grant not revoked), or null. */
  const openQuery = async (c: Context<AppEnv>, agency: PublicAgency): Promise<PublicAccess | null> => {
    const data = (await unseal(c, 'status', agency.code, getCookie(c, STATUS_COOKIE))) as { id?: unknown; v?: unknown } | null;
    if (!data || typeof data.id !== 'number' || !Number.isSafeInteger(data.id) || typeof data.v !== 'number' || !Number.isSafeInteger(data.v)) return null;
    if (!(await grantIsCurrent(c.var.deps.db, agency.id, data.id, data.v))) return null;
    return { agency: { id: agency.id, code: agency.code, name: agency.name }, applicationId: data.id, grantVersion: data.v };
  };

  r.get('/:agency/status/result', session, async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    const base = columnBase(agency.code);
    noStore(c);
    const query = await openQuery(c, agency);
    if (!query) return c.redirect(`${base}/status`, 303);
    const done = c.req.query('done');
    return renderStatus(c, agency, query, { done: done === 'correction' || done === 'withdrawn' ? done : null }, 200, () => deleteCookie(c, STATUS_COOKIE, cookieOptions(c, `${base}/status`)));
  });

  // 补正 and 撤回 online, the receipt as PDF, the applicant's stylesheet and print script (issue #14)
  r.route('/', statusActionRoutes({ agencyOf: publicAgencyOf, openQuery, notFound }));

  r.post('/:agency/status/end', verifyCsrf(), async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    const base = columnBase(agency.code);
    // the grant itself is revoked: the cookie, wherever a copy of it is kept, no longer opens the result
    const query = await openQuery(c, agency);
    if (query) await revokeStatusGrant(c.var.deps.db, agency.id, query.applicationId, query.grantVersion ?? 0);
    deleteCookie(c, STATUS_COOKIE, cookieOptions(c, `${base}/status`));
    return c.redirect(`${base}/status`, 303);
  });

  r.get('/:agency/status/documents/:file', async (c) => {
    const agency = await publicAgencyOf(c);
    const m = /^(\d{1,12})(\.docx|\.pdf)?$/.exec(c.req.param('file'));
    if (!agency || !m) return notFound(c);
    noStore(c);
    const query = await openQuery(c, agency);
    if (!query) return c.redirect(`${columnBase(agency.code)}/status`, 303);
    if (m[2] === '.pdf') return publicDocumentPdfResponse(c, agency, query, Number(m[1]));
    const format = m[2] ? 'docx' : 'html';
    const doc = await publicDocumentOf(c.var.deps.db, query, Number(m[1]), format);
    if (!doc.ok) return notFound(c);
    // the reply opened on the applicant's own page: its 在线 delivery, the first time (services/online-delivery.ts)
    await recordOnlineView(c.var.deps.db, query, Number(m[1]), { now: c.var.deps.now(), ip: await clientIp(c), calendar: await c.var.deps.calendar() });
    if (doc.value.format === 'html') return c.html(doc.value.html);
    c.header('Content-Type', DOCX);
    c.header('Content-Disposition', attachment(`document-${m[1]}.docx`, `${doc.value.title}（${doc.value.number}）.docx`));
    return c.body(new Uint8Array(doc.value.bytes));
  });

  return r;
}
