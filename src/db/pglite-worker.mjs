// The entry of the PGlite worker thread when the platform runs from its TypeScript sources (compiled,
// pglite-thread.js starts pglite-worker.js directly). A worker does not inherit its parent's loaders, and
// registering tsx in a thread costs 0.25–0.55 s — paid by every database a test opens — so the thread runs
// the compiled dist/db/pglite-worker.js while dist/ is current (the same sources: bin/launch.mjs decides as
// for `npm start`), and pglite-worker.ts through tsx otherwise. Plain JavaScript, so it loads whatever
// started the parent process.
import { loadEntry } from '../../bin/launch.mjs';

await loadEntry('db/pglite-worker');
