// Notices issued on an application (补正告知书, 延期答复告知书, 征询函, 收费通知书, 答复告知书): numbered
// per agency and year, rendered from the agency's template (or the built-in one), stored, downloadable
// as HTML and DOCX. Issuing is one transaction: the number is taken only if the document is stored.

import type { Kysely } from 'kysely';
import type { DB, DocumentRow } from '../db/schema.ts';
import type { DomainResult, Outcome } from '../domain/applications/types.ts';
import { APPLICANT_TYPE_LABELS } from '../domain/applications/types.ts';
import { documentNumber, prepareDocument, renderDocument, renderDocumentDocx } from '../domain/documents/render.ts';
import type { DocumentInput } from '../domain/documents/render.ts';
import { DOCUMENT_KINDS, validateTemplate } from '../domain/documents/templates.ts';
import type { Consultee, DocumentKind } from '../domain/documents/templates.ts';
import type { FeeQuote } from '../domain/fees/fees.ts';
import type { Actor } from './applications.ts';
import { nextNumber } from './applications.ts';
import { documentPrefixOf } from './agencies.ts';

export interface IssueInput {
  kind: DocumentKind;
  /** the date on the document */
  issuedOn: string;
  /** values typed by the official (reason, correctionItems, reviewBody …) */
  values: Record<string, string>;
  outcome?: Outcome;
  consultee?: Consultee;
  fee?: FeeQuote;
}

export async function issueDocument(db: Kysely<DB>, agencyId: number, applicationId: number, input: IssueInput, who: Actor): Promise<DomainResult<DocumentRow>> {
  if (!DOCUMENT_KINDS.includes(input.kind)) return { ok: false, error: { code: 'DOCUMENT_KIND_UNKNOWN', message: `文书种类“${input.kind}”无效。` } };
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom('applications as a')
      .innerJoin('agencies as g', 'g.id', 'a.agencyId')
      .select(['a.id', 'a.number', 'a.applicantName', 'a.applicantType', 'a.receivedOn', 'a.request', 'a.contact', 'g.name as agencyName', 'g.documentPrefix'])
      .where('a.id', '=', applicationId)
      .where('a.agencyId', '=', agencyId)
      .executeTakeFirst();
    if (!app) return { ok: false as const, error: { code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' } };
    const template = await trx.selectFrom('templates').select('body').where('agencyId', '=', agencyId).where('kind', '=', input.kind).executeTakeFirst();
    const year = Number(input.issuedOn.slice(0, 4));
    const document: DocumentInput = {
      kind: input.kind,
      number: documentNumber(documentPrefixOf({ name: app.agencyName, documentPrefix: app.documentPrefix }), Number.isInteger(year) && year > 999 ? year : 2000, 1),
      agencyName: app.agencyName,
      values: {
        applicantName: app.applicantName,
        applicantType: APPLICANT_TYPE_LABELS[app.applicantType as keyof typeof APPLICANT_TYPE_LABELS] ?? '',
        receivedOn: app.receivedOn ?? '',
        request: app.request,
        contact: app.contact,
        issuedOn: input.issuedOn,
        ...input.values,
      },
      ...(template ? { template: template.body } : {}),
      ...(input.outcome ? { outcome: input.outcome } : {}),
      ...(input.consultee ? { consultee: input.consultee } : {}),
      ...(input.fee ? { fee: input.fee } : {}),
    };
    // check everything before taking a number
    const prepared = prepareDocument(document);
    if (!prepared.ok) return prepared;
    const seq = await nextNumber(trx, agencyId, 'document', year);
    const numbered = { ...document, number: documentNumber(documentPrefixOf({ name: app.agencyName, documentPrefix: app.documentPrefix }), year, seq) };
    const rendered = renderDocument(numbered);
    const row = await trx
      .insertInto('documents')
      .values({
        applicationId,
        agencyId,
        kind: input.kind,
        year,
        seq,
        number: numbered.number,
        issuedOn: input.issuedOn,
        title: rendered.title,
        html: rendered.html,
        inputs: JSON.stringify({ values: numbered.values, template: numbered.template ?? null, outcome: input.outcome ?? null, consultee: input.consultee ?? null, fee: input.fee ?? null }),
        createdAt: who.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true as const, value: row };
  });
}

/** A stored document as DOCX, rendered again from what it was rendered from (same text as its HTML). */
export async function documentDocx(db: Kysely<DB>, agencyId: number, documentId: number): Promise<DomainResult<{ bytes: Uint8Array; number: string; title: string }>> {
  const doc = await db
    .selectFrom('documents as d')
    .innerJoin('agencies as g', 'g.id', 'd.agencyId')
    .select(['d.kind', 'd.number', 'd.title', 'd.inputs', 'g.name as agencyName'])
    .where('d.id', '=', documentId)
    .where('d.agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!doc) return { ok: false, error: { code: 'DOCUMENT_NOT_FOUND', message: '没有找到该文书。' } };
  const inputs = doc.inputs as { values: Record<string, string>; template: string | null; outcome: Outcome | null; consultee: Consultee | null; fee: FeeQuote | null };
  const bytes = await renderDocumentDocx({
    kind: doc.kind as DocumentKind,
    number: doc.number,
    agencyName: doc.agencyName,
    values: inputs.values,
    ...(inputs.template ? { template: inputs.template } : {}),
    ...(inputs.outcome ? { outcome: inputs.outcome } : {}),
    ...(inputs.consultee ? { consultee: inputs.consultee } : {}),
    ...(inputs.fee ? { fee: inputs.fee } : {}),
  });
  return { ok: true, value: { bytes, number: doc.number, title: doc.title } };
}

/** An agency edits a template: validated (placeholders known, the reply keeps its remedy and basis). */
export async function setTemplate(db: Kysely<DB>, agencyId: number, kind: DocumentKind, body: string, who: Actor): Promise<DomainResult<void>> {
  const valid = validateTemplate(kind, body);
  if (!valid.ok) return valid;
  await db
    .insertInto('templates')
    .values({ agencyId, kind, body: valid.value, updatedAt: who.now })
    .onConflict((oc) => oc.columns(['agencyId', 'kind']).doUpdateSet({ body: valid.value, updatedAt: who.now }))
    .execute();
  return { ok: true, value: undefined };
}
