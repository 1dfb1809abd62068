// What `gongkai report aggregate` prints: a readable summary (how many were read, the 总计 column of table 三
// summed, the sources lacking cells), or JSON (each sum as interchange JSON, with its sources and gaps).

import type { AggregatedCell, AggregateGroup, GapReason, SourceGaps, TableKey } from '../domain/report/aggregate.ts';
import type { AgencyAggregateRun, FileAggregateRun } from '../services/report-aggregate.ts';
import { displayWidth, textTable } from './output.ts';

export type AggregateOutput = ({ mode: 'files'; year: number | null } & FileAggregateRun) | ({ mode: 'agency' } & AgencyAggregateRun);

/** At most this many lines of a list in the summary; --json lists all. */
const LIST_LIMIT = 50;

const FORMAT_TITLE: Record<string, string> = {
  '2021': '2021年格式（国办公开办函〔2021〕30号）',
  '2019': '2019年试行格式（国办公开办函〔2019〕60号）',
  '2019/2021': '混合格式（表二为2019年试行格式，表三为2021年格式）',
  '2021/2019': '混合格式（表二为2021年格式，表三为2019年试行格式）',
};

const REASON: Record<GapReason, string> = { blank: '空白', missing: '文本中没有', invalid: '数字无效', none: '无数字' };

export function aggregateJson(run: AggregateOutput): object {
  return {
    ...(run.mode === 'agency' ? { agency: { code: run.agency.code, name: run.agency.name }, agencies: run.agencies } : { files: run.files }),
    year: run.year,
    summed: run.summed,
    sums: run.groups.map((g) => ({ format: g.format, layout: g.layout, report: g.report, sources: g.sources, gaps: g.gaps })),
    ...(run.mode === 'agency' ? { missing: run.missing, covered: run.covered } : {}),
    unreadable: run.unreadable,
    skipped: run.skipped,
    otherYears: run.otherYears,
  };
}

export function describeAggregate(run: AggregateOutput): string {
  const out: string[] = [];
  const yearText = run.year === null ? '' : `${run.year}年度`;
  if (run.mode === 'agency') {
    out.push(
      `${run.agency.name}（${run.agency.code}）的下级机关共${run.agencies}个：${run.summed + run.unreadable.length}个已发布${run.year}年度报告，已汇总${run.summed}份；${run.missing.length}个未发布${run.covered.length > 0 ? `；${run.covered.length}个已含在上级人民政府的报告中，不重复汇总` : ''}。`,
    );
  } else {
    const parts = [`共${run.files}个报告文件，汇总了${yearText}${run.summed}份报告`];
    if (run.otherYears > 0) parts.push(`${run.otherYears}份属于其他年度，未汇总`);
    if (run.skipped.length > 0) parts.push(`${run.skipped.length}份没有统计年度，未汇总`);
    if (run.unreadable.length > 0) parts.push(`${run.unreadable.length}个无法读取`);
    out.push(`${parts.join('；')}。`);
  }
  if (run.groups.length > 1) out.push('这些报告的表格格式不同，不能逐格相加，按格式分别汇总。');
  for (const g of run.groups) out.push('', ...describeGroup(g));
  if (run.mode === 'agency' && run.missing.length > 0) {
    out.push('', `未发布${run.year}年度报告的下级机关（${run.missing.length}个，未计入合计，也未按0计算）：`);
    out.push(...limited(run.missing.map((m) => `  ${m.code}　${m.name}`)));
  }
  if (run.mode === 'agency' && run.covered.length > 0) {
    out.push('', `已含在上级机关报告中的下级机关（${run.covered.length}个，该机关的报告已包含其数字，不重复汇总）：`);
    out.push(...limited(run.covered.map((m) => `  ${m.code}　${m.name}（已含在${m.by.name}的报告中）`)));
  }
  if (run.skipped.length > 0) {
    out.push('', `没有统计年度、未汇总的文件（${run.skipped.length}个）：`, ...limited(run.skipped.map((s) => `  ${s.source}：${s.reason}`)));
  }
  if (run.unreadable.length > 0) {
    out.push('', `无法读取的${run.mode === 'agency' ? '报告' : '文件'}（${run.unreadable.length}个，未汇总）：`, ...limited(run.unreadable.map((u) => `  ${u.source}：${u.error}`)));
  }
  if (run.groups.some((g) => g.gaps.length > 0) || (run.mode === 'agency' && run.missing.length > 0)) {
    out.push('', '合计中的“—”：有报告缺少该单元格，合计为空，不按0计算。补齐或排除相应报告后重新汇总。');
  }
  if (run.summed === 0) out.push('', `没有可汇总的${yearText}报告。`);
  return out.join('\n');
}

