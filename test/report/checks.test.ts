import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { RULES, checkAll, checkPair, checkProse, checkReport } from '../../src/domain/report/checks.ts';
import { cellCatalogue, getAt, setAt, type Path } from '../../src/domain/report/layout.ts';
import { emptyReport, emptyTrial2019, type AnnualReport, type ReportText } from '../../src/domain/report/model.ts';
import type { CellStatus, Finding } from '../../src/domain/report/types.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));
const EXCERPTS = ['001', '002', '003', '007', '010', '015', '021', '040', '041', '042'].map((n) => `excerpt-${n}`);
const ZHONGWEI = 'zhongwei-jiguan-shiwu-2024';

function loadReport(name: string): AnnualReport {
  const { inconsistencies: _i, ambiguous: _a, ...report } = JSON.parse(readFileSync(`${FIXTURES}${name}.expected.json`, 'utf8'));
  return report as AnnualReport;
}

/** The prose before the tables, in Simplified Chinese (the parser converts Traditional). */
const toSimplified = Converter({ from: 't', to: 'cn' });
function overviewOf(name: string): string {
  const text = toSimplified(readFileSync(`${FIXTURES}${name}.txt`, 'utf8'));
  return text.split('二、主动公开')[0] ?? '';
}

const withText = (report: AnnualReport, text: Partial<ReportText>): AnnualReport => ({
  ...report,
  text: { overview: null, problems: null, other: null, ...text },
});

const R = ['applications', 'rows'] as const;
const set = (report: AnnualReport, path: Path, value: number | null) => setAt(report, path, value);

/** A 2021 report whose every cell is a number and which satisfies every rule. */
function validReport(year = 2023): AnnualReport {
  const report = emptyReport('2021');
  report.year = year;
  for (const c of cellCatalogue('2021')) set(report, c.at, 0);
  const row = (key: Path, natural: number) => {
    set(report, [...R, ...key, 0], natural);
    set(report, [...R, ...key, 6], natural);
  };
  row(['newReceived'], 5);
  row(['carriedOver'], 1);
  row(['granted'], 3);
  row(['unableToProvide', 'notHeld'], 2);
  row(['totalHandled'], 5);
  row(['carriedForward'], 1);
  set(report, ['review', 'reconsideration', 0], 1);
  set(report, ['review', 'reconsideration', 4], 1);
  set(report, ['activeDisclosure', 'normativeDocuments', 'issued'], 2);
  set(report, ['activeDisclosure', 'normativeDocuments', 'inForce'], 12);
  set(report, ['activeDisclosure', 'feesWanYuan'], 1.25);
  return report;
}

const ruleAndCell = (f: Finding) => [f.rule, f.cells[0]?.path];
const rulesOf = (fs: Finding[]) => fs.map((f) => f.rule);

describe('RULES', () => {
  it('documents every rule id', () => {
    expect(Object.keys(RULES).sort()).toEqual(['BLANK', 'MISSING', 'P1', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'SECTION', 'X1', 'X2']);
    expect(RULES.X2.severity).toBe('warning');
    expect(RULES.R1.source).toContain('国办公开办函〔2021〕30号');
  });
});

