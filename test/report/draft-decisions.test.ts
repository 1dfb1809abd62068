// The draft's sentence of table 二 第二十条第（五）（六）（八）项 (domain/report/draft/overview-decisions.ts),
// pure: the year's 行政许可, 行政处罚, 行政强制 decisions and 行政事业性收费 stated as the table holds them, with
// the cells and the 年报数据 entries as sources; nothing where the records hold nothing (no invented 0)
// or a 0 — and P1 (check/prose.ts, the check `report check` runs) reads the sentence back to the same
// cells: it agrees with the tables, and a figure edited to differ from a cell is a warning.

import { describe, expect, it } from 'vitest';
import { checkProse } from '../../src/domain/report/checks.ts';
import { draftFindings, draftReport, findSentence, reportWithDraft } from '../../src/domain/report/draft/compose.ts';
import type { CountFacts } from '../../src/domain/report/draft/types.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { seedInput, seedTables } from '../support/draft-input.ts';

type Figures = Partial<Record<'licensing' | 'punishment' | 'enforcement' | 'feesWanYuan', number | null>>;

function tables(figures: Figures): AnnualReport {
  const r = seedTables();
  Object.assign(r.activeDisclosure, figures);
  return r;
}

const entry = (kind: CountFacts['kind'], value: string, entryId: number): CountFacts => ({ kind, value, entryId, enteredAt: '2025-01-08T02:00:00.000Z', enteredByName: '信息员丙', source: kind === 'fees' ? 'import' : 'page' });
const BUSY: Figures = { licensing: 1268, punishment: 57, enforcement: 3, feesWanYuan: 386.52 };
const BUSY_ENTRIES = [entry('licensing', '1268', 11), entry('punishment', '57', 12), entry('enforcement', '3', 13), entry('fees', '386.52', 14)];

