// Packages a module needs only once it does its work (a parser, a validator, a password checker), loaded
// then instead of when the module is imported: every command and the server import far more modules than
// one run uses, and loading docx, ajv, piscina or zxcvbn up front cost each start a few hundred ms
// (issue #16: commands start at once). CommonJS `require` is synchronous, so the callers stay as they are;
// Node caches the package after its first load. Types come from `import type`, as before.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package `name` (its CommonJS entry), loaded on the first call. */
export function loadPackage<T>(name: string): T {
  return require(name) as T;
}
