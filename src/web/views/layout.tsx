// The page frame: a plain government-site look, landmarks, a skip link, headings in order; works
// without JavaScript, down to a 360 px phone; WCAG 2.1 AA contrast. Pure: a function of its props.

import type { Child } from 'hono/jsx';
import { STYLE } from './style.ts';

export { STYLE };

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

export interface LayoutProps {
  /** the page's own title (the <title> is "title - site", or the site alone when they are the same) */
  title: string;
  /** the site name in the <title> and, without `banner`, in the banner (an agency's name, or 工作平台) */
  site: string;
  /** the banner's two lines: the name (large) and under it what the site is (政府信息公开) */
  banner?: { name: string; sub?: string };
  /** the address of the banner's emblem (an agency's own image), none: no image */
  emblem?: string | null;
  /** the link of the banner */
  home: string;
  nav?: NavItem[];
  /** text in the banner's right corner (signed-in user, sign-out form) */
  account?: Child;
  /** more elements of <head> (e.g. the column's Atom feeds as rel="alternate" links) */
  head?: Child;
  /** a search form in the banner (the public column's; before the skip link's target) */
  search?: Child;
  /** the 长者模式 switch in the top bar (the public pages) */
  modeSwitch?: boolean;
  /** the footer's content (default: the line on the law) */
  footer?: Child;
  children?: Child;
}

/** The <title>: "page - site", the site alone when the page is the site's home of the same name. */
export function documentTitle(title: string, site: string): string {
  return title === site || title === '' ? site : `${title} - ${site}`;
}

/**
 * 长者模式 / 标准模式: plain links to the current page with ?mode=… (a relative reference: no page needs
 * to know its own address); the server sets the cookie and redirects back (web/view-mode.ts). Both are
 * in every page; the stylesheet shows the one that changes the mode the page is in.
 */
function ModeSwitch() {
  return (
    <div class="mode-switch">
      <a class="to-elder" href="?mode=elder" rel="nofollow">
        长者模式<span class="visually-hidden">（大字、高对比度）</span>
      </a>
      <a class="to-standard" href="?mode=standard" rel="nofollow">
        退出长者模式
      </a>
    </div>
  );
}

export function Layout(props: LayoutProps) {
  const banner = props.banner ?? { name: props.site };
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle(props.title, props.site)}</title>
        <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg" />
        <style>{STYLE}</style>
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          跳到主要内容
        </a>
        {props.modeSwitch ? (
          <div class="topbar">
            <div class="inner">
              <a href="/">政府信息公开平台</a>
              <ModeSwitch />
            </div>
          </div>
        ) : null}
        <header class="banner">
          <div class="inner">
            <a class="site" href={props.home}>
              {props.emblem ? <img src={props.emblem} alt="" width="52" height="52" /> : null}
              <span>
                <span class="site-name">{banner.name}</span>
                {banner.sub ? <span class="site-sub">{banner.sub}</span> : null}
              </span>
            </a>
            {props.search ?? null}
            {props.account ? <div class="account">{props.account}</div> : null}
          </div>
        </header>
        {props.nav && props.nav.length > 0 ? (
          <nav class="main" aria-label="主导航">
            <ul>
              {props.nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          <div class="inner">{props.footer ?? <p>依据《中华人民共和国政府信息公开条例》提供服务</p>}</div>
        </footer>
      </body>
    </html>
  );
}

/** An error summary linked to the fields (GOV.UK pattern): shown at the top of a form that failed. */
export function ErrorSummary(props: { errors: { field: string; message: string }[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">请改正以下问题</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
