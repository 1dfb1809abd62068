// The style of every page (inline in <head>: one request, nothing to cache wrongly). A plain
// government-site look: the red banner with the emblem and the name, the column navigation, white
// content on a light ground, the footer with 主办单位 and the 备案 numbers.
//
// - Tables never squeeze: every cell is at least four characters wide, and a table wider than the
//   screen scrolls in its own region (.table-wrap, focusable by keyboard); in a wide table
//   (table.wide: the report's tables) the row labels, the first column, stay in view (sticky).
// - Buttons and badges never stack their text one character a line: they break only between words
//   (keep-all), and a long one wraps at the width of its container.
// - 长者模式 (html.elder; 国办公开办函〔2021〕28号, GB/T 37668): body text 20 px and up, black on white
//   (contrast 7:1 and more, WCAG 1.4.6), wider spacing, targets at least 44 px high.
// - Print: no banner, navigation, search, forms or footer links; black on white; URLs of the links
//   that matter are printed by the pages that need them.
// WCAG 2.1 AA contrast everywhere (AAA in 长者模式); readable at 200% text and 400% zoom.

const BASE = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",system-ui,sans-serif;line-height:1.7;color:#1a1a1a;background:#f4f5f7;overflow-wrap:break-word}
a{color:#0b4f9c}a:hover{color:#083a73}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,.table-wrap:focus-visible{outline:3px solid #f0a000;outline-offset:2px;box-shadow:0 0 0 2px #1a1a1a}
img{max-width:100%;height:auto}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5em 1em;z-index:10}.skip:focus{left:.5em}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;

const SHELL = `
.topbar{background:#eceef1;border-bottom:1px solid #d6d9de;font-size:.875rem}
.topbar .inner{max-width:72rem;margin:0 auto;padding:.25rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;justify-content:space-between;align-items:center}
.topbar a{color:#1a1a1a}
.mode-switch a{display:inline-block;padding:.2rem .6rem;border:1px solid #6b7280;border-radius:3px;background:#fff;text-decoration:none;white-space:nowrap}
html.elder .mode-switch .to-elder,html:not(.elder) .mode-switch .to-standard{display:none}
header.banner{background:#a8170f;background-image:linear-gradient(180deg,#b51a11,#961309);color:#fff}
header.banner .inner{max-width:72rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header.banner .site{display:flex;align-items:center;gap:.75rem;color:#fff;text-decoration:none;min-width:0}
header.banner .site img{width:3.25rem;height:3.25rem;object-fit:contain;flex:none}
header.banner .site-name{display:block;font-size:1.35rem;font-weight:700;line-height:1.3;letter-spacing:.04em}
header.banner .site-sub{display:block;font-size:.95rem;font-weight:400;letter-spacing:.1em;opacity:.95}
header.banner .account{font-size:.9rem}header.banner .account a{color:#fff;font-size:.9rem;text-decoration:underline}
nav.main{background:#fff;border-bottom:1px solid #d6d9de}
nav.main ul{max-width:72rem;margin:0 auto;padding:0 1rem;list-style:none;display:flex;flex-wrap:wrap;gap:0 .25rem}
nav.main a{display:block;padding:.6rem .75rem;text-decoration:none;color:#1a1a1a;white-space:nowrap}
nav.main a[aria-current="page"]{color:#a8170f;border-bottom:3px solid #a8170f;font-weight:600}
main{display:block;max-width:72rem;margin:1rem auto;padding:1.25rem 1rem;background:#fff;border:1px solid #d6d9de;min-width:0}
footer.site{background:#3d4148;color:#fff;font-size:.875rem;line-height:1.9;margin-top:2rem}
footer.site .inner{max-width:72rem;margin:0 auto;padding:1.25rem 1rem;text-align:center}
footer.site p{margin:0}
footer.site a{color:#fff}
footer.site .records{display:flex;flex-wrap:wrap;justify-content:center;gap:0 1.5rem}
`;

const CONTENT = `
h1{font-size:1.6rem;line-height:1.3;margin:.25rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #b8bec7;padding:.35rem .5rem;text-align:left;vertical-align:top;min-width:calc(4em + 1rem + 2px)}
th{background:#eef1f5;font-weight:600}
.table-wrap{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem;position:relative}
.table-wrap>table{margin:0}
.table-wrap table.wide{min-width:44rem}
.table-wrap>table.wide>tbody>tr>th:first-child,.table-wrap>table.wide>thead>tr>th:first-child{position:sticky;left:0;z-index:1}
.table-wrap>table.wide>tbody>tr>td:first-child{position:sticky;left:0;z-index:1;background:#fff}
.gk-mark{outline:3px solid #a8170f;outline-offset:-3px;background:#fdf0ef;font-weight:600}.gk-mark-warning{outline-color:#8a5a00;background:#fff8e6}.gk-mark-info{outline-style:dashed;outline-color:#0b4f9c;background:#eef4fb}.gk-mark-note{display:block;font-size:.8rem;font-weight:600}
.chart-pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.chart-pair figure{margin:0;flex:1 1 28rem;max-width:100%;min-width:0}.chart-pair svg{max-width:100%;height:auto}.chart-pair .table-wrap{flex:1 1 20rem;max-width:100%;min-width:0}
.inline-links,.counts{list-style:none;padding:0;margin:.5rem 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}.counts li{font-weight:600}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e5e7eb;font-size:.85rem;word-break:keep-all}
.badge.overdue{background:#a8170f;color:#fff}.badge.due_soon{background:#f0a000;color:#1a1a1a}.badge.paused{background:#6b7280;color:#fff}.badge.provisional{background:#fff4d6;color:#5c3d00;border:1px solid #b7791f}
.notice{border-left:5px solid #0b4f9c;background:#eef4fb;padding:.75rem 1rem;margin:0 0 1rem}
.notice.warning{border-left-color:#a8170f;background:#fdf0ef}
`;

