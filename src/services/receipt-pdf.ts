// The receipt of an online application as PDF (issue #14): from the record — the receipt code, the agency,
// the dates (submitted, received, the reply due 20 working days from receipt, 条例第三十三条, 暂定 when the
// year's holidays are not yet published), the applicant and a summary of the request — printed on request
// (services/pdf). Never the query password: only its hash is kept, and domain/documents/receipt.ts has no
// place for it. Not kept: it is a copy of the record on the day it is asked for, not an issued document.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { parseIsoDate, toIsoDate } from '../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { renderReceiptHtml } from '../domain/documents/receipt.ts';
import type { ReceiptInput } from '../domain/documents/receipt.ts';
import { htmlToPdf } from './pdf/index.ts';
import type { BrowserSettings } from './pdf/index.ts';
import { formatReceiptCode } from './public-grants.ts';

const NOT_FOUND = { ok: false as const, error: { code: 'NOT_FOUND', message: '没有找到该申请的回执。' } };

/** What the receipt of an online application of the agency says, from the record. */
export async function receiptOf(db: Kysely<DB>, agencyId: number, applicationId: number, calendar: WorkingCalendar): Promise<DomainResult<ReceiptInput>> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('agencies as g', 'g.id', 'a.agencyId')
    .innerJoin('publicAccess as p', 'p.applicationId', 'a.id')
    .select(['a.number', 'a.applicantName', 'a.submittedOn', 'a.receivedOn', 'a.deliveryForm', 'a.request', 'g.name as agencyName', 'p.receiptCode'])
    .where('a.id', '=', applicationId)
    .where('a.agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!row || row.receivedOn === null) return NOT_FOUND;
  let replyDue: string | null = null;
  let replyDueProvisional = false;
  const received = parseIsoDate(row.receivedOn);
  if (received !== null) {
    const due = calendar.addWorkingDays(received, 20);
    if (due.ok) {
      replyDue = toIsoDate(due.value);
      replyDueProvisional = calendar.isProvisional(due.value);
    }
  }
  return {
    ok: true,
    value: {
      agencyName: row.agencyName,
      number: row.number,
      receiptCode: formatReceiptCode(row.receiptCode),
      applicantName: row.applicantName,
      submittedOn: row.submittedOn,
      receivedOn: row.receivedOn,
      deliveryForm: row.deliveryForm,
      request: row.request,
      replyDue,
      replyDueProvisional,
    },
  };
}

/** The receipt printed to PDF. */
export async function receiptPdf(
  db: Kysely<DB>,
  agencyId: number,
  applicationId: number,
  options: { calendar: WorkingCalendar; browser: BrowserSettings },
): Promise<DomainResult<{ bytes: Uint8Array; number: string }>> {
  const receipt = await receiptOf(db, agencyId, applicationId, options.calendar);
  if (!receipt.ok) return receipt;
  const printed = await htmlToPdf(renderReceiptHtml(receipt.value), { browser: options.browser });
  if (!printed.ok) return printed;
  return { ok: true, value: { bytes: printed.value, number: receipt.value.number } };
}
