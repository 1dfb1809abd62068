// vitest globalSetup: compiles src/ to dist/ when dist/ is missing or older than its sources, before
// any test runs, so the tests that spawn bin/gongkai.mjs (test/support/cli.ts) run the compiled code
// of the sources as they are — never a stale build, never the slow tsx start.
import { buildIfStale } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildIfStale();
}
