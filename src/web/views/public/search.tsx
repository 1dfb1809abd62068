// The column's search results: the query with category and year filters (GET, no JavaScript), "共约 N
// 条", each hit's title and snippet with the query's words as <mark> elements (the segments are text:
// nothing here is HTML), 下一页 by cursor. Pure.

import { Pager } from '../pager.tsx';
import { CategoryYearFields } from './category-year-fields.tsx';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { DateText } from './fields.tsx';
import { itemPath } from './proactive.tsx';
import type { CategoryEntry } from './proactive.tsx';

export interface MarkedText {
  text: string;
  mark: boolean;
}

export interface SearchHitView {
  id: number;
  indexNumber: string;
  titleMarked: readonly MarkedText[];
  snippet: readonly MarkedText[];
  docNumber: string;
  publishedOn: string | null;
  withdrawn: boolean;
}

export interface SearchViewModel {
  agency: ColumnAgency;
  categories: readonly Pick<CategoryEntry, 'code' | 'name'>[];
  years: readonly number[];
  query: { q: string; category: string; year: string };
  /** null: nothing asked yet */
  result: { hits: readonly SearchHitView[]; total: number; capped: boolean; empty: boolean; next: string | null } | null;
  /** a cursor was followed (the page is not the first) */
  continued: boolean;
}

/**
 * The whole title with the words the engine marked (its marked title may be cut around the first
 * match): each marked word marked wherever it occurs. Segments stay text.
 */
export function markTitle(title: string, marked: readonly MarkedText[]): MarkedText[] {
  const words = [...new Set(marked.filter((s) => s.mark && s.text !== '').map((s) => s.text))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return [{ text: title, mark: false }];
  const out: MarkedText[] = [];
  let plain = '';
  for (let i = 0; i < title.length; ) {
    const word = words.find((w) => title.startsWith(w, i));
    if (word === undefined) {
      plain += title[i];
      i += 1;
      continue;
    }
    if (plain !== '') out.push({ text: plain, mark: false });
    plain = '';
    out.push({ text: word, mark: true });
    i += word.length;
  }
  if (plain !== '') out.push({ text: plain, mark: false });
  return out;
}

/** A snippet without the guide's markup marks (## headings, - list items) left in the text. */
export function plainSnippet(segments: readonly MarkedText[]): MarkedText[] {
  return segments.map((s) => (s.mark ? s : { text: s.text.replace(/(^|\s)#{2,3}\s+/g, '$1').replace(/(^|\s)-\s+/g, '$1'), mark: false }));
}

function Marked(props: { segments: readonly MarkedText[] }) {
  return <>{props.segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

export function searchPage(vm: SearchViewModel): string {
  const path = `${columnBase(vm.agency.code)}/search`;
  const r = vm.result;
  return columnPage(
    vm.agency,
    'search',
    vm.query.q ? `搜索：${vm.query.q}` : '搜索',
    <>
      <h1>搜索本机关公开的政府信息</h1>
      <form class="filters" method="get" action={path} aria-label="检索条件">
        <div class="field">
          <label for="search-q">关键词</label>
          <input type="search" id="search-q" name="q" value={vm.query.q} maxlength={200} />
        </div>
        <CategoryYearFields idPrefix="search-" categories={vm.categories} years={vm.years} category={vm.query.category} year={vm.query.year} />
        <button type="submit">搜索</button>
      </form>
      {r === null ? (
        <p>请输入标题、正文中的词语，或文号、索引号。</p>
      ) : r.empty ? (
        <p>请输入要搜索的文字（不能只有标点符号）。</p>
      ) : r.hits.length === 0 ? (
        <p>没有找到与“{vm.query.q}”相关的信息。可以换一个词，或去掉类别、年份条件再试。</p>
      ) : (
        <>
          <p role="status">
            共约 {r.capped ? `${r.total}+` : r.total} 条结果{vm.continued ? '（续）' : ''}
          </p>
          <ol class="search-results item-list">
            {r.hits.map((h) => (
              <li>
                <div>
                  <h2 class="hit-title">
                    <a href={itemPath(vm.agency.code, h.id)}>
                      <Marked segments={h.titleMarked} />
                    </a>
                    {h.withdrawn ? <span class="badge overdue">已撤回</span> : null}
                  </h2>
                  <p class="hint">
                    索引号：{h.indexNumber}
                    {h.docNumber ? `　文号：${h.docNumber}` : ''}　发布日期：<DateText date={h.publishedOn} />
                  </p>
                  {h.withdrawn ? null : (
                    <p>
                      <Marked segments={h.snippet} />
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
      {r !== null ? <Pager path={path} query={{ q: vm.query.q, category: vm.query.category, year: vm.query.year }} next={r.next} prev={null} /> : null}
    </>,
    { query: vm.query.q },
  );
}
