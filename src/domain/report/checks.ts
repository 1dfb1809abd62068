// Checks of an annual report: the reconciliation rules of the format and those derived from its
// structure (domain.md §2.6), blank and missing cells, continuity between consecutive years, and
// numbers in the prose against the tables. Pure: no IO, no clock, no environment.

import type { AnnualReport } from './model.ts';
import {
  APPLICANT_COLUMN_LABELS,
  APPLICATION_ROWS,
  REVIEW_GROUPS,
  RESULT_GROUP_LABEL,
  SECTION_TITLES,
  applicationRows,
  cellCatalogue,
  getAt,
  labelOf,
  pathToString,
  type CellLabel,
  type Path,
} from './layout.ts';
import type { CellStatus, Finding, RuleId, Severity } from './types.ts';

export interface RuleInfo {
  severity: Severity;
  /** in Chinese */
  title: string;
  /** where the rule comes from */
  source: string;
}

export const RULES: Record<RuleId, RuleInfo> = {
  R1: {
    severity: 'error',
    title: '第一项加第二项之和等于第三项加第四项之和（表三每一列）',
    source: '国办公开办函〔2021〕30号 表三表头注（domain.md §2.6 R1）',
  },
  R2: {
    severity: 'error',
    title: '区分处理的只计入“部分公开”，不计其他情形（仅凭表格数字无法核对）',
    source: '国办公开办函〔2021〕30号 表三（二）行注（domain.md §2.6 R2）',
  },
  R3: { severity: 'error', title: '表三每一行的总计等于各类申请人之和', source: 'DERIVED domain.md §2.6 R3' },
  R4: { severity: 'error', title: '表三（七）总计等于（一）至（六）各项办理结果之和', source: 'DERIVED domain.md §2.6 R4' },
  R5: {
    severity: 'error',
    title: '本年“结转下年度继续办理”等于下一年度“上年结转”（跨年度核对，见X1）',
    source: 'DERIVED domain.md §2.6 R5',
  },
  R6: { severity: 'error', title: '表四每组的总计等于结果维持、结果纠正、其他结果、尚未审结之和', source: 'DERIVED domain.md §2.6 R6' },
  R7: {
    severity: 'error',
    title: '单元格为非负整数（收费金额可为小数，2019年格式“本年增/减”可为负数）',
    source: 'DERIVED domain.md §2.6 R7, §2.7',
  },
  BLANK: { severity: 'error', title: '单元格未填写数字', source: 'DERIVED domain.md §2.3–2.5（空白单元格无法核对）' },
  MISSING: { severity: 'warning', title: '单元格在文本中缺失（文本截断或表格为图片）', source: '解析结果 CellStatus missing（types.ts）' },
  X1: {
    severity: 'error',
    title: '上一年度“结转下年度继续办理”等于本年度“上年结转”',
    source: 'DERIVED domain.md §2.6 R5',
  },
  X2: {
    severity: 'warning',
    title: '现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数',
    source: 'DERIVED domain.md §2.3（有效期届满、修订等可造成差异）',
  },
  P1: { severity: 'warning', title: '正文所述数字与表格不符', source: 'DERIVED（正文与表格应一致）' },
  SECTION: {
    severity: 'error',
    title: '“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”须有内容（发布时检查）',
    source: '条例第五十条；国办公开办函〔2021〕30号（domain.md §1.5、§2.2）',
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers

type Layout = '2021' | '2019';
const layoutOf = (report: AnnualReport): Layout => (report.format === '2019' ? '2019' : '2021');

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numAt = (report: AnnualReport, at: Path): number | null => {
  const v = getAt(report, at);
  return isNumber(v) ? v : null;
};

const ROW_PATHS = new Map(APPLICATION_ROWS.map((r) => [r.key, r.path]));
const rowPath = (key: string): Path => {
  const path = ROW_PATHS.get(key);
  if (!path) throw new Error(`unknown row ${key}`);
  return path;
};

/** The path of cell i of a row or group, built once per row (checks run over many reports). */
const cellPaths = new WeakMap<Path, Path[]>();
const cellOf = (base: Path, i: number): Path => {
  let paths = cellPaths.get(base);
  if (!paths) {
    paths = Array.from({ length: 7 }, (_, j) => [...base, j]);
    cellPaths.set(base, paths);
  }
  return paths[i] ?? [...base, i];
};
const TOTAL = APPLICANT_COLUMN_LABELS.length - 1;
const REVIEW_TOTAL = 4;
const COLUMNS = APPLICANT_COLUMN_LABELS.map((_, i) => i);

/** 表三 */
const tableName = (c: CellLabel): string => `表${c.table.charAt(0)}`;
/** the row label without the 三、本年度办理结果 group that （一）（二）（七） carry */
const rowName = (c: CellLabel): string =>
  c.row.startsWith(`${RESULT_GROUP_LABEL} `) ? c.row.slice(RESULT_GROUP_LABEL.length + 1) : c.row;
/** 表三「（一）予以公开」行「总计」列 */
const where = (c: CellLabel): string => `${tableName(c)}「${rowName(c)}」行「${c.column}」列`;

/** A cell's value, and its labels when a finding needs them (looked up only then: checks run hot). */
class Term {
  private label: CellLabel | undefined;
  readonly value: number | null;
  constructor(
    private readonly report: AnnualReport,
    private readonly at: Path,
  ) {
    this.value = numAt(report, at);
  }
  get cell(): CellLabel {
    this.label ??= labelOf(pathToString(this.at), layoutOf(this.report));
    return this.label;
  }
}
const termAt = (report: AnnualReport, at: Path): Term => new Term(report, at);
const sum = (ts: Term[]): number => ts.reduce((s, t) => s + (t.value ?? 0), 0);
const plus = (ts: Term[]): string => ts.map((t) => t.value).join(' + ');

/**
 * The equation Σlhs = Σrhs, about rhs[0] (the total): a finding when every cell is a number and it
 * does not hold. Cells: rhs[0], the rest of rhs, then lhs.
 */
function equation(rule: RuleId, lhs: Term[], rhs: Term[], message: (l: number, r: number) => string): Finding[] {
  const [subject, ...others] = rhs;
  if (!subject || subject.value === null || [...lhs, ...others].some((t) => t.value === null)) return [];
  const l = sum(lhs);
  const r = sum(rhs);
  if (Math.abs(l - r) < 1e-9) return [];
  return [
    {
      rule,
      severity: RULES[rule].severity,
      cells: [subject, ...others, ...lhs].map((t) => t.cell),
      expected: l - sum(others),
      found: subject.value,
      message: message(l, r),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// One report: the tables

type Catalogued = ReturnType<typeof cellCatalogue>[number];

interface Valued {
  c: Catalogued;
  v: unknown;
}

/** The cells the report's format has and the model holds, with their values (undefined = no place, e.g. no trial2019). */
function cellsOf(report: AnnualReport): Valued[] {
  const out: Valued[] = [];
  for (const c of cellCatalogue(layoutOf(report))) {
    const v = getAt(report, c.at);
    if (v !== undefined) out.push({ c, v });
  }
  return out;
}

const bare = (c: Catalogued): CellLabel => ({ path: c.path, table: c.table, row: c.row, column: c.column });

/** Whether row b comes right after row a in the table (the catalogue is in reading order). */
function isNextRow(valued: Valued[], a: Catalogued, b: Catalogued): boolean {
  const rows = [...new Set(valued.filter(({ c }) => c.table === a.table).map(({ c }) => c.row))];
  return rows.indexOf(b.row) === rows.indexOf(a.row) + 1;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// BLANK, MISSING and unreadable figures (R7): cells without a value (CellStatus, types.ts; no status = blank)
function emptyCells(valued: Valued[], status: Record<string, CellStatus>): Finding[] {
  const findings: Finding[] = [];
  const byStatus = { blank: new Map<string, Catalogued[]>(), missing: new Map<string, Catalogued[]>() };
  for (const { c, v } of valued) {
    if (v !== null) continue;
    const s = status[c.path] ?? 'blank';
    if (s === 'invalid') {
      findings.push({
        rule: 'R7',
        severity: RULES.R7.severity,
        cells: [bare(c)],
        found: null,
        message: `${where(c)}的内容不是有效的数字（件数应为非负整数），未读取。`,
      });
      continue;
    }
    const group = byStatus[s];
    pushTo(group, c.table, c);
  }
  // One finding per row (or per table when all of it is gone), naming the columns.
  const perRow = (gone: Catalogued[], finding: (head: Catalogued, row: Catalogued[]) => Finding): void => {
    const rows = new Map<string, Catalogued[]>();
    for (const c of gone) pushTo(rows, c.row, c);
    for (const row of rows.values()) findings.push(finding(row[0] as Catalogued, row));
  };
  const columns = (row: Catalogued[]): string => row.map((c) => `「${c.column}」`).join('');
  for (const gone of byStatus.blank.values()) {
    perRow(gone, (head, row) => ({
      rule: 'BLANK',
      severity: RULES.BLANK.severity,
      cells: row.map(bare),
      found: null,
      message: `${tableName(head)}「${rowName(head)}」行${columns(row)}列为空。每个单元格都应填写数字（无则填0），否则无法核对。`,
    }));
  }
  const reason = '（文本可能被截断或表格为图片），无法核对。';
  for (const [table, gone] of byStatus.missing) {
    const first = gone[0] as Catalogued;
    if (gone.length === valued.filter(({ c }) => c.table === table).length) {
      findings.push({
        rule: 'MISSING',
        severity: RULES.MISSING.severity,
        cells: gone.map(bare),
        message: `${tableName(first)}「${table.slice(2)}」在文本中缺失${reason}`,
      });
      continue;
    }
    // Rows wholly missing one after another (a text cut off mid-table) make one finding; a row
    // missing only some cells makes its own.
    const rows = new Map<string, Catalogued[]>();
    for (const c of gone) pushTo(rows, c.row, c);
    const rowSize = new Map<string, number>();
    for (const { c } of valued) if (c.table === table) rowSize.set(c.row, (rowSize.get(c.row) ?? 0) + 1);
    let run: Catalogued[][] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const head = (run[0] as Catalogued[])[0] as Catalogued;
      const last = (run[run.length - 1] as Catalogued[])[0] as Catalogued;
      const cells = run.flat();
      findings.push({
        rule: 'MISSING',
        severity: RULES.MISSING.severity,
        cells: cells.map(bare),
        message:
          run.length === 1
            ? `${tableName(head)}「${rowName(head)}」行有${cells.length}个单元格在文本中缺失${reason}`
            : `${tableName(head)}从「${rowName(head)}」行到「${rowName(last)}」行共${run.length}行（${cells.length}个单元格）在文本中缺失${reason}`,
      });
      run = [];
    };
    for (const [row, cells] of rows) {
      const whole = cells.length === rowSize.get(row);
      const previous = run[run.length - 1];
      const adjacent = previous !== undefined && isNextRow(valued, previous[0] as Catalogued, cells[0] as Catalogued);
      if (!whole || !adjacent) flush();
      run.push(cells);
      if (!whole) flush();
    }
    flush();
  }
  return findings;
}

// R1 — 国办公开办函〔2021〕30号 表三表头注: 一 + 二 = 三（七）+ 四, every applicant column
function r1(report: AnnualReport): Finding[] {
  const at = (key: string, c: number) => termAt(report, cellOf(rowPath(key), c));
  return COLUMNS.flatMap((c) => {
    const lhs = [at('newReceived', c), at('carriedOver', c)];
    const rhs = [at('totalHandled', c), at('carriedForward', c)];
    return equation('R1', lhs, rhs, (l, r) =>
      `表三「${APPLICANT_COLUMN_LABELS[c]}」列：一（${lhs[0]?.value}）+ 二（${lhs[1]?.value}）= ${l}，` +
      `但三（七）总计（${rhs[0]?.value}）+ 四（${rhs[1]?.value}）= ${r}，不符合“第一项加第二项之和等于第三项加第四项之和”。`,
    );
  });
}

// R2 — 国办公开办函〔2021〕30号 表三（二）行注: 部分公开 counted only there; nothing in the numbers shows a
// double count, so there is no check (the rule stays in RULES for documentation).

// R3 — DERIVED domain.md §2.6: every row of 三, 总计 = Σ applicant columns
function r3(report: AnnualReport): Finding[] {
  return applicationRows(layoutOf(report)).flatMap((row) => {
    const lhs = COLUMNS.slice(0, TOTAL).map((c) => termAt(report, cellOf(row.path, c)));
    const rhs = [termAt(report, cellOf(row.path, TOTAL))];
    return equation('R3', lhs, rhs, (l, r) =>
      `表三「${rowName(rhs[0]!.cell)}」行：各类申请人之和 ${plus(lhs)} = ${l}，但「总计」列为${r}，不符合“总计等于各类申请人之和”。`,
    );
  });
}

// R4 — DERIVED domain.md §2.6: per column, （七）总计 = Σ result rows
function r4(report: AnnualReport): Finding[] {
  // a 'mixed' report may carry the single 2019 （六） row: its two 2021-only rows are then null
  const results = applicationRows(layoutOf(report)).filter((r) => r.result && (!r.only2021 || Array.isArray(getAt(report, r.path))));
  return COLUMNS.flatMap((c) => {
    const lhs = results.map((row) => termAt(report, cellOf(row.path, c)));
    const rhs = [termAt(report, cellOf(rowPath('totalHandled'), c))];
    return equation('R4', lhs, rhs, (l, r) =>
      `表三「${APPLICANT_COLUMN_LABELS[c]}」列：（一）至（六）各项办理结果之和为${l}，但「（七）总计」为${r}，不符合“总计等于各项办理结果之和”。`,
    );
  });
}

// R5 — DERIVED domain.md §2.6: 四(N) = 二(N+1); cross-year only, see checkPair (X1).

// R6 — DERIVED domain.md §2.6: each group of 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结
function r6(report: AnnualReport): Finding[] {
  return REVIEW_GROUPS.flatMap((g) => {
    const lhs = [0, 1, 2, 3].map((i) => termAt(report, cellOf(g.path, i)));
    const rhs = [termAt(report, cellOf(g.path, REVIEW_TOTAL))];
    const parts = (): string => lhs.map((t) => `${t.cell.column}（${t.value}）`).join('+ ');
    return equation('R6', lhs, rhs, (l, r) =>
      `表四「${rowName(rhs[0]!.cell)}」：${parts()}= ${l}，但「总计」为${r}，不符合“总计等于各项结果之和”。`,
    );
  });
}

// R7 — DERIVED domain.md §2.6 (+ §2.7 for the signed 本年增/减): non-negative integers; fees may be decimal
function r7(valued: Valued[]): Finding[] {
  return valued.flatMap(({ c, v }) => {
    if (v === null || c.text) return [];
    const decimal = c.at[c.at.length - 1] === 'feesWanYuan';
    const problem =
      typeof v !== 'number' || !Number.isFinite(v)
        ? '不是有效数字'
        : v < 0 && !c.signed
          ? '为负数，应为非负数'
          : !decimal && !Number.isInteger(v)
            ? '不是整数，件数应为整数'
            : null;
    if (!problem) return [];
    return [
      {
        rule: 'R7' as const,
        severity: RULES.R7.severity,
        cells: [bare(c)],
        found: typeof v === 'number' ? v : null,
        message: `${where(c)}的数值“${String(v)}”${problem}。`,
      },
    ];
  });
}

/** Every single-report rule on the tables. A null cell without a status entry is blank. */
export function checkReport(report: AnnualReport, options: { status?: Record<string, CellStatus> } = {}): Finding[] {
  const valued = cellsOf(report);
  return [...emptyCells(valued, options.status ?? {}), ...r1(report), ...r3(report), ...r4(report), ...r6(report), ...r7(valued)];
}

// ---------------------------------------------------------------------------------------------
// Two consecutive years of one agency

/** Cross-year checks; [] unless previous.year + 1 === next.year. */
export function checkPair(previous: AnnualReport, next: AnnualReport): Finding[] {
  if (previous.year === null || next.year === null || previous.year + 1 !== next.year) return [];
  const [py, ny] = [previous.year, next.year];
  const findings: Finding[] = [];

  // X1 — DERIVED domain.md §2.6 R5: 四(N) = 二(N+1), per applicant column
  for (const c of COLUMNS) {
    const before = numAt(previous, [...rowPath('carriedForward'), c]);
    const now = termAt(next, [...rowPath('carriedOver'), c]);
    if (before === null || now.value === null || before === now.value) continue;
    findings.push({
      rule: 'X1',
      severity: RULES.X1.severity,
      cells: [now.cell],
      expected: before,
      found: now.value,
      message:
        `表三「${APPLICANT_COLUMN_LABELS[c]}」列：${py}年度报告“四、结转下年度继续办理”为${before}，` +
        `但${ny}年度报告“二、上年结转政府信息公开申请数量”为${now.value}，二者应相等。`,
    });
  }

  // X2 — DERIVED domain.md §2.3: 现行有效 ≈ 上年现行有效 + 本年制发 − 本年废止 (2021 format: 2019 has no 废止)
  if (previous.format !== '2019' && next.format !== '2019') {
    for (const doc of ['regulations', 'normativeDocuments'] as const) {
      const at = (r: AnnualReport, field: string) => termAt(r, ['activeDisclosure', doc, field]);
      const before = at(previous, 'inForce').value;
      const [inForce, issued, repealed] = [at(next, 'inForce'), at(next, 'issued'), at(next, 'repealed')];
      if (before === null || inForce.value === null || issued.value === null || repealed.value === null) continue;
      const expected = before + issued.value - repealed.value;
      if (expected === inForce.value) continue;
      findings.push({
        rule: 'X2',
        severity: RULES.X2.severity,
        cells: [inForce.cell, issued.cell, repealed.cell],
        expected,
        found: inForce.value,
        message:
          `表二「${inForce.cell.row}」：${py}年现行有效件数${before} + ${ny}年制发${issued.value} − 废止${repealed.value} = ${expected}，` +
          `但${ny}年现行有效件数为${inForce.value}。有效期届满、修订等也可能造成差异，请核对。`,
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Prose against tables — P1, DERIVED: a number stated in 一/五/六 must agree with the tables

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 12 / 十二 / 两 / 一百零五 → number (NFKC-normalised text, so digits are ASCII). */
function parseCount(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    const u = CN_UNITS[ch];
    if (d !== undefined) digit = digit !== null && digit !== 0 && d !== 0 ? digit * 10 + d : d;
    else if (u !== undefined) {
      total += (digit ?? 1) * u;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

const NUM_CHARS = '0-9零〇一二两三四五六七八九十百千';
const NUM = `(?<![${NUM_CHARS}.])(?<n>[0-9]+|[零〇一二两三四五六七八九十百千]+)`;
const TAIL = `(?:的)?(?:申请)?(?:共计|共|合计|总计)?${NUM}件`;
const rx = (s: string): RegExp => new RegExp(s, 'g');

interface ProseFact {
  /** what the phrase states, in Chinese */
  what: string;
  /** a named group n holds the number; without it the phrase states 0 */
  patterns: RegExp[];
  /** acceptable readings, each a list of cells summed; the first is the one the finding names */
  readings: Path[][];
  /** the paragraph must match (context) */
  needs: RegExp;
  /** skip a clause that matches, years (2023年) removed (sub-counts, other meanings) */
  clauseGuard?: RegExp;
  /** skip a sentence that matches */
  sentenceGuard?: RegExp;
  /** a word every pattern needs: clauses without it are not searched (the patterns are costly) */
  anchor?: string;
}

const total = (key: string): Path => [...rowPath(key), TOTAL];
const groupTotals = (part: string): Path[] => APPLICATION_ROWS.filter((r) => r.path[2] === part).map((r) => [...r.path, TOTAL]);
const reviewTotal = (key: string): Path => [...(REVIEW_GROUPS.find((g) => g.key === key)?.path ?? []), REVIEW_TOTAL];
const [DENIED, UNABLE, NOT_PROCESSED] = [groupTotals('denied'), groupTotals('unableToProvide'), groupTotals('notProcessed')];
const LITIGATION = [reviewTotal('litigationDirect'), reviewTotal('litigationAfterReconsideration')];

const APPLICATION_CONTEXT = /申请/;
const REVIEW_CONTEXT = /公开/;
/** a sub-count by channel or applicant type, not the year's total */
const SUBCOUNT = /其中|通过|网上|网络|信函|当面|现场|邮寄|传真|邮件|来信|来访|平台|渠道|自然人|法人|企业/;
/** the reviewing organ's own caseload, or outcomes of cases rather than their number */
const REVIEW_OTHER = /办理|审理|受理|办结|纠|败诉|撤销|确认违法/;
/** a negation before 行政复议/行政诉讼 in the clause: lookbehind, so that both can be read from one negation */
const NEG = '(?<=(?:(?:未|没有)(?:发生|收到|接到|出现|产生|被提起|被申请|涉及|有)|不存在|无)[^0-9]{0,20})';

const PROSE_FACTS: ProseFact[] = [
  {
    what: '本年新收申请数',
    patterns: [
      rx(`(?:未|没有)(?:收到|受理|接到)(?:任何形式的|任何)?(?:政府信息公开|依申请公开|信息公开)?申请(?![人书表材])`),
      rx(`(?:未|没有)(?:收到|受理|接到)(?:任何)?依申请公开`),
    ],
    readings: [[total('newReceived')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /[0-9]/,
  },
  {
    what: '本年新收申请数',
    patterns: [
      rx(`(?:受理|收到|接到|接收|新收)(?:[^0-9]{0,12}?公开)?申请(?:数量|数|总数)?(?:为)?(?:共计|共|合计|总计)?${NUM}件`),
      rx(`受理依申请公开(?:事项|申请)?(?:共计|共|合计)?${NUM}件`),
      rx(`依申请公开(?:申请)?(?:数量|总数|数)为?${NUM}件`),
    ],
    // 受理 is sometimes counted with the applications carried over
    readings: [[total('newReceived')], [total('newReceived'), total('carriedOver')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: SUBCOUNT,
  },
  {
    what: '予以公开及部分公开数',
    anchor: '公开',
    patterns: [rx(`(?<!不)予以公开(?:及|和|与|、)部分(?:予以)?公开${TAIL}`)],
    readings: [[total('granted'), total('partlyGranted')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '予以公开数',
    patterns: [
      rx(`(?<!部分|不)(?:予以|准予)公开${TAIL}`),
      rx(`${NUM}件(?:(?!部分|不|未)[^0-9件]){0,10}?(?:予以|准予)公开(?![及和与、]部分)`),
    ],
    readings: [[total('granted')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '部分公开数',
    anchor: '公开',
    patterns: [rx(`部分(?:予以)?公开${TAIL}`)],
    readings: [[total('partlyGranted')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '不予公开数',
    anchor: '公开',
    patterns: [rx(`不予公开${TAIL}`)],
    // 不予公开 is loosely used for 无法提供 and 不予处理 too
    readings: [DENIED, [...DENIED, ...UNABLE], [...DENIED, ...UNABLE, ...NOT_PROCESSED]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '办结数',
    patterns: [rx(`(?:办结|已答复)(?:申请)?(?:共计|共)?${NUM}件`)],
    readings: [[total('totalHandled')]],
    needs: APPLICATION_CONTEXT,
    sentenceGuard: /延期|逾期|超期/,
  },
  {
    what: '行政复议数',
    anchor: '行政复议',
    patterns: [rx(`(?<!(?:诉讼)[、和及与或])行政复议(?:案件|申请)?(?:共计|共)?${NUM}(?:件|起)`)],
    readings: [[reviewTotal('reconsideration')]],
    needs: REVIEW_CONTEXT,
    clauseGuard: REVIEW_OTHER,
  },
  {
    what: '行政诉讼数',
    anchor: '行政诉讼',
    patterns: [rx(`(?<!(?:复议)[、和及与或])行政诉讼(?:案件)?(?:共计|共)?${NUM}(?:件|起)`)],
    readings: [LITIGATION],
    needs: REVIEW_CONTEXT,
    clauseGuard: REVIEW_OTHER,
  },
  {
    what: '行政复议数',
    anchor: '行政复议',
    patterns: [rx(`${NEG}行政复议`)],
    readings: [[reviewTotal('reconsideration')]],
    needs: REVIEW_CONTEXT,
    clauseGuard: new RegExp(`[0-9]|${REVIEW_OTHER.source}`),
  },
  {
    what: '行政诉讼数',
    anchor: '行政诉讼',
    patterns: [rx(`${NEG}行政诉讼`)],
    readings: [LITIGATION],
    needs: REVIEW_CONTEXT,
    clauseGuard: new RegExp(`[0-9]|${REVIEW_OTHER.source}`),
  },
];

/** other periods than the reporting year */
const OTHER_PERIOD = /同比|去年|上年|上一年|较上|较去|相比|累计|历年|以来|半年|季度|[0-9]+月/;

function otherYear(clause: string, year: number | null): boolean {
  if (year === null) return false;
  return [...clause.matchAll(/([0-9]{4})年/g)].some((m) => Number(m[1]) !== year);
}

/** NFKC, no spaces, no thousands separators: what the patterns read. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[ \t\u00a0]+/g, '')
    .replace(/([0-9]),([0-9]{3})(?![0-9])/g, '$1$2');
}

function describe(cells: CellLabel[]): string {
  const first = cells[0] as CellLabel;
  if (cells.length === 1) return where(first);
  const rows = cells.map(rowName);
  const group = rows[0]?.split(' ')[0] ?? '';
  const named = rows.every((r) => r.split(' ')[0] === group) ? `「${group}」各行` : `「${rows.join('」「')}」行`;
  return `${tableName(first)}${named}「${first.column}」列之和`;
}

interface Clause {
  paragraph: string;
  sentence: string;
  text: string;
}

/** The clauses of a text with their sentence and paragraph, those about another period left out. */
function* clausesOf(text: string, year: number | null): Generator<Clause> {
  for (const paragraph of normalise(text).split('\n')) {
    for (const sentence of paragraph.split(/[。！？!?;]+/)) {
      for (const clause of sentence.split(/[,，]+/)) {
        if (OTHER_PERIOD.test(clause.replace(/12月31日|1月1日/g, '')) || otherYear(clause, year)) continue;
        yield { paragraph, sentence, text: clause };
      }
    }
  }
}

/** The figures one clause states: [fact index, number]. A phrase read by one fact is masked for the next. */
function statements({ paragraph, sentence, text }: Clause): [number, number][] {
  const yearless = text.replace(/[0-9]{4}年/g, '');
  const out: [number, number][] = [];
  let rest = text;
  PROSE_FACTS.forEach((fact, i) => {
    if (fact.anchor !== undefined && !text.includes(fact.anchor)) return;
    if (!fact.needs.test(paragraph) || fact.sentenceGuard?.test(sentence) || fact.clauseGuard?.test(yearless)) return;
    for (const pattern of fact.patterns) {
      for (const m of rest.matchAll(pattern)) {
        const at = m.index ?? 0;
        rest = rest.slice(0, at) + '□'.repeat(m[0].length) + rest.slice(at + m[0].length);
        const stated = m.groups?.n === undefined ? 0 : parseCount(m.groups.n);
        if (stated !== null) out.push([i, stated]);
      }
    }
  });
  return out;
}

/** Numbers stated in the prose (一、总体情况, 五, 六) that contradict the tables. Conservative: misses rather than false alarms. */
export function checkProse(report: AnnualReport): Finding[] {
  const sections: [string, string | null | undefined][] = [
    [SECTION_TITLES[0], report.text?.overview],
    [SECTION_TITLES[4], report.text?.problems],
    [SECTION_TITLES[5], report.text?.other],
  ];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [section, text] of sections) {
    for (const clause of text ? clausesOf(text, report.year) : []) {
      for (const [i, stated] of statements(clause)) {
        const key = `${section}|${i}|${stated}`;
        const finding = seen.has(key) ? null : contradiction(report, PROSE_FACTS[i] as ProseFact, stated, section, clause.text);
        if (!finding) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
  }
  return findings;
}

function contradiction(report: AnnualReport, fact: ProseFact, stated: number, section: string, clause: string): Finding | null {
  const readings = fact.readings.map((paths) => paths.map((at) => termAt(report, at)));
  if (readings.some((terms) => terms.some((t) => t.value === null))) return null;
  if (readings.some((terms) => sum(terms) === stated)) return null;
  const primary = readings[0] as Term[];
  const found = sum(primary);
  const quote = clause.length > 40 ? `${clause.slice(0, 40)}…` : clause;
  return {
    rule: 'P1',
    severity: RULES.P1.severity,
    cells: primary.map((t) => t.cell),
    expected: stated,
    found,
    message: `“${section}”中写道“${quote}”（${fact.what}${stated}），但${describe(primary.map((t) => t.cell))}为${found}，两者不一致，请核对。`,
  };
}

// ---------------------------------------------------------------------------------------------

/** checkReport + checkProse: errors first, then in table order. */
export function checkAll(report: AnnualReport, options: { status?: Record<string, CellStatus> } = {}): Finding[] {
  const order = new Map(cellCatalogue(layoutOf(report)).map((c, i) => [c.path, i]));
  const position = (f: Finding) => order.get(f.cells[0]?.path ?? '') ?? Number.MAX_SAFE_INTEGER;
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return [...checkReport(report, options), ...checkProse(report)].sort((a, b) => rank(a) - rank(b) || position(a) - position(b));
}
