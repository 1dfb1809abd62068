// The receipt of an online application (申请回执, 条例第三十一条第（三）项) as a printable A4 page, which
// services/receipt-pdf.ts prints to PDF: the receipt code, the agency, the dates (submitted, received, the
// reply due), the applicant and a summary of the request. Never the query password (plan-notes: "a receipt is
// never a PDF holding the query password"): the input has no field for it, and the page says it was shown
// once. Everything is HTML-escaped; the page loads and runs nothing. Pure.

import { escapeHtml } from '../report/render/html.ts';
import { chineseDate } from '../report/render/print.ts';
import { pageCss } from '../office/gbt9704.ts';

export interface ReceiptInput {
  agencyName: string;
  /** 编号 */
  number: string;
  /** ABCD-EFGH-JKMN */
  receiptCode: string;
  applicantName: string;
  submittedOn: string;
  receivedOn: string;
  /** the form of delivery asked for, in words */
  deliveryForm: string;
  request: string;
  /** 20 working days from receipt (条例第三十三条); null when the calendar cannot say */
  replyDue: string | null;
  replyDueProvisional: boolean;
}

/** The longest part of the request printed on the receipt (the rest is in the record). */
export const RECEIPT_REQUEST_CHARS = 300;

export const RECEIPT_TITLE = '政府信息公开申请回执';

// GB/T 9704's page, tighter: a receipt is a form on one page, not a 公文
const CSS = `${pageCss('gk-receipt', '0 0 .75em')}
@page { margin: 25mm 22mm 28mm 22mm; }
.gk-receipt { font-size: 14pt; line-height: 1.6; }
.gk-receipt table { width: 100%; border-collapse: collapse; margin: 0 0 1em; font-size: 13pt; line-height: 1.5; }
.gk-receipt th, .gk-receipt td { border: 1px solid #000; padding: 4pt 6pt; text-align: left; vertical-align: top; }
.gk-receipt th { width: 8em; font-weight: normal; white-space: nowrap; }
.gk-receipt td { overflow-wrap: anywhere; }
.gk-receipt .gk-code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 16pt; letter-spacing: .08em; }
.gk-receipt p.gk-signature, .gk-receipt p.gk-date { text-indent: 0; text-align: right; padding-right: 2em; }
.gk-receipt p.gk-signature { margin-top: 1em; }
.gk-receipt tr { break-inside: avoid; }
@media print { .gk-receipt { max-width: none; padding: 0; } }`;

const day = (iso: string): string => chineseDate(iso) ?? iso;

/** The request as printed: whitespace runs joined, cut at RECEIPT_REQUEST_CHARS characters with a note. */
export function requestSummary(request: string): string {
  const flat = request.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= RECEIPT_REQUEST_CHARS) return flat;
  return `${chars.slice(0, RECEIPT_REQUEST_CHARS).join('')}……（共${chars.length}字，全文以申请记录为准）`;
}

/** The receipt as a standalone printable page (A4, GB/T 9704 margins). */
export function renderReceiptHtml(r: ReceiptInput): string {
  const e = escapeHtml;
  const due = r.replyDue === null ? '' : r.replyDueProvisional ? `（暂定为${day(r.replyDue)}前：该年度节假日安排尚未公布，按法定节假日推算）` : `（即${day(r.replyDue)}前）`;
  const rows: [string, string][] = [
    ['申请编号', e(r.number)],
    ['回执码', `<span class="gk-code">${e(r.receiptCode)}</span>`],
    ['受理机关', e(r.agencyName)],
    ['申请人', e(r.applicantName)],
    ['提交日期', e(day(r.submittedOn))],
    ['收到申请日期', e(day(r.receivedOn))],
    ['答复期限', e(r.replyDue === null ? '自收到申请之日起20个工作日内' : `${day(r.replyDue)}前${r.replyDueProvisional ? '（暂定）' : ''}`)],
    ['获取信息的方式', e(r.deliveryForm || '—')],
    ['所需政府信息', e(requestSummary(r.request))],
  ];
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(RECEIPT_TITLE)}（${e(r.number)}）</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<article class="gk-receipt" lang="zh-CN">',
    `<h1>${e(RECEIPT_TITLE)}</h1>`,
    '<table><tbody>',
    ...rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${v}</td></tr>`),
    '</tbody></table>',
    `<p>本申请通过互联网渠道提交，平台于${e(day(r.receivedOn))}当即确认收到。根据《中华人民共和国政府信息公开条例》第三十一条第（三）项，以双方确认之日为收到申请之日。</p>`,
    `<p>本机关将自收到申请之日起20个工作日内答复${e(due)}；需要补正的，答复期限自收到补正后的申请之日起计算（条例第三十条）；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（条例第三十三条）。</p>`,
    '<p>查询密码只在提交申请时显示一次，本回执不含查询密码。凭回执码和查询密码，可以在本机关政府信息公开专栏的“查询申请办理进度”页面查看办理进度、期限和答复文书。</p>',
    `<p class="gk-signature">${e(r.agencyName)}</p>`,
    `<p class="gk-date">${e(day(r.receivedOn))}</p>`,
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
