// 五、存在的主要问题及改进情况: this year's problems, what became of the problems last year's report named
// (each with its follow-up and state), and the measures of next year. The problems are the office's
// own words (entered, or carried from last year's published report); the draft only orders, numbers and
// frames them. Pure.

import type { FactOf, ReportFact } from '../facts/kinds.ts';
import type { DraftGap, DraftInput, DraftParagraph, DraftSentence, DraftSource } from './types.ts';
import { bare, chineseNumber, numbered, sentence, unquoted, type Names } from './words.ts';

const factSource = (f: ReportFact, label: string): DraftSource => ({ kind: 'fact', label, factId: f.id, factKind: f.kind });
const factsOf = <K extends ReportFact['kind']>(facts: readonly ReportFact[], kind: K): FactOf<K>[] => facts.filter((f): f is FactOf<K> => f.kind === kind).sort((a, b) => a.id - b.id);
const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

const STATE_WORDS: Record<string, string> = { 已整改: '已整改到位', 整改中: '目前正在整改', 未整改: '尚未整改到位，将继续推进' };

export function problemsSection(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph[] {
  const problems = factsOf(input.facts, 'problem');
  const current = problems.filter((p) => p.data.origin === 'current');
  const previous = problems.filter((p) => p.data.origin === 'previous');
  const measures = factsOf(input.facts, 'measure');
  const paragraphs: DraftParagraph[] = [];

  if (current.length > 0) {
    const sources = current.map((p) => factSource(p, `本年度问题：${short(p.data.text)}`));
    const intro = sentence('problems.intro', `${input.year}年，${names.self}的政府信息公开工作有序开展，但也还存在一些问题和不足，主要表现在：`, sources);
    const items = current.map((p) => [sentence(`problems.current.${p.id}`, bare(p.data.text), [factSource(p, `本年度问题：${short(p.data.text)}`)])]);
    paragraphs.push({ sentences: [intro, ...numbered(items)] });
  } else {
    gaps.push({ section: 'problems', message: '五：没有登记本年度存在的问题。请在“存在的问题”中登记（来源选“本年度存在的问题”）。' });
  }

  const last = input.year - 1;
  if (previous.length > 0) {
    const intro = sentence('problems.previous.intro', `针对${last}年度报告提出的问题，${names.self}逐项整改：`, input.previous ? [{ kind: 'published', label: `${last}年度已发布的年度报告`, year: last }] : []);
    const items = previous.map((p) => {
      const done = bare(p.data.followUp);
      const state = STATE_WORDS[p.data.state] ?? '';
      if (done === '' || state === '') gaps.push({ section: 'problems', message: `五：上年度问题“${short(p.data.text)}”还没有填写${done === '' ? '整改情况' : '整改状态'}。` });
      const text = [`针对“${unquoted(p.data.text)}”的问题`, done, state].filter((s) => s !== '').join('，');
      return [sentence(`problems.previous.${p.id}`, text, [factSource(p, `上年度问题：${short(p.data.text)}`)])];
    });
    paragraphs.push({ sentences: [intro, ...numbered(items)] });
  } else if (input.previous && input.previous.problems.length > 0) {
    gaps.push({
      section: 'problems',
      message: `五：${last}年度已发布的年度报告提出了${input.previous.problems.length}个问题（${input.previous.problems.map(short).join('；')}），尚未登记其整改情况。请在年报素材页“从上年度报告导入问题”，并逐条填写整改情况。`,
    });
  }

  if (measures.length > 0) {
    const sources = measures.map((m) => factSource(m, `改进措施：${short(m.data.text)}`));
    const intro = sentence('problems.measures.intro', `下一步，${names.self}将进一步提升政府信息公开工作质效，重点抓好以下${chineseNumber(measures.length)}个方面工作：`, sources);
    const items: DraftSentence[][] = measures.map((m) => [sentence(`problems.measure.${m.id}`, bare(m.data.text), [factSource(m, `改进措施：${short(m.data.text)}`)])]);
    paragraphs.push({ sentences: [intro, ...numbered(items)] });
  } else {
    gaps.push({ section: 'problems', message: '五：没有登记改进措施。请在“改进措施”中登记下一步的工作。' });
  }
  return paragraphs;
}
