// The page frame: a plain government-site look, landmarks, a skip link, headings in order; works
// without JavaScript, down to a 360 px phone; WCAG 2.1 AA contrast. Pure: a function of its props.

import type { Child } from 'hono/jsx';

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

export interface LayoutProps {
  /** the <title>: page title and site */
  title: string;
  /** the site name in the banner (an agency's name, or 工作平台) */
  site: string;
  /** the link of the banner */
  home: string;
  nav?: NavItem[];
  /** text in the banner's right corner (signed-in user, sign-out form) */
  account?: Child;
  /** more elements of <head> (e.g. the column's Atom feeds as rel="alternate" links) */
  head?: Child;
  /** a search form in the banner (the public column's; before the skip link's target) */
  search?: Child;
  children?: Child;
}

export const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",system-ui,sans-serif;line-height:1.7;color:#1a1a1a;background:#f4f5f7}
a{color:#0b4f9c}a:hover{color:#083a73}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f0a000;outline-offset:2px;box-shadow:0 0 0 2px #1a1a1a}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5em 1em;z-index:10}.skip:focus{left:.5em}
header.banner{background:#a8170f;color:#fff}
header.banner .inner{max-width:72rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header.banner a{color:#fff;text-decoration:none;font-size:1.25rem;font-weight:600}
header.banner .account{font-size:.9rem}header.banner .account a{font-size:.9rem;text-decoration:underline}
nav.main{background:#fff;border-bottom:1px solid #d6d9de}
nav.main ul{max-width:72rem;margin:0 auto;padding:0 1rem;list-style:none;display:flex;flex-wrap:wrap;gap:0 .25rem}
nav.main a{display:block;padding:.6rem .75rem;text-decoration:none;color:#1a1a1a}
nav.main a[aria-current="page"]{color:#a8170f;border-bottom:3px solid #a8170f;font-weight:600}
main{max-width:72rem;margin:1rem auto;padding:1.25rem 1rem;background:#fff;border:1px solid #d6d9de}
h1{font-size:1.6rem;line-height:1.3;margin:.25rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #b8bec7;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
.table-wrap{overflow-x:auto}
form .field{margin:0 0 1rem}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{color:#4a4f57;font-size:.9rem;margin:.1rem 0 .3rem}
input[type=text],input[type=password],input[type=email],input[type=tel],input[type=date],input[type=number],input[type=search],select,textarea{width:100%;max-width:36rem;padding:.5rem;border:1px solid #6b7280;border-radius:3px;font:inherit;background:#fff;color:#1a1a1a}
textarea{min-height:8rem}
fieldset{border:1px solid #d6d9de;padding:.75rem 1rem;margin:0 0 1rem}
button,.button{display:inline-block;padding:.55rem 1.25rem;border:0;border-radius:3px;background:#0b4f9c;color:#fff;font:inherit;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#e5e7eb;color:#1a1a1a}
button.danger{background:#a8170f}
.error-summary{border:3px solid #a8170f;padding:.75rem 1rem;margin:0 0 1rem}
.error-summary h2{margin-top:0;color:#a8170f}
.field-error{color:#a8170f;font-weight:600;margin:.1rem 0}
.notice{border-left:5px solid #0b4f9c;background:#eef4fb;padding:.75rem 1rem;margin:0 0 1rem}
.notice.warning{border-left-color:#a8170f;background:#fdf0ef}
.gk-mark{outline:3px solid #a8170f;outline-offset:-3px;background:#fdf0ef;font-weight:600}.gk-mark-warning{outline-color:#8a5a00;background:#fff8e6}.gk-mark-info{outline-style:dashed;outline-color:#0b4f9c;background:#eef4fb}.gk-mark-note{display:block;font-size:.8rem;font-weight:600}
.table-wrap table.wide{min-width:44rem}
.chart-pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.chart-pair figure{margin:0;flex:1 1 28rem;max-width:100%}.chart-pair svg{max-width:100%;height:auto}.chart-pair .table-wrap{flex:1 1 20rem;max-width:100%}
.inline-links,.counts{list-style:none;padding:0;margin:.5rem 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}.counts li{font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.filters .field{flex:1 1 10rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e5e7eb;font-size:.85rem}
.badge.overdue{background:#a8170f;color:#fff}.badge.due_soon{background:#f0a000;color:#1a1a1a}.badge.paused{background:#6b7280;color:#fff}.badge.provisional{background:#fff4d6;color:#5c3d00;border:1px solid #b7791f}
footer.site{max-width:72rem;margin:0 auto 2rem;padding:0 1rem;color:#4a4f57;font-size:.85rem}
@media (max-width:40rem){main{margin:0;border:0}h1{font-size:1.35rem}nav.main a{padding:.5rem}}
@media print{header.banner,nav.main,footer.site,.skip{display:none}main{border:0;margin:0}}
`;

export function Layout(props: LayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${props.site}`}</title>
        <style>{STYLE}</style>
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          跳到主要内容
        </a>
        <header class="banner">
          <div class="inner">
            <a href={props.home}>{props.site}</a>
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
          <p>依据《中华人民共和国政府信息公开条例》提供服务 · gongkai</p>
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