describe('table 二’s decisions and fees in 一（一）', () => {
  it('states each figure as table 二 holds it, as the last item of 主动公开, with the cells and the entries behind them', () => {
    const input = seedInput({ report: tables(BUSY), counts: BUSY_ENTRIES });
    const draft = draftReport(input);
    const overview = reportWithDraft(input.report, draft).text?.overview ?? '';
    expect(overview).toMatch(/（一）主动公开政府信息情况\n一是[^\n]*二是[^\n]*三是[^\n]*四是全年共办理行政许可1268件，行政处罚57件，行政强制3件，收取行政事业性收费386\.52万元。\n/);
    expect(findSentence(draft, 'overview.active.decisions')?.sources).toEqual([
      { kind: 'table', label: '表二 第二十条第（五）项、第（六）项、第（八）项', paths: ['activeDisclosure.licensing', 'activeDisclosure.punishment', 'activeDisclosure.enforcement', 'activeDisclosure.feesWanYuan'] },
      { kind: 'counts', label: '年报数据：行政许可1268件（信息员丙页面录入）', year: 2024, entryIds: [11] },
      { kind: 'counts', label: '年报数据：行政处罚57件（信息员丙页面录入）', year: 2024, entryIds: [12] },
      { kind: 'counts', label: '年报数据：行政强制3件（信息员丙页面录入）', year: 2024, entryIds: [13] },
      { kind: 'counts', label: '年报数据：行政事业性收费386.52万元（信息员丙文件导入）', year: 2024, entryIds: [14] },
    ]);
    // P1 reads every figure of the sentence, and each agrees with its cell
    expect(draftFindings(input, draft)).toEqual([]);
  });

  it('says nothing of a kind the records do not hold, nor of a 0; nothing at all when none is above 0', () => {
    const some = seedInput({ report: tables({ licensing: 12, punishment: 0, enforcement: null, feesWanYuan: 0.35 }), counts: [entry('licensing', '12', 1), entry('punishment', '0', 2), entry('fees', '0.35', 3)] });
    const draft = draftReport(some);
    expect(findSentence(draft, 'overview.active.decisions')?.text).toBe('全年共办理行政许可12件，收取行政事业性收费0.35万元。');
    expect(findSentence(draft, 'overview.active.decisions')?.sources.map((s) => s.label)).toEqual(['表二 第二十条第（五）项、第（八）项', '年报数据：行政许可12件（信息员丙页面录入）', '年报数据：行政事业性收费0.35万元（信息员丙文件导入）']);
    expect(draftFindings(some, draft)).toEqual([]);
    const only = seedInput({ report: tables({ licensing: null, punishment: 5, enforcement: null, feesWanYuan: null }), counts: [] });
    expect(findSentence(draftReport(only), 'overview.active.decisions')?.text).toBe('全年共办理行政处罚5件。');
    // the seed: table 二 holds 0s (entered), its prose says nothing of them — nor does the draft
    const seed = seedInput();
    expect(findSentence(draftReport(seed), 'overview.active.decisions')).toBeUndefined();
    // nothing entered: the cells are empty, no figure and no 0 is stated
    const none = seedInput({ report: tables({ licensing: null, punishment: null, enforcement: null, feesWanYuan: null }), counts: [] });
    const overview = reportWithDraft(none.report, draftReport(none)).text?.overview ?? '';
    expect(overview).not.toMatch(/行政许可|行政处罚|行政强制|行政事业性收费/);
  });

  it('flags a clerk’s figure that differs from table 二 (P1), and passes one that agrees', () => {
    const generated = '全年共办理行政许可1268件，行政处罚57件，行政强制3件，收取行政事业性收费386.52万元。';
    const edited = (text: string) => seedInput({ report: tables(BUSY), counts: BUSY_ENTRIES, edits: [{ sentenceId: 'overview.active.decisions', text, original: generated }] });
    const wrong = edited('全年共办理行政许可1268件，作出行政处罚决定58件，行政强制3件，收取行政事业性收费386.5万元。');
    const s = findSentence(draftReport(wrong), 'overview.active.decisions');
    expect(s?.findings?.map((f) => [f.rule, f.expected, f.found, f.cells.map((c) => `${c.row}|${c.column}`)])).toEqual([
      ['P1', 58, 57, ['第二十条第（六）项 行政处罚|本年处理决定数量']],
      ['P1', 386.5, 386.52, ['第二十条第（八）项 行政事业性收费|本年收费金额（单位：万元）']],
    ]);
    const agreeing = edited('2024年，我局共作出行政许可决定1,268件，行政处罚决定共57件，行政强制决定3件；行政事业性收费金额为386.52万元。');
    expect(findSentence(draftReport(agreeing), 'overview.active.decisions')?.findings).toBeUndefined();
  });

  it('is conservative: published information, applications, sub-counts, 强制措施 and other years are not read as table 二', () => {
    const report = { ...tables(BUSY), text: { overview: null as string | null, problems: null, other: null } };
    const quiet = [
      '全年主动公开行政许可信息900件、行政处罚信息40件。',
      '受理行政许可申请1300件，其中网上办理行政许可1000件。',
      '适用简易程序作出行政处罚20件。',
      '采取行政强制措施2件。',
      '2023年办理行政许可1100件，较上年办理行政处罚增加10件。',
      '行政事业性收费减免12万元。',
    ];
    for (const text of quiet) expect(checkProse({ ...report, text: { overview: text, problems: null, other: null } }), text).toEqual([]);
    // a cell not held (null) is never contradicted
    const blank = { ...tables({ licensing: null }), text: { overview: '全年共办理行政许可9件。', problems: null, other: null } };
    expect(checkProse(blank)).toEqual([]);
    // and one that is held is
    expect(checkProse({ ...report, text: { overview: '全年共办理行政许可9件。', problems: null, other: null } }).map((f) => [f.expected, f.found])).toEqual([[9, 1268]]);
  });
});