describe('checkReport', () => {
  it('finds nothing in the complete zhongwei report', () => {
    expect(checkAll(loadReport(ZHONGWEI))).toEqual([]);
  });

  it('finds nothing in a valid model', () => {
    expect(checkAll(validReport())).toEqual([]);
  });

  it('flags the blank totals of excerpt-040', () => {
    const findings = checkReport(loadReport('excerpt-040'));
    const blanks = findings.filter((f) => f.rule === 'BLANK').flatMap((f) => f.cells.map((c) => c.path));
    expect(blanks).toContain('applications.rows.granted[6]');
    expect(blanks).toContain('applications.rows.denied.processInformation[6]');
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    const granted = findings.find((f) => f.cells.some((c) => c.path === 'applications.rows.granted[6]'));
    expect(granted?.message).toBe(
      '表三「（一）予以公开」行「商业企业」「科研机构」「社会公益组织」「法律服务机构」「其他」「总计」列为空。每个单元格都应填写数字（无则填0），否则无法核对。',
    );
  });

  it('checks every fixture without arithmetic findings where the reading is consistent', () => {
    for (const name of EXCERPTS) {
      const arithmetic = checkReport(loadReport(name)).filter((f) => f.rule !== 'BLANK');
      expect(arithmetic, name).toEqual([]);
    }
  });

  it.each<[string, Path, number, [string, string][]]>([
    ['a 三 row total', [...R, 'granted', 6], 4, [
      ['R3', 'applications.rows.granted[6]'],
      ['R4', 'applications.rows.totalHandled[6]'],
    ]],
    ['a result row cell', [...R, 'unableToProvide', 'notHeld', 1], 2, [
      ['R3', 'applications.rows.unableToProvide.notHeld[6]'],
      ['R4', 'applications.rows.totalHandled[1]'],
    ]],
    ['a review cell', ['review', 'litigationDirect', 1], 1, [['R6', 'review.litigationDirect[4]']]],
    ['newReceived', [...R, 'newReceived', 0], 6, [
      ['R1', 'applications.rows.totalHandled[0]'],
      ['R3', 'applications.rows.newReceived[6]'],
    ]],
    ['a negative number', ['activeDisclosure', 'licensing'], -1, [['R7', 'activeDisclosure.licensing']]],
    ['a fraction', ['activeDisclosure', 'punishment'], 1.5, [['R7', 'activeDisclosure.punishment']]],
    ['a negative 三 cell', [...R, 'carriedForward', 3], -1, [
      ['R1', 'applications.rows.totalHandled[3]'],
      ['R3', 'applications.rows.carriedForward[6]'],
      ['R7', 'applications.rows.carriedForward[3]'],
    ]],
    ['NaN', ['activeDisclosure', 'enforcement'], Number.NaN, [['R7', 'activeDisclosure.enforcement']]],
  ])('flags %s', (_name, path, value, expected) => {
    const report = validReport();
    set(report, path, value);
    const findings = checkReport(report);
    expect(findings.map(ruleAndCell).sort()).toEqual([...expected].sort());
  });

  it('gives expected and found, the total cell first, and the numbers in the message', () => {
    const report = validReport();
    set(report, [...R, 'totalHandled', 0], 4);
    set(report, [...R, 'totalHandled', 6], 4);
    set(report, [...R, 'granted', 0], 2);
    set(report, [...R, 'granted', 6], 2);
    const r1 = checkReport(report).filter((f) => f.rule === 'R1');
    expect(r1).toHaveLength(2);
    const [natural] = r1;
    expect(natural?.cells.map((c) => c.path)).toEqual([
      'applications.rows.totalHandled[0]',
      'applications.rows.carriedForward[0]',
      'applications.rows.newReceived[0]',
      'applications.rows.carriedOver[0]',
    ]);
    expect(natural?.expected).toBe(5);
    expect(natural?.found).toBe(4);
    expect(natural?.message).toBe(
      '表三「自然人」列：一（5）+ 二（1）= 6，但三（七）总计（4）+ 四（1）= 5，不符合“第一项加第二项之和等于第三项加第四项之和”。',
    );
  });

  it('checks equations only when every cell is a number', () => {
    const report = validReport();
    set(report, [...R, 'granted', 6], 9);
    set(report, [...R, 'granted', 2], null);
    const findings = checkReport(report, { status: { 'applications.rows.granted[2]': 'blank' } });
    expect(findings.map(ruleAndCell)).toEqual([
      ['BLANK', 'applications.rows.granted[2]'],
      ['R4', 'applications.rows.totalHandled[6]'],
    ]);
  });

  it('accepts decimal fees and signed 2019 changes', () => {
    const report = validReport();
    set(report, ['activeDisclosure', 'feesWanYuan'], 0.35);
    expect(checkReport(report)).toEqual([]);
    set(report, ['activeDisclosure', 'feesWanYuan'], -0.35);
    expect(checkReport(report).map(ruleAndCell)).toEqual([['R7', 'activeDisclosure.feesWanYuan']]);
  });

  it('aggregates missing cells by row, and by table when the whole table is missing', () => {
    const report = validReport();
    const status: Record<string, CellStatus> = {};
    for (const c of cellCatalogue('2021')) {
      if (c.path.startsWith('review.') || c.path.startsWith('applications.rows.carriedForward')) {
        set(report, c.at, null);
        status[c.path] = 'missing';
      }
    }
    const findings = checkReport(report, { status });
    expect(findings.map((f) => [f.rule, f.severity, f.cells.length])).toEqual([
      ['MISSING', 'warning', 7],
      ['MISSING', 'warning', 15],
    ]);
    expect(findings[0]?.message).toBe('表三「四、结转下年度继续办理」行有7个单元格在文本中缺失（文本可能被截断或表格为图片），无法核对。');
    expect(findings[1]?.message).toContain('表四「政府信息公开行政复议、行政诉讼情况」在文本中缺失');
  });

  it('does not expect cells the 2019 format lacks, and checks trial2019 cells only when present', () => {
    const report = emptyReport('2019');
    for (const c of cellCatalogue('2019')) set(report, c.at, 0);
    expect(checkReport(report)).toEqual([]);
    report.trial2019 = emptyTrial2019();
    const paths = checkReport(report).flatMap((f) => f.cells.map((c) => c.path));
    expect(paths).toContain('trial2019.fees.change');
    expect(paths).not.toContain('activeDisclosure.feesWanYuan');
    for (const c of cellCatalogue('2019')) setAt(report, c.at, c.text ? '160.5964万元' : c.signed ? -3 : 0);
    expect(checkReport(report)).toEqual([]);
    set(report, ['trial2019', 'fees', 'previousYear'], -3);
    expect(checkReport(report).map(ruleAndCell)).toEqual([['R7', 'trial2019.fees.previousYear']]);
  });
});

