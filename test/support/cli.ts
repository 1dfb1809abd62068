// The gongkai command as a user runs it: `node bin/gongkai.mjs …` in a child process, standard input
// piped (not a terminal), the exit code and both outputs returned. The bin runs the compiled dist/,
// which the global setup (test/support/build-setup.ts) builds when it is stale: ~0.2 s a start
// instead of 1.3–4.5 s through tsx. With a data folder, on embedded
// PGlite there (DATABASE_URL removed); without, the environment as it is. A process with a data folder
// costs seconds (PGlite opens the folder): keep one per command family, for what only a real process
// shows, and check the rest of the behaviour in process (support/cli-inprocess.ts).
//
//   const r = await gongkai(['report', 'check', file]);
//   const r = await gongkai(['user', 'reset-password', 'admin', '--password-stdin'], { dataDir, stdin: 'secret\n' });

import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'gongkai.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** env: variables added to (or, undefined, removed from) the environment. */
export function gongkai(args: readonly string[], options: { dataDir?: string; stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (options.dataDir !== undefined) {
    env['GONGKAI_DATA_DIR'] = options.dataDir;
    delete env['DATABASE_URL']; // embedded PGlite
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(options.stdin ?? '');
  });
}
