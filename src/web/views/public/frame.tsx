// The frame of the public pages: the portal (all agencies' columns) and each agency's 政府信息公开 column
// with its sub-columns (国办公开办函〔2019〕61号: 政府信息公开指南 / 政府信息公开制度 / 法定主动公开内容 /
// 政府信息公开年报, and 依申请公开). Pure: functions of their props, returning whole pages.

import type { Child } from 'hono/jsx';
import { Layout } from '../layout.tsx';
import type { NavItem } from '../layout.tsx';
import type { SiteProfile } from '../../../services/agency-site.ts';
import { SiteFooter } from './site-footer.tsx';

export type ColumnSection = 'home' | 'guide' | 'rules' | 'proactive' | 'catalogue' | 'search' | 'reports' | 'apply' | 'complaint';

export interface ColumnAgency {
  code: string;
  name: string;
  /** the header's emblem and the footer's 主办单位, contact and 备案 numbers (none: the name alone) */
  site: SiteProfile;
}

/** The address of the agency's emblem (its digest in the query: cached for long, changed with it). */
export const emblemUrl = (agency: ColumnAgency): string | null => (agency.site?.emblem ? `${columnBase(agency.code)}/emblem?v=${agency.site.emblem.slice(0, 16)}` : null);

export const PORTAL_NAME = '政府信息公开';

/** The column's base path: /<agency-code> */
export const columnBase = (code: string): string => `/${encodeURIComponent(code)}`;

export const SECTIONS: readonly { section: ColumnSection; path: string; label: string; summary: string }[] = [
  { section: 'guide', path: '/guide', label: '政府信息公开指南', summary: '信息分类和编排体系、获取方式，政府信息公开工作机构的名称、地址、办公时间和联系方式（条例第十二条）。' },
  { section: 'rules', path: '/rules', label: '政府信息公开制度', summary: '本机关政府信息公开工作的审查、办理、年度报告等制度。' },
  { section: 'proactive', path: '/proactive', label: '法定主动公开内容', summary: '条例第二十条、第二十一条规定应当主动公开的政府信息。' },
  { section: 'catalogue', path: '/catalogue', label: '政府信息公开目录', summary: '按索引号、名称、内容概述、发布机构、成文日期和文号编排的主动公开政府信息目录，可按类别、年份和文号筛选（条例第十二条）。' },
  { section: 'reports', path: '/reports', label: '政府信息公开年报', summary: '历年政府信息公开工作年度报告，可在线阅读，并下载 Word 和 Excel 文件。' },
  { section: 'apply', path: '/apply', label: '依申请公开', summary: '在线提交政府信息公开申请，凭回执码和查询密码查询办理进度和答复文书。' },
];

function columnNav(agency: ColumnAgency, current: ColumnSection): NavItem[] {
  const base = columnBase(agency.code);
  return [
    { href: `${base}/`, label: '专栏首页', current: current === 'home' },
    ...SECTIONS.map((s) => ({ href: `${base}${s.path}`, label: s.label, current: s.section === current })),
  ];
}

