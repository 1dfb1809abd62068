// The board's pure parts (domain/oversight/board.ts) and the report renderer's cell marks: query
// parameters parsed with unknown values falling back to "all", filters, the orders (a missing date last
// either way), the counts; marked cells carry a class, an id and a visible linked note, unmarked output
// is unchanged.

import { describe, expect, it } from 'vitest';
import { boardCounts, boardQueryString, filterRows, parseBoardQuery, type BoardRow } from '../../src/domain/oversight/board.ts';
import { emptyReport } from '../../src/domain/report/model.ts';
import { cellAnchor, renderHtml } from '../../src/domain/report/render/index.ts';

const row = (over: Partial<BoardRow>): BoardRow => ({
  code: 'a',
  name: '甲',
  level: 'department',
  depth: 1,
  order: 0,
  source: 'platform',
  heldSource: 'platform',
  unreadable: false,
  publishedOn: '2024-01-20',
  dueOn: '2024-01-31',
  daysLate: 0,
  status: '通过',
  score: 100,
  errors: 0,
  warnings: 0,
  remindedAt: null,
  ...over,
});

const rows: BoardRow[] = [
  row({ code: 'a', name: '示范市统计局', order: 0, score: 90, errors: 1, publishedOn: '2024-02-10', daysLate: 10, status: '未通过' }),
  row({ code: 'b', name: '大营镇人民政府', level: 'township', order: 1, source: 'none', heldSource: null, publishedOn: null, daysLate: null, status: '未发布', score: 0, errors: 1 }),
  row({ code: 'c', name: '示范市审计局', order: 2, source: 'upload', heldSource: 'upload', score: 95, publishedOn: '2024-01-05' }),
  row({ code: 'd', name: '财政局', order: 3, source: 'excluded', heldSource: null, publishedOn: null, daysLate: null, status: '未发布', score: 0, errors: 1 }),
];

describe('the board', () => {
  it('parses its query, unknown values falling back to all', () => {
    expect(parseBoardQuery({ status: '未通过', sort: 'score', dir: 'desc', q: '  统计 ', level: 'township' })).toEqual({ status: '未通过', level: 'township', source: '', q: '统计', sort: 'score', dir: 'desc' });
    expect(parseBoardQuery({ status: 'x', sort: 'drop table', dir: 'up', source: 'mail', level: '<b>' })).toEqual({ status: '', level: '', source: '', q: '', sort: 'tree', dir: 'asc' });
    expect(boardQueryString(parseBoardQuery({ q: '统计' }), { sort: 'name' })).toBe(`?q=${encodeURIComponent('统计')}&sort=name`);
  });

  it('filters and orders; a missing date is last both ways', () => {
    const names = (q: Record<string, string>) => filterRows(rows, parseBoardQuery(q)).map((r) => r.code);
    expect(names({})).toEqual(['a', 'b', 'c', 'd']);
    expect(names({ source: 'none' })).toEqual(['b']);
    expect(names({ source: 'excluded' })).toEqual(['d']);
    expect(names({ q: '示范' })).toEqual(['a', 'c']);
    expect(names({ status: '未发布' })).toEqual(['b', 'd']);
    expect(names({ sort: 'score', dir: 'desc' })).toEqual(['c', 'a', 'b', 'd']);
    expect(names({ sort: 'date' })).toEqual(['c', 'a', 'b', 'd']);
    expect(names({ sort: 'date', dir: 'desc' })).toEqual(['a', 'c', 'b', 'd']);
    expect(names({ sort: 'errors', dir: 'desc' })).toEqual(['a', 'b', 'd', 'c']);
  });

  it('counts over all rows', () => {
    expect(boardCounts(rows)).toEqual({ agencies: 4, published: 2, notPublished: 2, late: 1, failing: 1, excluded: 1, remindable: 1 });
  });
});

describe('cell marks in the report HTML', () => {
  it('marks a cell by its path with a class, an id and a visible linked note; unmarked output unchanged', () => {
    const report = emptyReport('2021');
    report.applications.rows.newReceived[6] = 5;
    const path = 'applications.rows.newReceived[6]';
    const plain = renderHtml(report, { standalone: false });
    expect(plain).not.toContain('gk-mark');
    const marked = renderHtml(report, { standalone: false, marks: new Map([[path, { severity: 'error', notes: [{ text: '错误 R1-1', href: '#finding-R1-1' }] }]]) });
    expect(cellAnchor(path)).toBe('cell-applications-rows-newReceived-6');
    expect(marked).toContain(`<td class="gk-mark gk-mark-error" id="cell-applications-rows-newReceived-6">5<span class="gk-mark-note">【<a href="#finding-R1-1">错误 R1-1</a>】</span></td>`);
    expect(marked.match(/gk-mark-error/g)).toHaveLength(1);
    expect(marked.replace(/<td class="gk-mark[^>]*>5<span[^]*?<\/span><\/td>/, '<td>5</td>')).toBe(plain);
  });
});
