// The write path (issue #16: "≥ 200 applications/s on PostgreSQL on these 2-core machines"): online
// applications per second, on PGlite and, when DATABASE_URL is set, on PostgreSQL — each next to an anchor
// measured in the same run on the same engine: a bare INSERT of one row, one transaction each, at the same
// concurrency. Two figures:
//
//   service    submitOnline as the form's route calls it (the agency found by the page, passed down): the
//              checks, the identity proof's sniffing, the query password's HMAC, one statement
//   form POST  POST /<agency>/apply through the whole app in process (app.request, no socket): body limit,
//              multipart parsing, CSRF, the agency lookup, then the service, the receipt cookie sealed; the
//              body encoded once (a browser's work); each request from an address of its own
//              (X-Forwarded-For behind one trusted proxy), so the per-address limit does not bite
//
// Each figure is the median of ROUNDS rounds of SECONDS s, with CONCURRENCY submissions in flight, all to
// one agency: its 编号 counter is one row, locked from the number's taking to the commit (no gaps, no
// duplicates), so one agency's applications commit one after another — a 政务服务大厅's busy hour. The
// service is also measured over CONCURRENCY agencies (a province: each counter its own row), which shows
// what that lock costs.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Config } from '../src/config.ts';
import type { DB } from '../src/db/schema.ts';
import { createAgency } from '../src/services/agencies.ts';
import { submitOnline } from '../src/services/public-applications.ts';
import type { OnlineApplicationInput } from '../src/services/public-applications.ts';
import { queryKeyOf } from '../src/services/query-key.ts';
import { createApp } from '../src/web/app.ts';
import { buildCalendar } from '../src/domain/calendar/index.ts';
import { engines, withDatabase } from '../test/support/db.ts';
import { DEFAULT_RATE_LIMITS, RATE_LIMITS_KEY } from '../src/services/limits/settings.ts';

const CONCURRENCY = 8;
const SECONDS = 3;
const ROUNDS = 3;
const GOAL_POSTGRES = 200;
const NOW = '2025-03-12T10:00:00.000+08:00';
const KEY = queryKeyOf(Buffer.alloc(32, 0x42));

/** A 1×1 PNG: the identity proof. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABh6FO1AAAAABJRU5ErkJggg==', 'base64');

const FIELDS = {
  applicantType: 'natural_person',
  applicantName: '张三',
  idKind: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: '',
  address: '某市某区某路1号',
  request: '2024年某地块征收补偿方案（文号：某政发〔2024〕12号）',
  deliveryForm: 'paper_post',
} as const;

const input = (): OnlineApplicationInput => ({ ...FIELDS, identityProof: { bytes: new Uint8Array(PNG), type: 'image/png', name: '身份证.png' } });

interface Rate {
  /** operations per second (the median round's) */
  perSecond: number;
  /** CPU time of this process per operation, ms (the median round's): steadier than the rate on a busy machine */
  cpuMs: number;
}

/** Operations per second: CONCURRENCY loops calling `once` for SECONDS s (a warm-up round first, not counted). */
async function perSecond(once: (i: number) => Promise<void>): Promise<Rate> {
  let next = 0;
  const round = async (seconds: number): Promise<Rate> => {
    const deadline = performance.now() + seconds * 1000;
    let done = 0;
    const start = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          await once((next += 1));
          done += 1;
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    return { perSecond: done / ((performance.now() - start) / 1000), cpuMs: (used.user + used.system) / 1000 / Math.max(1, done) };
  };
  await round(1);
  const rounds: Rate[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(SECONDS));
  return [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rounds.length / 2)] ?? { perSecond: 0, cpuMs: 0 };
}

