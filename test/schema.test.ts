// The interchange schema (schemas/annual-report.v1.schema.json) against the fixtures, the model and the
// shared schema it extends. A copy of the shared schema lives in test/fixtures so the suite needs nothing
// outside the project; when ../shared is present, the copy is checked against it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { emptyReport, emptyTrial2019, type AnnualReport } from '../src/domain/report/model.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const OURS_PATH = join(root, 'schemas/annual-report.v1.schema.json');
const SHARED_COPY_PATH = join(root, 'test/fixtures/shared-annual-report.v1.schema.json');
const SHARED_ORIGINAL_PATH = resolve(root, '../shared/schemas/annual-report.v1.schema.json');
const FIXTURES = join(root, 'test/fixtures/reports');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ours = readJson(OURS_PATH) as JsonObject;
const shared = readJson(SHARED_COPY_PATH) as JsonObject;

// ajv is CommonJS: under NodeNext the default import types as the module, whose `default` is the class
// (at runtime module.exports.default === module.exports, so this holds under Node and vitest alike).
const Ajv = Ajv2020.default;

// Both schemas carry the same $id, so each gets its own Ajv instance.
function compile(schema: JsonObject) {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  return ajv.compile(schema);
}
const validateOurs = compile(ours);
const validateShared = compile(shared);

