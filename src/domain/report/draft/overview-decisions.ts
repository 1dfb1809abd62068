// 一、总体情况 (一) 主动公开: the year's 行政许可, 行政处罚, 行政强制 处理决定 and 行政事业性收费 金额 — table
// 二 第二十条第（五）（六）（八）项 — in one sentence as reports write it ("全年共办理行政许可1268件，行政处罚
// 57件，行政强制3件，收取行政事业性收费386.52万元"). Each figure is the table's cell, so P1 (check/prose.ts)
// reads the sentence back to the same cell; its sources are the cells and the 年报数据 entries behind them.
// A cell the records do not hold (null) is not stated — no zero is invented —, and neither is a 0: a real
// report whose table 二 holds 0s says nothing of them in its prose (the seed), the table says it. Pure.

import { pathToString, type Path } from '../layout.ts';
import { COUNT_KIND_LABELS, SOURCE_LABELS, type CountKind } from '../../records/vocab.ts';
import type { DraftInput, DraftSentence, DraftSource } from './types.ts';
import { sentence } from './words.ts';

const AD = 'activeDisclosure';

const PARTS: { kind: CountKind; key: 'licensing' | 'punishment' | 'enforcement' | 'feesWanYuan'; item: string }[] = [
  { kind: 'licensing', key: 'licensing', item: '第（五）项' },
  { kind: 'punishment', key: 'punishment', item: '第（六）项' },
  { kind: 'enforcement', key: 'enforcement', item: '第（六）项' },
  { kind: 'fees', key: 'feesWanYuan', item: '第（八）项' },
];

/** 386.52 → "386.52", 12 → "12": the cell as the table prints it. */
const figure = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

/** The clause of one figure: 办理行政许可12件 (the first of the sentence) / 行政处罚57件 / 收取行政事业性收费0.35万元. */
function clause(kind: CountKind, n: string, first: boolean): string {
  if (kind === 'fees') return `收取行政事业性收费${n}万元`;
  return `${first ? '办理' : ''}${COUNT_KIND_LABELS[kind]}${n}件`;
}

/** The sentence of table 二's decisions and fees, or nothing when the table holds none above 0. */
export function decisionsItem(input: DraftInput): DraftSentence[] {
  const table = input.report.activeDisclosure;
  const stated = PARTS.flatMap((p) => {
    const v = table[p.key];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? [{ ...p, value: v }] : [];
  });
  if (stated.length === 0) return [];
  const clauses = stated.map((p, i) => clause(p.kind, figure(p.value), i === 0));
  const paths: Path[] = stated.map((p) => [AD, p.key]);
  const sources: DraftSource[] = [{ kind: 'table', label: `表二 第二十条${[...new Set(stated.map((p) => p.item))].join('、')}`, paths: paths.map(pathToString) }];
  for (const p of stated) {
    const entry = input.counts.find((c) => c.kind === p.kind);
    if (!entry) continue;
    const unit = p.kind === 'fees' ? '万元' : '件';
    sources.push({ kind: 'counts', label: `年报数据：${COUNT_KIND_LABELS[p.kind]}${entry.value}${unit}（${entry.enteredByName}${SOURCE_LABELS[entry.source]}）`, year: input.year, entryIds: [entry.entryId] });
  }
  return [sentence('overview.active.decisions', `全年共${clauses.join('，')}`, sources)];
}
