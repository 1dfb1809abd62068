// The applicant's personal data, by need (services/personal-data.ts): the whole ID number revealed by a
// deliberate POST (audited, answered with a page of its own that no cache keeps), the identity proof the
// applicant uploaded (audited; images inline, anything else as a download, never sniffed), and the
// agency's ledger (台账) — masked, or whole for the leaders and administrators on `?full=1` (audited).
// Whoever may not gets 403 with the reason; another agency's records are not found (404).

import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import type { SessionUser } from '../../services/accounts.ts';
import { openIdentityProof, openLedgerExport, revealIdNumber } from '../../services/personal-data.ts';
import type { Viewer } from '../../services/personal-data.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { messagePage } from '../views/message.tsx';
import { revealedPage } from '../views/staff/personal.tsx';
import { badRequest, frameOf, idParam, notFound } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Shown in the browser: pictures only (a PDF may carry scripts and forms: downloaded). */
const INLINE_TYPES: readonly string[] = ['image/png', 'image/jpeg'];
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

async function viewerOf(c: C): Promise<Viewer> {
  return { user: c.var.user as SessionUser, ip: await clientIp(c), now: c.var.deps.now(), via: 'web' };
}

/** A refusal of the service as a page: 404 for what is not found, 403 with the reason for the rest. */
function refused(c: C, error: { code: string; message: string }): Response {
  const status = statusOf(error);
  if (status === 404) return notFound(c);
  return c.html(messagePage({ title: '没有权限', message: error.message, home: '/staff', site: '政府信息公开工作平台' }), 403);
}

export function personalRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const csrf = verifyCsrf();

  routes.post('/:agency/applications/:id/identity', read, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const shown = await revealIdNumber(c.var.deps.db, c.var.agency.id, id, await viewerOf(c));
    if (!shown.ok) return refused(c, shown.error);
    return c.html(revealedPage(frameOf(c, 'applications'), shown.value));
  });

  routes.get('/:agency/applications/:id/identity-proof/:upload', read, async (c) => {
    const id = idParam(c.req.param('id'));
    const upload = idParam(c.req.param('upload'));
    if (id === null || upload === null) return notFound(c);
    const proof = await openIdentityProof(c.var.deps.db, c.var.agency.id, id, upload, await viewerOf(c));
    if (!proof.ok) return refused(c, proof.error);
    const { mediaType, fileName, bytes } = proof.value;
    const disposition = INLINE_TYPES.includes(mediaType) ? 'inline' : 'attachment';
    const ascii = `identity-proof-${proof.value.id}.${EXTENSIONS[mediaType] ?? 'bin'}`;
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': mediaType,
      'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  const ledger = (format: 'csv' | 'xlsx') => async (c: C) => {
    const full = c.req.query('full');
    if (full !== undefined && full !== '1' && full !== '0') return badRequest(c, '参数 full 只能为 1（含完整证件号码）或 0。');
    const opened = await openLedgerExport(c.var.deps.db, c.var.agency.id, format, await viewerOf(c), { full: full === '1' });
    if (!opened.ok) return refused(c, opened.error);
    const name = `${c.var.agency.code}-ledger${opened.value.full ? '-full' : ''}.${format}`;
    // streamed as it is read (a download of 200,000 rows holds a batch of them); a failure midway cuts the download
    const out = new PassThrough();
    opened.value.write(out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
    return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`${c.var.agency.name}台账.${format}`)}`,
    });
  };
  routes.get('/:agency/ledger.csv', read, ledger('csv'));
  routes.get('/:agency/ledger.xlsx', read, ledger('xlsx'));

  return routes;
}
