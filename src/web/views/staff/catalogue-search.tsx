// 目录检索 (staff): the search form (GET, so a search is a link) with 信息类别 and 年份, and the ranked hits,
// drafts too, each with its state, 索引号, 文号 and a snippet with the query's words marked; 下一页 by
// the cursor. Pure.

import { article20Label, ARTICLE_20_ITEMS, ITEM_STATE_LABELS, OWN_CATEGORY_PREFIX, type ItemState } from '../../../domain/catalogue/vocab.ts';
import type { SearchResult } from '../../../services/search/catalogue-search.ts';
import { ErrorSummary } from '../layout.tsx';
import { Pager } from '../pager.tsx';
import { Marked } from '../search/marked.tsx';
import { staffBase, staffPage, type StaffFrame } from './frame.tsx';

export interface CatalogueSearchQuery {
  q: string;
  category: string;
  year: string;
}

export interface CatalogueSearchProps {
  query: CatalogueSearchQuery;
  /** the agency's own 信息类别 */
  own: readonly { code: string; name: string }[];
  years: readonly number[];
  result: SearchResult | null;
  /** this page continues a search (a cursor was given) */
  continued: boolean;
  errors: { field: string; message: string }[];
}

export function catalogueSearchPage(frame: StaffFrame, props: CatalogueSearchProps): string {
  const base = staffBase(frame.agency?.code ?? '');
  const path = `${base}/catalogue/search`;
  const { query, result } = props;
  const categoryName = (code: string) => (code.startsWith(OWN_CATEGORY_PREFIX) ? (props.own.find((o) => `${OWN_CATEGORY_PREFIX}${o.code}` === code)?.name ?? code) : (article20Label(code) ?? code));
  return staffPage(
    frame,
    query.q === '' ? '目录检索' : `检索：${query.q}`,
    <>
      <h1>目录检索</h1>
      <p>
        <a href={`${base}/catalogue`}>返回主动公开目录</a>
      </p>
      <ErrorSummary errors={props.errors} />
      <form method="get" action={path} role="search" aria-label="检索本机关的政府信息公开目录">
        <div class="field">
          <label for="q">检索词</label>
          <p class="hint" id="q-hint">
            标题、内容概述、正文和附件中的词语，文号（如 〔2024〕3号）或索引号；含草稿等未公开的信息。
          </p>
          <input type="search" id="q" name="q" value={query.q} maxlength={100} aria-describedby="q-hint" />
        </div>
        <div class="field">
          <label for="category">信息类别</label>
          <select id="category" name="category">
            <option value="">全部</option>
            {ARTICLE_20_ITEMS.map((a) => (
              <option value={a.code} selected={query.category === a.code}>
                第二十条第（{a.numeral}）项 {a.name}
              </option>
            ))}
            {props.own.map((o) => (
              <option value={`${OWN_CATEGORY_PREFIX}${o.code}`} selected={query.category === `${OWN_CATEGORY_PREFIX}${o.code}`}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="year">年份（成文日期）</label>
          <select id="year" name="year">
            <option value="">全部</option>
            {props.years.map((y) => (
              <option value={String(y)} selected={query.year === String(y)}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <button type="submit">检索</button>
      </form>
      {result === null ? null : (
        <section aria-labelledby="results">
          <h2 id="results">检索结果</h2>
          {result.empty ? (
            <p role="status">请输入检索词：词语、文号或索引号。</p>
          ) : result.hits.length === 0 ? (
            <p role="status">{props.continued ? '没有更多结果了。' : `没有找到与“${query.q}”相关的信息。`}</p>
          ) : (
            <>
              <p role="status">
                {result.capped ? `找到 ${result.total} 条以上` : `找到 ${result.total} 条`}，按相关度排列{props.continued ? '（续）' : ''}。
              </p>
              <ol class="search-hits">
                {result.hits.map((h) => (
                  <li>
                    <h3 style="margin-bottom:.2rem">
                      <a href={`${base}/catalogue/${h.id}`}>
                        <Marked segments={h.titleMarked} />
                      </a>
                    </h3>
                    <p class="hint" style="margin:.1rem 0">
                      {ITEM_STATE_LABELS[h.state as ItemState] ?? h.state} · 索引号 {h.indexNumber}
                      {h.docNumber !== '' ? ` · 文号 ${h.docNumber}` : ''} · {categoryName(h.category)}
                      {h.publishedOn !== null ? ` · 发布 ${h.publishedOn}` : h.writtenOn !== null ? ` · 成文 ${h.writtenOn}` : ''}
                    </p>
                    {h.snippet.length > 0 ? (
                      <p style="margin-top:.2rem">
                        <Marked segments={h.snippet} />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          )}
          <Pager path={path} query={{ q: query.q, category: query.category, year: query.year }} next={result.next} prev={null} />
          {props.continued ? (
            <p>
              <a href={`${path}?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString()}`}>回到第一页</a>
            </p>
          ) : null}
        </section>
      )}
    </>,
  );
}
