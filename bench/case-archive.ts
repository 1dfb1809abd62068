// `npm run bench -- case-archive` (CASES=N, 10,000 by default): `gongkai applications archive` over a
// generated year of N archived cases (services/casefile), on PGlite (BENCH_ENGINE=postgres with
// DATABASE_URL for PostgreSQL). Each case: four steps (登记, 答复, 送达, 归档), a reply notice (its HTML,
// printed per case: no kept PDF), its delivery by post with evidence, and an identity proof — a 400×300
// photo-like PNG of noise (~350 KB, incompressible) for three cases in four, a one-page PDF (merged with
// pdf-lib) for the fourth. The figures: cases/s, and this process's RSS — idle after seeding (the
// baseline, same run), and its peak while the archive is written, sampled every 100 ms (PGlite's worker
// thread included: it lives in the process; Chromium is its own process, one for the run, and is not
// counted). Memory bounded means: the peak over the baseline does not grow with N — so the run is made
// twice, at N/10 and at N, and both peaks are printed. Do not run it at 10,000 on a shared machine.

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DB } from '../src/db/schema.ts';
import { writeCaseArchive } from '../src/services/casefile/archive.ts';
import { engines, withDatabase } from '../test/support/db.ts';
import { liveHeap, MB, peakRss } from './rss.ts';