describe('checkPair', () => {
  /** two valid consecutive years: 现行有效 10 + 制发 2 − 废止 0 = 12 */
  const pair = (): [AnnualReport, AnnualReport] => {
    const previous = validReport(2022);
    set(previous, ['activeDisclosure', 'normativeDocuments', 'inForce'], 10);
    return [previous, validReport(2023)];
  };

  it('compares 四 of one year with 二 of the next (X1)', () => {
    const [previous, next] = pair();
    expect(checkPair(previous, next)).toEqual([]);
    set(next, [...R, 'carriedOver', 0], 2);
    set(next, [...R, 'carriedOver', 6], 2);
    const [x1, ...rest] = checkPair(previous, next);
    expect(rest.map(ruleAndCell)).toEqual([['X1', 'applications.rows.carriedOver[6]']]);
    expect(ruleAndCell(x1 as Finding)).toEqual(['X1', 'applications.rows.carriedOver[0]']);
    expect(x1).toMatchObject({ severity: 'error', expected: 1, found: 2 });
    expect(x1?.message).toContain('2022年度报告');
  });

  it('warns when 现行有效件数 does not follow from last year (X2)', () => {
    const [previous, next] = pair();
    set(next, ['activeDisclosure', 'normativeDocuments', 'inForce'], 14);
    set(next, ['activeDisclosure', 'normativeDocuments', 'repealed'], 1);
    // 10 + 2 − 1 = 11 ≠ 14
    const findings = checkPair(previous, next);
    expect(findings.map(ruleAndCell)).toEqual([['X2', 'activeDisclosure.normativeDocuments.inForce']]);
    expect(findings[0]).toMatchObject({ severity: 'warning', expected: 11, found: 14 });
    expect(findings[0]?.message).toContain('有效期');
    set(next, ['activeDisclosure', 'normativeDocuments', 'inForce'], 11);
    expect(checkPair(previous, next)).toEqual([]);
  });

  it('returns nothing for years that are not consecutive', () => {
    const [previous, next] = pair();
    previous.year = 2021;
    set(next, [...R, 'carriedOver', 0], 7);
    expect(checkPair(previous, next)).toEqual([]);
    expect(checkPair(next, previous)).toEqual([]);
  });
});