/** Styles the shared layout does not have (served as /assets/public.css: a body-ok stylesheet link). */
export const PUBLIC_CSS = `
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.choice{display:flex;align-items:flex-start;gap:.5rem;margin:.4rem 0}
.choice input{width:1.25rem;height:1.25rem;margin:.3rem 0 0;flex:none}
.choice label{font-weight:400;margin:0}
th.term{width:9rem}
input[type=file]{max-width:100%;font:inherit}
input[type=file]::file-selector-button{padding:.55rem 1rem;margin-right:.75rem;border:1px solid #6b7280;border-radius:3px;background:#e5e7eb;color:#1a1a1a;font:inherit;cursor:pointer}
.column-links{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(15rem,100%),1fr));gap:1rem}
.column-links li{border:1px solid #d6d9de;border-top:4px solid #a8170f;padding:.75rem 1rem}
.column-links h2{margin:0 0 .25rem;font-size:1.1rem}
.column-links p{margin:0;color:#4a4f57}
.receipt-code{font-family:ui-monospace,Consolas,"Courier New",monospace;font-size:1.35rem;letter-spacing:.05em;font-weight:700;overflow-wrap:anywhere}
.warning{border-left:5px solid #a8170f;background:#fdf0ef;padding:.75rem 1rem;margin:0 0 1rem}
.timeline{padding-left:1.5rem}.timeline li{margin:.4rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0}
.actions form{margin:0}
.gk-report p{text-indent:2em;margin:0 0 .5rem}
.gk-report h1{text-align:center}
.breadcrumb{font-size:.9rem;margin:0 0 .5rem}
.breadcrumb ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.breadcrumb li+li::before{content:"›";padding:0 .35rem;color:#4a4f57}
.column-search{display:flex;gap:.5rem;margin:0;flex:0 1 22rem;min-width:0}
.column-search input[type=search]{flex:1 1 8rem;min-width:0;border-color:#fff}
.column-search button{background:#fff;color:#a8170f;font-weight:600;flex:none}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:0 0 1rem}
.filters .field{margin:0;flex:1 1 10rem;max-width:18rem}
.item-list{list-style:none;padding:0;margin:0 0 1rem}
.item-list li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 1rem;padding:.5rem 0;border-bottom:1px dashed #d6d9de}
.item-list .date{color:#4a4f57;white-space:nowrap}
.catalogue-table{min-width:60rem}
.catalogue-table td.nowrap,.catalogue-table th.nowrap{white-space:nowrap}
.table-wrap:focus-visible{outline:3px solid #f0a000}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(17rem,100%),1fr));margin:0 0 1rem;border:1px solid #b8bec7;border-width:1px 0 0 1px}
.meta>div{display:flex;border:1px solid #b8bec7;border-width:0 1px 1px 0}
.meta dt{flex:0 0 6rem;background:#eef1f5;font-weight:600;padding:.35rem .5rem}
.meta dd{flex:1 1 auto;margin:0;padding:.35rem .5rem;overflow-wrap:anywhere;min-width:0}
.item-body{margin:1.5rem 0}.item-body p{text-indent:2em}
.state-note{border-left:5px solid #a8170f;background:#fdf0ef;padding:.75rem 1rem;margin:1rem 0}
.state-note.corrected{border-color:#b7791f;background:#fff8e6}
mark{background:#fff1a8;color:inherit;padding:0}
.pager{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:1rem 0}
.feed-link{font-size:.9rem}
.hit-title{font-size:1.05rem;margin:0 0 .25rem}
@media (max-width:40rem){th.term{width:6.5rem}.receipt-code{font-size:1.15rem;letter-spacing:0}.column-search{flex:1 1 100%}}
`.trim();

function Styles() {
  return <link rel="stylesheet" href="/assets/public.css" />;
}

export interface ColumnPageOptions {
  errors?: boolean;
  /** more Atom feeds than the agency's (a category's), as rel="alternate" links */
  feeds?: readonly { href: string; title: string }[];
  /** what the search box holds (the search page) */
  query?: string;
}

/** The search box of every column page (GET, works without JavaScript). */
function SearchBox(props: { agency: ColumnAgency; query: string }) {
  return (
    <form class="column-search" role="search" aria-label="站内搜索" method="get" action={`${columnBase(props.agency.code)}/search`}>
      <label for="column-q" class="visually-hidden">
        搜索本机关公开的政府信息
      </label>
      <input type="search" id="column-q" name="q" value={props.query} maxlength={200} placeholder="标题、正文、文号或索引号" />
      <button type="submit">搜索</button>
    </form>
  );
}

/** A page of an agency's column, doctype included. `title` is the page's own (its h1 is in `body`). */
export function columnPage(agency: ColumnAgency, current: ColumnSection, title: string, body: Child, options: ColumnPageOptions = {}): string {
  const base = columnBase(agency.code);
  const feeds = [{ href: `${base}/feed.atom`, title: `${agency.name}主动公开信息` }, ...(options.feeds ?? [])];
  const head = feeds.map((f) => <link rel="alternate" type="application/atom+xml" href={f.href} title={f.title} />);
  return (
    '<!doctype html>' +
    (
      <Layout
        title={`${options.errors ? '错误：' : ''}${title}`}
        site={`${agency.name}${PORTAL_NAME}`}
        banner={{ name: agency.name, sub: PORTAL_NAME }}
        emblem={emblemUrl(agency)}
        home={`${base}/`}
        nav={columnNav(agency, current)}
        head={head}
        search={<SearchBox agency={agency} query={options.query ?? ''} />}
        modeSwitch
        footer={<SiteFooter site={agency.site} agencyName={agency.name} />}
      >
        <Styles />
        {current !== 'home' ? (
          <nav class="breadcrumb" aria-label="当前位置">
            <ol>
              <li>
                <a href="/">{PORTAL_NAME}</a>
              </li>
              <li>
                <a href={`${columnBase(agency.code)}/`}>{agency.name}</a>
              </li>
              <li aria-current="page">{title}</li>
            </ol>
          </nav>
        ) : null}
        {body}
      </Layout>
    ).toString()
  );
}

/** A page of the portal (outside any agency), doctype included. */
export function portalPage(title: string, body: Child): string {
  return (
    '<!doctype html>' +
    (
      <Layout title={title} site={PORTAL_NAME} banner={{ name: PORTAL_NAME, sub: '各机关政府信息公开专栏' }} home="/" nav={[{ href: '/', label: '首页', current: true }]} modeSwitch>
        <Styles />
        {body}
      </Layout>
    ).toString()
  );
}
