// The embedded database off the request path (issue #16, item 6): `npm run bench pglite`.
//
// 1. A static file while PGlite is busy. The real server (startServer) on a data folder holding a copy of
//    the migrated template, with PGlite in the server's thread (as before: connect.ts `thread: 'main'`) and in its worker thread
//    (the default), each in a process of its own. autocannon (in a thread of its own, 10 connections) asks
//    for /assets/public.css and for an agency's column home (from the page cache, no database), first with
//    the database idle, then while statements run on it one after another with a pause of 0.2 s — one that
//    works for a while (md5 over 300,000 numbers), one that reads 50,000 rows into JavaScript, as heavy
//    pages do. The anchor: a bare node:http server in the same process answering the same bytes, measured
//    idle. Printed: requests per second, p50/p99/max latency, p99 as a multiple of the anchor's.
// 2. Memory over that run: the process's RSS (both threads) when the server is ready, its peak, and 3 s
//    after the load; PGlite's WebAssembly memory at the end.
// 3. Start-up: `npm start` (bin/server.mjs, the compiled build) until it says it is ready, on a new data
//    folder (initdb and the migrations) and on the same folder again (median of 3), next to `node -e 0`.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 10;
const DURATION_S = 5;
const WARMUP_S = 1;
const AGENCY = { code: 'bench', name: '基准测试局', level: 'department' } as const;
/** between two busy statements */
const PAUSE_MS = 200;

interface Latency {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  problems: number;
}

type Autocannon = (options: { url: string; connections: number; duration: number; workers?: number }) => PromiseLike<{
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}>;

async function load(url: string): Promise<Latency> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, workers: 1 });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, problems: r.non2xx + r.errors + r.timeouts };
}

function bareServer(body: Buffer, headers: Record<string, string>): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, () => {
      const address = server.address();
      resolve({ server, url: `http://localhost:${typeof address === 'object' && address !== null ? address.port : 0}/` });
    });
  });
}

/** What one process measures, for one placement of PGlite. */
interface Measured {
  thread: 'main' | 'worker';
  bare: Latency;
  cssIdle: Latency;
  cssBusy: Latency;
  pageBusy: Latency;
  /** median duration of the busy statements, ms, and how many ran */
  statementMs: number;
  statements: number;
  rss: { ready: number; peak: number; after: number };
  wasm: number;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The child process: measures one placement and prints it as JSON on its last line. */
async function measure(thread: 'main' | 'worker'): Promise<Measured> {
  const { templateDataDir } = await import('../test/support/db.ts');
  const { freePort, waitForPort } = await import('../test/support/web-server.ts');
  const { connectPglite, lendDatabase } = await import('../src/db/connect.ts');
  const { beijingNow, startServer } = await import('../src/server.ts');
  const { createAgency } = await import('../src/services/agencies.ts');

  // a data folder, as `npm start` has: a copy of the migrated template
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-bench-pglite-'));
  await templateDataDir(dir);
  const database = await connectPglite({ dataDir: join(dir, 'pglite'), thread });
  const created = await createAgency(database.db, AGENCY, beijingNow());
  if (!created.ok) throw new Error(created.error.message);
  const port = await freePort();
  const server = await startServer(lendDatabase({ dataDir: dir, databaseUrl: undefined, secureCookies: false, port }, database));
  await waitForPort(port);
  const base = `http://localhost:${port}`;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  try {
    const probe = await fetch(`${base}/assets/public.css`);
    const body = Buffer.from(await probe.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const [k, v] of probe.headers) if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)) headers[k] = v;
    await (await fetch(`${base}/${AGENCY.code}/`)).text(); // the column home into the page cache
    const ready = process.memoryUsage().rss;

    const bare = await bareServer(body, headers);
    const bareLatency = await load(bare.url);
    await new Promise<void>((resolve) => bare.server.close(() => resolve()));
    const cssIdle = await load(`${base}/assets/public.css`);

