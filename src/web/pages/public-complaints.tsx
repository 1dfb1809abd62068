// 投诉、举报 (条例第五十一条) on an agency's column, no sign-in:
//
//   GET  /:agency/complaint            the form, naming the office above that receives it
//   POST /:agency/complaint            rate-limited per client address (the application form's limit),
//                                      CSRF-checked, the body limited (web/limits.ts) → 303 to the receipt
//   GET  /:agency/complaint/receipt    the receipt: 编号, the receiving office, the due date — carried in a
//                                      short-lived sealed cookie from the POST, shown once
//
// A refused form is shown again with what was typed and the Chinese message of each field (422; 400 for
// what no form sends). An agency without an office above shows no form, and a POST to it is refused.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { complaintInput } from '../../domain/complaints/inputs.ts';
import type { ComplaintInput } from '../../domain/complaints/inputs.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import { fileComplaint, receiverOf } from '../../services/complaints/write.ts';
import { sessionMiddleware } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp, rateLimit } from '../rate-limit.ts';
import { seal, TOKEN_CAP_SECONDS, unseal } from '../sealed-token.ts';
import { COMPLAINT_FORM_FIELDS, complaintFormPage, complaintReceiptGonePage, complaintReceiptPage } from '../views/public/complaint.tsx';
import type { FieldError } from '../views/public/fields.tsx';
import { columnBase } from '../views/public/frame.tsx';
import { publicAgencyOf } from './public-agency.ts';
import type { PublicAgency } from './public-agency.ts';

const RECEIPT_COOKIE = 'gk_complaint';
const TTL = TOKEN_CAP_SECONDS.complaint_receipt;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function complaintRoutes(options: { notFound: (c: Context<AppEnv>) => Response; limit?: { limit: number; windowMs: number } }): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const session = sessionMiddleware();
  const limit = rateLimit(options.limit ? { key: 'complaint', ...options.limit } : { key: 'complaint', setting: 'applyPerAddress' });
  const cookieOptions = (c: Context<AppEnv>, agency: PublicAgency, maxAge?: number) => ({
    httpOnly: true,
    secure: c.var.deps.secureCookies,
    sameSite: 'Strict' as const,
    path: `${columnBase(agency.code)}/complaint/receipt`,
    ...(maxAge === undefined ? {} : { maxAge }),
  });

  const form = async (c: Context<AppEnv>, agency: PublicAgency, values: Record<string, string>, errors: FieldError[], status: 200 | 400 | 422 = 200) => {
    const receiver = await receiverOf(c.var.deps.db, agency.id);
    c.header('Cache-Control', 'no-store');
    return c.html(complaintFormPage({ agency, receiver: receiver ? { name: receiver.name, days: receiver.days } : null, csrf: c.var.csrf, values, errors }), status);
  };

  r.get('/:agency/complaint', session, async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return options.notFound(c);
    return form(c, agency, {}, []);
  });

  r.post('/:agency/complaint', limit, verifyCsrf(), async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return options.notFound(c);
    const body = await c.req.parseBody();
    const values: Record<string, string> = {};
    for (const f of COMPLAINT_FORM_FIELDS) values[f] = str(body[f]);
    const input = { kind: values['kind'] ?? '', complainantName: values['complainantName'] ?? '', contact: values['contact'] ?? '', text: values['text'] ?? '' } as ComplaintInput;
    const checked = complaintInput.safeParse(input);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
      const firstOfEach = issues.filter((x, i) => issues.findIndex((y) => y.field === x.field) === i);
      for (const f of COMPLAINT_FORM_FIELDS) values[f] = (values[f] ?? '').slice(0, 5000);
      return form(c, agency, values, firstOfEach, inputRefusal(checked.error).status);
    }
    const { db, now, calendar } = c.var.deps;
    const filed = await fileComplaint(db, agency, input, { now: now(), calendar: await calendar().catch(() => undefined), ip: await clientIp(c) });
    if (!filed.ok) return form(c, agency, values, [{ field: filed.error.field || 'kind', message: filed.error.message }], 422);
    const { complaint, receiver } = filed.value;
    const token = await seal(c, 'complaint_receipt', agency.code, { number: complaint.number, kind: complaint.kind, receivedOn: complaint.receivedOn, receiverName: receiver.name, dueOn: complaint.dueOn }, TTL);
    setCookie(c, RECEIPT_COOKIE, token, cookieOptions(c, agency, TTL));
    return c.redirect(`${columnBase(agency.code)}/complaint/receipt`, 303);
  });

  r.get('/:agency/complaint/receipt', async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return options.notFound(c);
    c.header('Cache-Control', 'no-store');
    const data = (await unseal(c, 'complaint_receipt', agency.code, getCookie(c, RECEIPT_COOKIE))) as Record<string, unknown> | null;
    deleteCookie(c, RECEIPT_COOKIE, cookieOptions(c, agency));
    if (!data || typeof data['number'] !== 'string' || typeof data['receiverName'] !== 'string') return c.html(complaintReceiptGonePage(agency));
    return c.html(
      complaintReceiptPage({
        agency,
        number: data['number'],
        kind: str(data['kind']),
        receivedOn: str(data['receivedOn']),
        receiverName: data['receiverName'],
        dueOn: typeof data['dueOn'] === 'string' ? data['dueOn'] : null,
      }),
    );
  });

  return r;
}
