// The draft of the annual report's prose (domain/report/draft), pure: the seed's facts give a draft that
// states every fact of the seed's sections 一、五、六; applications with outcomes, fees, last year's
// problems and the clerk's edits are stated as the records say — and the draft never contradicts its
// tables (P1, the check `report check` runs), while an edited sentence that does is flagged.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProse } from '../../src/domain/report/checks.ts';
import { draftFindings, draftReport, findSentence, reportWithDraft } from '../../src/domain/report/draft/compose.ts';
import type { DraftInput, ReportDraft } from '../../src/domain/report/draft/types.ts';
import { defaultSelfName, defaultShortName } from '../../src/domain/report/draft/words.ts';
import { problemsNamed } from '../../src/domain/report/facts/previous.ts';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import type { AnnualReport, ApplicantRow } from '../../src/domain/report/model.ts';
import { fact, missingStatements, seedInput, seedTables } from '../support/draft-input.ts';

const SEED_TEXT = join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.txt');

const textOf = (input: DraftInput, draft: ReportDraft = draftReport(input)) => reportWithDraft(input.report, draft).text ?? { overview: null, problems: null, other: null };
const row = (naturalPerson: number, commercial = 0): ApplicantRow => [naturalPerson, commercial, 0, 0, 0, 0, naturalPerson + commercial];

/** Tables with applications: 5 new (4 natural persons, 1 company) and 1 carried in; 5 concluded, 1 carried forward; one 复议. */
function busyTables(): AnnualReport {
  const r = seedTables();
  const rows = r.applications.rows;
  rows.newReceived = row(4, 1);
  rows.carriedOver = row(1);
  rows.granted = row(2);
  rows.partlyGranted = row(0, 1);
  rows.denied.stateSecret = row(1);
  rows.unableToProvide.notHeld = row(1);
  rows.totalHandled = row(4, 1);
  rows.carriedForward = row(1);
  r.review.reconsideration = [1, 0, 0, 0, 1];
  return r;
}

describe('the draft of the seed (中卫市机关事务服务中心, 2024)', () => {
  const input = seedInput();
  const draft = draftReport(input);
  const text = textOf(input, draft);

  it('states every fact of the seed’s sections 一、五、六 — and those facts are the seed’s (its own prose states them all)', async () => {
    expect(missingStatements(text)).toEqual([]);
    const seed = await parseReportDocument(readFileSync(SEED_TEXT), 'zhongwei.txt');
    expect(seed.ok && missingStatements(seed.report.text)).toEqual([]);
  });

  it('writes 一 in its five parts, in order, after an opening paragraph', () => {
    const lines = (text.overview ?? '').split('\n');
    expect(lines.filter((l) => /^（[一二三四五]）/.test(l))).toEqual(['（一）主动公开政府信息情况', '（二）依申请公开政府信息情况', '（三）政府信息管理', '（四）政府信息公开平台建设情况', '（五）监督保障情况']);
    expect(lines[0]).toMatch(/^2024年，市机关事务服务中心认真贯彻落实/);
  });

  it('numbers the items of a part 一是、二是 …, and gives every sentence its sources', () => {
    expect(text.overview).toMatch(/（一）主动公开政府信息情况\n一是依托[^\n]*二是5月15日[^\n]*三是依托/);
    const sentences = draft.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
    expect(sentences.length).toBeGreaterThan(20);
    for (const s of sentences) expect(s.sources.length, s.id).toBeGreaterThan(0);
    expect(findSentence(draft, 'overview.active.catalogue')?.sources[0]).toMatchObject({ kind: 'catalogue', count: 13 });
    expect(findSentence(draft, 'overview.applications.received')?.sources.map((s) => s.kind)).toEqual(['table', 'table']);
    expect(findSentence(draft, 'overview.supervision.event.1.result')?.sources.filter((s) => s.kind === 'fact').length).toBe(5);
  });

  it('has nothing the tables contradict, and no gap', () => {
    expect(draftFindings(input, draft)).toEqual([]);
    expect(draft.gaps).toEqual([]);
  });
});

