// The gongkai command in this process, for the checks of its behaviour: the command line as the binary
// runs it (src/cli.ts runCommandLine: commander's refusals in Chinese with exit 2, an internal error
// exit 70) from the compiled dist/ the binary loads, its output as the process would print it (each
// line ended by "\n"), standard input piped (not a terminal). The result has the shape of the spawned
// command's (support/cli.ts), so the same assertions hold. What only a real process shows — the
// binary's exit code, output through a pipe, standard input piped, the data folder closed at exit —
// stays with one spawned run per command family (support/cli.ts).
//
// The configuration is read when a command runs: the environment's, with a data folder of its own if
// given (as the spawned command gets it: DATABASE_URL removed), and a database lent to the commands
// (lendDatabase: they use it and leave it open) instead of the embedded database of that folder, which
// each process would open (and, the first time, initialise):
//
//   const t = useDatabase('pglite');                   // a copy of the migrated template
//   const r = await gongkaiInProcess(['agency', 'create', '--code', 'zw', '--name', '…'], { dataDir: DATA, database: () => t.database });
//   // r: { code, stdout, stderr }
//
// The parse pool's workers stay between runs: end them in the file's afterAll (closeInProcess).

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsCurrent } from '../../scripts/build-stamp.mjs';
import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config.ts';
import type { Database } from '../../src/db/connect.ts';
import { ROOT } from './cli.ts';
import type { CliResult } from './cli.ts';

interface Platform {
  cli: typeof import('../../src/cli.ts');
  connect: typeof import('../../src/db/connect.ts');
  pool: typeof import('../../src/services/parse-pool/shared.ts');
}

let platform: Promise<Platform> | undefined;

/**
 * The modules the binary runs: the compiled dist/ (what bin/gongkai.mjs loads while it is current, and
 * vitest.config.ts leaves to Node to load as it is), else the sources.
 */
function load(): Promise<Platform> {
  platform ??= (async () => {
    if (!buildIsCurrent(ROOT)) return { cli: await import('../../src/cli.ts'), connect: await import('../../src/db/connect.ts'), pool: await import('../../src/services/parse-pool/shared.ts') };
    const dist = (path: string) => import(pathToFileURL(join(ROOT, 'dist', path)).href);
    return { cli: await dist('cli.js'), connect: await dist('db/connect.js'), pool: await dist('services/parse-pool/shared.js') };
  })();
  return platform;
}

/** Ends the parse pool's workers the in-process runs started (in the file's afterAll). */
export async function closeInProcess(): Promise<void> {
  if (platform !== undefined) await (await platform).pool.closeParsePool();
}

export interface InProcessOptions {
  /** GONGKAI_DATA_DIR (the calendar store; the embedded database's folder when no database is lent) */
  dataDir?: string;
  /** the database the commands use (read when a command runs: useDatabase's is there inside tests only) */
  database?: () => Database;
  /** the commands' clock (an ISO date-time); the real one if not given */
  now?: () => string;
}

/** The configuration a spawned `gongkai` would read: the environment, with the data folder if given. */
function configOf(options: InProcessOptions, { connect }: Platform): Config {
  const env = { ...process.env };
  if (options.dataDir !== undefined) {
    env['GONGKAI_DATA_DIR'] = options.dataDir;
    delete env['DATABASE_URL'];
  }
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  return options.database === undefined ? loaded.config : connect.lendDatabase(loaded.config, options.database());
}

/** Runs `gongkai args` here; `stdin`: what standard input holds (piped, not a terminal). */
export async function gongkaiInProcess(args: readonly string[], options: InProcessOptions & { stdin?: string } = {}): Promise<CliResult> {
  const modules = await load();
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (s: string) => out.push(`${s}\n`),
    err: (s: string) => err.push(`${s}\n`),
    tty: false,
    interactive: false,
    now: options.now ?? (() => new Date().toISOString()),
  };
  const stdin = options.stdin ?? '';
  const code = await modules.cli.runCommandLine([...args], io, {
    // read when a command runs, as the binary reads its configuration
    config: () => ({ ok: true, config: configOf(options, modules) }),
    input: {
      readStdin: async () => stdin,
      promptHidden: () => Promise.reject(new Error('standard input is not a terminal here')),
    },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
