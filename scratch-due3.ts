import { sql } from 'kysely';
import { withDatabase } from './test/support/db.ts';
import { buildCalendar } from './src/domain/calendar/index.ts';
import { createAgency } from './src/services/agencies.ts';
import { eventsOf, dueFactsOf, writeFacts } from './src/services/due-dates.ts';
const cal = buildCalendar([], [], { provisionalYears: 1 }); if (!cal.ok) throw 1;
const d = await withDatabase((process.env.ENGINE ?? 'pglite') as 'pglite');
const a = await createAgency(d.db, { code: 'x', name: 'x局', level: 'department' }, '2026-01-01T00:00:00Z'); if (!a.ok) throw 1;
await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, created_at, updated_at)
      select ${a.value.id}, 'M-' || g, 'natural_person', '迁移前' || g, 'in_person', date '2026-11-02' + (g % 40), date '2026-11-02' + (g % 40), '某文件', 'in_progress', now(), now()
      from generate_series(1, 1200) g`.execute(d.db);
const today = '2026-12-18';
const rows = await d.db.selectFrom('applications as a').innerJoin('agencies as g', 'g.id', 'a.agencyId').select(['a.id', 'a.state', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'g.feeWindowFromReceipt']).execute();
for (let k = 0; k < 3; k++) {
  const batch = rows.slice(k * 400, k * 400 + 400);
  let t = performance.now();
  const facts = batch.map((r) => ({ id: r.id, facts: dueFactsOf(r, [], cal.value, today) }));
  console.log('compute', performance.now() - t); t = performance.now();
  await writeFacts(d.db, facts);
  console.log('write', performance.now() - t);
}
// explain an update
const col = rows.slice(0, 400).map((r) => r.id);
const r = await sql`explain analyze update applications as a set due_on = v.d from unnest(${col}::bigint[], ${col.map(() => '2026-01-01')}::date[]) as v(id, d) where a.id = v.id`.execute(d.db);
console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
await d.close();