describe('依申请公开 and 行政复议、行政诉讼 as tables 三 and 四 say', () => {
  it('no application: 未收到 … and, when 四 is all 0, no 复议 or 诉讼; 四 not held: no word of them, a gap', () => {
    expect(textOf(seedInput()).overview).toContain('中心未收到任何形式的政府信息公开申请，不存在行政复议与行政诉讼情况。');
    const report = seedTables();
    report.review = { reconsideration: [null, null, null, null, null], litigationDirect: [null, null, null, null, null], litigationAfterReconsideration: [null, null, null, null, null] };
    const input = seedInput({ report });
    const draft = draftReport(input);
    expect(textOf(input, draft).overview).toContain('中心未收到任何形式的政府信息公开申请。');
    expect(textOf(input, draft).overview).not.toMatch(/行政复议|行政诉讼/);
    expect(draft.gaps.map((g) => g.message).join('')).toContain('表四（行政复议、行政诉讼）在平台上还没有数据');
  });

  it('applications with outcomes: received, carried in, concluded by outcome, carried forward, the cases — all as the tables have them', () => {
    const input = seedInput({ report: busyTables() });
    const draft = draftReport(input);
    const overview = textOf(input, draft).overview ?? '';
    expect(overview).toContain('2024年，中心新收政府信息公开申请5件，上年结转1件。');
    expect(overview).toContain('本年度办结5件，其中予以公开2件、部分公开1件、不予公开1件、无法提供1件；结转下年度继续办理1件。');
    expect(overview).toContain('2024年因政府信息公开工作被申请行政复议1件，被提起行政诉讼0件。');
    expect(overview).not.toContain('未收到');
    expect(draftFindings(input, draft)).toEqual([]);
  });

  it('never contradicts its tables, whatever they hold (P1 finds nothing in drafts of varied tables)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = busyTables();
      const n = (k: number) => (seed * 7 + k * 13) % 9;
      const rows = r.applications.rows;
      rows.granted = row(n(1));
      rows.partlyGranted = row(n(2));
      rows.denied.thirdPartyRights = row(n(3));
      rows.denied.stateSecret = row(0);
      rows.notProcessed.duplicate = row(n(4));
      rows.otherHandling.other = row(n(5));
      rows.unableToProvide.notHeld = row(0);
      const handled = n(1) + n(2) + n(3) + n(4) + n(5);
      rows.totalHandled = row(handled);
      rows.carriedOver = row(n(6));
      rows.carriedForward = row(n(7));
      rows.newReceived = row(handled + n(7) - n(6) < 0 ? 0 : handled + n(7) - n(6));
      r.review = { reconsideration: [0, 0, 0, n(8), n(8)], litigationDirect: [0, 0, 0, n(9) % 2, n(9) % 2], litigationAfterReconsideration: [0, 0, 0, 0, 0] };
      const input = seedInput({ report: r, fees: { notices: n(3), noticedYuan: n(3) * 100, noticesWithoutAmount: 0, payments: n(3) > 0 ? 1 : 0, collectedYuan: n(3) > 0 ? 100 : 0, paymentsWithoutAmount: 0, applicationIds: [] } });
      expect(draftFindings(input, draftReport(input)), `variant ${seed}`).toEqual([]);
    }
  });
});

