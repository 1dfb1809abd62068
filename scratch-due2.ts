import { sql } from 'kysely';
import { withDatabase } from './test/support/db.ts';
import { buildCalendar } from './src/domain/calendar/index.ts';
import { createAgency } from './src/services/agencies.ts';
import { refreshDueDates, calendarVersion, eventsOf, dueFactsOf, writeFacts } from './src/services/due-dates.ts';
import { openState } from './src/services/due-sql.ts';
const cal = buildCalendar([], [], { provisionalYears: 1 }); if (!cal.ok) throw 1;
const d = await withDatabase((process.env.ENGINE ?? 'pglite') as 'pglite');
const a = await createAgency(d.db, { code: 'x', name: 'x局', level: 'department' }, '2026-01-01T00:00:00Z'); if (!a.ok) throw 1;
await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, created_at, updated_at)
      select ${a.value.id}, 'M-' || g, 'natural_person', '迁移前' || g, 'in_person', date '2026-11-02' + (g % 40), date '2026-11-02' + (g % 40), '某文件', 'in_progress', now(), now()
      from generate_series(1, 1200) g`.execute(d.db);
const today = '2026-12-18';
let t = performance.now();
const rows = await d.db.selectFrom('applications as a').innerJoin('agencies as g', 'g.id', 'a.agencyId').select(['a.id', 'a.state', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'g.feeWindowFromReceipt']).limit(500).execute();
console.log('rows', performance.now() - t); t = performance.now();
const ev = await eventsOf(d.db, rows.map((r) => r.id));
console.log('events', performance.now() - t); t = performance.now();
const facts = rows.map((r) => ({ id: r.id, facts: dueFactsOf(r, ev.get(r.id) ?? [], cal.value, today) }));
console.log('compute', performance.now() - t); t = performance.now();
await writeFacts(d.db, facts);
console.log('write', performance.now() - t); t = performance.now();
await refreshDueDates(d.db, cal.value, today);
console.log('rest', performance.now() - t);
const v = calendarVersion(cal.value);
const q = d.db.selectFrom('applications as a').select('a.id').where(openState('a')).where(sql<boolean>`(a.due_recheck_on <= ${today}::date or a.due_computed_on > ${today}::date
    or a.due_calendar_version is null or a.due_calendar_version < ${v} or a.due_calendar_version > ${v})`).where('a.agencyId', '=', a.value.id).limit(500).forUpdate('a').compile();
await sql`analyze applications`.execute(d.db);
const plan = await d.db.executeQuery({ ...q, sql: 'explain analyze ' + q.sql });
console.log(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n'));
await d.close();
