// 补正 online (条例第三十条), from the applicant's status page behind the receipt code and query password:
// the corrected or clarified request and/or a file (the application form's rules: JPEG, PNG or PDF by its
// own bytes, ≤ 5 MB). Taken while the application waits for it and the period of the 补正告知书 has not
// ended (domain/applications/correction-window.ts). It arrives through the platform and is confirmed on the
// spot, so it is received the day it is sent (Beijing date of the service's clock; 条例第三十一条第（三）项
// read for the 补正, as for the application itself): the receive_correction step is recorded with that
// date, and the reply period runs again from it — the clocks already count 答复期限 from the receipt of the
// corrected application (domain/calendar/clocks.ts). The step, the file, the text and an audit entry are
// one transaction; a refusal writes nothing.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { correctionWindow } from '../domain/applications/correction-window.ts';
import type { DomainError, HandlingState } from '../domain/applications/types.ts';
import { applicationClocksWithEstimates } from '../domain/calendar/estimates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { chineseDate } from '../domain/report/render/print.ts';
import { CONTROL_CHARACTERS, plain } from '../domain/text-rules.ts';
import { sniffUpload } from '../domain/uploads/sniff.ts';
import type { SniffedUpload } from '../domain/uploads/sniff.ts';
import { clockEvents, clockSettingsOf } from './application-view.ts';
import { recordEvent } from './applications.ts';
import { record } from './audit.ts';
import { ONLINE_ACTOR } from './public-applications.ts';
import type { PublicAccess } from './public-status.ts';
import { joined, Refused } from './transactions.ts';
import { storeUpload } from './uploads.ts';

/** The longest corrected request (the application form's own limit). */
export const CORRECTION_TEXT_MAX = 5000;

export type CorrectionField = 'text' | 'file';

export interface CorrectionInput {
  text: string;
  /** null when no file was chosen */
  file: { bytes: Uint8Array; type: string; name: string } | null;
}

export interface CorrectionFieldError {
  field: CorrectionField;
  message: string;
  code?: string;
}

export type CorrectionResult =
  | { ok: true; value: { receivedOn: string; eventSeq: number; uploadId: number | null } }
  | { ok: false; error: DomainError; fieldErrors: CorrectionFieldError[] };

export const CORRECTION_NOT_AWAITED = 'CORRECTION_NOT_AWAITED';
export const CORRECTION_PERIOD_ENDED = 'CORRECTION_PERIOD_ENDED';

