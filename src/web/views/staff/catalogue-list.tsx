// 主动公开 (the staff's catalogue list): a search box (to the search page), filters (GET, so a filtered
// list is a link), the items newest first with 上一页/下一页 (keyset). The table scrolls inside its
// container on a narrow screen. Pure.

import { ARTICLE_20_ITEMS, DISCLOSURES, DOC_TYPES, ITEM_STATE_LABELS, ITEM_STATES, OWN_CATEGORY_PREFIX, type ItemState } from '../../../domain/catalogue/vocab.ts';
import type { CatalogueListRow } from '../../../services/catalogue/list.ts';
import { ErrorSummary } from '../layout.tsx';
import { Pager } from '../pager.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export interface CatalogueListQuery {
  state: string;
  category: string;
  docType: string;
  year: string;
  disclosure: string;
}

export interface CatalogueListProps {
  query: CatalogueListQuery;
  rows: CatalogueListRow[];
  next: string | null;
  prev: string | null;
  own: { code: string; name: string }[];
  errors: { field: string; message: string }[];
  done?: string;
}

/** A category's short label: （一）… for 第二十条, the own category's name otherwise. */
export function categoryLabel(code: string, own: readonly { code: string; name: string }[]): string {
  const a20 = ARTICLE_20_ITEMS.find((c) => c.code === code);
  if (a20) return `第二十条第（${a20.numeral}）项`;
  return own.find((c) => `${OWN_CATEGORY_PREFIX}${c.code}` === code)?.name ?? code;
}

/** The 信息类别 choices of a select: 第二十条's items, then the agency's own. */
export function categoryOptions(own: readonly { code: string; name: string }[]): [string, string][] {
  return [
    ...ARTICLE_20_ITEMS.map((c): [string, string] => [c.code, `第二十条第（${c.numeral}）项 ${c.name}`]),
    ...own.map((c): [string, string] => [`${OWN_CATEGORY_PREFIX}${c.code}`, `本机关类别：${c.name}`]),
  ];
}

function FilterSelect(props: { id: string; label: string; value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        <option value="">全部</option>
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.value === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function catalogueListPage(frame: StaffFrame, props: CatalogueListProps): string {
  const base = `${staffBase(frame.agency?.code ?? '')}/catalogue`;
  const q = props.query;
  return staffPage(
    frame,
    '主动公开',
    <>
      <h1>主动公开</h1>
      {props.done ? (
        <div class="notice" role="status">
          <p>{props.done}</p>
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <p>
        {frame.may.handle ? (
          <>
            <a href={`${base}/new`}>新建信息</a>
            {' · '}
            <a href={`${base}/import`}>导入</a>
            {' · '}
          </>
        ) : null}
        <a href={`${base}/export?format=csv`}>导出（CSV）</a>
        {' · '}
        <a href={`${base}/export?format=xlsx`}>导出（Excel）</a>
        {frame.may.admin ? (
          <>
            {' · '}
            <a href={`${base}/settings`}>目录设置</a>
          </>
        ) : null}
      </p>
      <form method="get" action={`${base}/search`} role="search" aria-label="搜索政府信息">
        <div class="field">
          <label for="q">搜索</label>
          <p class="hint" id="q-hint">
            按标题、文号、索引号、正文和附件内容搜索。
          </p>
          <input type="search" id="q" name="q" maxlength={200} aria-describedby="q-hint" />
        </div>
        <button type="submit">搜索</button>
      </form>
      <form method="get" action={base} aria-label="筛选政府信息">
        <fieldset>
          <legend>筛选条件</legend>
          <FilterSelect id="state" label="状态" value={q.state} options={ITEM_STATES.map((s) => [s, ITEM_STATE_LABELS[s]] as const)} />
          <FilterSelect id="category" label="信息类别" value={q.category} options={categoryOptions(props.own)} />
          <FilterSelect id="docType" label="文件类型" value={q.docType} options={DOC_TYPES.map((d) => [d, d] as const)} />
          <div class="field">
            <label for="year">年份</label>
            <p class="hint" id="year-hint">
              按发布日期（未发布的按成文日期或形成日期）。
            </p>
            <input type="text" inputmode="numeric" id="year" name="year" value={q.year} maxlength={4} aria-describedby="year-hint" style="max-width:8rem" />
          </div>
          <FilterSelect id="disclosure" label="公开属性" value={q.disclosure} options={[...DISCLOSURES.map((d) => [d, d] as const), ['none', '未确定'] as const]} />
        </fieldset>
        <button type="submit">筛选</button> <a href={base}>清除筛选</a>
      </form>
      {props.rows.length === 0 ? (
        <p>没有符合条件的信息。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="政府信息目录（可横向滚动）" tabindex={0}>
          <table>
            <caption>政府信息目录</caption>
            <thead>
              <tr>
                <th scope="col">索引号</th>
                <th scope="col">标题</th>
                <th scope="col">文号</th>
                <th scope="col">信息类别</th>
                <th scope="col">状态</th>
                <th scope="col">成文日期</th>
                <th scope="col">发布日期</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td style="white-space:nowrap">{r.indexNumber}</td>
                  <td style="min-width:14rem">
                    <a href={`${base}/${r.id}`}>{r.title}</a>
                  </td>
                  <td style="white-space:nowrap">{r.docNumber || '—'}</td>
                  <td>{categoryLabel(r.category, props.own)}</td>
                  <td style="white-space:nowrap">{ITEM_STATE_LABELS[r.state as ItemState] ?? r.state}</td>
                  <td style="white-space:nowrap">{r.writtenOn ?? '—'}</td>
                  <td style="white-space:nowrap">{r.publishedOn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} query={{ ...q }} next={props.next} prev={props.prev} />
    </>,
  );
}
