// The applicant's journey after the status query (issue #14), mounted by public.tsx: 补正 online and 撤回
// (post, redirect, get; refusals re-render the page with the service's Chinese message), the status page
// itself (renderStatus, shared with public.tsx's result route), the receipt as PDF — from the receipt page
// (a sealed cookie of its own, 10 minutes, naming the application only: the PDF holds no password) and
// from the status page — and the notices as PDF. Where no browser can print, the applicant is told to take
// the Word file or print the page instead; what to install is for the staff and the README
// (public-report-pdf.ts does the same).

import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { CONTROL_CHARACTERS } from '../../domain/text-rules.ts';
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from '../../domain/uploads/sniff.ts';
import type { PublicAgency } from './public-agency.ts';
import type { BrowserSettings } from '../../services/pdf/index.ts';
import { PDF_BUSY } from '../../services/pdf/index.ts';
import { submitOnlineCorrection } from '../../services/public-correction.ts';
import { publicDocumentPdfOf, publicStatusOf } from '../../services/public-status.ts';
import { recordOnlineView } from '../../services/online-delivery.ts';
import type { PublicAccess } from '../../services/public-status.ts';
import { withdrawOnline } from '../../services/public-withdrawal.ts';
import { receiptPdf } from '../../services/receipt-pdf.ts';
import { mayPrint } from '../../services/report-pdf.ts';
import { sessionMiddleware } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp, rateLimit } from '../rate-limit.ts';
import { seal, TOKEN_CAP_SECONDS, unseal } from '../sealed-token.ts';
import { messagePage } from '../views/message.tsx';
import { CITIZEN_CSS, PRINT_JS } from '../views/public/citizen-assets.ts';
import { columnBase } from '../views/public/frame.tsx';
import { statusPage } from '../views/public/status.tsx';
import type { StatusViewModel } from '../views/public/status.tsx';
import type { CorrectionFormModel } from '../views/public/status-actions.tsx';
import { withdrawPage } from '../views/public/status-actions.tsx';

type C = Context<AppEnv>;

export interface StatusActionDeps {
  agencyOf: (c: C) => Promise<PublicAgency | null>;
  /** the access the visitor's status query opened (public.tsx), or null */
  openQuery: (c: C, agency: PublicAgency) => Promise<PublicAccess | null>;
  notFound: (c: C) => Response;
}


const RECEIPT_PDF_COOKIE = 'gk_receipt_pdf';
const UPLOAD = { accept: UPLOAD_ACCEPT, maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024 };

const today = (c: C): string => c.var.deps.now().slice(0, 10);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const browserOf = (c: C): BrowserSettings => ({ chromiumPath: c.var.deps.config.chromiumPath, searchPath: c.var.deps.config.searchPath });

function noStore(c: C): void {
  c.header('Cache-Control', 'no-store');
}

function cookieOptions(c: C, path: string, maxAge?: number) {
  return { httpOnly: true, secure: c.var.deps.secureCookies, sameSite: 'Strict' as const, path, ...(maxAge === undefined ? {} : { maxAge }) };
}

/** The receipt page lets its PDF be fetched for 10 minutes (a cookie naming the application, nothing else). */
export async function grantReceiptPdf(c: C, agency: PublicAgency, applicationId: number): Promise<void> {
  const token = await seal(c, 'receipt_pdf', agency.code, { id: applicationId }, TOKEN_CAP_SECONDS.receipt_pdf);
  setCookie(c, RECEIPT_PDF_COOKIE, token, cookieOptions(c, `${columnBase(agency.code)}/apply/receipt.pdf`, TOKEN_CAP_SECONDS.receipt_pdf));
}

/** The status page for an opened query, with what the route adds (a done notice, a form re-shown, a refusal). */
export async function renderStatus(
  c: C,
  agency: PublicAgency,
  query: PublicAccess,
  extra: Partial<Pick<StatusViewModel, 'done' | 'correctionForm' | 'actionError'>> = {},
  status: 200 | 400 | 409 | 422 = 200,
  /** called when the application is gone (the query is forgotten before going back to the form) */
  onGone?: () => void,
): Promise<Response> {
  noStore(c);
  const { db, calendar } = c.var.deps;
  const found = await publicStatusOf(db, query, today(c), await calendar());
  if (!found.ok) {
    onGone?.();
    return c.redirect(`${columnBase(agency.code)}/status`, 303);
  }
  return c.html(statusPage({ agency, status: found.value, csrf: c.var.csrf, today: today(c), pdf: mayPrint(browserOf(c)), upload: UPLOAD, ...extra }), status);
}

