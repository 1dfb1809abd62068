// Notices issued on an application (补正告知书, 延期答复告知书, 征询函, 收费通知书, 答复告知书): numbered
// per agency and year, rendered from the agency's template (or the built-in one), stored, downloadable
// as HTML and DOCX. Issuing is one transaction: the number is taken only if the document is stored.
// The agency's name and its contact line (agency-site.ts) are taken when the notice is issued and stored
// in its inputs: a later change of name or address does not rewrite a notice already issued.

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
import { auditChange, nextNumber, recordEvent } from './applications.ts';
import { documentPrefixOf } from './agencies.ts';
import { archivedRefusal } from './case-readonly.ts';
import { contactLine, siteProfile } from './agency-site.ts';
import { clockSettingsOf } from './application-view.ts';
import { noticeRefusal, noticeRows, noticeValues, stepFits, stepWithoutNotice } from './notices.ts';
import { joined, Refused } from './transactions.ts';
import { EVENT_LABELS } from '../domain/applications/transitions.ts';
import type { EventInput } from '../domain/applications/transitions.ts';
import { OUTCOMES } from '../domain/applications/types.ts';
import type { EventType, HandlingState } from '../domain/applications/types.ts';
import { parseIsoDate } from '../domain/calendar/dates.ts';
import { DOCUMENT_KIND_LABELS } from '../domain/documents/templates.ts';

export interface IssueInput {
  kind: DocumentKind;
  /** the date on the document */
  issuedOn: string;
  /** values typed by the official (reason, correctionItems, reviewBody …); dates are computed, never typed */
  values: Record<string, string>;
  /** a reply: must be the outcome of its step (given with `step`, or the one recorded) */
  outcome?: Outcome;
  /** ignored: the kind of party is the consultation step's */
  consultee?: Consultee;
  fee?: FeeQuote;
  /** the step the notice belongs to, recorded now in the same transaction; absent: the step already recorded without a notice */
  step?: EventInput;
}

/**
 * Issues a notice bound to its step (services/notices.ts): records the step first when `step` is given,
 * all in one transaction; refuses a notice whose step is neither given nor recorded, a second notice for a
 * step, a reply whose outcome is not the recorded one. A corrected reply supersedes the current one.
 */
