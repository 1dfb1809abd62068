// The staff list's 导出: the filtered applications, in the list's order, as an Excel workbook
// (domain/applications/list-xlsx.ts). The 证件号码 masked as on every page, or whole for whom the ledger
// export allows it (services/personal-data.ts: leaders and administrators, on asking); every export
// audited (applications.export) in the transaction that reads it, masked or not (plan-notes 11).

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { maskIdNumber } from '../domain/applications/masking.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../domain/applications/types.ts';
import type { ApplicantType, Channel, DomainResult, HandlingState, Outcome } from '../domain/applications/types.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { ListRow } from '../domain/applications/list-xlsx.ts';
import { dueOf, orderedIds } from './application-list.ts';
import type { ApplicationFilters } from './application-list.ts';
import { record } from './audit.ts';
import { clockSummaries } from './dashboard.ts';
import { mayExportFullLedger } from './personal-data.ts';
import type { Viewer } from './personal-data.ts';

/** The most rows one export carries (the rest: narrow the filters). */
export const EXPORT_MAX_ROWS = 20_000;

const ID_KIND_LABELS: Record<string, string> = { resident_id: '居民身份证', uscc: '统一社会信用代码', other: '其他证件' };
const CLOCK_STATE_WORDS: Record<string, string> = { overdue: '已超期', due_soon: '即将到期', running: '办理中', paused: '中止计算', not_started: '尚未起算', stopped: '已结束' };
const CHUNK = 500;

export async function exportApplicationList(
  db: Kysely<DB>,
  agencyId: number,
  filters: ApplicationFilters,
  viewer: Viewer,
  options: { full: boolean; calendar: WorkingCalendar; today: string; agencyName: string },
): Promise<DomainResult<{ bytes: Uint8Array; rows: number; full: boolean; truncated: boolean }>> {
  if (options.full && !mayExportFullLedger(viewer.user, agencyId)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: '含完整证件号码的申请列表仅供科室负责人、分管领导和管理员导出。请去掉“完整证件号码”后导出。' } };
  }
  const clockOptions = { calendar: options.calendar, today: options.today };
  return db.transaction().execute(async (trx) => {
    const ids = await orderedIds(trx, agencyId, filters, clockOptions, EXPORT_MAX_ROWS + 1);
    const truncated = ids.length > EXPORT_MAX_ROWS;
    const wanted = ids.slice(0, EXPORT_MAX_ROWS);
    const rows: ListRow[] = [];
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const chunk = wanted.slice(i, i + CHUNK);
      const found = await trx
        .selectFrom('applications')
        .select(['id', 'number', 'applicantName', 'applicantType', 'idKind', 'idNumber', 'contact', 'channel', 'submittedOn', 'receivedOn', 'request', 'deliveryForm', 'state', 'outcome', 'closedOn', 'handler'])
        .where('agencyId', '=', agencyId)
        .where(sql<boolean>`id = any(${chunk}::bigint[])`)
        .execute();
      // the clocks of this chunk's open applications only
      const summaries = await clockSummaries(trx, agencyId, { ...clockOptions, ids: chunk });
      const byId = new Map(found.map((r) => [Number(r.id), r]));
      for (const id of chunk) {
        const a = byId.get(id);
        if (!a) continue;
        const summary = summaries.get(id)?.summary ?? null;
        const clock = summary?.clock ?? null;
        const idNumber = options.full ? a.idNumber : maskIdNumber(a.idKind, a.idNumber);
        rows.push({
          编号: a.number,
          申请人: a.applicantName,
          申请人类型: APPLICANT_TYPE_LABELS[a.applicantType as ApplicantType] ?? a.applicantType,
          证件类型: a.idKind ? (ID_KIND_LABELS[a.idKind] ?? a.idKind) : '',
          证件号码: idNumber ?? '',
          联系方式: a.contact,
          提交方式: CHANNEL_LABELS[a.channel as Channel] ?? a.channel,
          提交日期: a.submittedOn,
          收到申请日期: a.receivedOn ?? '尚未确认',
          所需信息: a.request,
          获取信息的方式: a.deliveryForm,
          办理状态: STATE_LABELS[a.state as HandlingState] ?? a.state,
          办理结果: a.outcome && a.outcome in OUTCOMES ? OUTCOMES[a.outcome as Outcome].label : '',
          到期日: `${dueOf(summary) ?? ''}${clock?.provisional ? '（暂定）' : ''}`,
          期限状态: clock ? `${clock.title}：${CLOCK_STATE_WORDS[clock.state] ?? clock.state}` : summary?.error ? '期限无法计算' : '',
          办结日期: a.closedOn ?? '',
          承办人: a.handler ?? '',
        });
      }
    }
    const { writeListXlsx } = await import('../domain/applications/list-xlsx.ts');
    const bytes = await writeListXlsx(rows, {
      title: `${options.agencyName}政府信息公开申请列表（${options.today}导出）`,
      ...(truncated ? { note: `仅导出前${EXPORT_MAX_ROWS}件；请缩小筛选范围后分批导出。` } : {}),
    });
    await record(trx, {
      userId: viewer.user.id,
      agencyId,
      action: 'applications.export',
      target: 'applications.xlsx',
      detail: { format: 'xlsx', full: options.full, rows: rows.length, filters: { ...filters, after: undefined, before: undefined, page: undefined }, via: viewer.via ?? 'web' },
      ip: viewer.ip,
      at: viewer.now,
    });
    return { ok: true as const, value: { bytes, rows: rows.length, full: options.full, truncated } };
  });
}