/** A PDF, or the page that says it cannot be had now (the Word file and printing remain). */
function pdfResponse(c: C, agency: PublicAgency, result: { ok: true; value: { bytes: Uint8Array } } | { ok: false; error: { code: string } }, ascii: string, name: string): Response {
  noStore(c);
  if (result.ok) {
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return c.body(new Uint8Array(result.value.bytes));
  }
  if (result.error.code === 'NOT_FOUND' || result.error.code === 'DOCUMENT_NOT_FOUND') return c.html(messagePage({ title: '页面不存在', message: '没有找到要下载的文件。', home: `${columnBase(agency.code)}/status` }), 404);
  c.header('Retry-After', result.error.code === PDF_BUSY ? '60' : '600');
  return c.html(
    messagePage({
      title: 'PDF版本暂时无法提供',
      message: 'PDF版本暂时无法生成，请稍后再试；也可以在线查看、下载 Word 版本，或使用浏览器的“打印”功能打印页面。',
      home: `${columnBase(agency.code)}/status/result`,
    }),
    503,
  );
}

/** A notice of the applicant's as PDF (public.tsx's /status/documents/:id.pdf). */
export async function publicDocumentPdfResponse(c: C, agency: PublicAgency, query: PublicAccess, documentId: number): Promise<Response> {
  const doc = await publicDocumentPdfOf(c.var.deps.db, query, documentId, browserOf(c), { ip: await clientIp(c), now: c.var.deps.now() });
  if (doc.ok) await recordOnlineView(c.var.deps.db, query, documentId, { now: c.var.deps.now(), ip: await clientIp(c), calendar: await c.var.deps.calendar() });
  const value = doc.ok ? doc.value : null;
  return pdfResponse(c, agency, doc, `document-${documentId}.pdf`, value ? `${value.title}（${value.number}）.pdf` : 'document.pdf');
}

