// The import rules of docs/ARCHITECTURE.md, enforced by reading the sources: every import, export … from
// and import('…') in src/ is resolved and checked against the layer table; src/domain must read no clock,
// no randomness and no environment; only src/config.ts reads process.env. Each violation is reported as
// file:line. Co-located tests (src/**/*.test.ts) are test code, not a layer, and are not checked.

import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface SourceFile {
  /** relative to the project root, with '/' separators: src/domain/report/model.ts */
  path: string;
  text: string;
}

interface Violation {
  file: string;
  line: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// The rules

type Layer = 'domain' | 'db' | 'services' | 'web' | 'cli' | 'config' | 'root';

/** Layers (value imports) each layer may import. `root` = the composition roots src/server.ts, src/cli.ts. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  domain: ['domain'],
  db: ['db'],
  services: ['domain', 'db', 'services'],
  web: ['domain', 'services', 'web'],
  cli: ['domain', 'services', 'cli'],
  config: ['domain'],
  root: ['domain', 'db', 'services', 'web', 'cli', 'config'],
};

/** Layers a layer may import with `import type` / `export type` only (nothing of them exists at run time). */
const MAY_IMPORT_TYPES: Record<Layer, readonly Layer[]> = {
  domain: [],
  db: ['domain', 'config'],
  services: ['config'],
  web: ['config'],
  cli: ['config'],
  config: [],
  root: [],
};

/**
 * Packages src/domain may import: pure, in-memory libraries. Anything else (fs, net, child processes,
 * database drivers, clocks behind a package) is refused; add a package here only if it does no IO.
 */
const DOMAIN_PACKAGES = new Set([
  'zod',
  'ajv', // json: validates the interchange JSON against schemas/
  'docx', // render: writes a .docx into a buffer
  'exceljs', // render: writes an .xlsx into a buffer
  'htmlparser2', // input: HTML → text
  'mammoth', // input: .docx → HTML, from a buffer
  'jszip', // input: zip containers, from a buffer
  'opencc-js', // input: Traditional → Simplified Chinese
  'ical.js', // calendar: iCalendar import and export (in memory)
  'tyme4ts', // calendar: lunar dates and solar terms of the statutory holidays (provisional years)
  'node:buffer',
  'node:zlib', // input: inflate zip entries in memory
  'node:util',
  'node:string_decoder',
  'node:stream', // ledger: exceljs's streaming workbook reader and writer take Node streams (in memory, no IO of their own)
]);

/** Never in src/domain, whatever the allow-list says (checked below to be disjoint from it). */
const IO_MODULES = new Set([
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'node:cluster',
  'node:worker_threads',
  'node:net',
  'node:tls',
  'node:dgram',
  'node:dns',
  'node:http',
  'node:https',
  'node:http2',
  'node:os',
  'node:process',
  'node:readline',
  'node:crypto',
  'node:perf_hooks',
  'node:timers',
  'node:timers/promises',
  'pg',
  '@electric-sql/pglite',
  'kysely',
]);

/** Database engines: only src/db knows which one runs (kysely also in services, which own transactions). */
const PACKAGE_LAYERS: Record<string, readonly Layer[]> = {
  pg: ['db'],
  '@electric-sql/pglite': ['db'],
  kysely: ['db', 'services'],
};

/** Folders outside src that src must never import. */
const FORBIDDEN_OUTSIDE = ['test/', 'bench/'];

interface CodePattern {
  pattern: RegExp;
  what: string;
}

/** Forbidden in src/domain: inputs that must come in as arguments. Comments, strings and regexes do not count. */
const DOMAIN_FORBIDDEN_CODE: CodePattern[] = [
  { pattern: /\bDate\s*\.\s*now\s*\(/g, what: 'Date.now() reads the clock: take the date as an argument' },
  { pattern: /\bnew\s+Date\s*\(\s*\)/g, what: 'new Date() reads the clock: take the date as an argument' },
  { pattern: /\bnew\s+Date\b(?!\s*\()/g, what: 'new Date reads the clock: take the date as an argument' },
  { pattern: /\bMath\s*\.\s*random\s*\(/g, what: 'Math.random() in src/domain: pass randomness in' },
];

/** Forbidden everywhere in src except src/config.ts. */
const ENV_FORBIDDEN_CODE: CodePattern[] = [
  { pattern: /\bprocess\s*\.\s*env\b/g, what: 'process.env outside src/config.ts: read the parsed config' },
  { pattern: /\bprocess\s*\[\s*['"`]env['"`]\s*\]/g, what: 'process[…] outside src/config.ts: read the parsed config' },
  { pattern: /\{[^{}]*\benv\b[^{}]*\}\s*=\s*process\b/g, what: 'env destructured from process outside src/config.ts' },
];

// ---------------------------------------------------------------------------------------------
// The checker

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

function layerOf(path: string): Layer | undefined {
  const ext = /\.[cm]?[jt]sx?$/;
  if (/^src\/config(\.[cm]?[jt]sx?)?$/.test(path) || path.startsWith('src/config/')) return 'config';
  if (ext.test(path) && /^src\/(server|cli)\.[^/]+$/.test(path)) return 'root';
  const m = /^src\/(domain|db|services|web|cli)\//.exec(path);
  return m ? (m[1] as Layer) : undefined;
}

/** 'node:fs' for 'fs' and 'node:fs' (a builtin keeps its subpath: 'node:fs/promises'); a package's name for it or any of its subpaths. */
function moduleName(specifier: string): string {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (BUILTINS.has(bare) || specifier.startsWith('node:')) return `node:${bare}`;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isTestFile(path: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  index: number;
}

/**
 * Blanks comments with spaces (keeping line breaks, so offsets and lines survive). `code` also blanks the
 * contents of strings, template literals and regular expressions, for the forbidden-pattern checks.
 */
function lex(src: string): { noComments: string; code: string } {
  const nc = src.split('');
  const cd = src.split('');
  const blank = (arr: string[], from: number, to: number) => {
    for (let k = from; k < to && k < arr.length; k++) if (arr[k] !== '\n' && arr[k] !== '\r') arr[k] = ' ';
  };
  const n = src.length;
  const templateDepths: number[] = [];
  let depth = 0;
  let last = '';
  let i = 0;
  const REGEX_AFTER = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
  const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

  /** Scans a template body from `start` (just after ` or }); returns where code resumes. */
  const template = (start: number): number => {
    let k = start;
    while (k < n) {
      const ch = src[k];
      if (ch === '\\') {
        blank(cd, k, k + 2);
        k += 2;
      } else if (ch === '`') {
        return k + 1;
      } else if (ch === '$' && src[k + 1] === '{') {
        templateDepths.push(depth);
        return k + 2;
      } else {
        blank(cd, k, k + 1);
        k++;
      }
    }
    return n;
  };

  while (i < n) {
    const c = src[i] as string;
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(nc, i, stop);
      blank(cd, i, stop);
      i = stop;
    } else if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(nc, i, stop);
      blank(cd, i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < n && src[k] !== c && src[k] !== '\n') k += src[k] === '\\' ? 2 : 1;
      blank(cd, i + 1, k);
      i = k + 1;
      last = 'string';
    } else if (c === '`') {
      i = template(i + 1);
      last = 'string';
    } else if (c === '/' && (last === '' || REGEX_AFTER.has(last) || REGEX_AFTER_WORD.has(last))) {
      let k = i + 1;
      let inClass = false;
      while (k < n && src[k] !== '\n') {
        const ch = src[k];
        if (ch === '\\') k += 2;
        else if (ch === '/' && !inClass) break;
        else {
          if (ch === '[') inClass = true;
          else if (ch === ']') inClass = false;
          k++;
        }
      }
      if (src[k] === '/') {
        blank(cd, i + 1, k);
        i = k + 1;
        while (i < n && /[a-z]/.test(src[i] as string)) i++;
        last = 'regex';
      } else {
        last = '/'; // not a regular expression after all: a division
        i++;
      }
    } else if (c === '}' && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth) {
      templateDepths.pop();
      i = template(i + 1);
      last = 'string';
    } else if (/[A-Za-z0-9_$]/.test(c)) {
      let k = i + 1;
      while (k < n && /[A-Za-z0-9_$]/.test(src[k] as string)) k++;
      last = src.slice(i, k);
      i = k;
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return { noComments: nc.join(''), code: cd.join('') };
}

// import x from '…', import type { X } from '…', export * from '…', over several lines; the clause between
// the keyword and `from` may not run into another import/export statement.
const STATIC_FROM = /^[ \t]*(import|export)\s+(type\s+)?((?:(?!\b(?:import|export)\b)[\w\s{},*$])*?)\s*from\s*(['"])([^'"\n]+)\4/gm;
const SIDE_EFFECT = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC = /\bimport\s*\(\s*(['"`])([^'"`\n$]+)\1\s*[,)]/g;

function findImports(noComments: string, code: string): ImportRef[] {
  const refs: ImportRef[] = [];
  // a match counts only where `code` still shows the keyword, i.e. not inside a string or template
  const inCode = (index: number, keyword: string) => code.startsWith(keyword, index);
  for (const m of noComments.matchAll(STATIC_FROM)) {
    const at = m.index + (m[0].length - m[0].trimStart().length);
    if (inCode(at, m[1] as string)) refs.push({ specifier: m[5] as string, typeOnly: m[2] !== undefined, index: at });
  }
  for (const m of noComments.matchAll(SIDE_EFFECT)) {
    const at = m.index + (m[0].length - m[0].trimStart().length);
    if (inCode(at, 'import')) refs.push({ specifier: m[2] as string, typeOnly: false, index: at });
  }
  for (const m of noComments.matchAll(DYNAMIC)) {
    if (inCode(m.index, 'import')) refs.push({ specifier: m[2] as string, typeOnly: false, index: m.index });
  }
  return refs.sort((a, b) => a.index - b.index);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let k = 0; k < index && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

function checkArchitecture(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    if (isTestFile(file.path)) continue;
    const { noComments, code } = lex(file.text);
    const report = (index: number, message: string) => violations.push({ file: file.path, line: lineAt(file.text, index), message });
    const layer = layerOf(file.path);
    if (!layer) {
      report(0, 'not in a known layer (src/domain, db, services, web, cli, config.ts, server.ts, cli.ts): add it to docs/ARCHITECTURE.md and test/architecture.test.ts');
      continue;
    }

    // a package loaded on first use (domain/packages.ts loadPackage) is held to the same rules as an import
    for (const m of noComments.matchAll(/\bloadPackage\s*(?:<[^(]*>)?\s*\(\s*(['"])([^'"]+)\1/g)) {
      const key = moduleName(m[2] ?? '');
      if (layer === 'domain' && !DOMAIN_PACKAGES.has(key)) report(m.index ?? 0, `src/domain may not load '${m[2]}': it is not on the allow-list of pure modules (test/architecture.test.ts DOMAIN_PACKAGES)`);
      const allowed = PACKAGE_LAYERS[key];
      if (layer !== 'domain' && layer !== 'root' && allowed && !allowed.includes(layer)) report(m.index ?? 0, `${layer} may not load '${m[2]}': only ${allowed.join(', ')} may`);
    }
    for (const ref of findImports(noComments, code)) {
      const spec = ref.specifier;
      if (spec.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file.path), spec));
        if (target.startsWith('../')) {
          report(ref.index, `imports '${spec}' from outside the project (e.g. ../shared): copy what is needed into the project`);
          continue;
        }
        const outside = FORBIDDEN_OUTSIDE.find((dir) => target.startsWith(dir));
        if (outside) {
          report(ref.index, `imports '${spec}' from ${outside}: src must not depend on ${outside}`);
          continue;
        }
        if (!target.startsWith('src/')) continue; // data files such as schemas/*.json
        const targetLayer = layerOf(target);
        if (!targetLayer) {
          report(ref.index, `imports '${spec}' (${target}), which is in no known layer`);
          continue;
        }
        if (targetLayer === 'root') {
          report(ref.index, `imports the composition root ${target}: nothing imports a composition root`);
          continue;
        }
        if (MAY_IMPORT[layer].includes(targetLayer)) continue;
        if (ref.typeOnly && MAY_IMPORT_TYPES[layer].includes(targetLayer)) continue;
        const typesHint = MAY_IMPORT_TYPES[layer].includes(targetLayer) ? ` (types only: use 'import type')` : '';
        report(ref.index, `${layer} may not import ${targetLayer}: '${spec}'${typesHint}`);
      } else if (spec.startsWith('/') || spec.startsWith('#') || /^(src|test|bench|shared)\//.test(spec)) {
        report(ref.index, `imports '${spec}': use a relative path inside src`);
      } else {
        const key = moduleName(spec);
        if (layer === 'domain') {
          // src/domain/packages.ts loads packages on first use (createRequire): its callers are checked below
          if (key === 'node:module' && file.path === 'src/domain/packages.ts') continue;
          if (!DOMAIN_PACKAGES.has(key)) {
            const why = IO_MODULES.has(key) ? 'does IO or reads the machine' : 'is not on the allow-list of pure modules';
            report(ref.index, `src/domain may not import '${spec}': it ${why} (test/architecture.test.ts DOMAIN_PACKAGES)`);
          }
        } else if (layer !== 'root') {
          const allowed = PACKAGE_LAYERS[key];
          if (allowed && !allowed.includes(layer)) {
            report(ref.index, `${layer} may not import '${spec}': only ${allowed.join(', ')} may`);
          }
        }
      }
    }

    const patterns = [...(layer === 'domain' ? DOMAIN_FORBIDDEN_CODE : []), ...(file.path === 'src/config.ts' ? [] : ENV_FORBIDDEN_CODE)];
    for (const { pattern, what } of patterns) {
      // matched on the text without comments (so process['env'] keeps its string), counted only where the
      // match starts in code, not inside a string, template or regular expression
      for (const m of noComments.matchAll(pattern)) if (code[m.index] === noComments[m.index]) report(m.index, what);
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function format(v: Violation): string {
  return `${v.file}:${v.line} ${v.message}`;
}

function readSources(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readSources(full));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name)) {
      out.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The tests

describe('architecture: the import rules hold in src/', () => {
  const files = readSources(join(root, 'src'));

  it('reads the source tree', () => {
    expect(files.map((f) => f.path)).toContain('src/domain/report/model.ts');
  });

  it('has no violation (each is listed as file:line)', () => {
    expect(checkArchitecture(files).map(format)).toEqual([]);
  });

  it('keeps the domain allow-list free of IO modules', () => {
    expect([...DOMAIN_PACKAGES].filter((p) => IO_MODULES.has(p))).toEqual([]);
  });
});

describe('architecture: the checker catches what it should (self-test)', () => {
  const check = (path: string, text: string): string[] => checkArchitecture([{ path, text }]).map(format);

  it.each([
    ['src/domain/a.ts', `import { readFileSync } from 'node:fs';`, `src/domain/a.ts:1 src/domain may not import 'node:fs'`],
    ['src/domain/a.ts', `\n\nimport fs from 'fs/promises';`, `src/domain/a.ts:3 src/domain may not import 'fs/promises'`],
    ['src/domain/a.ts', `import pg from 'pg';`, `src/domain/a.ts:1 src/domain may not import 'pg'`],
    ['src/domain/a.ts', `import { sql } from 'kysely';`, `src/domain/a.ts:1 src/domain may not import 'kysely'`],
    ['src/domain/a.ts', `import { PGlite } from '@electric-sql/pglite';`, `src/domain/a.ts:1 src/domain may not import '@electric-sql/pglite'`],
    ['src/domain/a.ts', `export { x } from 'node:child_process';`, `src/domain/a.ts:1 src/domain may not import 'node:child_process'`],
    ['src/domain/a.ts', `const m = await import('node:http');`, `src/domain/a.ts:1 src/domain may not import 'node:http'`],
    ['src/domain/a.ts', `import 'node:net';`, `src/domain/a.ts:1 src/domain may not import 'node:net'`],
    ['src/domain/a.ts', `const pg = loadPackage<typeof Pg>('pg');`, `src/domain/a.ts:1 src/domain may not load 'pg'`],
    ['src/domain/a.ts', `import { createRequire } from 'node:module';`, `src/domain/a.ts:1 src/domain may not import 'node:module'`],
    ['src/web/a.ts', `const k = loadPackage('kysely');`, `src/web/a.ts:1 web may not load 'kysely'`],
    ['src/domain/a.ts', `import {\n  a,\n  b,\n} from '../db/x.ts';`, `src/domain/a.ts:1 domain may not import db`],
    ['src/domain/a.ts', `import { c } from '../services/s.ts';`, `src/domain/a.ts:1 domain may not import services`],
    ['src/domain/a.ts', `import type { C } from '../config.ts';`, `src/domain/a.ts:1 domain may not import config`],
    ['src/domain/a.ts', `const t = Date.now();`, `src/domain/a.ts:1 Date.now()`],
    ['src/domain/a.ts', `const t = new Date();`, `src/domain/a.ts:1 new Date()`],
    ['src/domain/a.ts', `const t = new Date;`, `src/domain/a.ts:1 new Date reads`],
    ['src/domain/a.ts', `const r = Math.random();`, `src/domain/a.ts:1 Math.random()`],
    ['src/domain/a.ts', `const u = process.env.X;`, `src/domain/a.ts:1 process.env`],
    ['src/db/a.ts', `import { emptyReport } from '../domain/report/model.ts';`, `src/db/a.ts:1 db may not import domain: '../domain/report/model.ts' (types only`],
    ['src/db/a.ts', `import { type AnnualReport } from '../domain/report/model.ts';`, `src/db/a.ts:1 db may not import domain`],
    ['src/db/a.ts', `import { run } from '../services/run.ts';`, `src/db/a.ts:1 db may not import services`],
    ['src/web/a.ts', `import { connect } from '../db/connect.ts';`, `src/web/a.ts:1 web may not import db`],
    ['src/web/a.ts', `import { cmd } from '../cli/cmd.ts';`, `src/web/a.ts:1 web may not import cli`],
    ['src/web/a.ts', `import { Kysely } from 'kysely';`, `src/web/a.ts:1 web may not import 'kysely'`],
    ['src/cli/a.ts', `import type { DB } from '../db/schema.ts';`, `src/cli/a.ts:1 cli may not import db`],
    ['src/cli/a.ts', `import { page } from '../web/page.tsx';`, `src/cli/a.ts:1 cli may not import web`],
    ['src/cli/a.ts', `import { main } from '../cli.ts';`, `src/cli/a.ts:1 imports the composition root`],
    ['src/cli/a.ts', `import { main } from '../cli.js';`, `src/cli/a.ts:1 imports the composition root`],
    ['src/domain/a.ts', `import { config } from '../config';`, `src/domain/a.ts:1 domain may not import config`],
    ['src/services/a.ts', `import { app } from '../web/app.ts';`, `src/services/a.ts:1 services may not import web`],
    ['src/services/a.ts', `import { PGlite } from '@electric-sql/pglite';`, `src/services/a.ts:1 services may not import '@electric-sql/pglite'`],
    ['src/services/a.ts', `const url = process.env.DATABASE_URL;`, `src/services/a.ts:1 process.env outside src/config.ts`],
    ['src/services/a.ts', `const url = process['env'].X;`, `src/services/a.ts:1 process[…] outside src/config.ts`],
    ['src/services/a.ts', `const { env } = process;`, `src/services/a.ts:1 env destructured from process`],
    ['src/services/a.ts', `import { buildReport } from '../../test/factories.ts';`, `src/services/a.ts:1 imports '../../test/factories.ts' from test/`],
    ['src/cli/a.ts', `import { run } from '../../bench/run.ts';`, `src/cli/a.ts:1 imports '../../bench/run.ts' from bench/`],
    ['src/domain/a.ts', `import s from '../../../shared/schemas/x.json';`, `src/domain/a.ts:1 imports '../../../shared/schemas/x.json' from outside the project`],
    ['src/util/a.ts', `export const x = 1;`, `src/util/a.ts:1 not in a known layer`],
  ])('%s: %j is caught', (path, text, expected) => {
    const found = check(path, text);
    expect(found.length, `nothing caught in ${JSON.stringify(text)}`).toBeGreaterThan(0);
    expect(found.some((f) => f.startsWith(expected)), found.join('\n')).toBe(true);
  });

  it.each([
    ['src/domain/a.ts', `import type { X } from './b.ts';\nimport { y } from './report/c.ts';\nexport * from './d.ts';`],
    ['src/domain/a.ts', `import { Document } from 'docx';\nimport ExcelJS from 'exceljs';\nimport { Parser } from 'htmlparser2';\nimport mammoth from 'mammoth';\nimport JSZip from 'jszip';\nimport * as OpenCC from 'opencc-js';\nimport { z } from 'zod';`],
    ['src/domain/a.ts', `// never Date.now() or new Date() or process.env or Math.random() here\n/* import fs from 'node:fs'; */\nconst d = new Date(2024, 0, 1);\nconst e = new Date(iso);`],
    ['src/domain/a.ts', `const msg = 'Date.now() and process.env are not read here';\nconst re = /new Date\\(\\)/;\nconst t = \`\nimport fs from 'node:fs';\nDate.now()\n\`;`],
    ['src/domain/a.ts', `export class A {}\nimport type { B } from './b.ts';\nexport enum E { X, Y }\nimport { c } from './c.ts';`],
    ['src/domain/a.ts', `const half = total / 2; const re = /['"]/g; const x = a / b / c;\nconst later = Date.UTC(2024, 0, 1);`],
    ['src/db/a.ts', `export class Repo {}\nimport type { AnnualReport } from '../domain/report/model.ts';\nexport type { Cell } from '../domain/report/model.ts';\nimport { Kysely } from 'kysely';\nimport pg from 'pg';\nimport type { Config } from '../config.ts';`],
    ['src/services/a.ts', `import { x } from '../domain/x.ts';\nimport { y } from '../db/y.ts';\nimport { z } from './z.ts';\nimport { Kysely } from 'kysely';\nimport { readFile } from 'node:fs/promises';`],
    ['src/web/a.tsx', `import { a } from '../domain/a.ts';\nimport { s } from '../services/s.ts';\nimport { v } from './views/v.tsx';\nimport { Hono } from 'hono';`],
    ['src/cli/a.ts', `import { s } from '../services/s.ts';\nimport { Command } from 'commander';\nimport { h } from './helpers.ts';\nconst b = \`\${a}/\${c}\` / 2;`],
    ['src/config.ts', `import { z } from 'zod';\nexport const config = z.object({}).parse(process.env);`],
    ['src/cli.ts', `import { main } from './cli/main.ts';\nimport { connect } from './db/connect.ts';\nimport { loadConfig } from './config.ts';`],
    ['src/domain/a.test.ts', `import { readFileSync } from 'node:fs';\nconst now = Date.now();`],
  ])('%s: allowed code passes', (path, text) => {
    expect(check(path, text)).toEqual([]);
  });

  it('reports every violation of a file list with file:line, in order', () => {
    const found = checkArchitecture([
      { path: 'src/web/page.ts', text: `import { ok } from '../services/ok.ts';\nimport { db } from '../db/db.ts';\n` },
      { path: 'src/domain/clock.ts', text: `// a clock\n\nexport const today = () => new Date();\nexport const stamp = Date.now();\n` },
      { path: 'src/domain/ok.ts', text: `export const x = 1;\n` },
    ]).map((v) => `${v.file}:${v.line}`);
    expect(found).toEqual(['src/domain/clock.ts:3', 'src/domain/clock.ts:4', 'src/web/page.ts:2']);
  });
});