/** The day in Beijing (UTC+8) of an ISO timestamp: the day something sent through the platform arrives. */
export function beijingToday(now: string): string {
  const t = Date.parse(now);
  return Number.isNaN(t) ? now.slice(0, 10) : new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The file refusals in the words of this form (the codes are sniffUpload's). */
const FILE_MESSAGES: Record<string, string> = {
  UPLOAD_EMPTY: '所选的补正文件是空的，请重新选择文件。',
  UPLOAD_TOO_LARGE: '补正文件不能超过 5 MB，请压缩图片或缩小扫描分辨率后重新上传。',
  UPLOAD_TYPE_MISMATCH: '补正文件只接受 JPG、PNG 图片或 PDF 文件，且文件内容必须与其类型和扩展名一致；请重新选择文件。',
};

const textSchema = plain(z.string(), '补正内容', { multiline: true })
  // a form sends its line breaks as CRLF: kept as LF
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(CORRECTION_TEXT_MAX, `补正内容不能超过${CORRECTION_TEXT_MAX}个字，请删减后重新提交。`));

/** The text and file as they will be kept, or every problem (text first, as on the page). */
export function validateCorrection(input: CorrectionInput): { ok: true; value: { text: string; file: { bytes: Uint8Array; sniffed: SniffedUpload } | null } } | { ok: false; errors: CorrectionFieldError[] } {
  const errors: CorrectionFieldError[] = [];
  const parsed = textSchema.safeParse(input.text);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const control = issue?.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === CONTROL_CHARACTERS;
    errors.push({ field: 'text', message: issue?.message ?? '补正内容无效', ...(control ? { code: CONTROL_CHARACTERS } : {}) });
  }
  let file: { bytes: Uint8Array; sniffed: SniffedUpload } | null = null;
  if (input.file !== null) {
    const sniffed = sniffUpload(input.file.bytes, input.file.type, input.file.name);
    if (sniffed.ok) file = { bytes: input.file.bytes, sniffed: sniffed.value };
    else errors.push({ field: 'file', message: FILE_MESSAGES[sniffed.error.code] ?? sniffed.error.message, code: sniffed.error.code });
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  if (parsed.data === '' && file === null) return { ok: false, errors: [{ field: 'text', message: '请填写补正后的申请内容，或上传补正材料（两者至少填写一项）。' }] };
  return { ok: true, value: { text: parsed.data, file } };
}

const refusal = (error: DomainError): CorrectionResult => ({ ok: false, error, fieldErrors: [] });

/**
 * Records the applicant's online 补正: the receive_correction step dated today (Beijing), the file (uploads,
 * kind 'correction'), the text (application_corrections) and an audit entry — one transaction. Refused,
 * with nothing written: an invalid form (fieldErrors), an application not waiting for a 补正
 * (CORRECTION_NOT_AWAITED), a period ended (CORRECTION_PERIOD_ENDED).
 */
export async function submitOnlineCorrection(
  db: Kysely<DB>,
  access: PublicAccess,
  input: CorrectionInput,
  options: { now: string; calendar: WorkingCalendar; ip: string | null },
): Promise<CorrectionResult> {
  const checked = validateCorrection(input);
  if (!checked.ok) {
    const first = checked.errors[0];
    return { ok: false, error: { code: first?.code ?? 'INVALID_INPUT', message: first?.message ?? '输入无效', field: first?.field ?? 'text' }, fieldErrors: checked.errors };
  }
  const { text, file } = checked.value;
  const { now, calendar } = options;
  const today = beijingToday(now);
  const agencyId = access.agency.id;
  try {
    return await db.transaction().execute(async (trx) => {
      const app = await trx
        .selectFrom('applications as a')
        .innerJoin('agencies as g', 'g.id', 'a.agencyId')
        .select(['a.id', 'a.number', 'a.state', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'g.feeWindowFromReceipt'])
        .where('a.id', '=', access.applicationId)
        .where('a.agencyId', '=', agencyId)
        .forUpdate()
        .executeTakeFirst();
      if (!app) throw new Refused({ code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请。' });
      const state = app.state as HandlingState;
      if (state !== 'awaiting_correction') {
        throw new Refused({ code: CORRECTION_NOT_AWAITED, message: '本申请现在不需要补正（可能已经补正，或已办结），本次提交没有保存。请查看办理进度。' });
      }
      const events = await trx.selectFrom('applicationEvents').select(['type', 'occurredOn', 'data']).where('applicationId', '=', app.id).orderBy('seq').execute();
      const clocks = applicationClocksWithEstimates(clockEvents(app, events), { calendar, today, settings: clockSettingsOf(app) });
      const window = correctionWindow(state, clocks.ok ? clocks.value : null, today);
      if (!window.open) {
        throw new Refused({
          code: CORRECTION_PERIOD_ENDED,
          message: `补正期限已于${chineseDate(window.due) ?? ''}届满，不能再在线补正，本次提交没有保存。无正当理由逾期不补正的，视为放弃申请（条例第三十条）；如有正当理由，请尽快通过政府信息公开指南中的联系方式联系本机关。`,
        });
      }
      const recorded = await recordEvent(
        joined(trx),
        agencyId,
        app.id,
        { type: 'receive_correction', occurredOn: today, note: '申请人通过本平台在线补正，平台当即确认收到。' },
        { actor: ONLINE_ACTOR, now, today, calendar },
      );
      if (!recorded.ok) throw new Refused(recorded.error);
      const last = await trx.selectFrom('applicationEvents').select(sql<number>`max(seq)::int`.as('seq')).where('applicationId', '=', app.id).executeTakeFirstOrThrow();
      const upload = file ? await storeUpload(trx, { agencyId, applicationId: app.id, kind: 'correction', sniffed: file.sniffed, bytes: file.bytes, now }) : null;
      await trx.insertInto('applicationCorrections').values({ agencyId, applicationId: app.id, eventSeq: last.seq, text, uploadId: upload?.id ?? null, receivedOn: today, createdAt: now }).execute();
      await record(trx, {
        userId: null,
        agencyId,
        action: 'application.event',
        target: `application:${app.id}`,
        detail: { number: app.number, type: 'receive_correction', occurredOn: today, state: recorded.value.state, via: 'online', textLength: [...text].length, uploadId: upload?.id ?? null },
        ip: options.ip,
        at: now,
      });
      return { ok: true as const, value: { receivedOn: today, eventSeq: last.seq, uploadId: upload?.id ?? null } };
    });
  } catch (e) {
    if (e instanceof Refused) return refusal(e.refusal);
    throw e;
  }
}