export function statusActionRoutes(deps: StatusActionDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  // 补正 and 撤回 posts per client address (they succeed once; a refused upload is 5 MB read): the administrator's
  // limit, 10 in 15 minutes by default (services/limits/settings.ts)
  const limit = rateLimit({ key: 'status_action', setting: 'statusActionPerAddress' });
  const session = sessionMiddleware();
  const { agencyOf, openQuery, notFound } = deps;

  r.get('/assets/citizen.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(CITIZEN_CSS);
  });
  r.get('/assets/print.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PRINT_JS);
  });

  /** The agency and the opened query, or the response that replaces the page (404, or back to the query form). */
  const opened = async (c: C): Promise<{ agency: PublicAgency; query: PublicAccess } | Response> => {
    const agency = await agencyOf(c);
    if (!agency) return notFound(c);
    noStore(c);
    const query = await openQuery(c, agency);
    if (!query) return c.redirect(`${columnBase(agency.code)}/status`, 303);
    return { agency, query };
  };

  // --- 补正 online
  r.post('/:agency/status/correction', limit, verifyCsrf(), async (c) => {
    const o = await opened(c);
    if (o instanceof Response) return o;
    const body = await c.req.parseBody();
    const text = str(body['text']).slice(0, 20_000);
    const upload = body['file'];
    const file = upload instanceof File && (upload.size > 0 || upload.name !== '') ? { bytes: new Uint8Array(await upload.arrayBuffer()), type: upload.type, name: upload.name } : null;
    const { db, now, calendar } = c.var.deps;
    const result = await submitOnlineCorrection(db, o.query, { text, file }, { now: now(), calendar: await calendar(), ip: await clientIp(c) });
    if (!result.ok) {
      if (result.fieldErrors.length > 0) {
        const form: CorrectionFormModel = { text: text.slice(0, 5000), errors: result.fieldErrors };
        // control characters: what no form sends from a keyboard (400); anything else is the applicant's to correct (422)
        return renderStatus(c, o.agency, o.query, { correctionForm: form }, result.fieldErrors.some((e) => e.code === CONTROL_CHARACTERS) ? 400 : 422);
      }
      if (result.error.code === 'APPLICATION_NOT_FOUND') return notFound(c);
      return renderStatus(c, o.agency, o.query, { actionError: result.error.message }, 409);
    }
    return c.redirect(`${columnBase(o.agency.code)}/status/result?done=correction`, 303);
  });

  // --- 撤回: the page that says what it means, then the confirmation
  r.get('/:agency/status/withdraw', session, async (c) => {
    const o = await opened(c);
    if (o instanceof Response) return o;
    const found = await publicStatusOf(c.var.deps.db, o.query, today(c), await c.var.deps.calendar());
    if (!found.ok) return c.redirect(`${columnBase(o.agency.code)}/status`, 303);
    if (!found.value.mayWithdraw) return c.redirect(`${columnBase(o.agency.code)}/status/result`, 303);
    return c.html(withdrawPage({ agency: o.agency, status: found.value, csrf: c.var.csrf, today: today(c), reason: '', error: null }));
  });

  r.post('/:agency/status/withdraw', limit, verifyCsrf(), async (c) => {
    const o = await opened(c);
    if (o instanceof Response) return o;
    const body = await c.req.parseBody();
    const reason = str(body['reason']).slice(0, 5000);
    const { db, now, calendar } = c.var.deps;
    const result = await withdrawOnline(db, o.query, { reason }, { now: now(), ip: await clientIp(c), calendar: await calendar().catch(() => undefined) });
    if (!result.ok) {
      if (result.error.code === 'APPLICATION_NOT_FOUND') return notFound(c);
      if (result.error.field === 'reason') {
        const found = await publicStatusOf(db, o.query, today(c), await calendar());
        if (!found.ok) return c.redirect(`${columnBase(o.agency.code)}/status`, 303);
        // as on the application form: control characters are what no keyboard sends (400); the rest is the applicant's to correct
        const status = result.error.code === CONTROL_CHARACTERS ? 400 : 422;
        return c.html(withdrawPage({ agency: o.agency, status: found.value, csrf: c.var.csrf, today: today(c), reason: reason.slice(0, 500), error: result.error.message }), status);
      }
      return renderStatus(c, o.agency, o.query, { actionError: result.error.message }, 409);
    }
    return c.redirect(`${columnBase(o.agency.code)}/status/result?done=withdrawn`, 303);
  });

  // --- the receipt as PDF: from the status page (the query's grant) and from the receipt page (its own cookie)
  r.get('/:agency/status/receipt.pdf', async (c) => {
    const o = await opened(c);
    if (o instanceof Response) return o;
    const made = await receiptPdf(c.var.deps.db, o.agency.id, o.query.applicationId, { calendar: await c.var.deps.calendar(), browser: browserOf(c) });
    return pdfResponse(c, o.agency, made, `receipt-${made.ok ? made.value.number : 'application'}.pdf`, `政府信息公开申请回执（${made.ok ? made.value.number : ''}）.pdf`);
  });

  r.get('/:agency/apply/receipt.pdf', async (c) => {
    const agency = await agencyOf(c);
    if (!agency) return notFound(c);
    noStore(c);
    const data = (await unseal(c, 'receipt_pdf', agency.code, getCookie(c, RECEIPT_PDF_COOKIE))) as { id?: unknown } | null;
    if (!data || typeof data.id !== 'number' || !Number.isSafeInteger(data.id)) {
      return c.html(
        messagePage({ title: '回执下载已过期', message: '申请回执的PDF只能在提交申请后10分钟内从回执页面下载。之后请凭回执码和查询密码在“查询申请办理进度”页面下载。', home: `${columnBase(agency.code)}/status` }),
        410,
      );
    }
    const made = await receiptPdf(c.var.deps.db, agency.id, data.id, { calendar: await c.var.deps.calendar(), browser: browserOf(c) });
    return pdfResponse(c, agency, made, `receipt-${made.ok ? made.value.number : 'application'}.pdf`, `政府信息公开申请回执（${made.ok ? made.value.number : ''}）.pdf`);
  });

  return r;
}
