// The checks on the tables of one report (blank, missing and unreadable cells; R1–R7) and between
// two consecutive years of one agency (X1, X2).

import { APPLICANT_COLUMN_LABELS, REVIEW_GROUPS, applicationRows, cellCatalogue, getAt, type CellLabel } from '../layout.ts';
import type { AnnualReport } from '../model.ts';
import type { CellStatus, Finding } from '../types.ts';
import { RULES } from './rules.ts';
import { COLUMNS, REVIEW_TOTAL, TOTAL, cellOf, equation, layoutOf, numAt, plus, rowName, rowPath, tableName, termAt, where } from './terms.ts';

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

/**
 * What the cross-year checks read of a report: its format and year, 表二's 规章 and 行政规范性文件, and
 * 表三's 二、上年结转 and 四、结转下年度 rows. An AnnualReport is one; pairFacts cuts a report down to it, so
 * that a check over many files keeps these few cells of each, not whole reports.
 */
export interface PairFacts {
  format: AnnualReport['format'];
  year: number | null;
  activeDisclosure: Pick<AnnualReport['activeDisclosure'], 'regulations' | 'normativeDocuments'>;
  applications: { rows: Pick<AnnualReport['applications']['rows'], 'carriedOver' | 'carriedForward'> };
}

/** The cells of `report` that checkPair reads (copied: nothing else of the report is kept alive). */
export function pairFacts(report: PairFacts): PairFacts {
  const { regulations, normativeDocuments } = report.activeDisclosure;
  const { carriedOver, carriedForward } = report.applications.rows;
  return {
    format: report.format,
    year: report.year,
    activeDisclosure: { regulations: { ...regulations }, normativeDocuments: { ...normativeDocuments } },
    applications: { rows: { carriedOver: [...carriedOver], carriedForward: [...carriedForward] } },
  };
}

/** Cross-year checks; [] unless previous.year + 1 === next.year. Reads only what PairFacts holds. */
export function checkPair(previousFacts: PairFacts, nextFacts: PairFacts): Finding[] {
  // the cell readers take a report; they read the paths PairFacts keeps, and the format
  const [previous, next] = [previousFacts as AnnualReport, nextFacts as AnnualReport];
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

