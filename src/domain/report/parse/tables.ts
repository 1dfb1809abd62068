// Reading the three tables (二, 三, 四) from a stream of cells. Labels are recognised wherever they
// stand; the figures after a row's label, up to the next label, are that row's cells. A row never
// takes a figure it cannot place: when a row has more figures than cells, its cells stay null.

import { ACTIVE_DISCLOSURE_2019, ACTIVE_DISCLOSURE_2021, APPLICATION_ROWS, REVIEW_GROUPS, isSignedPath, pathToString, setAt } from '../layout.ts';
import type { Path, Subtable } from '../layout.ts';
import type { AnnualReport } from '../model.ts';
import type { CellStatus, Diagnostic } from '../types.ts';
import { HEADER_FORMAT, REVIEW_HEADERS, ROW_ITEM, itemOf, recognise, squeeze } from './labels.ts';
import type { Label } from './labels.ts';
import { readValue } from './values.ts';
import type { CellValue } from './values.ts';

type Fmt = '2021' | '2019';
type Table = '二' | '三' | '四';

interface Target {
  /** row key (三), sub-table row label (二) or 'review' (四) */
  key: string;
  label: string;
  table: Table;
  cells: Path[];
  textColumns: number[];
  /** the 2019 （六）其他处理 row, taken only when figures follow it directly */
  tentative?: boolean;
}

export interface TableReading {
  /** cells assigned: path string → value (number or text) or status */
  values: Map<string, { at: Path; value: number | string | null; status?: CellStatus }>;
  diagnostics: Diagnostic[];
  /** format evidence from 二 and from 三's （六） rows */
  activeFormat: Fmt | null;
  applicationsFormat: Fmt | null;
  /** tables in which at least one label was found */
  tablesSeen: Set<Table>;
  /** the last row being read when the cells ran out, if the stream ended inside a table */
  endedIn: { table: Table; label: string } | null;
}

const ROW_BY_KEY = new Map(APPLICATION_ROWS.map((r) => [r.key, r]));
const REVIEW_CELLS: Path[] = REVIEW_GROUPS.flatMap((g) => [0, 1, 2, 3, 4].map((i) => [...g.path, i]));

/** Which format the labels of the stream point to, before reading: used where a sub-table has no header. */
function prescan(labels: (Label | null)[]): Fmt | null {
  let f2019 = 0;
  let f2021 = 0;
  for (const l of labels) {
    if (!l) continue;
    const f = HEADER_FORMAT[l.id];
    if (f === '2019' || ['normativeDocuments2019', 'otherServices', 'procurement'].includes(l.id)) f2019++;
    if (f === '2021' || ['normativeDocuments', 'noCorrection', 'unpaidFee'].includes(l.id)) f2021++;
  }
  if (f2019 === 0 && f2021 === 0) return null;
  return f2019 > f2021 ? '2019' : '2021';
}

function subtableRow(item: number, labelId: string, fmt: Fmt): { sub: Subtable; index: number } | null {
  const tables = fmt === '2019' ? ACTIVE_DISCLOSURE_2019 : ACTIVE_DISCLOSURE_2021;
  const wanted: Record<string, string> = {
    regulations: '规章',
    normativeDocuments: fmt === '2019' ? '规范性文件' : '行政规范性文件',
    normativeDocuments2019: fmt === '2019' ? '规范性文件' : '行政规范性文件',
    licensing: '行政许可',
    otherServices: '其他对外管理服务事项',
    punishment: '行政处罚',
    enforcement: '行政强制',
    fees: '行政事业性收费',
    procurement: '政府集中采购',
  };
  for (const sub of tables) {
    if (itemOf(squeeze(sub.item)) !== item) continue;
    const index = sub.rows.findIndex((r) => r.label === wanted[labelId]);
    if (index >= 0) return { sub, index };
  }
  return null;
}

