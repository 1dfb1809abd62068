// The compile step (scripts/build.mjs, scripts/build-stamp.mjs, bin/launch.mjs): the stamp notices a
// source changed, added or removed; the launcher runs dist/ only while it is current, and the sources
// through tsx otherwise; the compiled platform finds its files beside it as the sources do.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { STAMP_FILE, buildInputs, buildIsCurrent, sourceStamp } from '../scripts/build-stamp.mjs';
import { ROOT } from './support/cli.ts';
import { templateDataDir } from './support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A project of two sources, built: dist/ with the stamp of its sources. */
function project(name: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  writeFileSync(join(root, 'src', 'cli.ts'), `export const from: string = 'src';\n`);
  writeFileSync(join(root, 'src', 'cli', 'fee.ts'), `export const fee = 1;\n`);
  writeFileSync(join(root, 'src', 'cli', 'fee.test.ts'), `// a co-located test: not compiled\n`);
  writeFileSync(join(root, 'dist', 'cli.js'), `export const from = 'dist';\n`);
  writeFileSync(join(root, 'dist', STAMP_FILE), `${sourceStamp(root)}\n`);
  return root;
}

/** What bin/launch.mjs loads for root, in a process of its own (tsx registers itself there). */
function launched(root: string): string {
  const launch = pathToFileURL(join(ROOT, 'bin', 'launch.mjs')).href;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const { loadEntry } = await import(${JSON.stringify(launch)}); console.log((await loadEntry('cli', ${JSON.stringify(root)})).from);`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('the build stamp', () => {
  it('covers the sources without their tests, tsconfig.json and the build script', () => {
    expect(buildInputs(project('inputs'))).toEqual(['scripts/build.mjs', 'src/cli.ts', 'src/cli/fee.ts', 'tsconfig.json']);
  });

  it('is current until a source is changed, added or removed', () => {
    const root = project('stamp');
    expect(buildIsCurrent(root)).toBe(true);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src', 'cli', 'fee.ts'), later, later);
    expect(buildIsCurrent(root)).toBe(false);

    const added = project('added');
    writeFileSync(join(added, 'src', 'cli', 'new.ts'), 'export {};\n');
    expect(buildIsCurrent(added)).toBe(false);

    const removed = project('removed');
    rmSync(join(removed, 'src', 'cli', 'fee.ts'));
    expect(buildIsCurrent(removed)).toBe(false);

    const tests = project('tests');
    writeFileSync(join(tests, 'src', 'cli', 'fee.test.ts'), '// changed\n', { flag: 'a' });
    expect(buildIsCurrent(tests)).toBe(true);
  });

  it('is missing without a build', () => {
    const root = project('unbuilt');
    rmSync(join(root, 'dist'), { recursive: true });
    expect(buildIsCurrent(root)).toBe(false);
  });
});

describe('the launcher', () => {
  it('runs dist/ while it is current, the sources through tsx once they changed', () => {
    const root = project('launch');
    expect(launched(root)).toBe('dist');
    writeFileSync(join(root, 'src', 'cli.ts'), `export const from: string = 'src, changed';\n`);
    expect(launched(root)).toBe('src, changed');
  });
});

describe('the compiled platform', () => {
  it('is current for this test run (the global setup built it), so the CLI tests run it', () => {
    expect(buildIsCurrent()).toBe(true);
  });

  it('finds the migrations and its parse worker beside it, as the sources do', () => {
    const url = (file: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', file)).href);
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { MIGRATIONS_DIR } = await import(${url('db/migrate.js')});
const { parsePool, closeParsePool } = await import(${url('services/parse-pool/index.js')});
const read = await parsePool().parseReport(new TextEncoder().encode('二、主动公开政府信息情况'), 'a.txt');
await closeParsePool();
console.log(JSON.stringify({ MIGRATIONS_DIR, parsed: read.ok }));`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ MIGRATIONS_DIR: join(ROOT, 'migrations') + '/', parsed: true });
  });

  it('runs bundled (bin/ loads dist/bundle/), and the bundle finds the migrations and both workers as dist/ does', async () => {
    expect(existsSync(join(ROOT, 'dist', 'bundle', 'cli.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist', 'bundle', 'server.js'))).toBe(true);
    const bin = join(ROOT, 'bin', 'gongkai.mjs');
    // the parse pool's worker, from the bundle
    const checked = spawnSync(process.execPath, [bin, 'report', 'check', join(ROOT, 'test', 'fixtures', 'reports', 'excerpt-001.txt')], { encoding: 'utf8', cwd: ROOT });
    expect(checked.stderr).not.toMatch(/Cannot find|ERR_/u);
    expect(checked.stdout).toContain('excerpt-001.txt');
    // the migrations and the PGlite worker, from the bundle
    const data = join(dir, 'bundle-data');
    const env: Record<string, string | undefined> = { ...process.env, GONGKAI_DATA_DIR: data };
    delete env['DATABASE_URL'];
    const migrated = spawnSync(process.execPath, [bin, 'db', 'migrate'], { encoding: 'utf8', cwd: ROOT, env });
    expect(migrated.stderr).toBe('');
    expect(migrated.status).toBe(0);
  });

  it('finds its PGlite worker beside it (count(*) parsed there as a number, dates as text)', async () => {
    const data = join(dir, 'pglite-data');
    await templateDataDir(data);
    const url = (file: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', file)).href);
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { connectPglite } = await import(${url('db/connect.js')});
const { sql } = await import('kysely');
const database = await connectPglite({ dataDir: ${JSON.stringify(join(data, 'pglite'))} });
const { rows } = await sql\`select count(*) as n, '2024-10-08'::date as d from gongkai_migrations\`.execute(database.db);
await database.close();
console.log(JSON.stringify(rows[0]));`,
      ],
      { encoding: 'utf8', cwd: ROOT },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ n: expect.any(Number), d: '2024-10-08' });
  });
});