    // statements until told to stop (with PGlite in this thread, the stop is seen between two)
    let busy = true;
    const times: number[] = [];
    const loop = (async () => {
      for (let i = 0; busy; i++) {
        const t = performance.now();
        if (i % 2 === 0) await sql`select count(*) from generate_series(1, 300000) g where md5(g::text) like '%abc%'`.execute(database.db);
        else await sql`select g as id, md5(g::text) as a, repeat('x', 200) as b from generate_series(1, 50000) g`.execute(database.db);
        times.push(performance.now() - t);
        // a pause between two heavy pages: with PGlite in the server's thread, the only time it answers
        await new Promise((r) => setTimeout(r, PAUSE_MS));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const cssBusy = await load(`${base}/assets/public.css`);
    const pageBusy = await load(`${base}/${AGENCY.code}/`);
    busy = false;
    await loop;
    await new Promise((r) => setTimeout(r, 3000));
    times.sort((a, b) => a - b);
    return {
      thread,
      bare: bareLatency,
      cssIdle,
      cssBusy,
      pageBusy,
      statementMs: times[Math.floor(times.length / 2)] ?? 0,
      statements: times.length,
      rss: { ready: mib(ready), peak: mib(peak), after: mib(process.memoryUsage().rss) },
      wasm: mib((await database.memory()).wasm),
    };
  } finally {
    clearInterval(sampler);
    await server.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function child(thread: 'main' | 'worker'): Measured {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', thread], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as Measured;
  } catch {
    throw new Error(`bench pglite (${thread}) failed: ${r.stderr.slice(-2000)}`);
  }
}

/** Milliseconds until `node bin/server.mjs` on `dataDir` prints that it is ready (then it is stopped). */
function startUp(dataDir: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const server = spawn(process.execPath, [join(ROOT, 'bin', 'server.mjs')], {
      cwd: ROOT,
      env: { ...process.env, GONGKAI_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let ready: number | undefined;
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready === undefined && out.includes('已启动')) {
        ready = performance.now() - started;
        server.kill('SIGTERM');
      }
    });
    server.stderr.resume();
    server.on('exit', () => (ready === undefined ? reject(new Error(`npm start did not start: ${out}`)) : resolve(ready)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchPglite(): Promise<void> {
  console.log(`Embedded database off the request path: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each (after ${WARMUP_S} s of warm-up); a process per placement of PGlite`);
  const row = (label: string, m: Latency, bare: Latency) =>
    `  ${label.padEnd(52)} ${Math.round(m.rps).toLocaleString('en').padStart(7)} req/s   p50 ${String(Math.round(m.p50)).padStart(5)} ms   p99 ${String(Math.round(m.p99)).padStart(5)} ms   max ${String(Math.round(m.max)).padStart(5)} ms   p99 ${(m.p99 / Math.max(bare.p99, 1)).toFixed(1).padStart(6)}× anchor   rate ${(m.rps / bare.rps).toFixed(2)}${m.problems > 0 ? `   (${m.problems} failed)` : ''}`;
  for (const thread of ['main', 'worker'] as const) {
    const m = child(thread);
    const where = thread === 'main' ? "PGlite in the server's thread (before)" : 'PGlite in its worker thread (now)';
    console.log(`  ${where}: statements while busy ${m.statements}, median ${Math.round(m.statementMs)} ms`);
    console.log(row('bare node:http, the same CSS bytes (anchor)', m.bare, m.bare));
    console.log(row('/assets/public.css, database idle', m.cssIdle, m.bare));
    console.log(row('/assets/public.css, database busy', m.cssBusy, m.bare));
    console.log(row('column home (page cache), database busy', m.pageBusy, m.bare));
    console.log(`  ${'RSS (both threads): ready → peak → 3 s after'.padEnd(52)} ${m.rss.ready} → ${m.rss.peak} → ${m.rss.after} MiB; PGlite's WebAssembly memory ${m.wasm} MiB`);
  }

  const { buildIfStale } = (await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href)) as { buildIfStale: () => Promise<boolean> };
  await buildIfStale();
  const node: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    node.push(performance.now() - t);
  }
  const anchor = median(node);
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-bench-start-'));
  try {
    const { freePort } = await import('../test/support/web-server.ts');
    const port = await freePort();
    const fresh = await startUp(dir, port);
    const again: number[] = [];
    for (let i = 0; i < 3; i++) again.push(await startUp(dir, port));
    const existing = median(again);
    console.log(`  npm start until ready (compiled build), next to node -e 0 (${Math.round(anchor)} ms, anchor):`);
    console.log(`  ${'new data folder (initdb, migrations)'.padEnd(52)} ${(fresh / 1000).toFixed(2)} s   ${(fresh / anchor).toFixed(0)}× anchor`);
    console.log(`  ${'existing data folder (median of 3)'.padEnd(52)} ${(existing / 1000).toFixed(2)} s   ${(existing / anchor).toFixed(0)}× anchor   goal < 2 s: ${existing < 2000 ? 'met' : 'NOT met'}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const thread = process.argv[3] === 'main' ? 'main' : 'worker';
  console.log(JSON.stringify(await measure(thread)));
  process.exit(0);
}
