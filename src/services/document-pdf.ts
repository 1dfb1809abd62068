// A notice (补正告知书 … 答复告知书) as PDF, beside its Word file (issue #14; plan-notes 8: a document is
// rendered once and stored). The notice's HTML is fixed when it is issued (documents.html, a standalone A4
// page after GB/T 9704), so printing it later gives the same document: it is printed by Chromium
// (services/pdf: one print at a time, "第 N 页 共 M 页" in the footer) the first time anyone asks for it —
// the applicant on the status page or the staff — and the bytes are kept (documents.pdf, migration 0024)
// in one transaction with an audit entry; every later request serves the kept bytes. Printing is not done
// inside the issuing transaction: it takes seconds and a browser, which `npm start` does not require.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { record } from './audit.ts';
import { htmlToPdf } from './pdf/index.ts';
import type { BrowserSettings } from './pdf/index.ts';

export interface DocumentPdf {
  bytes: Uint8Array;
  number: string;
  title: string;
  /** printed by this request (false: the kept bytes) */
  printed: boolean;
}

/** Who asks (the audit entry of the first print): a signed-in user, or the applicant (userId null). */
export interface PdfRequester {
  userId: number | null;
  ip: string | null;
  now: string;
  via: 'web' | 'online';
}

/** The PDF of a document of the agency: the kept bytes, or printed now and kept. Another agency's: not found. */
export async function documentPdf(db: Kysely<DB>, agencyId: number, documentId: number, browser: BrowserSettings, who: PdfRequester): Promise<DomainResult<DocumentPdf>> {
  const doc = await db.selectFrom('documents').select(['id', 'applicationId', 'number', 'title', 'html', 'pdf']).where('id', '=', documentId).where('agencyId', '=', agencyId).executeTakeFirst();
  if (!doc) return { ok: false, error: { code: 'DOCUMENT_NOT_FOUND', message: '没有找到该文书。' } };
  if (doc.pdf !== null) return { ok: true, value: { bytes: new Uint8Array(doc.pdf), number: doc.number, title: doc.title, printed: false } };
  const printed = await htmlToPdf(doc.html, { browser });
  if (!printed.ok) return printed;
  const kept = await db.transaction().execute(async (trx) => {
    // kept once: a print that raced this one keeps its bytes, and this one serves them
    const stored = await trx.updateTable('documents').set({ pdf: printed.value }).where('id', '=', doc.id).where('pdf', 'is', null).returning('id').executeTakeFirst();
    if (!stored) {
      const other = await trx.selectFrom('documents').select('pdf').where('id', '=', doc.id).executeTakeFirstOrThrow();
      return other.pdf === null ? printed.value : new Uint8Array(other.pdf);
    }
    await record(trx, {
      userId: who.userId,
      agencyId,
      action: 'document.pdf',
      target: `document:${doc.id}`,
      detail: { applicationId: doc.applicationId, number: doc.number, bytes: printed.value.length, via: who.via },
      ip: who.ip,
      at: who.now,
    });
    return printed.value;
  });
  return { ok: true, value: { bytes: kept, number: doc.number, title: doc.title, printed: kept === printed.value } };
}