/** A w×h RGB PNG of pseudo-random pixels (a deterministic generator: the same bytes each run). */
function noisePng(w: number, h: number): Uint8Array {
  let s = 0x2545f491;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let i = 1; i <= w * 3; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      raw[y * (w * 3 + 1) + i] = s & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const NOTICE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page { size: A4; margin: 37mm 26mm 35mm 28mm; } body { font-family: "仿宋_GB2312", FangSong, "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75; } h1 { text-align: center; font-size: 22pt; font-weight: normal; }</style></head><body><h1>政府信息公开申请答复告知书</h1>${'<p>经审查，您申请获取的政府信息属于可以公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（二）项、第四十条的规定，本机关决定予以公开。</p>'.repeat(6)}<p>如对本答复不服，可以自收到本答复之日起六十日内向示范市人民政府申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。</p></body></html>`;

async function seed(db: Kysely<DB>, code: string, n: number, png: Uint8Array, pdf: Uint8Array): Promise<number> {
  const agency = await sql<{ id: number }>`insert into agencies (code, name, level, created_at) values (${code}, '示范市某局', 'department', '2024-01-01T00:00:00Z') returning id`.execute(db);
  const id = Number(agency.rows[0]?.id);
  await sql`insert into applications (agency_id, number, applicant_type, applicant_name, id_kind, id_number, contact, channel, submitted_on, received_on,
      request, delivery_form, state, outcome, outcome_row, legal_basis, closed_on, created_at, updated_at)
    select ${id}, '2024-' || lpad(g::text, 5, '0'), 'natural_person', '申请人' || g, 'resident_id', '11010519491231002X', '138' || lpad(g::text, 8, '0'), 'online',
      date '2024-01-02' + (g % 300), date '2024-01-02' + (g % 300), '请公开' || md5(g::text) || '相关的政府信息', '当场阅览、抄录', 'archived', 'OPEN_PROVIDE', 'granted',
      '条例第三十六条第（二）项、第四十条', date '2024-01-02' + (g % 300) + 10, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
    from generate_series(1, ${n}) g`.execute(db);
  await sql`insert into application_events (application_id, seq, type, occurred_on, recorded_at, actor, state_before, state_after, data)
    select a.id, s.seq, s.type, a.received_on + s.days, '2024-06-01T00:00:00Z', '经办人', s.before, s.after, jsonb_build_object('note', case s.type when 'deliver' then '送达方式：邮寄' else '' end)
    from applications a cross join (values (1, 'register', 0, null, 'registered'), (2, 'reply', 10, 'registered', 'replied'), (3, 'deliver', 12, 'replied', 'delivered'), (4, 'archive', 20, 'delivered', 'archived'))
      as s(seq, type, days, before, after)
    where a.agency_id = ${id}`.execute(db);
  await sql`insert into documents (application_id, agency_id, kind, year, seq, number, issued_on, title, html, inputs, created_at, event_seq)
    select a.id, ${id}, 'reply', 2024, a.id, '示范某公开〔2024〕' || a.id || '号', a.received_on + 10, '政府信息公开申请答复告知书', ${NOTICE}, '{}', '2024-06-01T00:00:00Z', 2
    from applications a where a.agency_id = ${id}`.execute(db);
  await sql`insert into document_deliveries (agency_id, application_id, document_id, method, tracking_number, delivered_on, evidence, event_seq, recorded_by, recorded_at)
    select ${id}, d.application_id, d.id, 'post', 'XA' || lpad(d.id::text, 9, '0') || 'CN', d.issued_on + 2, '邮政签收记录', 3, '经办人', '2024-06-01T00:00:00Z'
    from documents d where d.agency_id = ${id}`.execute(db);
  await sql`insert into uploads (agency_id, application_id, kind, media_type, file_name, size, sha256, content, created_at)
    select ${id}, a.id, 'identity_proof', 'image/png', '身份证.png', ${png.length}, md5(a.id::text), ${png}, '2024-06-01T00:00:00Z'
    from applications a where a.agency_id = ${id} and a.id % 4 <> 0`.execute(db);
  await sql`insert into uploads (agency_id, application_id, kind, media_type, file_name, size, sha256, content, created_at)
    select ${id}, a.id, 'identity_proof', 'application/pdf', '身份证明.pdf', ${pdf.length}, md5(a.id::text), ${pdf}, '2024-06-01T00:00:00Z'
    from applications a where a.agency_id = ${id} and a.id % 4 = 0`.execute(db);
  return id;
}

export async function benchCaseArchive(n = Number(process.env['CASES'] ?? 10_000)): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-bench-case-archive-'));
  const png = noisePng(400, 300);
  const proof = await PDFDocument.create();
  proof.addPage([595, 842]).drawText('identity proof (scanned)', { x: 72, y: 760, size: 14, font: await proof.embedFont(StandardFonts.Helvetica) });
  const pdf = await proof.save();
  const browser = { chromiumPath: process.env['CHROMIUM_PATH'], searchPath: process.env['PATH'] };
  try {
    const engine = engines().find((e) => e === (process.env['BENCH_ENGINE'] ?? 'pglite')) ?? 'pglite';
    const database = await withDatabase(engine);
    try {
      console.log(`Case archive on ${engine}: a year of archived cases, each with 4 steps, a reply notice printed, its delivery, an identity proof (PNG ${(png.length / 1024).toFixed(0)} KB ×3/4, PDF ×1/4)`);
      for (const size of [...new Set([Math.max(1, Math.round(n / 10)), n])]) {
        const agencyId = await seed(database.db, `bench${size}`, size, png, pdf);
        liveHeap(); // a full collection: the seed's garbage is not the archive's
        const idle = process.memoryUsage.rss();
        const out = join(dir, `${size}.zip`);
        const m = await peakRss(async () => {
          const r = await writeCaseArchive(database.db, { agencyId, year: 2024, out, force: true, browser });
          if (!r.ok) throw new Error(r.error.message);
          return r.value;
        });
        const zipMb = (await stat(out)).size / MB;
        console.log(
          `  ${String(size).padStart(6)} cases  ${m.seconds.toFixed(1).padStart(7)} s  ${(size / m.seconds).toFixed(1).padStart(6)} cases/s  ${String(m.value.pages).padStart(7)} pages  ZIP ${zipMb.toFixed(0)} MB   RSS idle ${(idle / MB).toFixed(0)} MB (baseline) → peak ${(m.peak / MB).toFixed(0)} MB (+${((m.peak - idle) / MB).toFixed(0)}), heap peak ${(m.heapPeak / MB).toFixed(0)} MB`,
        );
        await rm(out, { force: true });
      }
    } finally {
      await database.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
