// 10,000 random mutations of the real report texts: every one yields a valid model or a clear error,
// and no exception escapes the parser or the checks. (How long the slowest takes is measured by
// `npm run bench`, not asserted here.)

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../src/domain/report/checks.ts';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import { isValidReportJson } from '../../src/domain/report/json.ts';
import { mutation, applyMutation } from '../support/mutations.ts';

const DIR = join(import.meta.dirname, '../fixtures/reports');
const TEXTS = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(DIR, f)));

describe('robustness', () => {
  it('10,000 mutated reports: a model or a clear error, never an exception', async () => {
    let models = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: TEXTS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (index, steps) => {
        const bytes = applyMutation(TEXTS[index] ?? new Uint8Array(), steps);
        const parsed = await parseReportDocument(bytes, 'mutated.txt');
        if (parsed.ok) {
          models++;
          expect(parsed.diagnostics.map((d) => d.code)).not.toContain('PARSER_FAILURE');
          expect(isValidReportJson(parsed.report)).toBe(true);
          checkAll(parsed.report, { status: parsed.status });
        } else {
          errors++;
          expect(parsed.error).toMatch(/[\u4e00-\u9fa5]/);
        }
      }),
      { numRuns: 10_000, seed: 20261125 },
    );
    expect(models + errors).toBe(10_000);
  });
});
