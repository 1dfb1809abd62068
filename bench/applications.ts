// Table 三 from the records over one million applications (100 agencies × 10,000, 2022–2025), on
// PostgreSQL (when DATABASE_URL is set) and on embedded PGlite: one agency-year, and every agency
// for a year, each next to a bare `SELECT count(*)` over the same table in the same run.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { computeTableThree } from '../src/services/table-three.ts';
import { engines, withDatabase } from '../test/support/db.ts';

const AGENCIES = 100;
const PER_AGENCY = 10_000;

async function seed(db: Kysely<DB>): Promise<void> {
  await sql`insert into agencies (code, name, level, created_at)
    select 'a' || g, '某机关' || g, 'department', '2022-01-01T00:00:00Z' from generate_series(1, ${AGENCIES}) g`.execute(db);
  // deterministic pseudo-random columns from hashes of the row number
  await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on,
      request, state, outcome, outcome_row, legal_basis, closed_on, created_at, updated_at)
    select
      1 + (g % ${AGENCIES}),
      'N' || g,
      (array['natural_person','natural_person','natural_person','commercial','research','social_welfare','legal_service','other'])[1 + (abs(hashint4(g)) % 8)],
      '申请人' || g,
      'online',
      d, d,
      '某项政府信息',
      case when open then 'in_progress' else 'replied' end,
      case when open then null else 'OPEN_PROVIDE' end,
      case when open then null else (array['granted','granted','granted','partlyGranted','notHeld','processInformation','petitionComplaint','duplicate','other','noCorrection'])[1 + (abs(hashint4(g + 7)) % 10)] end,
      case when open then null else '条例第三十六条' end,
      case when open then null else d + (abs(hashint4(g + 3)) % 60) end,
      '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'
    from (
      select g, date '2022-01-01' + (abs(hashint4(g + 1)) % 1461) as d, abs(hashint4(g + 2)) % 25 = 0 as open
      from generate_series(1, ${AGENCIES * PER_AGENCY}) g
    ) s`.execute(db);
  await sql`analyze applications`.execute(db);
}

async function median(rounds: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    times.push((performance.now() - t) / 1000);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

export async function benchApplications(): Promise<void> {
  for (const engine of engines()) {
    const database = await withDatabase(engine);
    try {
      const t = performance.now();
      await seed(database.db);
      const seeded = (performance.now() - t) / 1000;
      const count = async () => sql`select count(*) from applications`.execute(database.db);
      await count();
      const base = await median(5, count);
      const one = await median(5, () => computeTableThree(database.db, 2024, { agencyId: 42 }));
      const all = await median(3, () => computeTableThree(database.db, 2024));
      const target = engine === 'postgres' ? { one: 0.1, all: 3 } : null;
      console.log(`Table 三 on ${engine}: ${(AGENCIES * PER_AGENCY).toLocaleString('en')} applications, ${AGENCIES} agencies (seeded in ${seeded.toFixed(1)} s)`);
      console.log(`  SELECT count(*) (baseline)          ${base.toFixed(3).padStart(7)} s`);
      console.log(`  one agency-year                     ${one.toFixed(3).padStart(7)} s   ratio ${(one / base).toFixed(2)}${target ? `   target ≤ ${target.one} s: ${one <= target.one ? 'met' : 'NOT met'}` : ''}`);
      console.log(`  all agencies, one year              ${all.toFixed(3).padStart(7)} s   ratio ${(all / base).toFixed(2)}${target ? `   target ≤ ${target.all} s: ${all <= target.all ? 'met' : 'NOT met'}` : ''}`);
    } finally {
      await database.close();
    }
  }
}
