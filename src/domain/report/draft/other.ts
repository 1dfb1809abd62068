// 六、其他需要报告的事项: the 信息处理费 of the year as the format asks (国办公开办函〔2021〕30号: the
// 收费通知 issued — how many, for how much — and what was actually collected; the wording of the
// format's requirement is UNCONFIRMED, domain.md §2.2), computed from the applications' steps and their
// 收费通知书, never typed; the 人大代表建议 and 政协提案 handled and whose results were disclosed; the
// office's own notes (e.g. 无其他需要报告的事项); first, for a report that sums the agency's subtree,
// what the sum covers and what it leaves out (the office's exclusions stated). Pure.

import type { FactOf, ReportFact } from '../facts/kinds.ts';
import { pathToString } from '../layout.ts';
import type { DraftGap, DraftInput, DraftParagraph, DraftSentence, DraftSource } from './types.ts';
import { bare, sentence, type Names } from './words.ts';
import { amendmentSentence } from '../../amendments/summary.ts';

const factsOf = <K extends ReportFact['kind']>(facts: readonly ReportFact[], kind: K): FactOf<K>[] => facts.filter((f): f is FactOf<K> => f.kind === kind).sort((a, b) => a.id - b.id);

const STANDARD = '按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定的按件、按量收费标准';

function feeSentence(input: DraftInput, names: Names, gaps: DraftGap[]): DraftSentence {
  const f = input.fees;
  const rows = input.report.applications.rows;
  const feeSource: DraftSource = { kind: 'fees', label: `${input.year}年的收费通知和缴费记录`, applicationIds: f.applicationIds };
  const received = rows.newReceived[6];
  const carried = rows.carriedOver[6];
  if (f.notices === 0 && f.payments === 0) {
    if (received === 0 && carried === 0) {
      const paths = [pathToString(['applications', 'rows', 'newReceived', 6]), pathToString(['applications', 'rows', 'carriedOver', 6])];
      return sentence('other.fees', `${STANDARD}，${names.self}${input.year}年未收到政府信息公开申请，未产生信息处理费`, [feeSource, { kind: 'table', label: '表三 一、本年新收 二、上年结转（总计）', paths }]);
    }
    return sentence('other.fees', `${STANDARD}，${names.self}${input.year}年未发出信息处理费收费通知，未收取信息处理费`, [feeSource]);
  }
  const parts = [`${input.year}年，${names.self}${STANDARD.replace(/^按照/, '依照')}，发出信息处理费收费通知${f.notices}件，金额合计${f.noticedYuan}元`];
  parts.push(f.payments === 0 ? '未实际收取信息处理费' : `实际收取信息处理费${f.collectedYuan}元（${f.payments}件）`);
  if (f.noticesWithoutAmount > 0 || f.paymentsWithoutAmount > 0) {
    gaps.push({
      section: 'other',
      message: `六：有${f.noticesWithoutAmount + f.paymentsWithoutAmount}笔收费记录没有在平台上出具收费通知书，金额未计入草稿中的合计。请在相应申请中补出收费通知书，或自行核对金额。`,
    });
  }
  return sentence('other.fees', parts.join('；'), [feeSource]);
}

function proposalSentence(input: DraftInput, names: Names): DraftSentence[] {
  const proposals = factsOf(input.facts, 'proposal');
  if (proposals.length === 0) return [];
  const sum = (type: string, key: 'handled' | 'disclosed') => proposals.filter((p) => p.data.type === type).reduce((s, p) => s + p.data[key], 0);
  const types = ['人大代表建议', '政协提案'].filter((t) => sum(t, 'handled') > 0);
  const handled = proposals.reduce((s, p) => s + p.data.handled, 0);
  const disclosed = proposals.reduce((s, p) => s + p.data.disclosed, 0);
  const result = disclosed === handled ? '办理结果已全部公开' : disclosed === 0 ? '办理结果尚未公开' : `办理结果已公开${disclosed}件`;
  const sources: DraftSource[] = proposals.map((p) => ({ kind: 'fact', label: `${p.data.type}${p.data.title === '' ? '' : `：${p.data.title}`}（${p.data.handled}件）`, factId: p.id, factKind: p.kind }));
  return [sentence('other.proposals', `${input.year}年，${names.self}承办${types.map((t) => `${t}${sum(t, 'handled')}件`).join('、')}，${result}`, sources)];
}

