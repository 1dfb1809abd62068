import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const TESTS = ['test/**/*.test.ts', 'src/**/*.test.ts'];
/**
 * Files that replace a module (vi.mock) for their own run: each gets a fresh process and module registry.
 * Every other file shares its worker's modules with the files that ran there before (isolate: false):
 * importing the app's ~500 modules anew for each of 200 files was a fifth of the suite's time. A file
 * must therefore leave nothing behind that another could see — a changed prototype, process.env, a
 * global — or restore it in afterAll (test/web/route-walk.db.test.ts, test/db/connect.db.test.ts).
 */
export const ISOLATED = ['test/report/check-stream.test.ts', 'test/applications/notices-provisional.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // a fresh database per file takes seconds; on a loaded machine more than the default 10 s
    hookTimeout: 120_000,
    pool: 'forks',
    // two test files at a time on these 2-CPU machines (vitest's default is CPUs − 1 = one): each file
    // waits on its database, its browser or its spawned processes much of the time, so the suite takes
    // ~1.5× less wall time; the timeouts above leave room for the second file's load
    maxWorkers: 2,
    // compiles dist/ when it is stale: the CLI tests spawn the compiled bin/gongkai.mjs
    globalSetup: ['test/support/build-setup.ts'],
    // … which test/support/cli-inprocess.ts runs in process too: loaded by Node as the binary loads it
    server: { deps: { external: [new RegExp(`^${fileURLToPath(new URL('./dist/', import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)] } },
    projects: [
      { extends: true, test: { name: 'shared', include: TESTS, exclude: [...configDefaults.exclude, ...ISOLATED], isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
