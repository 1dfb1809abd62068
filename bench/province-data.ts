// A province on one database, generated: 500 agencies and 1,000,000 applications with their events
// (issue #16). Realistic histories are expensive to invent row by row, so a template of real ones is made
// first — the demo's plan of a year (services/demo/plan.ts: every step dated on working days, replies,
// 补正, extensions, fees, consultations; the recent ones still open) registered through the services in
// the first agency — and then copied server-side, `insert … select` over generate_series, into every
// agency as many times as its size needs (a 编号 suffix keeps numbers unique). Nothing crosses the wire
// row by row: this is faster than COPY from the client, which would have to send every byte.
//
// Agency sizes are skewed as a province's are: 5 large agencies (公安、人社 …) with 50,000 applications,
// 45 medium ones with 6,000, and 450 small ones sharing the rest.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { buildCalendar } from '../src/domain/calendar/index.ts';
import type { WorkingCalendar } from '../src/domain/calendar/index.ts';
import { createAgency } from '../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../src/services/applications.ts';
import type { Actor } from '../src/services/applications.ts';
import { planDemo } from '../src/services/demo/plan.ts';
import { joined } from '../src/services/transactions.ts';

export interface ProvinceSize {
  agencies: number;
  applications: number;
  /** applications registered through the services, copied into every agency */
  template: number;
}

export const PROVINCE: ProvinceSize = { agencies: 500, applications: 1_000_000, template: 2_000 };

export interface Province {
  calendar: WorkingCalendar;
  /** the plan's today: the date the template's open applications are open on */
  today: string;
  agencies: { id: number; code: string; size: number }[];
  applications: number;
  events: number;
  seconds: { template: number; copy: number; index: number };
}

/** The size of each agency: a few large, some medium, the rest small; the sum is `total`. */
export function agencySizes(agencies: number, total: number): number[] {
  const large = Math.max(1, Math.round(agencies / 100));
  const medium = Math.round(agencies * 0.09);
  const bigShare = Math.round(total * 0.25);
  const midShare = Math.round(total * 0.27);
  const sizes: number[] = [];
  for (let i = 0; i < large; i++) sizes.push(Math.floor(bigShare / large));
  for (let i = 0; i < medium; i++) sizes.push(Math.floor(midShare / medium));
  const small = agencies - sizes.length;
  const rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < small; i++) sizes.push(Math.floor(rest / small) + (i < rest % small ? 1 : 0));
  return sizes;
}

const log = (line: string) => process.stdout.write(`  ${line}\n`);