function describeGroup(g: AggregateGroup): string[] {
  const key = g.layout.active === g.layout.applications ? g.layout.active : `${g.layout.active}/${g.layout.applications}`;
  const years = [...new Set(g.sources.map((s) => s.year))].sort((a, b) => (a ?? 0) - (b ?? 0)).map((y) => (y === null ? '年度未知' : String(y)));
  const lines = [`【${FORMAT_TITLE[key] ?? key}】${g.sources.length}份报告，年度：${years.join('、')}`];
  if (years.length > 1) lines.push('注意：这些报告分属多个年度，合计是各年度之和；只汇总一个年度请加 --year。');
  const n = g.sources.length;
  const totals = g.cells.filter((c) => c.key === '三' && c.column === '总计');
  lines.push('表三“总计”列合计：');
  const table = textTable(
    ['行', '合计', '说明'],
    totals.map((c) => [short(c.row.replace(/^三、本年度办理结果 /, '')), c.value === null ? '—' : String(c.value), c.value !== null ? '' : c.known === 0 ? '各报告均无数字' : `${n}份中${c.known}份有数字，已知部分之和${c.partial ?? 0}`]),
  );
  lines.push(...table.split('\n').map((l) => `  ${l}`));
  const blank = g.cells.filter((c) => c.value === null);
  if (blank.length > 0) {
    const byTable = (['二', '三', '四'] as const).map((t) => `表${t}${blank.filter((c) => c.key === t).length}格`).join('，');
    lines.push(`合计为空的单元格共${blank.length}个（${byTable}）。`);
  } else lines.push('表二、三、四的每个单元格都已汇总。');
  if (g.gaps.length > 0) {
    const labels = new Map(g.cells.map((c) => [c.path, c]));
    const names = new Map(g.sources.map((s) => [s.source, s]));
    lines.push(`有缺项的报告（${g.gaps.length}份）：`);
    lines.push(
      ...limited(
        g.gaps.map((gap) => {
          const s = names.get(gap.source);
          const who = [s?.agency, s?.year != null ? `${s.year}年` : null].filter(Boolean).join('，');
          return `  ${gap.source}${who ? `（${who}）` : ''}：${describeGaps(gap, labels)}`;
        }),
      ),
    );
  }
  return lines;
}

function describeGaps(gap: SourceGaps, labels: Map<string, AggregatedCell>): string {
  const parts: string[] = [];
  if (gap.tables.length === 3) parts.push('没有表二、三、四（可能是图片或未给出）');
  else if (gap.tables.length > 0) parts.push(`没有${gap.tables.map((t) => `表${t}`).join('、')}`);
  for (const t of ['二', '三', '四'] as TableKey[]) {
    const cells = Object.entries(gap.cells).flatMap(([reason, paths]) => (paths ?? []).filter((p) => labels.get(p)?.key === t).map((p) => ({ reason: reason as GapReason, path: p })));
    if (cells.length === 0) continue;
    const kinds = [...new Set(cells.map((c) => c.reason))];
    const reasons = kinds.length === 1 ? REASON[kinds[0] ?? 'none'] : kinds.map((r) => `${REASON[r]}${cells.filter((c) => c.reason === r).length}格`).join('，');
    const first = labels.get(cells[0]?.path ?? '');
    const where = first ? `${cells.length > 1 ? '如' : ''}“${first.row}·${first.column}”` : '';
    parts.push(`表${t}缺${cells.length}格（${reasons}）${where}`);
  }
  return parts.join('；');
}

/** A row label cut to a terminal's width (the long （六） labels), the cut marked. */
function short(label: string, width = 40): string {
  if (displayWidth(label) <= width) return label;
  let out = '';
  for (const ch of label) {
    if (displayWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

function limited(lines: string[]): string[] {
  if (lines.length <= LIST_LIMIT) return lines;
  return [...lines.slice(0, LIST_LIMIT), `  ……另有${lines.length - LIST_LIMIT}个，用 --json 查看全部。`];
}