async function formPoster(db: Kysely<DB>, agencyCode: string): Promise<(i: number) => Promise<void>> {
  const calendar = buildCalendar();
  if (!calendar.ok) throw new Error(calendar.error.message);
  // every POST sends the same applicant (the form is encoded once): the per-applicant limit raised, as an
  // administrator of a service hall's platform would on 访问限制 (the per-address limit still applies)
  const limits = { ...DEFAULT_RATE_LIMITS, applyPerApplicant: { count: 100_000, minutes: 1 } };
  await db.insertInto('settings').values({ key: RATE_LIMITS_KEY, value: JSON.stringify(limits) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(limits) })).execute();
  const config: Config = { dataDir: '/nonexistent', databaseUrl: undefined, port: 0, secureCookies: false, trustProxy: { kind: 'hops', hops: 1 } };
  const app = createApp({ config, db, calendar: async () => calendar.value, now: () => NOW, secureCookies: false, queryKey: KEY });
  const page = await app.request(`/${agencyCode}/apply`, { headers: { 'x-forwarded-for': '10.255.255.254' } });
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .join('; ');
  // the form as a browser sends it, encoded once (the browser's work, not the server's): multipart with the PNG
  const form = new FormData();
  form.set('_csrf', token);
  for (const [k, v] of Object.entries(FIELDS)) form.set(k, v);
  form.set('identityProof', new File([PNG], '身份证.png', { type: 'image/png' }));
  const encoded = new Response(form);
  const type = encoded.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  return async (i) => {
    const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const r = await app.request(`/${agencyCode}/apply`, { method: 'POST', body: bytes, headers: { cookie, 'content-type': type, 'content-length': String(bytes.length), 'x-forwarded-for': address } });
    if (r.status !== 303) throw new Error(`bench: POST /apply answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  };
}

const line = (label: string, rate: Rate, anchor: Rate, goal?: number): string =>
  `  ${label.padEnd(48)} ${Math.round(rate.perSecond).toLocaleString('en').padStart(6)} /s   ratio ${(rate.perSecond / anchor.perSecond).toFixed(2)}   CPU ${rate.cpuMs.toFixed(2).padStart(5)} ms each${goal === undefined ? '' : `   goal ≥ ${goal}/s: ${rate.perSecond >= goal ? 'met' : 'NOT met'}`}`;

export async function benchWrites(): Promise<void> {
  console.log(`Online applications: ${CONCURRENCY} in flight, one agency, median of ${ROUNDS} rounds of ${SECONDS} s (after 1 s of warm-up); CPU: this process's`);
  console.log('(on PGlite the database runs in this process too; PostgreSQL\'s own CPU is not counted)');
  for (const engine of engines()) {
    const database = await withDatabase(engine);
    try {
      const { db } = database;
      const created = await createAgency(db, { code: 'bench', name: '基准测试局', level: 'department' }, NOW);
      if (!created.ok) throw new Error(created.error.message);
      const agency = created.value;
      await sql`create table bench_anchor (id bigserial primary key, v text not null)`.execute(db);
      const anchor = await perSecond(async (i) => void (await sql`insert into bench_anchor (v) values (${`row ${i}`})`.execute(db)));
      const service = await perSecond(async () => {
        const r = await submitOnline(db, agency, input(), NOW, KEY);
        if (!r.ok) throw new Error(`bench: submitOnline: ${r.error.message}`);
      });
      // the same over several agencies: each its own counter row (a province's load, not one hall's)
      const others = [agency];
      for (let k = 1; k < CONCURRENCY; k++) {
        const other = await createAgency(db, { code: `bench${k}`, name: `基准测试局${k}`, level: 'department' }, NOW);
        if (!other.ok) throw new Error(other.error.message);
        others.push(other.value);
      }
      const spread = await perSecond(async (i) => {
        const r = await submitOnline(db, others[i % others.length] ?? agency, input(), NOW, KEY);
        if (!r.ok) throw new Error(`bench: submitOnline: ${r.error.message}`);
      });
      const post = await perSecond(await formPoster(db, agency.code));
      const goal = engine === 'postgres' ? GOAL_POSTGRES : undefined;
      console.log(`On ${engine}:`);
      console.log(line('bare INSERT of one row per transaction (anchor)', anchor, anchor));
      console.log(line('online application, service (submitOnline)', service, anchor, goal));
      console.log(line(`  the same over ${CONCURRENCY} agencies`, spread, anchor));
      console.log(line('online application, form POST (in process)', post, anchor, goal));
    } finally {
      await database.close();
    }
  }
}
