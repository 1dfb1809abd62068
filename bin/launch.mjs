// @ts-check
// Where the `gongkai` command (bin/gongkai.mjs) and `npm start` (bin/server.mjs) load the platform
// from: the compiled dist/ when its build stamp matches the sources (scripts/build-stamp.mjs; `npm ci`
// and `npm run build` compile), else the TypeScript sources through tsx — a slower start (~1.5 s),
// the same behaviour. So a checkout whose sources changed since the last build never runs stale code.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, buildIsCurrent } from '../scripts/build-stamp.mjs';

/**
 * The module `entry` ('cli', 'server') of the project at root: dist/ENTRY.js, or src/ENTRY.ts through tsx.
 * @param {string} entry
 * @returns {Promise<any>}
 */
export async function loadEntry(entry, root = ROOT) {
  if (buildIsCurrent(root)) return import(pathToFileURL(join(root, 'dist', `${entry}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'src', `${entry}.ts`)).href);
}