const listed = (names: readonly string[], max = 10): string => (names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')}等${names.length}个机关`);

/**
 * What the figures cover when they sum the agency's subtree: how many agencies' reports, which were left
 * out and why (the office's exclusions, stated as the plan requires); what is still missing goes to the
 * gaps, for the clerk (the blank cells refuse publication until it is resolved).
 */
function scopeSentence(input: DraftInput, names: Names, gaps: DraftGap[]): DraftSentence[] {
  const scope = input.scope;
  if (!scope) return [];
  const codes = [...scope.included, ...scope.excluded, ...scope.missing].map((a) => a.code);
  const source: DraftSource = { kind: 'collected', label: `${input.year}年度下级机关年度报告的收集与汇总`, year: input.year, codes };
  const parts = [`本报告第二、三、四部分的数据，为${names.self}本级和所属${scope.included.length}个机关（单位）${input.year}年度政府信息公开工作年度报告数据的汇总`];
  if (scope.covered.length > 0) {
    const governments = [...new Set(scope.covered.map((c) => c.by))];
    parts.push(`其中${listed(governments)}的年度报告已包含其所属${scope.covered.length}个机关（单位）的数据，不重复计算`);
  }
  if (scope.excluded.length > 0) parts.push(`${scope.excluded.map((e) => `${e.name}（${e.reason.replace(/[。；;.]+$/u, '')}）`).join('、')}的年度报告未纳入汇总`);
  if (scope.missing.length > 0) {
    gaps.push({
      section: 'other',
      message: `汇总：${scope.missing.map((m) => `${m.name}（${m.why}）`).join('；')}。这些机关的数字不知道，表二、表三、表四的合计暂时全部留空。请在“政务公开监督”中收集或据原件录入其报告，或说明不纳入汇总的原因。`,
    });
  }
  for (const g of scope.gaps) {
    gaps.push({
      section: 'other',
      message: `汇总：${g.name}的年度报告${g.tables.length > 0 ? `缺少表${g.tables.join('、表')}` : ''}${g.tables.length > 0 && g.cells.length > 0 ? '，' : ''}${g.cells.length > 0 ? `有${g.cells.length}格空缺（${g.cells.slice(0, 3).join('；')}${g.cells.length > 3 ? '等' : ''}）` : ''}，合计中的相应格子留空。请在“政务公开监督”中据原件补录，或说明不纳入汇总的原因。`,
    });
  }
  return [sentence('other.scope', parts.join('；'), [source])];
}

/** The year's 更正 requests (条例第四十一条): not applications, so stated here and not in table 三 (docs/ARCHITECTURE.md). */
function amendmentsSentence(input: DraftInput, names: Names): DraftSentence[] {
  const y = input.amendments;
  if (!y) return [];
  const text = amendmentSentence(y, names.self);
  return text === null ? [] : [sentence('other.amendments', text, [{ kind: 'amendments', label: `${input.year}年收到的更正申请`, ids: y.ids }])];
}

export function otherSection(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph[] {
  const notes = factsOf(input.facts, 'note').filter((n) => n.data.section === 'other');
  const sentences = [
    ...scopeSentence(input, names, gaps),
    feeSentence(input, names, gaps),
    ...proposalSentence(input, names),
    ...amendmentsSentence(input, names),
    ...notes.map((n) => sentence(`other.note.${n.id}`, bare(n.data.text), [{ kind: 'fact', label: '其他内容（六）', factId: n.id, factKind: n.kind }])),
  ];
  return [{ sentences }];
}
