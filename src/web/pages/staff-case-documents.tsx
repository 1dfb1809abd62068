// 年报数据 → a case → 案件文书, under /staff/:agency/records/cases/:id/documents: upload one (multipart,
// without JavaScript), download one (its own type, its Chinese name, never stored by a cache), remove one
// (a confirmation page first). Reading is every member's; uploading and removing is 'handle', as changing
// the case is. Thin routes: read the form, call one service (services/records/case-documents.ts, which
// writes the audit entry in its transaction), post-redirect-get; a refusal re-renders the case page with
// the message at the upload form and what was typed. Another agency's case or document is not found.

import { Hono } from 'hono';
import { contentDisposition } from '../../domain/uploads/file-kind.ts';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { addCaseDocument, deleteCaseDocument, readCaseDocument } from '../../services/records/case-documents.ts';
import type { RecordsActor } from '../../services/records/counts.ts';
import { getCase } from '../../services/records/cases.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { confirmed, confirmPage } from '../views/staff/confirm.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { CASE_DOCUMENT_FORM_FIELDS, documentFieldId } from '../views/staff/records-case-documents.tsx';
import type { CaseDocumentForm } from '../views/staff/records-case-documents.tsx';
import { recordsBase } from '../views/staff/records.tsx';
import { formOf, frameOf, idParam, notFound } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

/** The case page again, with what the upload form had and its errors. */
export type ShowCase = (c: C, id: number, shown: { documentForm?: CaseDocumentForm; errors?: FieldError[]; status?: number }) => Promise<Response>;

async function actorOf(c: C): Promise<RecordsActor> {
  const user = c.var.user as SessionUser;
  const now = c.var.deps.now();
  return { userId: user.id, name: user.displayName, now, today: now.slice(0, 10), ip: await clientIp(c), source: 'page' };
}

const caseHref = (c: C, id: number): string => `${recordsBase(c.var.agency.code)}/cases/${id}`;

export function caseDocumentRoutes(showCase: ShowCase): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();

  routes.post('/:agency/records/cases/:id/documents', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const body = await c.req.parseBody();
    const field = (name: string, max: number): string => {
      const v = body[name];
      return typeof v === 'string' ? v.slice(0, max) : '';
    };
    const typed: CaseDocumentForm = { kind: field('kind', 40), title: field('title', 400), documentDate: field('documentDate', 40) };
    const control = controlCharacterProblem({ [documentFieldId('title')]: { label: '标题', value: typed.title }, [documentFieldId('kind')]: { label: '文书种类', value: typed.kind }, [documentFieldId('documentDate')]: { label: '文书日期', value: typed.documentDate } });
    if (control) return showCase(c, id, { documentForm: typed, errors: [control], status: 400 });
    const file = body['file'];
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
    const r = await addCaseDocument(c.var.deps.db, c.var.agency.id, id, typed, { bytes, fileName: file instanceof File ? file.name : '' }, await actorOf(c));
    if (!r.ok) {
      if (r.error.code === 'NOT_FOUND') return notFound(c);
      const at = r.error.field && (CASE_DOCUMENT_FORM_FIELDS as readonly string[]).includes(r.error.field) ? r.error.field : 'file';
      return showCase(c, id, { documentForm: typed, errors: [{ field: documentFieldId(at), message: r.error.message }], status: statusOf(r.error) });
    }
    return c.redirect(`${caseHref(c, id)}?done=document-added#document-${r.value.id}`, 303);
  });

  routes.get('/:agency/records/cases/:id/documents/:documentId', read, async (c) => {
    const id = idParam(c.req.param('id'));
    const documentId = idParam(c.req.param('documentId'));
    if (id === null || documentId === null) return notFound(c);
    const r = await readCaseDocument(c.var.deps.db, c.var.agency.id, id, documentId);
    if (!r.ok) return notFound(c);
    return c.body(r.value.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': r.value.mediaType,
      'Content-Disposition': contentDisposition(r.value.fileName),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  routes.post('/:agency/records/cases/:id/documents/:documentId/delete', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const documentId = idParam(c.req.param('documentId'));
    if (id === null || documentId === null) return notFound(c);
    const { db } = c.var.deps;
    const agency = c.var.agency;
    if (!confirmed(await formOf(c))) {
      const [theCase, doc] = await Promise.all([getCase(db, agency.id, id), readCaseDocument(db, agency.id, id, documentId)]);
      if (theCase === undefined || !doc.ok) return notFound(c);
      const d = doc.value;
      return c.html(
        confirmPage(frameOf(c, 'records'), {
          title: `删除文书：${d.title === '' ? d.kind : d.title}`,
          consequences: [
            `将从案件“${theCase.caseNumber}”中删除${d.kind}“${d.fileName}”${d.documentDate ? `（文书日期${d.documentDate}）` : ''}，删除后不能恢复；如仍需要，请先下载保存。`,
            '删除记入审计日志（文书的种类、标题、文件名和校验值）。',
          ],
          action: `${caseHref(c, id)}/documents/${documentId}/delete`,
          fields: {},
          confirmLabel: '确认删除',
          cancel: { href: `${caseHref(c, id)}#document-${documentId}`, label: '不删除，返回' },
          csrf: c.var.csrf,
        }),
      );
    }
    const r = await deleteCaseDocument(db, agency.id, id, documentId, await actorOf(c));
    if (!r.ok) return notFound(c);
    return c.redirect(`${caseHref(c, id)}?done=document-deleted#documents-title`, 303);
  });

  return routes;
}
