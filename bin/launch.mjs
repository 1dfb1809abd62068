// @ts-check
// Where the `gongkai` command (bin/gongkai.mjs) and `npm start` (bin/server.mjs) load the platform
// from: the compiled dist/ when its build stamp matches the sources (scripts/build-stamp.mjs; `npm ci`
// and `npm run build` compile), else the TypeScript sources through tsx — a slower start (~1.5 s),
// the same behaviour. So a checkout whose sources changed since the last build never runs stale code.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, buildIsCurrent } from '../scripts/build-stamp.mjs';

/**
 * The module `entry` ('cli', 'server') of the project at root: dist/ENTRY.js, or src/ENTRY.ts through tsx.
 * @param {string} entry
 * @returns {Promise<any>}
 */
export async function loadEntry(entry, root = ROOT) {
  if (buildIsCurrent(root)) {
    // the bundle (scripts/build.mjs bundleEntries) where the build made one: the same code, fewer files to load
    const bundled = join(root, 'dist', 'bundle', `${entry}.js`);
    return import(pathToFileURL(existsSync(bundled) ? bundled : join(root, 'dist', `${entry}.js`)).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'src', `${entry}.ts`)).href);
}
