// Issue #17's facts behind sections 一（四） and 一（五） as records with numbers: whose website the
// catalogue is published on (the agency's own portal, or the column of the government above's), what a
// 政务新媒体 account posted in the year, and the problems an inspection found and how many were
// rectified — stated by the draft from the records, refused by checkFact when they do not add up.

import { describe, expect, it } from 'vitest';
import { draftReport, reportWithDraft } from '../../src/domain/report/draft/compose.ts';
import type { DraftInput } from '../../src/domain/report/draft/types.ts';
import { checkFact } from '../../src/domain/report/facts/kinds.ts';
import type { FactOf, ReportFact } from '../../src/domain/report/facts/kinds.ts';
import { fact, seedFacts, seedInput } from '../support/draft-input.ts';

const overview = (input: DraftInput): string => reportWithDraft(input.report, draftReport(input)).text?.overview ?? '';

/** The seed's facts with the platforms and the supervision changed. */
function withFacts(change: (f: ReportFact) => ReportFact, extra: ReportFact[] = []): DraftInput {
  return seedInput({ facts: [...seedFacts().map(change), ...extra] });
}

describe('一（四） and 一（五） from records with numbers', () => {
  it('the seed: the catalogue on the 市人民政府网站, a column of the government above (its own words)', () => {
    expect(overview(seedInput())).toContain('中心依托市人民政府网站相关栏目发布政务公开信息');
  });

  it('the agency’s own portal is named as it is, not as a column', () => {
    const input = withFacts((f) => (f.kind === 'platform' && f.data.catalogue ? { ...f, data: { ...f.data, name: '中卫市机关事务服务中心门户网站', hosting: 'own' } } : f));
    const text = overview(input);
    expect(text).toContain('中心依托中卫市机关事务服务中心门户网站发布政务公开信息');
    expect(text).not.toContain('门户网站相关栏目');
  });

  it('a 政务新媒体 account with what it posted in the year', () => {
    const input = withFacts((f) => (f.kind === 'platform' && f.data.type === '政务新媒体' ? { ...f, data: { ...f.data, posts: 126 } } : f));
    expect(overview(input)).toContain('坚持发布与群众息息相关的垃圾分类、节能等生活小知识，全年发布信息126条');
  });

  it('an inspection with the problems it found and those rectified', () => {
    const inspection = (found: number, rectified: number) =>
      fact<FactOf<'supervision'>>({ kind: 'supervision', data: { type: '监督检查', what: '每季度检查各科室政务公开工作', date: '2024-06-28', outcome: '检查结果在全中心通报', found, rectified } });
    expect(overview(withFacts((f) => f, [inspection(5, 5)]))).toContain('6月，每季度检查各科室政务公开工作，发现问题5个，已全部整改，检查结果在全中心通报');
    expect(overview(withFacts((f) => f, [inspection(5, 3)]))).toContain('发现问题5个，已整改3个');
    expect(overview(withFacts((f) => f, [inspection(0, 0)]))).not.toContain('发现问题');
  });

  it('refused when the numbers do not add up, or a website’s hosting is given to another platform', () => {
    const base = { type: '监督检查', what: '检查', date: '', outcome: '' };
    expect(checkFact('supervision', { ...base, found: '2', rectified: '3' }, 2024)).toMatchObject({ ok: false, error: { code: 'RECTIFIED_ABOVE_FOUND', field: 'rectified' } });
    expect(checkFact('supervision', { ...base, found: '3', rectified: '2' }, 2024)).toMatchObject({ ok: true, value: { found: 3, rectified: 2 } });
    expect(checkFact('platform', { name: '某公众号', type: '政务新媒体', hosting: 'own' }, 2024)).toMatchObject({ ok: false, error: { code: 'HOSTING_FOR_WEBSITE', field: 'hosting' } });
    expect(checkFact('platform', { name: '某网站', type: '政府网站', hosting: 'elsewhere' }, 2024)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHOICE' } });
    // a fact stored before these fields: read as none recorded
    expect(checkFact('platform', { name: '某网站', type: '政府网站' }, 2024)).toMatchObject({ ok: true, value: { hosting: '', posts: 0 } });
  });
});