export function readTables(cells: readonly string[], defaultFormat: Fmt): TableReading {
  const reading: TableReading = {
    values: new Map(),
    diagnostics: [],
    activeFormat: null,
    applicationsFormat: null,
    tablesSeen: new Set(),
    endedIn: null,
  };
  const labels = cells.map((c) => (c === '' ? null : recognise(c)));
  const docFormat = prescan(labels) ?? defaultFormat;
  const assigned = new Set<string>();

  let table: Table | null = null;
  let itemFormat: Fmt | null = null;
  let saw2019 = false;
  let saw2021 = false;
  let rowsStarted = false;
  let target: Target | null = null;
  let values: CellValue[] = [];

  const finish = (next: Label | null): void => {
    if (!target) return;
    const t = target;
    target = null;
    if (t.tentative) {
      // 2021: （六）其他处理 is a group whose sub-rows follow; 2019: it is the row itself.
      const subRowFollows = next?.kind === 'row' && (next.id === 'noCorrection' || next.id === 'unpaidFee' || next.id === 'other');
      if (subRowFollows && values.every((v) => v.kind === 'blank')) {
        reading.applicationsFormat = '2021';
        return;
      }
      if (values.length === 0) return;
      reading.applicationsFormat = '2019';
    }
    assign(t, values);
  };

  const assign = (t: Target, vals: CellValue[]): void => {
    const k = t.cells.length;
    const rowId = `${t.table}:${t.key}`;
    if (assigned.has(rowId)) {
      if (vals.some((v) => v.kind === 'number')) {
        reading.diagnostics.push({
          code: 'DUPLICATE_ROW',
          severity: 'warning',
          message: `表${t.table}「${t.label}」行出现不止一次，已采用第一次出现的数字，后一次的数字未采用。`,
          path: pathToString(t.cells[0] ?? []),
        });
      }
      return;
    }
    const placed = fit(vals, k);
    if (placed === 'ambiguous') {
      const numbers = vals.filter((v) => v.kind === 'number').map((v) => v.raw);
      reading.diagnostics.push({
        code: 'AMBIGUOUS_ROW',
        severity: 'warning',
        message: `表${t.table}「${t.label}」行有${numbers.length}个数字（${numbers.join('、')}），多于该行的${k}个单元格，无法确定各数字所在列，该行未读取。`,
        path: pathToString(t.cells[0] ?? []),
      });
      return;
    }
    if (placed.tie) {
      reading.diagnostics.push({
        code: 'AMBIGUOUS_POSITION',
        severity: 'info',
        message: `表${t.table}「${t.label}」行的空白单元格使数字所在列不能完全确定，已按从左到右的顺序读取，请核对。`,
        path: pathToString(t.cells[0] ?? []),
      });
    }
    assigned.add(rowId);
    t.cells.forEach((at, i) => {
      const v = placed.cells[i];
      const key = pathToString(at);
      if (v === undefined) return; // never reached: left for the caller to mark missing
      if (v.kind === 'blank') {
        reading.values.set(key, { at, value: null, status: 'blank' });
        return;
      }
      if (t.textColumns.includes(i)) {
        reading.values.set(key, { at, value: v.raw });
        return;
      }
      const checked = validFigure(at, v);
      if (typeof checked === 'number') reading.values.set(key, { at, value: checked });
      else {
        reading.values.set(key, { at, value: null, status: 'invalid' });
        reading.diagnostics.push({ code: 'INVALID_VALUE', severity: 'error', message: `表${t.table}「${t.label}」行：${checked}`, path: key });
      }
      if (v.unit === '元' && at[at.length - 1] === 'feesWanYuan') {
        reading.diagnostics.push({
          code: 'UNIT_CONVERTED',
          severity: 'info',
          message: `行政事业性收费金额“${v.raw}”以元为单位，已换算为万元。`,
          path: key,
        });
      }
    });
  };

  cells.forEach((cell, index) => {
    const label = labels[index] ?? null;
    if (label === null) {
      const v = readValue(cell);
      if (v) {
        if (target) values.push(v);
        return;
      }
      // prose or an unknown word: ends a row that has figures, or continues a label that has none
      if (target && values.length > 0 && values.some((x) => x.kind === 'number')) finish(null);
      return;
    }
    const resolved = resolve(label, table, rowsStarted);
    if (target?.key === 'review' && isReviewHeader(resolved, table)) {
      values = []; // the figures of 四 follow its last header cell
      return;
    }
    finish(resolved);
    values = [];
    switch (resolved.kind) {
      case 'section': {
        table = ({ '2': '二', '3': '三', '4': '四' } as Record<string, Table>)[resolved.id] ?? null;
        if (table === '三') rowsStarted = false;
        return;
      }
      case 'item':
        table = '二';
        reading.tablesSeen.add('二');
        itemFormat = null;
        return;
      case 'header': {
        const f = HEADER_FORMAT[resolved.id];
        if (f) {
          table = '二';
          reading.tablesSeen.add('二');
          itemFormat = f;
          if (f === '2019') saw2019 = true;
          else saw2021 = true;
          return;
        }
        if (isReviewHeader(resolved, table)) {
          table = '四';
          reading.tablesSeen.add('四');
          if (!assigned.has('四:review')) {
            target = { key: 'review', label: '行政复议、行政诉讼', table: '四', cells: REVIEW_CELLS, textColumns: [] };
          }
          return;
        }
        if (resolved.id !== 'infoContent' && resolved.id !== 'subheading') {
          table = '三';
          reading.tablesSeen.add('三');
        }
        return;
      }
      case 'group':
        table = '三';
        reading.tablesSeen.add('三');
        rowsStarted = true;
        if (resolved.id === 'otherHandling') {
          const spec = ROW_BY_KEY.get('other');
          if (spec) target = { key: 'other', label: '（六）其他处理', table: '三', cells: rowCells(spec.path), textColumns: [], tentative: true };
        }
        return;
      case 'row': {
        const t2Item = ROW_ITEM[resolved.id];
        if (t2Item !== undefined) {
          table = '二';
          reading.tablesSeen.add('二');
          const only2019 = resolved.id === 'normativeDocuments2019' || resolved.id === 'otherServices' || resolved.id === 'procurement';
          const fmt: Fmt = only2019 ? '2019' : itemFormat ?? (resolved.id === 'normativeDocuments' ? '2021' : docFormat);
          if (fmt === '2019') saw2019 = true;
          else saw2021 = true;
          const found = subtableRow(t2Item, resolved.id, fmt);
          if (!found) return;
          const row = found.sub.rows[found.index];
          if (!row) return;
          target = { key: row.label, label: row.label, table: '二', cells: row.cells, textColumns: found.sub.textColumns ?? [] };
          return;
        }
        const spec = ROW_BY_KEY.get(resolved.id);
        if (!spec) return;
        table = '三';
        reading.tablesSeen.add('三');
        rowsStarted = true;
        if (resolved.id === 'noCorrection' || resolved.id === 'unpaidFee') reading.applicationsFormat = '2021';
        target = { key: spec.key, label: spec.label, table: '三', cells: rowCells(spec.path), textColumns: [] };
        return;
      }
      default:
        return;
    }
  });
  if (target !== null) {
    const t: Target = target;
    if (values.length < t.cells.length) reading.endedIn = { table: t.table, label: t.label };
    finish(null);
  }
  reading.activeFormat = saw2019 ? '2019' : saw2021 ? '2021' : null;
  return reading;
}