export async function issueDocument(db: Kysely<DB>, agencyId: number, applicationId: number, input: IssueInput, who: Actor): Promise<DomainResult<DocumentRow>> {
  if (!DOCUMENT_KINDS.includes(input.kind)) return { ok: false, error: { code: 'DOCUMENT_KIND_UNKNOWN', message: `文书种类“${input.kind}”无效。` } };
  if (parseIsoDate(input.issuedOn) === null) return { ok: false, error: { code: 'INVALID_DATE', message: `成文日期“${input.issuedOn}”不是有效日期，请按“2024-03-05”的格式填写。`, field: 'issuedOn' } };
  if (input.issuedOn > who.today) return { ok: false, error: { code: 'DATE_IN_FUTURE', message: `成文日期（${input.issuedOn}）晚于今天（${who.today}）。`, field: 'issuedOn' } };
  if (input.step && !stepFits(input.kind, input.step)) {
    return { ok: false, error: { code: 'NOTICE_STEP_MISMATCH', message: `${DOCUMENT_KIND_LABELS[input.kind]}不属于“${EVENT_LABELS[input.step.type]}”步骤。`, field: 'kind' } };
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const owner = await trx.selectFrom('applications').select(['id', 'state', 'number']).where('id', '=', applicationId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
      if (!owner) return { ok: false as const, error: { code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' } };
      const archived = archivedRefusal(owner);
      if (archived) return { ok: false as const, error: archived };
      if (input.step) {
        const recorded = await recordEvent(joined(trx), agencyId, applicationId, input.step, who);
        if (!recorded.ok) return recorded;
      }
      const app = await trx
        .selectFrom('applications as a')
        .innerJoin('agencies as g', 'g.id', 'a.agencyId')
        .select([
          'a.id',
          'a.state',
          'a.channel',
          'a.submittedOn',
          'a.applicantName',
          'a.applicantType',
          'a.receivedOn',
          'a.request',
          'a.contact',
          'g.name as agencyName',
          'g.documentPrefix',
          'g.reconsiderationBody',
          'g.court',
          'g.feeWindowFromReceipt',
        ])
        .where('a.id', '=', applicationId)
        .executeTakeFirstOrThrow();
      const { events, documents } = await noticeRows(trx, applicationId);
      const step = stepWithoutNotice(input.kind, events, documents);
      if (!step) throw new Refused(noticeRefusal(input.kind, app.state as HandlingState, events, documents));
      if (input.issuedOn < step.occurredOn) {
        throw new Refused({ code: 'DATE_OUT_OF_ORDER', message: `成文日期（${input.issuedOn}）早于“${EVENT_LABELS[step.type as EventType]}”的日期（${step.occurredOn}），请核对日期。`, field: 'issuedOn' });
      }
      if (!who.calendar) throw new Refused({ code: 'CALENDAR_REQUIRED', message: '无法计算文书中的期限：没有取得工作日历。请稍后重试；如问题持续，请联系系统管理员。' });
      const computed = noticeValues(input.kind, { application: app, events, step, calendar: who.calendar, settings: clockSettingsOf(app), issuedOn: input.issuedOn });
      if (!computed.ok) throw new Refused(computed.error);
      const outcome = computed.value.outcome;
      if (input.kind === 'reply' && input.outcome !== undefined && input.outcome !== outcome) {
        throw new Refused({
          code: 'DOCUMENT_OUTCOME_MISMATCH',
          message: `答复告知书的答复结果须与登记的答复一致（已登记：${outcome ? OUTCOMES[outcome].label : '无'}）。答复有误的，请使用“更正答复”。`,
          field: 'outcome',
        });
      }
      const contact = contactLine(await siteProfile(trx, { id: agencyId, name: app.agencyName }));
      const template = await trx.selectFrom('templates').select('body').where('agencyId', '=', agencyId).where('kind', '=', input.kind).executeTakeFirst();
      const year = Number(input.issuedOn.slice(0, 4));
      const prefix = documentPrefixOf({ name: app.agencyName, documentPrefix: app.documentPrefix });
      const typed = { ...input.values };
      if (computed.value.addressee !== undefined) typed['consultee'] = computed.value.addressee;
      const document: DocumentInput = {
        kind: input.kind,
        number: documentNumber(prefix, year, 1),
        agencyName: app.agencyName,
        contactLine: contact,
        values: {
          applicantName: app.applicantName,
          applicantType: APPLICANT_TYPE_LABELS[app.applicantType as keyof typeof APPLICANT_TYPE_LABELS] ?? '',
          receivedOn: app.receivedOn ?? '',
          request: app.request,
          contact: app.contact,
          // the agency's 复议机关 and court, unless this reply names others
          ...(app.reconsiderationBody ? { reviewBody: app.reconsiderationBody } : {}),
          ...(app.court ? { court: app.court } : {}),
          ...Object.fromEntries(Object.entries(typed).filter(([, v]) => v.trim() !== '')),
          issuedOn: input.issuedOn,
        },
        computed: computed.value.computed,
        ...(template ? { template: template.body } : {}),
        ...(outcome ? { outcome } : {}),
        ...(computed.value.consultee ? { consultee: computed.value.consultee } : {}),
        ...(input.fee ? { fee: input.fee } : {}),
      };
      // check everything before taking a number
      const prepared = prepareDocument(document);
      if (!prepared.ok) throw new Refused(prepared.error);
      const seq = await nextNumber(trx, agencyId, 'document', year);
      const numbered = { ...document, number: documentNumber(prefix, year, seq) };
      const rendered = renderDocument(numbered);
      const current = input.kind === 'reply' ? documents.filter((d) => d.kind === 'reply' && !documents.some((x) => x.supersedes === d.id)).at(-1) : undefined;
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
          inputs: JSON.stringify({
            agencyName: numbered.agencyName,
            contactLine: contact,
            values: numbered.values,
            computed: numbered.computed ?? null,
            template: numbered.template ?? null,
            outcome: outcome ?? null,
            consultee: numbered.consultee ?? null,
            fee: input.fee ?? null,
          }),
          createdAt: who.now,
          eventSeq: step.seq,
          supersedes: current?.id ?? null,
        })
        // not the kept PDF (services/document-pdf.ts): null here, and never sent with the row
        .returning(['id', 'applicationId', 'agencyId', 'kind', 'year', 'seq', 'number', 'issuedOn', 'title', 'html', 'inputs', 'createdAt', 'eventSeq', 'supersedes'])
        .executeTakeFirstOrThrow();
      await auditChange(trx, agencyId, who, 'document.issue', `document:${row.id}`, { applicationId, kind: input.kind, number: row.number, eventSeq: row.eventSeq });
      return { ok: true as const, value: row };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    throw e;
  }
}

/** What a document was rendered from (documents.inputs). */
type StoredInputs = {
  /** absent on notices issued before it was stored */
  agencyName?: string;
  /** the contact line when issued; null: none; absent on notices issued before it was stored */
  contactLine?: string | null;
  values: Record<string, string>;
  computed?: Record<string, string> | null;
  template: string | null;
  outcome: Outcome | null;
  consultee: Consultee | null;
  fee: FeeQuote | null;
};

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
  const inputs = doc.inputs as StoredInputs;
  const bytes = await renderDocumentDocx({
    kind: doc.kind as DocumentKind,
    number: doc.number,
    // notices issued before the name and the contact line were stored: the agency's name now, no contact line
    agencyName: inputs.agencyName ?? doc.agencyName,
    contactLine: inputs.contactLine ?? null,
    values: inputs.values,
    ...(inputs.computed ? { computed: inputs.computed } : {}),
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
