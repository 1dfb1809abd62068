import { sql } from 'kysely';
import { withDatabase } from './test/support/db.ts';
import { buildCalendar } from './src/domain/calendar/index.ts';
import { createAgency } from './src/services/agencies.ts';
import { agencyDashboard } from './src/services/agency-dashboard.ts';
import { listApplications } from './src/services/application-list.ts';
import { refreshDueDates } from './src/services/due-dates.ts';
import { clockSummaries } from './src/services/dashboard.ts';
const cal = buildCalendar([], [], { provisionalYears: 1 }); if (!cal.ok) throw 1;
const d = await withDatabase((process.env.ENGINE ?? 'pglite') as 'pglite');
const a = await createAgency(d.db, { code: 'x', name: 'x局', level: 'department' }, '2026-01-01T00:00:00Z'); if (!a.ok) throw 1;
await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, created_at, updated_at)
      select ${a.value.id}, 'M-' || g, 'natural_person', '迁移前' || g, 'in_person', date '2026-11-02' + (g % 40), date '2026-11-02' + (g % 40), '某文件', 'in_progress', now(), now()
      from generate_series(1, 1200) g`.execute(d.db);
let t = performance.now();
console.log('fill', await refreshDueDates(d.db, cal.value, '2026-12-18'), performance.now() - t);
for (let i = 0; i < 3; i++) {
t = performance.now(); await agencyDashboard(d.db, a.value.id, { calendar: cal.value, today: '2026-12-18' }); console.log('dash', performance.now() - t);
t = performance.now(); await listApplications(d.db, a.value.id, { overdueOnly: true, limit: 100 }, { calendar: cal.value, today: '2026-12-18' }); console.log('list', performance.now() - t);
t = performance.now(); await refreshDueDates(d.db, cal.value, '2026-12-18', { agencyId: a.value.id }); console.log('refresh-noop', performance.now() - t);
t = performance.now(); await clockSummaries(d.db, a.value.id, { calendar: cal.value, today: '2026-12-18' }); console.log('old', performance.now() - t);
}
await d.close();