describe('六: 信息处理费 from the records', () => {
  it('fees charged: the notices issued with their total, and what was collected', () => {
    const input = seedInput({ report: busyTables(), fees: { notices: 2, noticedYuan: 1100, noticesWithoutAmount: 0, payments: 1, collectedYuan: 100, paymentsWithoutAmount: 0, applicationIds: [7, 9] } });
    const draft = draftReport(input);
    expect(textOf(input, draft).other).toContain('发出信息处理费收费通知2件，金额合计1100元；实际收取信息处理费100元（1件）。');
    expect(findSentence(draft, 'other.fees')?.sources).toEqual([{ kind: 'fees', label: '2024年的收费通知和缴费记录', applicationIds: [7, 9] }]);
  });

  it('none charged though there were applications; a notice never collected; a notice without its amount is a gap', () => {
    expect(textOf(seedInput({ report: busyTables() })).other).toContain('中心2024年未发出信息处理费收费通知，未收取信息处理费。');
    const unpaid = seedInput({ report: busyTables(), fees: { notices: 1, noticedYuan: 300, noticesWithoutAmount: 0, payments: 0, collectedYuan: 0, paymentsWithoutAmount: 0, applicationIds: [3] } });
    expect(textOf(unpaid).other).toContain('发出信息处理费收费通知1件，金额合计300元；未实际收取信息处理费。');
    const unknown = seedInput({ report: busyTables(), fees: { notices: 2, noticedYuan: 300, noticesWithoutAmount: 1, payments: 0, collectedYuan: 0, paymentsWithoutAmount: 0, applicationIds: [3, 4] } });
    expect(draftReport(unknown).gaps.map((g) => g.message).join('')).toContain('有1笔收费记录没有在平台上出具收费通知书');
  });

  it('人大代表建议 and 政协提案, and the office’s notes', () => {
    const facts = [
      ...seedInput().facts,
      fact({ kind: 'proposal', data: { type: '人大代表建议', title: '', handled: 2, disclosed: 2 } }),
      fact({ kind: 'proposal', data: { type: '政协提案', title: '关于加强公共机构节能的提案', handled: 1, disclosed: 0 } }),
      fact({ kind: 'note', data: { section: 'other', text: '无其他需要报告的事项。' } }),
    ];
    const other = textOf(seedInput({ facts })).other ?? '';
    expect(other).toContain('2024年，中心承办人大代表建议2件、政协提案1件，办理结果已公开2件。');
    expect(other).toMatch(/无其他需要报告的事项。$/);
  });
});

describe('五: this year’s problems, last year’s problems and their follow-up, the measures', () => {
  it('states what was done about each problem last year’s report named, and its state', () => {
    const facts = [
      ...seedInput().facts,
      fact({ kind: 'problem', data: { origin: 'previous', text: '主动公开的时效性不强', followUp: '建立信息发布台账，每周检查更新情况', state: '已整改' } }),
      fact({ kind: 'problem', data: { origin: 'previous', text: '公开途径比较单一', followUp: '开通政务新媒体账号', state: '整改中' } }),
    ];
    const input = seedInput({ facts, previous: { year: 2023, problems: ['主动公开的时效性不强', '公开途径比较单一'] } });
    const draft = draftReport(input);
    const problems = textOf(input, draft).problems ?? '';
    expect(problems).toContain('针对2023年度报告提出的问题，中心逐项整改：一是针对“主动公开的时效性不强”的问题，建立信息发布台账，每周检查更新情况，已整改到位。二是针对“公开途径比较单一”的问题，开通政务新媒体账号，目前正在整改。');
    expect(findSentence(draft, 'problems.previous.intro')?.sources).toEqual([{ kind: 'published', label: '2023年度已发布的年度报告', year: 2023 }]);
    expect(draft.gaps).toEqual([]);
  });

  it('names as gaps: last year’s problems not carried, a follow-up not written, no problem or measure this year', () => {
    const previous = { year: 2023, problems: ['认识不到位', '途径单一'] };
    const gaps = (facts: DraftInput['facts']) => draftReport(seedInput({ facts, previous })).gaps.map((g) => g.message).join('\n');
    expect(gaps(seedInput().facts)).toContain('2023年度已发布的年度报告提出了2个问题（认识不到位；途径单一），尚未登记其整改情况');
    const withoutFollowUp = [...seedInput().facts, fact({ kind: 'problem', data: { origin: 'previous', text: '认识不到位', followUp: '', state: '' } })];
    expect(gaps(withoutFollowUp)).toContain('上年度问题“认识不到位”还没有填写整改情况');
    const bare = seedInput().facts.filter((f) => f.kind !== 'problem' && f.kind !== 'measure');
    expect(gaps(bare)).toMatch(/没有登记本年度存在的问题[\s\S]*没有登记改进措施/);
  });
});

