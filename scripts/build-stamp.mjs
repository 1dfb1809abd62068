// @ts-check
// The build stamp: whether dist/ was compiled from the sources as they are now. It is a hash of the
// path, size and modification time of every input (src/ without its co-located tests, tsconfig.json,
// scripts/build.mjs): no file is read, so checking it costs one stat per file (23–44 ms for src/ on
// the loaded 2-CPU machine).
// scripts/build.mjs writes it into dist/ after compiling; bin/launch.mjs compares it at every start.
// A touched but unchanged file counts as a change (a needless rebuild, never a stale run).

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder of package.json). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const STAMP_FILE = '.build-stamp';

/** Files whose change makes the compiled output stale, relative to root, '/'-separated, sorted. */
export function buildInputs(root = ROOT) {
  /** @type {string[]} */
  const files = [];
  // by hand rather than readdirSync's recursive option, which costs twice as much here
  const walk = (/** @type {string} */ rel) => {
    for (const d of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (d.isDirectory()) walk(`${rel}/${d.name}`);
      else if (!/\.test\.tsx?$/.test(d.name)) files.push(`${rel}/${d.name}`);
    }
  };
  walk('src');
  return [...files, 'tsconfig.json', 'scripts/build.mjs'].sort();
}

/** The stamp of the inputs as they are now. */
export function sourceStamp(root = ROOT) {
  const lines = buildInputs(root).map((file) => {
    const s = statSync(join(root, file), { throwIfNoEntry: false });
    // a missing input (no scripts/build.mjs in a test's tree) is part of the stamp as missing
    return s ? `${file}\t${s.size}\t${s.mtimeMs}` : `${file}\t-`;
  });
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** The stamp dist/ was built from, or undefined when there is no build. */
export function builtStamp(dist = join(ROOT, 'dist')) {
  try {
    return readFileSync(join(dist, STAMP_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** True when dist/ holds the compiled form of the sources as they are now. */
export function buildIsCurrent(root = ROOT) {
  return builtStamp(join(root, 'dist')) === sourceStamp(root);
}