const errorsOf = (validate: typeof validateOurs): string[] =>
  (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

const fixtureFiles = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.expected.json'))
  .sort();

const clone = <T>(value: T): T => structuredClone(value);

describe('schemas/annual-report.v1.schema.json', () => {
  it('is a valid draft 2020-12 schema that compiles in strict mode', () => {
    expect(ours.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ours.$id).toBe('annual-report.v1.schema.json');
    expect(typeof validateOurs).toBe('function');
  });

  it('validates the same shape as the shared schema, plus the optional text and trial2019', () => {
    const mine = strip(inlineRefs(ours, ours)) as JsonObject;
    const theirs = strip(shared) as JsonObject;
    const mineProps = mine.properties as JsonObject;
    const theirProps = theirs.properties as JsonObject;

    // The extensions, compared on their own.
    expect(mineProps.trial2019).toBeDefined();
    expect(theirProps.trial2019).toBeUndefined();
    const mineText = { ...(mineProps.text as JsonObject) };
    expect(mineText.additionalProperties).toBe(false);
    delete mineText.additionalProperties;
    expect(mineText).toEqual(theirProps.text);

    const rest = (props: JsonObject): JsonObject => {
      const { text: _text, trial2019: _trial, ...others } = props;
      return others;
    };
    expect({ ...mine, properties: rest(mineProps) }).toEqual({ ...theirs, properties: rest(theirProps) });
  });

  it.skipIf(!existsSync(SHARED_ORIGINAL_PATH))('test/fixtures holds an exact copy of the shared schema', () => {
    expect(readJson(SHARED_COPY_PATH)).toEqual(readJson(SHARED_ORIGINAL_PATH));
  });
});

describe('fixtures validate against both schemas', () => {
  it('finds the fixtures', () => {
    expect(fixtureFiles.length).toBeGreaterThan(0);
  });

  it.each(fixtureFiles)('%s', (file) => {
    const data = readJson(join(FIXTURES, file));
    expect(validateOurs(data), errorsOf(validateOurs).join('\n')).toBe(true);
    expect(validateShared(data), errorsOf(validateShared).join('\n')).toBe(true);
  });
});

describe('the model validates', () => {
  const withExtensions = (format: '2021' | '2019'): AnnualReport => ({
    ...emptyReport(format),
    text: { overview: '一、总体情况', problems: null, other: null },
    trial2019: emptyTrial2019(),
  });

  it.each([
    ['emptyReport()', emptyReport()],
    ["emptyReport('2019')", emptyReport('2019')],
    ["emptyReport('mixed')", emptyReport('mixed')],
    ['emptyReport() with text and trial2019', withExtensions('2021')],
    ["emptyReport('2019') with text and trial2019", withExtensions('2019')],
  ])('%s', (_name, report) => {
    expect(validateOurs(report), errorsOf(validateOurs).join('\n')).toBe(true);
    expect(validateShared(report), errorsOf(validateShared).join('\n')).toBe(true);
  });

  it('accepts a negative 本年增/减 and a free-text 采购总金额 in trial2019', () => {
    const report = withExtensions('2019');
    const trial = report.trial2019!;
    trial.licensing = { previousYear: 12, change: -3 };
    trial.otherServices = { previousYear: 4, change: 1, decisions: 40 };
    trial.procurement = { projects: 2, amount: '160.5964万元' };
    expect(validateOurs(report), errorsOf(validateOurs).join('\n')).toBe(true);
  });
});

describe('invalid reports are rejected', () => {
  // Each case breaks one thing in an otherwise valid report.
  const broken: [string, (r: AnnualReport) => void][] = [
    ['a string in a cell', (r) => ((r.applications.rows.newReceived as unknown[])[0] = '3')],
    ['a negative count', (r) => (r.applications.rows.granted[6] = -1)],
    ['a 6-item applicant row', (r) => r.applications.rows.totalHandled.pop()],
    ['a 6-item review row', (r) => r.review.reconsideration.push(0)],
    ['a decimal count', (r) => (r.activeDisclosure.licensing = 1.5)],
    ['a negative fee amount', (r) => (r.activeDisclosure.feesWanYuan = -0.5)],
    ['a missing row', (r) => delete (r.applications.rows.denied as Partial<typeof r.applications.rows.denied>).stateSecret],
    ['an unknown row', (r) => ((r.applications.rows as unknown as Record<string, unknown>).extra = [0, 0, 0, 0, 0, 0, 0])],
    ['columns out of order', (r) => r.applications.columns.reverse()],
    ['an unknown format', (r) => ((r as { format: string }).format = '2007')],
  ];

  it.each(broken)('%s (both schemas)', (_name, breakIt) => {
    const report = clone(emptyReport());
    expect(validateOurs(report)).toBe(true);
    breakIt(report);
    expect(validateOurs(report)).toBe(false);
    expect(validateShared(report)).toBe(false);
  });

  const brokenExtensions: [string, (r: AnnualReport) => void][] = [
    ['a negative 上一年项目数量', (r) => (r.trial2019!.fees.previousYear = -1)],
    ['a string 本年新公开数量', (r) => ((r.trial2019 as unknown as Record<string, unknown>).regulationsPublished = '5')],
    ['a number as 采购总金额', (r) => ((r.trial2019!.procurement as { amount: unknown }).amount = 251000)],
    ['an unknown trial2019 cell', (r) => ((r.trial2019 as unknown as Record<string, unknown>).extra = 1)],
    ['an unknown text section', (r) => ((r.text as unknown as Record<string, unknown>).summary = '…')],
  ];

  it.each(brokenExtensions)('%s (our schema)', (_name, breakIt) => {
    const report: AnnualReport = {
      ...emptyReport('2019'),
      text: { overview: null, problems: null, other: null },
      trial2019: emptyTrial2019(),
    };
    expect(validateOurs(report)).toBe(true);
    breakIt(report);
    expect(validateOurs(report)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// helpers: compare schemas by what they validate

/** Replaces every local {"$ref": "#/$defs/x", ...siblings} with the definition merged with its siblings. */
function inlineRefs(node: Json, rootSchema: JsonObject): Json {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, rootSchema));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const target = resolvePointer(rootSchema, value);
      Object.assign(out, inlineRefs(target, rootSchema) as JsonObject);
    } else {
      out[key] = inlineRefs(value, rootSchema);
    }
  }
  // siblings of $ref win over the definition's own annotations
  for (const [key, value] of Object.entries(node)) if (key !== '$ref') out[key] = inlineRefs(value, rootSchema);
  return out;
}

function resolvePointer(rootSchema: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local refs are expected: ${ref}`);
  let cur: Json = rootSchema;
  for (const part of ref.slice(2).split('/')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) throw new Error(`bad ref ${ref}`);
    const next: Json | undefined = cur[part];
    if (next === undefined) throw new Error(`unresolved ref ${ref}`);
    cur = next;
  }
  return cur;
}

/** Drops annotations (description, title, $defs once inlined, $schema/$id) that do not change validation. */
function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (['description', 'title', '$comment', '$defs', '$schema', '$id'].includes(key)) continue;
    out[key] = strip(value);
  }
  return out;
}
