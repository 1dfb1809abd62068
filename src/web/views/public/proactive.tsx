// 法定主动公开内容: the categories (条例第二十条's fifteen items and the agency's own) with how many
// items each holds, and a category's page with its items, newest first, 上一页/下一页. Pure.

import { Pager } from '../pager.tsx';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { DateText } from './fields.tsx';

export interface CategoryEntry {
  code: string;
  label: string;
  name: string;
  items: number;
}

export interface ListEntry {
  id: number;
  title: string;
  docNumber: string;
  publishedOn: string | null;
  withdrawn: boolean;
  corrected: boolean;
}

export const categoryPath = (agencyCode: string, category: string): string => `${columnBase(agencyCode)}/proactive/${encodeURIComponent(category)}`;
export const itemPath = (agencyCode: string, id: number): string => `${columnBase(agencyCode)}/info/${id}`;

export interface ProactiveViewModel {
  agency: ColumnAgency;
  categories: readonly CategoryEntry[];
  guideIsDefault: boolean;
  rulesIsDefault: boolean;
  reportYears: readonly number[];
}

export function proactivePage(vm: ProactiveViewModel): string {
  const base = columnBase(vm.agency.code);
  const total = vm.categories.reduce((n, c) => n + c.items, 0);
  return columnPage(
    vm.agency,
    'proactive',
    '法定主动公开内容',
    <>
      <h1>法定主动公开内容</h1>
      <p>本栏目按《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的类别公开本机关应当主动公开的政府信息。属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内公开（条例第二十六条）。</p>
      <h2>本栏目目前已有的内容</h2>
      <ul>
        <li>
          <a href={`${base}/guide`}>政府信息公开指南</a>
          {vm.guideIsDefault ? '（平台生成的通用文本，待本机关补充完善）' : ''}
        </li>
        <li>
          <a href={`${base}/rules`}>政府信息公开制度</a>
          {vm.rulesIsDefault ? '（平台生成的通用文本，待本机关补充完善）' : ''}
        </li>
        <li>
          <a href={`${base}/catalogue`}>政府信息公开目录</a>
          {total > 0 ? `（共${total}条）` : '（暂无信息）'}
        </li>
        <li>
          <a href={`${base}/reports`}>政府信息公开工作年度报告</a>
          {vm.reportYears.length > 0 ? `（已发布${vm.reportYears.length}份：${vm.reportYears.map((y) => `${y}年`).join('、')}）` : '（尚未发布）'}
        </li>
      </ul>
      <h2>主动公开的信息类别</h2>
      <div class="table-wrap" role="region" aria-label="主动公开的信息类别及已公开信息数（可横向滚动）" tabindex={0}>
        <table>
          <caption>主动公开的信息类别及已公开信息数</caption>
          <thead>
            <tr>
              <th scope="col">依据</th>
              <th scope="col">类别</th>
              <th scope="col">信息数</th>
            </tr>
          </thead>
          <tbody>
            {vm.categories.map((c) => (
              <tr>
                <td>{c.label}</td>
                <th scope="row">
                  <a href={categoryPath(vm.agency.code, c.code)}>{c.name}</a>
                </th>
                <td>{c.items > 0 ? `${c.items}条` : '暂无'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="feed-link">
        订阅本机关主动公开信息：<a href={`${base}/feed.atom`}>Atom 订阅源</a>
      </p>
    </>,
  );
}

/** The items of a list: title (linked), 文号, 发布日期; withdrawn and corrected ones say so. */
export function ItemList(props: { agencyCode: string; items: readonly ListEntry[] }) {
  return (
    <ul class="item-list">
      {props.items.map((i) => (
        <li>
          <span>
            <a href={itemPath(props.agencyCode, i.id)}>{i.title}</a>
            {i.docNumber ? <span class="hint">（{i.docNumber}）</span> : null}
            {i.withdrawn ? <span class="badge overdue">已撤回</span> : i.corrected ? <span class="badge provisional">已更正</span> : null}
          </span>
          <span class="date">
            <DateText date={i.publishedOn} />
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface CategoryViewModel {
  agency: ColumnAgency;
  category: { code: string; label: string; name: string };
  items: readonly ListEntry[];
  next: string | null;
  prev: string | null;
}

export function categoryPage(vm: CategoryViewModel): string {
  const path = categoryPath(vm.agency.code, vm.category.code);
  return columnPage(
    vm.agency,
    'proactive',
    vm.category.name,
    <>
      <h1>{vm.category.name}</h1>
      <p class="hint">
        {vm.category.label} · <a href={`${path}/feed.atom`}>订阅本类别（Atom）</a>
      </p>
      {vm.items.length === 0 ? <p>本类别暂无公开的信息。</p> : <ItemList agencyCode={vm.agency.code} items={vm.items} />}
      <Pager path={path} query={{}} next={vm.next} prev={vm.prev} />
      <p>
        <a href={`${columnBase(vm.agency.code)}/proactive`}>返回法定主动公开内容</a>
      </p>
    </>,
    { feeds: [{ href: `${path}/feed.atom`, title: vm.category.name }] },
  );
}
