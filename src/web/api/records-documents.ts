// A case's documents under /api/v1/records/cases/:id/documents (mounted by api/records.ts): list them,
// upload one (multipart/form-data: `file`, `kind`, `title`, `documentDate`), download one (its own type,
// its name, never stored by a cache), remove one. Reading is 'read'; uploading and removing is 'handle',
// as writing cases is. The same service as the staff page (services/records/case-documents.ts); errors
// are `{ error: { code, message, field? } }`. Another agency's case or document is not found.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { contentDisposition } from '../../domain/uploads/file-kind.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { addCaseDocument, CASE_NOT_FOUND, deleteCaseDocument, DOCUMENT_NOT_FOUND, listCaseDocuments, readCaseDocument } from '../../services/records/case-documents.ts';
import type { RecordsActor } from '../../services/records/counts.ts';
import { getCase } from '../../services/records/cases.ts';
import type { AppEnv } from '../context.ts';
import { clientIp } from '../rate-limit.ts';
import { agencyOf, refuse } from './index.ts';

type C = Context<AppEnv>;

const me = (c: C): SessionUser => c.get('user') as SessionUser;
const idOf = (text: string | undefined): number | null => (/^[1-9][0-9]{0,15}$/.test(text ?? '') && Number.isSafeInteger(Number(text)) ? Number(text) : null);

async function actorOf(c: C): Promise<RecordsActor> {
  const now = c.get('deps').now();
  return { userId: me(c).id, name: me(c).displayName, now, today: now.slice(0, 10), ip: await clientIp(c), source: 'api' };
}

export function caseDocumentsApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  api.get('/records/cases/:id/documents', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c.req.param('id'));
    const db = c.get('deps').db;
    const found = id === null ? undefined : await getCase(db, a.agencyId, id);
    if (found === undefined) return refuse(c, CASE_NOT_FOUND);
    return c.json({ documents: await listCaseDocuments(db, a.agencyId, found.id) });
  });

  api.post('/records/cases/:id/documents', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c.req.param('id'));
    if (id === null) return refuse(c, CASE_NOT_FOUND);
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      body = {};
    }
    const file = body['file'];
    if (!(file instanceof File)) return refuse(c, { code: 'INVALID_INPUT', message: '请以 multipart/form-data 上传：文件字段名为 file，并填写 kind（文书种类），可填 title、documentDate。', field: 'file' });
    const fields = { kind: body['kind'] ?? '', title: body['title'] ?? '', documentDate: body['documentDate'] ?? '' };
    const r = await addCaseDocument(c.get('deps').db, a.agencyId, id, fields, { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name }, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ document: r.value }, 201);
  });

  api.get('/records/cases/:id/documents/:documentId', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c.req.param('id'));
    const documentId = idOf(c.req.param('documentId'));
    const r = id === null || documentId === null ? null : await readCaseDocument(c.get('deps').db, a.agencyId, id, documentId);
    if (r === null || !r.ok) return refuse(c, DOCUMENT_NOT_FOUND);
    return c.body(r.value.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': r.value.mediaType,
      'Content-Disposition': contentDisposition(r.value.fileName),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  api.delete('/records/cases/:id/documents/:documentId', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c.req.param('id'));
    const documentId = idOf(c.req.param('documentId'));
    if (id === null || documentId === null) return refuse(c, DOCUMENT_NOT_FOUND);
    const r = await deleteCaseDocument(c.get('deps').db, a.agencyId, id, documentId, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ deleted: r.value });
  });

  return api;
}
