// Scoring under a rubric (src/domain/oversight/score.ts): every deduction names its rule and its
// findings, caps show where they cut, the status follows the errors; properties over random findings
// and random edits of the default rubric: the score stays in [0, full] and never rises when an error
// is added.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberFindings, type DraftFinding } from '../../src/domain/oversight/findings.ts';
import { DEFAULT_RUBRIC, FINDING_CODES, assess, checkRubric, score, type FindingCode, type OversightFinding, type Rubric } from '../../src/domain/oversight/index.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { SEED, clone, parseFixture } from './fixtures.ts';

const draft = (code: FindingCode, extra: Partial<DraftFinding> = {}): DraftFinding => ({
  code,
  severity: FINDING_CODES[code].severity,
  message: FINDING_CODES[code].title,
  cells: [],
  ...(code === 'LATE' ? { days: 1 } : {}),
  ...extra,
});
const findings = (...drafts: DraftFinding[]): OversightFinding[] => numberFindings(drafts);

describe('deductions', () => {
  it('each names its rubric rule and the findings behind it, and they add up to the points lost', async () => {
    const parsed = await parseFixture(SEED);
    const report = clone(parsed.report);
    report.applications.rows.granted[6] = null; // BLANK
    report.applications.rows.newReceived[0] = 1; // R1, R3 …
    report.text = { overview: report.text?.overview ?? null, problems: null, other: report.text?.other ?? null }; // SECTION
    const previous: AnnualReport = { ...clone(parsed.report), year: 2023 };
    previous.applications.rows.carriedForward = [0, 0, 0, 0, 0, 0, 1]; // X1
    const a = assess({ year: 2024, kind: 'department', report, status: {}, publishedOn: '2025-02-03', previous });
    const byId = new Map(a.findings.map((f) => [f.id, f]));
    const scored = new Set<string>();
    for (const d of a.result.deductions) {
      const rule = [...DEFAULT_RUBRIC.vetoes, ...DEFAULT_RUBRIC.rules].find((r) => r.id === d.rule);
      expect(rule?.label).toBe(d.label);
      expect(d.findings.length).toBeGreaterThan(0);
      for (const id of d.findings) {
        expect(rule?.codes).toContain(byId.get(id)?.code);
        expect(scored.has(id), `${id} is scored once`).toBe(false);
        scored.add(id);
      }
    }
    // every finding a rule applies to is behind a deduction
    const covered = new Set(DEFAULT_RUBRIC.rules.flatMap((r) => r.codes));
    for (const f of a.findings) if (covered.has(f.code)) expect(scored.has(f.id), f.id).toBe(true);
    expect(a.result.deductions.map((d) => d.rule)).toEqual(expect.arrayContaining(['section-missing', 'blank-cells', 'late', 'arithmetic', 'carried-over']));
    expect(a.result.deductions.reduce((s, d) => s + d.points, 0)).toBe(100 - a.result.score);
    expect(a.result.status).toBe('未通过');
  });

  it('a category cap cuts the deduction that reaches it, and says so', () => {
    // completeness 60: two tables (50), then three sections (30) → 10, then BLANK → 0
    const fs = findings(draft('TABLE_MISSING'), draft('TABLE_BLANK'), draft('SECTION'), draft('SECTION'), draft('SECTION'), draft('BLANK'));
    const r = score(fs, DEFAULT_RUBRIC);
    expect(r.deductions.map((d) => [d.rule, d.raw, d.points, d.cappedBy])).toEqual([
      ['table-missing', 50, 50, null],
      ['section-missing', 30, 10, 'category'],
      ['blank-cells', 2, 0, 'category'],
    ]);
    expect(r.deductions[2]?.findings).toEqual(['BLANK-1']);
    expect(r.score).toBe(40);
  });

  it('the score stops at 0 and the cut shows on the deduction that reached it', () => {
    const rubric: Rubric = { ...DEFAULT_RUBRIC, categories: DEFAULT_RUBRIC.categories.map((c) => ({ ...c, max: 100 })), rules: DEFAULT_RUBRIC.rules.map((r) => ({ ...r, max: 100 })) };
    const fs = findings(draft('TABLE_MISSING'), draft('TABLE_MISSING'), draft('LATE', { days: 40 }), draft('R1'), draft('R1'), draft('R1'), draft('R1'), draft('R1'), draft('R1'), draft('R1'));
    const r = score(fs, rubric);
    expect(r.score).toBe(0);
    expect(r.deductions.map((d) => d.points)).toEqual([50, 40, 10]);
    expect(r.deductions[2]).toMatchObject({ rule: 'arithmetic', raw: 35, cappedBy: 'score' });
  });

  it('a veto takes the whole score whatever else is found; a second veto takes nothing more', () => {
    const r = score(findings(draft('NO_TABLES'), draft('YEAR_MISMATCH'), draft('LATE', { days: 3 })), DEFAULT_RUBRIC);
    expect(r.score).toBe(0);
    expect(r.deductions.map((d) => [d.rule, d.kind, d.points, d.cappedBy])).toEqual([
      ['wrong-year', 'veto', 100, null],
      ['no-tables', 'veto', 0, 'score'],
      ['late', 'rule', 0, 'score'],
    ]);
  });

  it('an office’s edit of the rubric changes the score: 2 points a day late', async () => {
    const edited = structuredClone(DEFAULT_RUBRIC);
    const late = edited.rules.find((r) => r.id === 'late');
    if (!late) throw new Error('no late rule');
    late.points = 2;
    const checked = checkRubric(edited);
    if (!checked.ok) throw new Error(checked.error.message);
    const parsed = await parseFixture(SEED);
    const input = { year: 2024, kind: 'department' as const, publishedOn: '2025-02-10', ...parsed };
    expect(assess(input).result.score).toBe(90);
    expect(assess(input, checked.value).result.score).toBe(80);
  });

  it('half points add up exactly', () => {
    const rubric: Rubric = { ...DEFAULT_RUBRIC, rules: DEFAULT_RUBRIC.rules.map((r) => (r.id === 'prose-vs-tables' ? { ...r, points: 0.5 } : r)) };
    const r = score(findings(draft('P1'), draft('P1'), draft('P1')), rubric);
    expect(r.score).toBe(98.5);
    expect(r.status).toBe('通过（有警告）');
    expect(r.reasons).toEqual(['有3个警告', '扣1.5分']);
  });
});

