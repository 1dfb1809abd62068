// Matching a report file to an agency by name (domain/oversight/match.ts), the publication date found in
// a report's text, and the hand entry's cells → a model.

import { describe, expect, it } from 'vitest';
import { aliasesOf, matchAgency, normaliseName, similarity } from '../../src/domain/oversight/match.ts';
import { handEntryCells, handEntryFields, reportFromHandEntry } from '../../src/domain/oversight/hand-entry.ts';
import { findPublishedOn } from '../../src/domain/report/parse/published-on.ts';

const AGENCIES = [
  { id: 1, name: '示范市自然资源和规划局' },
  { id: 2, name: '兴化市大营镇人民政府' },
  { id: 3, name: '示范市统计局' },
  { id: 4, name: '示范县统计局' },
  { id: 5, name: '示范市机关事务服务中心（示范市人民政府接待办公室）' },
];

describe('normaliseName', () => {
  it('drops full-width forms, spaces, quotes, the year, the report words, remarks and the extension', () => {
    expect(normaliseName('《示范市自然资源和规划局２０２３年度政府信息公开工作年度报告》.pdf')).toBe('示范市自然资源和规划局');
    expect(normaliseName('「示范市 统计局」2023年政府信息公开年报（终稿）.docx')).toBe('示范市统计局');
    expect(normaliseName('2024年度政府信息公开工作年度报告-示范市统计局.txt')).toBe('示范市统计局');
    expect(normaliseName('关于示范市统计局2023年政府信息公开工作报告')).toBe('示范市统计局');
  });

  it('gives the short forms reports use: without the leading places, without 人民政府', () => {
    expect(aliasesOf('兴化市大营镇人民政府')).toEqual(expect.arrayContaining(['大营镇人民政府', '大营镇']));
    expect(aliasesOf('示范市统计局')).toEqual(['统计局']);
  });
});

describe('matchAgency', () => {
  it('an exact name is certain, whether from the title or the file name', () => {
    expect(matchAgency(['示范市自然资源和规划局', 'x.txt'], AGENCIES)).toMatchObject({ agencyId: 1, how: 'exact', certain: true, score: 100 });
    expect(matchAgency([null, '示范市统计局2023年政府信息公开工作年度报告.docx'], AGENCIES)).toMatchObject({ agencyId: 3, how: 'exact', certain: true });
    expect(matchAgency(['示范市机关事务服务中心'], AGENCIES)).toMatchObject({ agencyId: 5, how: 'exact', certain: true });
  });

  it('a short form held by one agency is certain; held by two it is only suggested', () => {
    expect(matchAgency(['大营镇'], AGENCIES)).toMatchObject({ agencyId: 2, how: 'alias', certain: true });
    const both = matchAgency(['统计局'], AGENCIES);
    expect(both.certain).toBe(false);
    expect([3, 4]).toContain(both.agencyId);
  });

  it('a near name is suggested with its score, never certain; nothing near suggests nothing', () => {
    const near = matchAgency(['示范市自然资源局'], AGENCIES);
    expect(near).toMatchObject({ agencyId: 1, how: 'fuzzy', certain: false });
    expect(near.score).toBeGreaterThanOrEqual(50);
    expect(near.score).toBeLessThan(100);
    expect(matchAgency(['某某区教育体育局', 'scan001.pdf'], AGENCIES)).toMatchObject({ agencyId: null, how: 'none', certain: false });
    expect(matchAgency([], AGENCIES).agencyId).toBeNull();
  });

  it('similarity is 1 only for equal names and counts a name inside another', () => {
    expect(similarity('示范市统计局', '示范市统计局')).toBe(1);
    expect(similarity('统计局', '示范市统计局')).toBeCloseTo(4 / 7, 5); // Dice: 2 shared of 2 + 5 bigrams, above containment's 3/6
    expect(similarity('', '统计局')).toBe(0);
  });
});

describe('findPublishedOn', () => {
  it('reads a labelled date in the head or the tail, never an unlabelled one', () => {
    expect(findPublishedOn('大营镇2023年度报告\n信息来源:兴化市大营镇 发布日期:2024-01-20 09:19\n一、总体情况')).toBe('2024-01-20');
    expect(findPublishedOn('发布时间：2024年1月5日')).toBe('2024-01-05');
    expect(findPublishedOn(`${'正文'.repeat(6000)}\n发布日期：２０２４－０１－３０`)).toBe('2024-01-30');
    expect(findPublishedOn('示范市统计局\n2024年1月20日')).toBeNull();
    expect(findPublishedOn('发布日期：2024-02-30')).toBeNull();
  });
});

describe('hand entry', () => {
  it('every numeric cell of the year’s format, blanks kept null, bad figures named by their labels', () => {
    expect(handEntryCells(2023).length).toBeGreaterThan(150);
    const { report, problems, filled } = reportFromHandEntry(2023, '示范市统计局', {
      'applications.rows.newReceived[0]': '1,2',
      'activeDisclosure.feesWanYuan': '0.35',
      'applications.rows.carriedOver[6]': '-1',
      'text.overview': '  总体情况。 ',
    });
    expect(report.applications.rows.newReceived[0]).toBe(12);
    expect(report.activeDisclosure.feesWanYuan).toBe(0.35);
    expect(report.applications.rows.newReceived[1]).toBeNull();
    expect(report.text?.overview).toBe('总体情况。');
    expect(filled).toBe(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/上年结转.*总计.*应为不小于0的整数/);
    expect(handEntryFields(report, 2023)['applications.rows.newReceived[0]']).toBe('12');
  });

  it('a 2019 report takes the trial format’s cells', () => {
    const { report, problems } = reportFromHandEntry(2019, '某乡', { 'trial2019.items.administrativeLicensing.change': '-3' });
    expect(report.format).toBe('2019');
    expect(problems).toEqual([]);
  });
});
