// `gongkai export`/`import` of one generated agency with N applications (each with two events and a
// document), on embedded PGlite and on PostgreSQL when DATABASE_URL is set, next to a baseline measured in
// the same run: reading every row of the same tables with plain `select *` (what any export must do).
// Then the same with UPLOADS_MB of identity proofs (random, incompressible 4 MB files; 512 MB by
// default, where the export of one JSON string used to die with `Invalid string length`), with this
// process's RSS sampled every 50 ms through each step (PGlite's thread included): the peak stays near
// the start's, whatever the size of the uploads (issue #16: memory bounded regardless of database size).

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { readCatalog } from '../src/services/archive/catalog.ts';
import { exportToFile, importFromFile } from '../src/services/archive/file.ts';
import { engines, withDatabase } from '../test/support/db.ts';
import { MB, peakRss } from './rss.ts';

async function seed(db: Kysely<DB>, n: number): Promise<void> {
  await sql`insert into agencies (code, name, level, created_at) values ('bench', '某市人民政府办公室', 'department', '2022-01-01T00:00:00Z')`.execute(db);
  await sql`insert into applications (agency_id, number, applicant_type, applicant_name, id_kind, id_number, contact, channel, submitted_on, received_on,
      request, state, created_at, updated_at)
    select 1, '2024-' || g, 'natural_person', '申请人' || g, 'resident_id', '11010519491231' || lpad((g % 10000)::text, 4, '0'), '138' || lpad(g::text, 8, '0'), 'online',
      date '2024-01-01' + (g % 300), date '2024-01-01' + (g % 300), '请公开' || md5(g::text) || '相关的政府信息', 'replied', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
    from generate_series(1, ${n}) g`.execute(db);
  await sql`insert into application_events (application_id, seq, type, occurred_on, recorded_at, actor, state_before, state_after, data)
    select a.id, s, case s when 1 then 'submitted' else 'replied' end, a.submitted_on + s, '2024-06-01T00:00:00Z', '经办人', null, 'replied',
      jsonb_build_object('note', '第' || s || '步', 'h', md5((a.id * s)::text))
    from applications a cross join generate_series(1, 2) s`.execute(db);
  await sql`insert into documents (application_id, agency_id, kind, year, seq, number, issued_on, title, html, inputs, created_at)
    select a.id, 1, 'reply', 2024, a.id, '某办公开〔2024〕' || a.id || '号', a.submitted_on + 10, '答复告知书',
      '<p>' || repeat('经审查，您申请公开的信息属于公开范围。', 5) || md5(a.id::text) || '</p>', '{}', '2024-06-01T00:00:00Z'
    from applications a`.execute(db);
}

const seconds = async (run: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await run();
  return (performance.now() - t) / 1000;
};

const UPLOAD_BYTES = 4 * MB;

/** `run`'s seconds and the highest RSS seen while it ran (MB), next to the RSS at its start (rss.ts). */
async function sampled(run: () => Promise<unknown>): Promise<{ seconds: number; startMb: number; peakMb: number }> {
  const m = await peakRss(run, 50);
  return { seconds: m.seconds, startMb: m.before / MB, peakMb: m.peak / MB };
}

/** `count` uploads of 4 MB of random bytes on application 1 (each its own statement: as citizens send them). */
async function seedUploads(db: Kysely<DB>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const bytes = randomBytes(UPLOAD_BYTES);
    await sql`insert into uploads (agency_id, application_id, kind, media_type, file_name, size, sha256, content, created_at)
      values (1, 1, 'identity_proof', 'image/png', ${`身份证明${i}.png`}, ${UPLOAD_BYTES}, ${String(i).padStart(64, '0')}, ${bytes}, '2024-06-01T00:00:00Z')`.execute(db);
  }
}

export async function benchArchiveUploads(uploadsMb = Number(process.env['UPLOADS_MB'] ?? 512)): Promise<void> {
  const count = Math.max(1, Math.round(uploadsMb / 4));
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-bench-uploads-'));
  try {
    for (const engine of engines().filter((e) => (process.env['BENCH_ENGINE'] ?? e) === e)) {
      const source = await withDatabase(engine);
      const target = await withDatabase(engine);
      try {
        await seed(source.db, 1_000);
        await seedUploads(source.db, count);
        const file = join(dir, `${engine}.ndjson.gz`);
        const exported = await sampled(async () => {
          const r = await exportToFile(source.db, file, { force: true });
          if (!r.ok) throw new Error(r.error);
        });
        const imported = await sampled(async () => {
          const r = await importFromFile(target.db, file);
          if (!r.ok) throw new Error(r.error);
        });
        const back = await sql<{ n: string; bytes: string }>`select count(*) as n, sum(length(content)) as bytes from uploads`.execute(target.db);
        const size = (await stat(file)).size / MB;
        const line = (label: string, m: { seconds: number; startMb: number; peakMb: number }) =>
          `  ${label.padEnd(36)} ${m.seconds.toFixed(1).padStart(6)} s   ${(count * 4 / m.seconds).toFixed(0).padStart(4)} MB/s   RSS ${m.startMb.toFixed(0)} → peak ${m.peakMb.toFixed(0)} MB (+${(m.peakMb - m.startMb).toFixed(0)})`;
        console.log(`Archive with uploads on ${engine}: ${count} identity proofs of 4 MB (${count * 4} MB, random bytes), 1,000 applications; archive ${size.toFixed(0)} MB`);
        console.log(line('gongkai export', exported));
        console.log(line('gongkai import (empty database)', imported));
        console.log(`  imported back: ${back.rows[0]?.n} uploads, ${(Number(back.rows[0]?.bytes ?? 0) / MB).toFixed(0)} MB`);
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchArchive(n = 20_000): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-bench-archive-'));
  try {
    for (const engine of engines()) {
      const source = await withDatabase(engine);
      const target = await withDatabase(engine);
      try {
        await seed(source.db, n);
        const tables = await readCatalog(source.db);
        const read = async () => {
          for (const t of tables) await sql`select * from ${sql.table(t.name)}`.execute(source.db);
        };
        await read();
        const base = await seconds(read);
        const file = join(dir, `${engine}.ndjson.gz`);
        const exported = await seconds(async () => {
          const r = await exportToFile(source.db, file, { force: true });
          if (!r.ok) throw new Error(r.error);
        });
        const imported = await seconds(async () => {
          const r = await importFromFile(target.db, file);
          if (!r.ok) throw new Error(r.error);
        });
        const size = (await stat(file)).size / 1024 ** 2;
        console.log(`Archive on ${engine}: one agency, ${n.toLocaleString('en')} applications (${(3 * n).toLocaleString('en')} events and documents), ${size.toFixed(1)} MB gzip'd`);
        console.log(`  select * of every table (baseline)   ${base.toFixed(3).padStart(7)} s`);
        console.log(`  gongkai export                       ${exported.toFixed(3).padStart(7)} s   ratio ${(exported / base).toFixed(2)}`);
        console.log(`  gongkai import (empty database)      ${imported.toFixed(3).padStart(7)} s   ratio ${(imported / base).toFixed(2)}`);
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
