// 六、其他需要报告的事项: the 信息处理费 of the year as the format asks (国办公开办函〔2021〕30号: the
// 收费通知 issued — how many, for how much — and what was actually collected; the wording of the
// format's requirement is UNCONFIRMED, domain.md §2.2), computed from the applications' steps and their
// 收费通知书, never typed; the 人大代表建议 and 政协提案 handled and whose results were disclosed; the
// office's own notes (e.g. 无其他需要报告的事项). Pure.

import type { FactOf, ReportFact } from '../facts/kinds.ts';
import { pathToString } from '../layout.ts';
import type { DraftGap, DraftInput, DraftParagraph, DraftSentence, DraftSource } from './types.ts';
import { bare, sentence, type Names } from './words.ts';

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

export function otherSection(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph[] {
  const notes = factsOf(input.facts, 'note').filter((n) => n.data.section === 'other');
  const sentences = [
    feeSentence(input, names, gaps),
    ...proposalSentence(input, names),
    ...notes.map((n) => sentence(`other.note.${n.id}`, bare(n.data.text), [{ kind: 'fact', label: '其他内容（六）', factId: n.id, factKind: n.kind }])),
  ];
  return [{ sentences }];
}
