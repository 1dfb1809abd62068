// The file an applicant sent with an online 补正 (issue #14), for the staff who may read the application:
// pictures shown in the browser, anything else (a PDF may carry scripts and forms) downloaded, never sniffed;
// each opening is in the audit log.

import { Hono } from 'hono';
import { correctionFile } from '../../services/online-corrections.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { auditAction, idParam, notFound } from './staff-common.tsx';

const INLINE_TYPES: readonly string[] = ['image/png', 'image/jpeg'];
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

export function correctionRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/:agency/applications/:id/corrections/:upload', requireAgency('read'), async (c) => {
    const id = idParam(c.req.param('id'));
    const upload = idParam(c.req.param('upload'));
    if (id === null || upload === null) return notFound(c);
    const file = await correctionFile(c.var.deps.db, c.var.agency.id, id, upload);
    if (!file.ok) return notFound(c);
    const { mediaType, fileName, bytes } = file.value;
    // a 补正 may carry personal data as the application does: who opened it is recorded
    await auditAction(c, 'application_correction.view', `upload:${file.value.id}`, { applicationId: id, fileName });
    const disposition = INLINE_TYPES.includes(mediaType) ? 'inline' : 'attachment';
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': mediaType,
      'Content-Disposition': `${disposition}; filename="correction-${file.value.id}.${EXTENSIONS[mediaType] ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
  });
  return routes;
}