/** Fills an empty, migrated database with a province. */
export async function generateProvince(db: Kysely<DB>, size: ProvinceSize = PROVINCE, today = '2025-12-15'): Promise<Province> {
  const built = buildCalendar();
  if (!built.ok) throw new Error(built.error.message);
  const calendar = built.value;
  const sizes = agencySizes(size.agencies, size.applications);
  const now = `${today}T02:00:00.000Z`;

  // the agencies, through the service (500 are quick)
  const agencies: Province['agencies'] = [];
  for (let i = 0; i < sizes.length; i++) {
    const code = `p${String(i + 1).padStart(3, '0')}`;
    const a = await createAgency(db, { code, name: `示范省某机关${i + 1}`, level: i % 10 === 0 ? 'government' : 'department' }, now);
    if (!a.ok) throw new Error(a.error.message);
    agencies.push({ id: a.value.id, code, size: sizes[i] ?? 0 });
  }

  // the template: the demo's plan, registered and handled through the services in the first agency
  let t = performance.now();
  const plan = planDemo(today, calendar, size.template);
  if (!plan.ok) throw new Error(plan.error.message);
  const first = agencies[0]!;
  await db.transaction().execute(async (trx) => {
    const tx = joined(trx);
    for (const p of plan.value) {
      const who: Actor = { actor: 'bench', now, today: p.receivedOn, calendar };
      const r = await registerApplication(
        tx,
        first.id,
        {
          applicantType: p.applicantType,
          applicantName: p.applicantName,
          idKind: p.idKind,
          idNumber: p.idNumber,
          contact: p.phone,
          address: p.address,
          channel: p.channel === 'online' ? 'in_person' : p.channel,
          submittedOn: p.submittedOn,
          receivedOn: p.receivedOn,
          request: p.request,
        },
        who,
      );
      if (!r.ok) throw new Error(r.error.message);
      for (const s of p.steps) {
        const e = await recordEvent(tx, first.id, r.value.id, s.event, { ...who, today: s.on });
        if (!e.ok) throw new Error(e.error.message);
      }
    }
  });
  const template = (performance.now() - t) / 1000;
  log(`template: ${size.template.toLocaleString('en')} applications through the services in ${template.toFixed(0)} s`);

  // the copies: replica j of template application a gets id base + j·T + (a.id − min); agency k takes
  // replicas until it has its size (the last replica cut at the size)
  t = performance.now();
  const range = await sql<{ lo: string; hi: string; n: string }>`select min(id) as lo, max(id) as hi, count(*) as n from applications where agency_id = ${first.id}`.execute(db);
  const lo = Number(range.rows[0]!.lo);
  const hi = Number(range.rows[0]!.hi);
  const T = Number(range.rows[0]!.n);
  if (hi - lo + 1 !== T) throw new Error('the template ids are not contiguous');
  await sql`create temporary table province_replicas (j integer not null, agency_id bigint not null, r integer not null, take integer not null)`.execute(db);
  let j = 0;
  const rows: string[] = [];
  for (const a of agencies) {
    // the first agency keeps its template as replica 0 of its own
    const own = a === first ? T : 0;
    for (let r = a === first ? 1 : 0, placed = own; placed < a.size; r++) {
      const take = Math.min(T, a.size - placed);
      rows.push(`(${j++}, ${a.id}, ${r}, ${take})`);
      placed += take;
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await sql.raw(`insert into province_replicas values ${rows.slice(i, i + 1000).join(',')}`).execute(db);
  const base = hi + 1;
  // a replica cut short takes a spread of the template (old and recent, closed and open), not its oldest:
  // template position x is taken when (x · k) mod T < take, k coprime with T (a permutation of 0…T−1)
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let k = 7919;
  while (gcd(k, T) !== 1) k += 2;
  // bulk load: secondary indexes of the two big tables are rebuilt once at the end
  const indexes = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = current_schema() and tablename in ('applications', 'application_events')
      and indexname not in (select conname from pg_constraint where contype in ('p', 'u'))`.execute(db);
  for (const ix of indexes.rows) await sql.raw(`drop index ${ix.name}`).execute(db);
  const columns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'applications' order by ordinal_position`.execute(db)).rows.map((r) => r.name);
  // the search document's terms carry the agency (services/search/application-index.ts): moved to the copy's
  const scoped = (c: string) => `replace(a.${c}::text, '''a${first.id}x', '''a' || rp.agency_id || 'x')::tsvector`;
  const copied = columns.map((c) =>
    c === 'id'
      ? `${base}::bigint + rp.j::bigint * ${T} + (a.id - ${lo})`
      : c === 'agency_id'
        ? 'rp.agency_id'
        : c === 'number'
          ? `a.number || case when rp.r = 0 then '' else '-' || rp.r end`
          : c === 'search_document'
            ? scoped(c)
            : `a.${c}`,
  );
  for (let from = 0; from < j; from += 50) {
    await sql.raw(
      `insert into applications (${columns.join(', ')}) select ${copied.join(', ')}
       from province_replicas rp join applications a on a.agency_id = ${first.id} and a.id between ${lo} and ${hi} and ((a.id - ${lo}) * ${k}) % ${T} < rp.take where rp.j >= ${from} and rp.j < ${from + 50}`,
    ).execute(db);
    const ecolumns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'application_events' order by ordinal_position`.execute(db)).rows.map((r) => r.name);
    const ecopied = ecolumns.filter((c) => c !== 'id').map((c) => (c === 'application_id' ? `${base}::bigint + rp.j::bigint * ${T} + (e.application_id - ${lo})` : `e.${c}`));
    await sql.raw(
      `insert into application_events (${ecolumns.filter((c) => c !== 'id').join(', ')}) select ${ecopied.join(', ')}
       from province_replicas rp join application_events e on e.application_id between ${lo} and ${hi} and ((e.application_id - ${lo}) * ${k}) % ${T} < rp.take where rp.j >= ${from} and rp.j < ${from + 50}`,
    ).execute(db);
    if ((from / 50) % 4 === 3) log(`copied ${Math.min(j, from + 50)} of ${j} replicas in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  await sql`select setval(pg_get_serial_sequence('applications', 'id'), (select max(id) from applications))`.execute(db);
  const copy = (performance.now() - t) / 1000;
  t = performance.now();
  for (const ix of indexes.rows) await sql.raw(ix.def).execute(db);
  await sql`analyze applications`.execute(db);
  await sql`analyze application_events`.execute(db);
  const index = (performance.now() - t) / 1000;
  const counts = await sql<{ apps: string; events: string }>`select (select count(*) from applications) as apps, (select count(*) from application_events) as events`.execute(db);
  const applications = Number(counts.rows[0]!.apps);
  const events = Number(counts.rows[0]!.events);
  log(`copied into ${agencies.length} agencies: ${applications.toLocaleString('en')} applications, ${events.toLocaleString('en')} events in ${copy.toFixed(0)} s; indexes rebuilt in ${index.toFixed(0)} s`);
  return { calendar, today, agencies, applications, events, seconds: { template, copy, index } };
}
