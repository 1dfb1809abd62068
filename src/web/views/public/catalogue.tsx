// 政府信息公开目录 (条例第十二条): a table of 索引号, 名称, 内容概述, 发布机构, 成文日期, 文号, filtered by
// category, year and 文号 with a GET form (no JavaScript), 上一页/下一页. At 360 px the table scrolls
// inside its container (a focusable region) instead of squeezing its columns. Pure.

import { Pager } from '../pager.tsx';
import { CategoryYearFields } from './category-year-fields.tsx';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { DateText } from './fields.tsx';
import { itemPath } from './proactive.tsx';
import type { CategoryEntry } from './proactive.tsx';

export interface CatalogueRow {
  id: number;
  indexNumber: string;
  title: string;
  summary: string;
  publisher: string;
  writtenOn: string | null;
  docNumber: string;
  withdrawn: boolean;
  corrected: boolean;
}

export interface CatalogueFilter {
  category: string;
  year: string;
  docNumber: string;
}

export interface CatalogueViewModel {
  agency: ColumnAgency;
  categories: readonly CategoryEntry[];
  years: readonly number[];
  filter: CatalogueFilter;
  rows: readonly CatalogueRow[];
  next: string | null;
  prev: string | null;
}

/** A summary short enough for a table cell. */
const brief = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max)}…` : text);

export function cataloguePage(vm: CatalogueViewModel): string {
  const path = `${columnBase(vm.agency.code)}/catalogue`;
  const filtered = vm.filter.category !== '' || vm.filter.year !== '' || vm.filter.docNumber !== '';
  return columnPage(
    vm.agency,
    'catalogue',
    '政府信息公开目录',
    <>
      <h1>政府信息公开目录</h1>
      <p>本目录列出本机关主动公开的政府信息，每条包括索引号、名称、内容概述、发布机构、成文日期和文号。点击名称查看全文。</p>
      <form class="filters" method="get" action={path} aria-label="筛选目录">
        <CategoryYearFields idPrefix="" categories={vm.categories} years={vm.years} category={vm.filter.category} year={vm.filter.year} />
        <div class="field">
          <label for="docNumber">文号</label>
          <input type="text" id="docNumber" name="docNumber" value={vm.filter.docNumber} maxlength={100} placeholder="如〔2024〕3号" />
        </div>
        <button type="submit">筛选</button>
        {filtered ? (
          <a class="button secondary" href={path}>
            清除筛选
          </a>
        ) : null}
      </form>
      {vm.rows.length === 0 ? (
        <p>{filtered ? '没有符合条件的信息。' : '目录中暂无信息。'}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="政府信息公开目录（可横向滚动）" tabindex={0}>
          <table class="catalogue-table">
            <caption>政府信息公开目录</caption>
            <thead>
              <tr>
                <th scope="col" class="nowrap">
                  索引号
                </th>
                <th scope="col">名称</th>
                <th scope="col">内容概述</th>
                <th scope="col">发布机构</th>
                <th scope="col" class="nowrap">
                  成文日期
                </th>
                <th scope="col">文号</th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <td class="nowrap">{r.indexNumber}</td>
                  <td>
                    <a href={itemPath(vm.agency.code, r.id)}>{r.title}</a>
                    {r.withdrawn ? <span class="badge overdue">已撤回</span> : r.corrected ? <span class="badge provisional">已更正</span> : null}
                  </td>
                  <td>{brief(r.summary)}</td>
                  <td>{r.publisher}</td>
                  <td class="nowrap">
                    <DateText date={r.writtenOn} />
                  </td>
                  <td>{r.docNumber || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={path} query={{ category: vm.filter.category, year: vm.filter.year, docNumber: vm.filter.docNumber }} next={vm.next} prev={vm.prev} />
    </>,
  );
}
