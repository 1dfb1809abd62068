// The portal's list of columns, an agency's column home, its editable pages (指南, 制度) and
// the 政府信息公开目录 link of the guide. Pure: functions of their view models (法定主动公开内容: proactive.tsx).

import type { PageBlock } from '../../../services/column.ts';
import { columnBase, columnPage, PORTAL_NAME, portalPage, SECTIONS } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { DateText } from './fields.tsx';

export function portalHome(agencies: readonly { code: string; name: string; levelLabel: string }[]): string {
  return portalPage(
    PORTAL_NAME,
    <>
      <h1>{PORTAL_NAME}</h1>
      <p>依据《中华人民共和国政府信息公开条例》，各机关在本平台设立“政府信息公开”专栏，公开政府信息公开指南、制度、法定主动公开内容和年度报告，并受理政府信息公开申请。</p>
      <h2>各机关政府信息公开专栏</h2>
      {agencies.length === 0 ? (
        <p>目前还没有机关开设专栏。</p>
      ) : (
        <ul>
          {agencies.map((a) => (
            <li>
              <a href={`${columnBase(a.code)}/`}>{a.name}</a>
              {a.levelLabel ? <span class="hint">（{a.levelLabel}）</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

export function columnHome(agency: ColumnAgency): string {
  const base = columnBase(agency.code);
  return columnPage(
    agency,
    'home',
    '政府信息公开',
    <>
      <h1>{agency.name}政府信息公开</h1>
      <ul class="column-links">
        {SECTIONS.map((s) => (
          <li>
            <h2>
              <a href={`${base}${s.path}`}>{s.label}</a>
            </h2>
            <p>{s.summary}</p>
          </li>
        ))}
      </ul>
      <p>
        已提交申请的，可以<a href={`${base}/status`}>查询申请办理进度</a>。
      </p>
      <p>
        认为本机关在政府信息公开工作中侵犯您的合法权益的，可以向上一级行政机关<a href={`${base}/complaint`}>投诉、举报</a>（条例第五十一条）。
      </p>
    </>,
  );
}

/** `[text](/path)`: a link within the platform (a path on this site only: not `//host` nor `/\host`, which browsers read as another site). */
const LOCAL_LINK = /\[([^\[\]\n]{1,100})\]\((\/(?![\/\\])[^\s()<>\"\\]{0,300})\)/g;

/** A line of the page's text with its links within the platform as links (the rest as text). */
export function Inline(props: { text: string }) {
  const parts: (string | { text: string; href: string })[] = [];
  let at = 0;
  for (const m of props.text.matchAll(LOCAL_LINK)) {
    if (m.index > at) parts.push(props.text.slice(at, m.index));
    parts.push({ text: m[1] ?? '', href: m[2] ?? '/' });
    at = m.index + m[0].length;
  }
  if (at < props.text.length) parts.push(props.text.slice(at));
  return <>{parts.map((p) => (typeof p === 'string' ? p : <a href={p.href}>{p.text}</a>))}</>;
}

export function Blocks(props: { blocks: readonly PageBlock[] }) {
  return (
    <>
      {props.blocks.map((b) => {
        if (b.kind === 'heading') return b.level === 2 ? <h2>{b.text}</h2> : <h3>{b.text}</h3>;
        if (b.kind === 'list')
          return (
            <ul>
              {b.items.map((item) => (
                <li>
                  <Inline text={item} />
                </li>
              ))}
            </ul>
          );
        return (
          <p>
            <Inline text={b.text} />
          </p>
        );
      })}
    </>
  );
}

export interface PageViewModel {
  agency: ColumnAgency;
  page: 'guide' | 'rules';
  title: string;
  blocks: readonly PageBlock[];
  updatedAt: string | null;
}

export function columnTextPage(vm: PageViewModel): string {
  return columnPage(
    vm.agency,
    vm.page,
    vm.title,
    <>
      <h1>
        {vm.agency.name}
        {vm.title}
      </h1>
      {vm.updatedAt ? (
        <p class="hint">
          更新日期：<DateText date={vm.updatedAt.slice(0, 10)} />
        </p>
      ) : null}
      {vm.page === 'guide' ? (
        <p class="notice">
          本机关主动公开的政府信息见<a href={`${columnBase(vm.agency.code)}/catalogue`}>政府信息公开目录</a>和
          <a href={`${columnBase(vm.agency.code)}/proactive`}>法定主动公开内容</a>，也可以使用本页上方的搜索框检索。
        </p>
      ) : null}
      <Blocks blocks={vm.blocks} />
    </>,
  );
}