describe('status', () => {
  it('通过 with nothing; 通过（有警告） with a warning; 未通过 with any error, even one no rule deducts for', () => {
    expect(score([], DEFAULT_RUBRIC)).toMatchObject({ status: '通过', score: 100 });
    expect(score(findings(draft('DATE_UNKNOWN')), DEFAULT_RUBRIC)).toMatchObject({ status: '通过（有警告）', score: 100 });
    const parserError = score(findings(draft('PARSE', { severity: 'error', diagnostic: 'PARSER_FAILURE' })), DEFAULT_RUBRIC);
    expect(parserError).toMatchObject({ status: '未通过', score: 100, reasons: ['有1个错误'] });
  });

  it('未通过 below the pass mark without an error', () => {
    const rubric: Rubric = { ...DEFAULT_RUBRIC, rules: DEFAULT_RUBRIC.rules.map((r) => (r.id === 'prose-vs-tables' ? { ...r, points: 10, max: 50 } : r)), categories: DEFAULT_RUBRIC.categories.map((c) => ({ ...c, max: 100 })) };
    const r = score(findings(...Array.from({ length: 5 }, () => draft('P1'))), rubric);
    expect(r).toMatchObject({ score: 50, status: '未通过', errors: 0, reasons: ['得分50分，低于及格分60分'] });
  });

  it('未发布 when there is no published report, before or after its due date', () => {
    expect(score(findings(draft('NOT_PUBLISHED')), DEFAULT_RUBRIC).status).toBe('未发布');
    expect(score(findings(draft('NOT_YET_DUE')), DEFAULT_RUBRIC).status).toBe('未发布');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const CODES = Object.keys(FINDING_CODES) as FindingCode[];
const ERROR_CODES = CODES.filter((c) => FINDING_CODES[c].severity === 'error');

const anyDraft = fc.record({ code: fc.constantFrom(...CODES), days: fc.integer({ min: 1, max: 400 }) }).map(({ code, days }) => draft(code, code === 'LATE' ? { days } : {}));
const anyErrorDraft = fc.record({ code: fc.constantFrom(...ERROR_CODES), days: fc.integer({ min: 1, max: 400 }) }).map(({ code, days }) => draft(code, code === 'LATE' ? { days } : {}));

/** The default rubric with its weights, caps and pass mark changed at random: still a valid rubric. */
const anyRubric: fc.Arbitrary<Rubric> = fc
  .record({
    rules: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 100 })), { minLength: DEFAULT_RUBRIC.rules.length, maxLength: DEFAULT_RUBRIC.rules.length }),
    categories: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: DEFAULT_RUBRIC.categories.length, maxLength: DEFAULT_RUBRIC.categories.length }),
    passMark: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ rules, categories, passMark }) => {
    const rubric: Rubric = {
      ...DEFAULT_RUBRIC,
      passMark,
      categories: DEFAULT_RUBRIC.categories.map((c, i) => ({ ...c, max: categories[i] ?? c.max })),
      rules: DEFAULT_RUBRIC.rules.map((r, i) => {
        const [half, max] = rules[i] ?? [r.points * 2, r.max];
        const points = half / 2;
        return { ...r, points, max: Math.max(points, max) };
      }),
    };
    const checked = checkRubric(rubric);
    if (!checked.ok) throw new Error(checked.error.message);
    return checked.value;
  });

describe('properties', () => {
  it('the score stays within [0, full] and equals full minus the deductions', () => {
    fc.assert(
      fc.property(fc.array(anyDraft, { maxLength: 40 }), anyRubric, (drafts, rubric) => {
        const r = score(numberFindings(drafts), rubric);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(rubric.full);
        expect(Math.abs(rubric.full - r.deductions.reduce((s, d) => s + d.points, 0) - r.score)).toBeLessThan(1e-9);
        for (const d of r.deductions) expect(d.points).toBeLessThanOrEqual(d.raw);
      }),
      { numRuns: 300 },
    );
  });

  it('adding an error never raises the score, and leaves the report 未通过 or 未发布', () => {
    fc.assert(
      fc.property(fc.array(anyDraft, { maxLength: 40 }), anyErrorDraft, fc.nat(), anyRubric, (drafts, error, at, rubric) => {
        const before = score(numberFindings(drafts), rubric);
        const more = [...drafts];
        more.splice(at % (drafts.length + 1), 0, error);
        const after = score(numberFindings(more), rubric);
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(['未通过', '未发布']).toContain(after.status);
      }),
      { numRuns: 300 },
    );
  });

  it('a report with no table never passes and scores 0, under any valid rubric', () => {
    fc.assert(
      fc.property(fc.array(anyDraft, { maxLength: 20 }), anyRubric, (drafts, rubric) => {
        const r = score(numberFindings([draft('NO_TABLES'), ...drafts]), rubric);
        expect(r.score).toBe(0);
        expect(r.status).not.toMatch(/^通过/);
      }),
      { numRuns: 200 },
    );
  });
});
