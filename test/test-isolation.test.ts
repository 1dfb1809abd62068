// The suite shares each worker's modules between test files (vitest.config.ts, isolate: false): a file
// that replaces a module for its own run (vi.mock …) would replace it for the files after it. Such a file
// must run in the isolated project; this test finds them by reading the test sources.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED } from '../vitest.config.ts';

const root = resolve(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

/** Calls that change what other files would see, undone only by a fresh module registry. */
const PROCESS_WIDE = /\bvi\.(mock|doMock|stubGlobal|stubEnv|hoisted)\(/;

describe('test isolation', () => {
  const files = [...testFiles(join(root, 'test')), ...testFiles(join(root, 'src'))];

  it('runs every file that mocks a module, stubs a global or the environment in a process of its own', () => {
    expect(files.length).toBeGreaterThan(100);
    const mocking = files.filter((f) => PROCESS_WIDE.test(readFileSync(join(root, f), 'utf8')));
    expect(mocking.length, 'the two known files at least').toBeGreaterThanOrEqual(2);
    expect(mocking.filter((f) => !ISOLATED.includes(f)), 'list these in ISOLATED (vitest.config.ts)').toEqual([]);
  });

  it('lists only files that exist', () => {
    expect(ISOLATED.filter((f) => !files.includes(f))).toEqual([]);
  });
});