function isReviewHeader(label: Label, table: Table | null): boolean {
  return label.kind === 'header' && (REVIEW_HEADERS.has(label.id) || (label.id === 'total' && table === '四'));
}

function rowCells(path: Path): Path[] {
  return [0, 1, 2, 3, 4, 5, 6].map((i) => [...path, i]);
}

/** Settle the labels whose meaning depends on where they stand: 总计 and 其他 in 三 or 四. */
function resolve(label: Label, table: Table | null, rowsStarted: boolean): Label {
  if (label.kind === 'section' && !/^[一二三四五六][、.．]/.test(label.ordinal ?? '')) return { ...label, kind: 'header', id: 'subheading' };
  if (label.kind !== 'ambiguous') return label;
  if (label.id === 'total') {
    if (table === '四') return { kind: 'header', id: 'total', ordinal: label.ordinal };
    if (table === '三' && (rowsStarted || label.ordinal)) return { kind: 'row', id: 'totalHandled', ordinal: label.ordinal };
    return { kind: 'header', id: 'columnTotal', ordinal: label.ordinal };
  }
  // 其他: the last row of （六）其他处理, or the last applicant column
  if (table === '三' && (rowsStarted || label.ordinal)) return { kind: 'row', id: 'other', ordinal: label.ordinal };
  return { kind: 'header', id: 'columnOther', ordinal: label.ordinal };
}

/**
 * Place a row's cells. More cells than the row has: blanks from merged label columns or filler
 * cells; take the window with the most figures (leftmost on a tie) — unless a figure would fall
 * outside it, which is ambiguous. Fewer: the rest were never reached.
 */
export function fit(vals: readonly CellValue[], k: number): { cells: (CellValue | undefined)[]; tie: boolean } | 'ambiguous' {
  if (vals.length <= k) return { cells: Array.from({ length: k }, (_, i) => vals[i]), tie: false };
  const isNum = vals.map((v) => (v.kind === 'number' ? 1 : 0));
  const total = isNum.reduce<number>((a, b) => a + b, 0);
  let best = -1;
  let bestOffset = 0;
  let ties = 0;
  let window = 0;
  for (let i = 0; i < k; i++) window += isNum[i] ?? 0;
  for (let o = 0; o + k <= vals.length; o++) {
    if (o > 0) window += (isNum[o + k - 1] ?? 0) - (isNum[o - 1] ?? 0);
    if (window > best) {
      best = window;
      bestOffset = o;
      ties = 0;
    } else if (window === best) ties++;
  }
  if (best < total) return 'ambiguous';
  return { cells: vals.slice(bestOffset, bestOffset + k), tie: ties > 0 && best > 0 };
}

/** A figure valid for its cell, or why it is not (in Chinese). */
function validFigure(at: Path, v: Extract<CellValue, { kind: 'number' }>): number | string {
  const last = at[at.length - 1];
  if (last === 'feesWanYuan') {
    const wan = v.unit === '元' ? v.value / 10000 : v.value;
    if (wan < 0) return `收费金额“${v.raw}”为负数。`;
    return Number(wan.toFixed(6));
  }
  if (!Number.isInteger(v.value)) return `“${v.raw}”不是整数，件数必须是整数。`;
  if (v.value < 0 && !isSignedPath(at)) return `“${v.raw}”为负数，件数不能为负。`;
  if (v.unit === '万元' || v.unit === '元') return `“${v.raw}”带金额单位，而该单元格应为件数。`;
  return v.value;
}