describe('a clerk’s edits', () => {
  it('replaces a sentence; a figure that contradicts the tables is a P1 warning on that sentence', () => {
    const original = '中心未收到任何形式的政府信息公开申请，不存在行政复议与行政诉讼情况。';
    const input = seedInput({ edits: [{ sentenceId: 'overview.applications.received', text: '中心全年共受理政府信息公开申请3件，均已按时答复。', original }] });
    const draft = draftReport(input);
    const s = findSentence(draft, 'overview.applications.received');
    expect(s?.text).toBe('中心全年共受理政府信息公开申请3件，均已按时答复。');
    expect(s?.edited).toEqual({ generated: original, original, stale: false });
    expect(s?.findings?.map((f) => [f.rule, f.severity, f.expected, f.found])).toEqual([['P1', 'warning', 3, 0]]);
    expect(draftFindings(input, draft)).toHaveLength(1);
    // the same check `report check` runs on the report as drafted
    expect(checkProse(reportWithDraft(input.report, draft))).toHaveLength(1);
    // an edit that agrees with the tables is not flagged
    const agreeing = seedInput({ edits: [{ sentenceId: 'overview.applications.received', text: '中心全年未收到政府信息公开申请。', original }] });
    expect(findSentence(draftReport(agreeing), 'overview.applications.received')?.findings).toBeUndefined();
  });

  it('leaves a sentence out when emptied (the items renumbered), says when the facts behind an edit changed, and names an edit whose sentence is gone', () => {
    const input = seedInput({
      edits: [
        { sentenceId: 'overview.active.event.1', text: '', original: 'x' },
        { sentenceId: 'overview.opening', text: '2024年，中心认真落实条例。', original: '以前的句子' },
        { sentenceId: 'overview.active.event.99', text: '已删除的活动。', original: '已删除的活动。' },
      ],
    });
    const draft = draftReport(input);
    const overview = textOf(input, draft).overview ?? '';
    expect(overview).not.toContain('勤俭节约作表率');
    expect(overview).toMatch(/一是依托市人民政府网站主动公开部门信息13条[^\n]*二是依托市人民政府网站主动公开部门预算/);
    expect(findSentence(draft, 'overview.opening')?.edited?.stale).toBe(true);
    expect(draft.gaps.map((g) => g.message).join('')).toContain('修改过的句子“已删除的活动。”所依据的记录已不存在');
  });
});

describe('pieces', () => {
  it('reads the problems a report’s section 五 named, not its measures', () => {
    const text = readFileSync(SEED_TEXT, 'utf8');
    const five = text.slice(text.indexOf('五、存在的主要问题及改进情况'), text.indexOf('六、其他需要报告的事项'));
    expect(problemsNamed(five)).toEqual(['个别干部职工对政府信息公开工作的重要性认识还不够到位，个别事项主动公开的时效性还不够强', '单位没有门户网站，政府信息公开大多借助市政府网站，公开途径比较单一']);
    expect(problemsNamed('本年度工作中还存在不足，公开的及时性有待提高。')).toEqual([]);
    expect(problemsNamed(null)).toEqual([]);
  });

  it('names an agency as reports do (a reading of practice, the profile overrides it)', () => {
    expect(defaultSelfName('中卫市机关事务服务中心')).toBe('中心');
    expect(defaultSelfName('示范市自然资源和规划局')).toBe('我局');
    expect(defaultSelfName('某县人民政府')).toBe('我县');
    expect(defaultSelfName('某市某某')).toBe('本机关');
    expect(defaultShortName('中卫市机关事务服务中心')).toBe('市机关事务服务中心');
    const noProfile = seedInput({ facts: seedInput().facts.filter((f) => f.kind !== 'profile') });
    expect(textOf(noProfile).overview).toContain('办公室（综合科）复审');
  });
});
