// Static assets of the applicant's own pages (the receipt, the status page and its actions), served as
// /assets/citizen.css and /assets/print.js (CSP script-src 'self': no inline script anywhere).
//
// citizen.css — the progress view (an ordered list of steps: a row of boxes on wide screens, a column at
// 360 px; the status in words, never colour alone), the 补正 form, and the print layout of the receipt
// and the status page: black on white, no banner, navigation, search, forms or buttons; the agency's name
// (a line the screen hides with `hidden`) and the code, dates and documents kept; 长者模式 (html.elder)
// colours at 7:1 or more.
// print.js — shows the 打印本页 button (hidden without JavaScript, where the page says how to print instead)
// and prints on click.

export const CITIZEN_CSS = `
.progress-steps{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.progress-step{flex:1 1 11rem;min-width:0;display:flex;gap:.6rem;align-items:flex-start;border:1px solid #b8bec7;border-top:6px solid #b8bec7;padding:.5rem .75rem;background:#fff}
.progress-step.done{border-top-color:#1f6f43}
.progress-step.current{border-color:#a8170f;border-top-color:#a8170f;background:#fdf0ef}
.progress-step.upcoming,.progress-step.skipped{color:#4a4f57}
.progress-mark{flex:none;display:inline-flex;align-items:center;justify-content:center;width:2rem;height:2rem;border:2px solid currentColor;border-radius:50%;font-weight:700}
.progress-step.done .progress-mark{background:#1f6f43;border-color:#1f6f43;color:#fff}
.progress-step.current .progress-mark{background:#a8170f;border-color:#a8170f;color:#fff}
.progress-body{min-width:0;overflow-wrap:anywhere}
.progress-label{font-size:1.1rem}
.progress-status{font-size:.9rem}
.progress-dates{list-style:none;margin:.25rem 0 0;padding:0;font-size:.9rem}
.progress-note{margin:.25rem 0 0;font-size:.9rem}
.progress-deadline{border-left:5px solid #0b4f9c;background:#eef4fb;padding:.6rem 1rem;margin:0 0 1rem}
.progress-deadline p{margin:.2rem 0}
.progress-deadline .due{font-size:1.2rem;font-weight:700}
.tag{display:inline-block;margin-left:.4rem;padding:0 .4rem;border:1px solid #1a1a1a;border-radius:3px;font-size:.85rem;font-weight:600}
.tag.provisional{background:#fff4d6;border-color:#b7791f;color:#5c3d00}
.correction-box{border:2px solid #0b4f9c;padding:.75rem 1rem;margin:0 0 1rem}
.correction-box h2{margin-top:0}
.sent-correction{border-left:4px solid #b8bec7;padding:.25rem .75rem;margin:.5rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.consequences li{margin:.3rem 0}
@media (max-width:40rem){.progress-steps{flex-direction:column}.progress-step{flex:1 1 auto}}
html.elder .progress-step.upcoming,html.elder .progress-step.skipped{color:#000}
html.elder .progress-step.done .progress-mark{background:#0b4a2b;border-color:#0b4a2b}
html.elder .progress-step.current{border-color:#7a0f0a;border-top-color:#7a0f0a;background:#fff}
html.elder .progress-step.current .progress-mark{background:#7a0f0a;border-color:#7a0f0a}
html.elder .progress-deadline{background:#fff;border-left-color:#00307a}
html.elder .correction-box{border-color:#00307a}
@media print{
@page{size:A4;margin:18mm 16mm}
html,body{background:#fff!important;color:#000!important}
body{font-size:11pt}
header.banner,nav.main,nav.breadcrumb,.topbar,.skip,form,button,.column-search,.no-print{display:none!important}
main{max-width:none;margin:0;padding:0;border:0}
.print-only[hidden]{display:block!important}
.print-only{font-weight:700;border-bottom:1px solid #000;padding-bottom:.25rem;margin:0 0 .5rem}
a{color:#000;text-decoration:none}
.notice,.warning,.progress-deadline,.correction-box{border:1px solid #000!important;background:#fff!important;color:#000!important}
.progress-step,.progress-step.done,.progress-step.current,.progress-step.upcoming,.progress-step.skipped{background:#fff!important;color:#000!important;border-color:#000!important;flex-direction:row}
.progress-step.current{border-width:2px}
.progress-mark,.progress-step.done .progress-mark,.progress-step.current .progress-mark{background:#fff!important;color:#000!important;border-color:#000!important}
.tag,.tag.provisional{background:#fff!important;color:#000!important;border-color:#000!important}
th{background:#fff!important}
th,td{border-color:#000!important}
.table-wrap{overflow:visible}
table,tr,.progress-step,.progress-deadline{break-inside:avoid}
h1{font-size:18pt}h2{font-size:14pt}
}
`.trim();

export const PRINT_JS = `(function () {
  'use strict';
  if (typeof window.print !== 'function') return;
  Array.prototype.forEach.call(document.querySelectorAll('button[data-print]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
`;
