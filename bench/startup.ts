// `npm run bench -- startup`: how long a command takes before it does anything, and how long the server
// takes to be ready, each next to `node -e 0` measured in the same run (issue #16: any quick command
// within 4× `node -e 0`; the server ready in < 2 s on an existing data folder). Each figure is the median
// of RUNS runs of the compiled output (bin/ runs dist/ when it is current: `npm run build` first).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'gongkai.mjs');
const RUNS = 7;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function run(args: string[], env: Record<string, string | undefined> = {}): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} ended with ${r.status}`);
  return performance.now() - t;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

/** ms from spawning the server until it prints its start line; then it is stopped. */
async function serverReady(env: Record<string, string | undefined>): Promise<number> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'server.mjs')], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('gongkai 已启动')) resolve(performance.now() - t);
    });
    child.once('exit', (code) => reject(new Error(`the server ended (${code})`)));
  });
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

export async function benchStartup(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'gongkai-startup-'));
  try {
    const anchor = median(Array.from({ length: RUNS }, () => run(['-e', '0'])));
    console.log(`Start-up: median of ${RUNS} runs each, next to \`node -e 0\` (${anchor.toFixed(0)} ms); goal: quick commands ≤ 4×, server ready < 2 s on an existing folder`);
    const commands: [string, string[]][] = [
      ['gongkai --help', ['--help']],
      ['gongkai fee piece 12', ['fee', 'piece', '12']],
      ['gongkai calendar add 2025-09-28 15', ['calendar', 'add', '2025-09-28', '15']],
      ['gongkai report --help', ['report', '--help']],
      // each command family's --help: its options only, its services loaded by its actions
      ...['calendar', 'agency', 'applications', 'records', 'catalogue', 'user', 'db', 'setup', 'demo'].map((c): [string, string[]] => [`gongkai ${c} --help`, [c, '--help']]),
    ];
    for (const [name, args] of commands) {
      let ms: number;
      try {
        ms = median(Array.from({ length: RUNS }, () => run([BIN, ...args], { GONGKAI_DATA_DIR: join(work, 'cli') })));
      } catch (e) {
        console.log(`  ${name.padEnd(36)} NOT MEASURED: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const ratio = ms / anchor;
      console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms   ratio ${ratio.toFixed(1).padStart(5)}   goal ≤ 4×: ${ratio <= 4 ? 'met' : 'NOT met'}`);
    }
    // the server: a new PGlite folder (initdb and every migration), then the same folder again
    const data = join(work, 'server');
    const fresh = await serverReady({ GONGKAI_DATA_DIR: data, DATABASE_URL: undefined });
    const again = median(await sequential(RUNS, () => serverReady({ GONGKAI_DATA_DIR: data, DATABASE_URL: undefined })));
    console.log(`  server ready, new PGlite folder        ${fresh.toFixed(0).padStart(6)} ms   ratio ${(fresh / anchor).toFixed(1).padStart(5)}`);
    console.log(`  server ready, existing PGlite folder   ${again.toFixed(0).padStart(6)} ms   ratio ${(again / anchor).toFixed(1).padStart(5)}   goal < 2 s: ${again < 2000 ? 'met' : 'NOT met'}`);
    if (process.env['DATABASE_URL']) {
      const pg = median(await sequential(RUNS, () => serverReady({ GONGKAI_DATA_DIR: join(work, 'pg') })));
      console.log(`  server ready, PostgreSQL               ${pg.toFixed(0).padStart(6)} ms   ratio ${(pg / anchor).toFixed(1).padStart(5)}   goal < 2 s: ${pg < 2000 ? 'met' : 'NOT met'}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function sequential(n: number, f: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}