describe('checkProse', () => {
  it('flags excerpt-001: 受理2件 against 新收 3', () => {
    const report = withText(loadReport('excerpt-001'), { overview: overviewOf('excerpt-001') });
    const findings = checkProse(report);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'P1', severity: 'warning', expected: 2, found: 3 });
    expect(findings[0]?.cells[0]?.path).toBe('applications.rows.newReceived[6]');
    expect(findings[0]?.message).toContain('共受理政府信息公开申请2件');
  });

  it('flags a model whose new applications total 3 with the excerpt-001 narrative', () => {
    const report = validReport();
    set(report, [...R, 'newReceived', 0], 3);
    set(report, [...R, 'newReceived', 6], 3);
    const findings = checkProse(withText(report, { overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' }));
    expect(findings.map(ruleAndCell)).toEqual([['P1', 'applications.rows.newReceived[6]']]);
  });

  it.each([...EXCERPTS.filter((n) => n !== 'excerpt-001'), ZHONGWEI])('finds no contradiction in %s', (name) => {
    expect(checkProse(withText(loadReport(name), { overview: overviewOf(name) }))).toEqual([]);
  });

  it('reads the excerpt-042 narrative (converted to Simplified)', () => {
    const report = loadReport('excerpt-042');
    expect(getAt(report, [...R, 'newReceived', 6])).toBe(246);
    const overview = '(二)依申请公开情况。2022年,我局收到政府信息公开申请246件。其中97件准予公开,已按期办结。';
    expect(checkProse(withText(report, { overview }))).toEqual([]);
    set(report, [...R, 'granted', 6], 90);
    expect(checkProse(withText(report, { overview })).map(ruleAndCell)).toEqual([['P1', 'applications.rows.granted[6]']]);
  });

  it('reads excerpt-040 and stays silent while the tables leave the totals blank', () => {
    const report = loadReport('excerpt-040');
    const overview = overviewOf('excerpt-040');
    expect(checkProse(withText(report, { overview }))).toEqual([]);
    set(report, [...R, 'totalHandled', 6], 11);
    set(report, [...R, 'granted', 6], 4);
    expect(checkProse(withText(report, { overview })).map((f) => [f.cells[0]?.path, f.expected, f.found])).toEqual([
      ['applications.rows.totalHandled[6]', 12, 11],
    ]);
  });

  it.each<[string, string, Path[], number[]]>([
    ['Chinese numerals', '本年共受理政府信息公开申请十二件。', [[...R, 'newReceived', 6]], [12]],
    ['两', '全年收到依申请公开申请两件。', [[...R, 'newReceived', 6]], [2]],
    ['full-width digits', '本年度新收政府信息公开申请１２件。', [[...R, 'newReceived', 6]], [12]],
    ['予以公开及部分公开', '受理的申请中予以公开及部分公开4件。', [[...R, 'granted', 6], [...R, 'partlyGranted', 6]], [4]],
    ['部分公开', '对1件申请部分公开，部分公开1件。', [[...R, 'partlyGranted', 6]], [1]],
    ['不予公开', '受理的申请中不予公开3件。', [[...R, 'denied', 'stateSecret', 6]], [3]],
    ['行政复议', '因政府信息公开被申请行政复议2起。', [['review', 'reconsideration', 4]], [2]],
    ['行政诉讼', '因政府信息公开被提起行政诉讼1件。', [['review', 'litigationDirect', 4]], [1]],
    ['no applications', '本年度未收到政府信息公开申请。', [[...R, 'newReceived', 6]], [0]],
    ['no reconsideration', '全年未发生政府信息公开行政复议、行政诉讼案件。', [['review', 'reconsideration', 4], ['review', 'litigationDirect', 4]], [0, 0]],
  ])('reads %s', (_name, overview, paths, stated) => {
    const report = validReport();
    // make each stated figure disagree with the table by one
    paths.forEach((p, i) => {
      const v = (stated[i] ?? stated[0] ?? 0) + 1;
      set(report, p, v);
    });
    const findings = checkProse(withText(report, { overview }));
    expect(findings.map((f) => [f.rule, f.cells[0]?.path, f.expected])).toEqual(
      paths.slice(0, stated.length).map((p, i) => ['P1', pathKey(p), stated[i]]),
    );
  });

  it.each([
    '我局通过官方网站发布政务类信息34条,本年度共处理群众留言92条。',
    '2022年受理政府信息公开申请10件。',
    '较上年受理申请10件有所增加。',
    '其中通过网上平台收到政府信息公开申请8件。',
    '收到行政复议申请125件，均依法审理。',
    '本级受理行政复议案件125件。',
    '未发生行政复议纠错案件。',
    '收到网民留言10件，已答复5件。',
    '主动予以公开政府信息12件。',
    '其中3件部分予以公开。',
    '按期办结10件，延期办结2件，均已答复申请人。',
  ])('stays silent on %s', (overview) => {
    const report = validReport();
    expect(checkProse(withText(report, { overview }))).toEqual([]);
  });

  it('reads 五 and 六 as well', () => {
    expect(checkProse(withText(validReport(), { other: '本年度共受理政府信息公开申请9件。' })).map(ruleAndCell)).toEqual([
      ['P1', 'applications.rows.newReceived[6]'],
    ]);
  });
});

describe('checkAll', () => {
  it('puts errors first, then table order', () => {
    const report = withText(validReport(), { overview: '本年度共受理政府信息公开申请9件。' });
    set(report, ['review', 'reconsideration', 4], 3);
    set(report, ['activeDisclosure', 'licensing'], null);
    const findings = checkAll(report);
    expect(findings.map(ruleAndCell)).toEqual([
      ['BLANK', 'activeDisclosure.licensing'],
      ['R6', 'review.reconsideration[4]'],
      ['P1', 'applications.rows.newReceived[6]'],
    ]);
  });
});

function pathKey(p: Path): string {
  let out = '';
  for (const s of p) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}