const FORMS = `
form .field{margin:0 0 1rem}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{color:#4a4f57;font-size:.9rem;margin:.1rem 0 .3rem}
input[type=text],input[type=password],input[type=email],input[type=tel],input[type=date],input[type=number],input[type=search],input[type=url],select,textarea{width:100%;max-width:36rem;padding:.5rem;border:1px solid #6b7280;border-radius:3px;font:inherit;background:#fff;color:#1a1a1a}
textarea{min-height:8rem}
input[type=file]{max-width:100%;font:inherit}
input[type=file]::file-selector-button{padding:.55rem 1rem;margin-right:.75rem;border:1px solid #6b7280;border-radius:3px;background:#e5e7eb;color:#1a1a1a;font:inherit;cursor:pointer}
fieldset{border:1px solid #d6d9de;padding:.75rem 1rem;margin:0 0 1rem;min-width:0}
button,.button{display:inline-block;padding:.55rem 1.25rem;border:0;border-radius:3px;background:#0b4f9c;color:#fff;font:inherit;cursor:pointer;text-decoration:none;flex:0 0 auto;max-width:100%;text-align:center;word-break:keep-all}
button.secondary,.button.secondary{background:#e5e7eb;color:#1a1a1a}
button.danger{background:#a8170f}
.error-summary{border:3px solid #a8170f;padding:.75rem 1rem;margin:0 0 1rem}
.error-summary h2{margin-top:0;color:#a8170f}
.field-error{color:#a8170f;font-weight:600;margin:.1rem 0}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.filters .field{flex:1 1 10rem;min-width:0}
details.menu>summary,details.panel>summary{cursor:pointer;font-weight:600;padding:.4rem 0}
`;

/** 长者模式: on <html class="elder"> (a cookie the server reads; no JavaScript). */
const ELDER = `
html.elder{font-size:125%}
html.elder body{color:#000;background:#fff;line-height:1.9;letter-spacing:.03em}
html.elder main{border-color:#000}
html.elder a{color:#00307a;text-decoration:underline;text-underline-offset:.15em}
html.elder .hint,html.elder .topbar,html.elder .topbar a,html.elder .item-list .date,html.elder .meta dt,html.elder .breadcrumb li+li::before{color:#000}
html.elder th{background:#e8ebf0;color:#000}html.elder th,html.elder td{border-color:#000}
html.elder header.banner{background:#7a0f0a;background-image:none}
html.elder nav.main a{color:#000;padding:.75rem 1rem}html.elder nav.main a[aria-current="page"]{color:#7a0f0a;border-bottom-width:4px}
html.elder button,html.elder .button,html.elder nav.main a,html.elder .mode-switch a,html.elder summary{min-height:2.75rem}
html.elder button,html.elder .button{background:#00307a;padding:.6rem 1.4rem}html.elder button.secondary,html.elder .button.secondary{background:#e5e7eb;color:#000;border:2px solid #000}
html.elder input,html.elder select,html.elder textarea{border:2px solid #000;color:#000}
html.elder .notice{background:#fff;border-left-color:#00307a}html.elder .notice.warning,html.elder .warning,html.elder .state-note{background:#fff;border-left-color:#7a0f0a}
html.elder .badge{color:#000;background:#fff;border:1px solid #000}html.elder .badge.overdue{background:#7a0f0a;color:#fff}
html.elder footer.site{background:#000}
html.elder .error-summary{border-color:#7a0f0a}html.elder .error-summary h2,html.elder .field-error{color:#7a0f0a}
html.elder mark{background:#ffe45c}
`;

const PHONE = `
@media (max-width:40rem){main{margin:0;border-left:0;border-right:0}h1{font-size:1.35rem}nav.main a{padding:.5rem}header.banner .site-name{font-size:1.15rem}header.banner .site img{width:2.5rem;height:2.5rem}}
`;

const PRINT = `
@media print{
html,html.elder{font-size:12pt}body{background:#fff;color:#000}
.topbar,header.banner,nav.main,.skip,.no-print,form,.column-search,.breadcrumb,.pager,footer.site .records{display:none!important}
main{border:0;margin:0;padding:0;max-width:none}
footer.site{background:#fff;color:#000;border-top:1px solid #000;margin-top:1rem}footer.site a{color:#000}
a{color:#000;text-decoration:none}
.table-wrap{overflow:visible}.table-wrap>table.wide>*>tr>:first-child{position:static}
th,td{border-color:#000}
.print-only{display:block!important}
}
.print-only{display:none}
`;

export const STYLE = BASE + SHELL + CONTENT + FORMS + ELDER + PHONE + PRINT;
