// What publishing an annual report must pass (src/domain/report/publication.ts): every check of
// `report check` (R1–R7, BLANK, P1), the sections 一、五、六 present, and X1/X2 against the
// neighbouring published reports — errors refuse, X1 asks for a written explanation, warnings ask
// for an acknowledgement.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSections, reviewForPublication } from '../../src/domain/report/publication.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json', import.meta.url));

const PROSE = {
  overview: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。',
  problems: '主动公开的时效性还不够强，下一步将加强统筹。',
  other: '本机关全年未收取信息处理费。',
};

/** The 2024 report of the fixture with its three prose sections (a fresh copy). */
function report(year = 2024): AnnualReport {
  const { inconsistencies: _i, ...r } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as AnnualReport & { inconsistencies?: unknown };
  return { ...r, year, text: { ...PROSE } };
}

describe('checkSections', () => {
  it('passes a report with 一、五、六', () => {
    expect(checkSections(report())).toEqual([]);
  });

  it.each([
    ['overview', '一、总体情况'],
    ['problems', '五、存在的主要问题及改进情况'],
    ['other', '六、其他需要报告的事项'],
  ] as const)('refuses %s empty or missing, naming %s', (key, title) => {
    for (const value of [null, '', '  \n　']) {
      const r = report();
      r.text = { ...PROSE, [key]: value };
      const findings = checkSections(r);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ rule: 'SECTION', severity: 'error', cells: [] });
      expect(findings[0]?.message).toContain(`“${title}”`);
      expect(findings[0]?.message).toContain('请');
    }
  });

  it('names every missing section of a report without prose', () => {
    const { text: _t, ...bare } = report();
    expect(checkSections(bare as AnnualReport).map((f) => f.rule)).toEqual(['SECTION', 'SECTION', 'SECTION']);
  });
});

describe('reviewForPublication', () => {
  it('finds nothing in a complete report without neighbours', () => {
    expect(reviewForPublication(report())).toEqual({ errors: [], crossYear: [], warnings: [] });
  });

  it('counts blank cells, arithmetic and missing sections as errors', () => {
    const r = report();
    r.review.reconsideration = [null, null, null, null, null];
    r.applications.rows.newReceived[0] = 5;
    r.text = { ...PROSE, problems: null };
    const review = reviewForPublication(r);
    expect(new Set(review.errors.map((f) => f.rule))).toEqual(new Set(['BLANK', 'R1', 'R3', 'SECTION']));
    expect(review.crossYear).toEqual([]);
  });

  it('sets X1 against the previous year apart: it asks for an explanation, not a refusal', () => {
    const previous = report(2023);
    previous.applications.rows.carriedForward = [2, 0, 0, 0, 0, 0, 2];
    const review = reviewForPublication(report(2024), { previous });
    expect(review.errors).toEqual([]);
    expect(review.crossYear.map((f) => [f.rule, f.expected, f.found])).toEqual([
      ['X1', 2, 0],
      ['X1', 2, 0],
    ]);
    expect(review.crossYear[0]?.message).toContain('2023年度报告');
  });

  it('checks a corrected report against the next year already published', () => {
    const next = report(2025);
    next.applications.rows.carriedOver = [1, 0, 0, 0, 0, 0, 1];
    next.applications.rows.newReceived = [0, 0, 0, 0, 0, 0, 0];
    next.applications.rows.totalHandled = [1, 0, 0, 0, 0, 0, 1];
    next.applications.rows.granted = [1, 0, 0, 0, 0, 0, 1];
    const review = reviewForPublication(report(2024), { next });
    expect(review.crossYear.map((f) => f.rule)).toEqual(['X1', 'X1']);
    expect(review.crossYear[0]?.message).toContain('2025年度报告');
  });

  it('lists warnings (P1 prose, X2 continuity) to be acknowledged', () => {
    const r = report(2024);
    r.text = { ...PROSE, overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' };
    const previous = report(2023);
    previous.activeDisclosure.normativeDocuments.inForce = 40;
    const review = reviewForPublication(r, { previous });
    expect(review.errors).toEqual([]);
    expect(review.warnings.map((f) => f.rule).sort()).toEqual(['P1', 'X2']);
  });

  it('ignores neighbours that are not the adjacent years', () => {
    const far = report(2020);
    far.applications.rows.carriedForward = [9, 0, 0, 0, 0, 0, 9];
    expect(reviewForPublication(report(2024), { previous: far, next: far }).crossYear).toEqual([]);
  });
});
