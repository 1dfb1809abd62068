import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
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
  },
});
