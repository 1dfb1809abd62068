// The case file of an archived application (归档, 条例第四十五条) as one printable A4 page set, which
// services/casefile prints with Chromium and completes with the notices and the PDF files: a cover sheet
// (编号, 申请人, 收到日期, 结果, 答复日期, 送达日期 and method, the fee), the application as registered,
// the timeline of its steps, the list of its notices with each one's delivery evidence, the fee, and the
// identity proof and scans (images drawn here; PDFs appended after, listed here). Everything is HTML-
// escaped; the page loads and runs nothing (images are data: URLs). Pure.

import { escapeHtml } from '../report/render/html.ts';
import { chineseDate } from '../report/render/print.ts';
import { pageCss } from '../office/gbt9704.ts';

export interface CaseDelivery {
  on: string;
  /** in words: 当面, 邮寄 … */
  method: string;
  trackingNumber: string | null;
  evidence: string;
}

export interface CaseNotice {
  number: string;
  title: string;
  issuedOn: string;
  /** 'kept': its stored PDF follows; 'printed': its HTML printed now follows */
  source: 'kept' | 'printed';
  delivery: CaseDelivery | null;
  /** replaced by a corrected reply */
  superseded: boolean;
}

export interface CaseEvent {
  seq: number;
  /** in words */
  step: string;
  occurredOn: string;
  actor: string;
  /** the state after, in words */
  state: string;
  note: string;
}

export interface CaseImage {
  /** 身份证明, 申请书扫描件, 补正材料 */
  kind: string;
  fileName: string;
  sha256: string;
  dataUrl: string;
}

export interface CaseAttachment {
  kind: string;
  fileName: string;
  sha256: string;
}

export interface CaseFee {
  /** the 收费通知书: its 文号, date and amount (null: not stated) */
  notices: { number: string; issuedOn: string; yuan: number | null }[];
  /** the dates of the 登记缴费 steps */
  paidOn: string[];
}

export interface CaseFileInput {
  agencyName: string;
  number: string;
  applicantName: string;
  applicantType: string;
  idKind: string | null;
  idNumber: string | null;
  contact: string;
  address: string;
  channel: string;
  submittedOn: string;
  receivedOn: string | null;
  request: string;
  deliveryForm: string;
  handler: string | null;
  /** 结果 in words; null: none recorded (a withdrawal says so in the timeline) */
  outcome: string | null;
  legalBasis: string | null;
  /** the date of the reply in force (答复 or 更正答复); null: concluded without a reply */
  repliedOn: string | null;
  closedOn: string | null;
  /** the reply's delivery (or the 送达 step's date with no recorded evidence) */
  delivery: CaseDelivery | null;
  archivedOn: string;
  retainedUntil: number;
  fee: CaseFee | null;
  events: CaseEvent[];
  notices: CaseNotice[];
  images: CaseImage[];
  /** PDF files appended after the notices */
  attachments: CaseAttachment[];
}

// the page is GB/T 9704's (pageCss), as the notices printed in the same document keep it
const CSS = `${pageCss('gk-case', '0 0 .75em')}
.gk-case { font-size: 13pt; line-height: 1.6; }
.gk-case h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 15pt; font-weight: normal; margin: 1.2em 0 .4em; }
.gk-case table { width: 100%; border-collapse: collapse; margin: 0 0 .8em; font-size: 11.5pt; line-height: 1.45; }
.gk-case th, .gk-case td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.gk-case th[scope=row] { width: 7em; font-weight: normal; white-space: nowrap; }
.gk-case thead th { font-weight: normal; background: #eee; }
.gk-case tr { break-inside: avoid; }
.gk-case .gk-cover { break-after: page; }
.gk-case .gk-request { white-space: pre-wrap; }
.gk-case .gk-nowrap { white-space: nowrap; overflow-wrap: normal; }
.gk-case figure { margin: .6em 0; break-inside: avoid; }
.gk-case figure img { max-width: 100%; max-height: 220mm; border: 1px solid #999; }
.gk-case figcaption { font-size: 10.5pt; }
.gk-case p.gk-note { text-indent: 0; font-size: 11pt; }
section.gk-attached, div.gk-file + div.gk-file { break-before: page; }
@media print { .gk-case { max-width: none; padding: 0; } }`;

/**
 * A stored notice's style and body (documents.html, domain/documents/render.ts: the platform's own escaped
 * HTML), to print it in the case file's document; null when it is not of that shape (printed apart then).
 */
export function noticeParts(html: string): { style: string; body: string } | null {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1];
  return style === undefined || body === undefined || /<script/i.test(html) ? null : { style, body };
}

const e = escapeHtml;
const day = (iso: string | null | undefined): string => (iso ? (chineseDate(iso) ?? iso) : '—');

export const deliveryText = (d: CaseDelivery | null): string =>
  d === null ? '未登记送达' : `${day(d.on)}，${d.method}${d.trackingNumber ? `（邮件号码 ${d.trackingNumber}）` : ''}`;

export const feeText = (fee: CaseFee | null): string => {
  if (fee === null || fee.notices.length === 0) return '未收费';
  const notices = fee.notices.map((n) => `${n.number}（${day(n.issuedOn)}，${n.yuan === null ? '金额未载明' : `${n.yuan}元`}）`).join('；');
  return `${notices}；${fee.paidOn.length > 0 ? `缴费登记于${fee.paidOn.map(day).join('、')}` : '未登记缴费'}`;
};

const rows = (pairs: [string, string][]): string => pairs.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('\n');

/** The heading of every case file's cover: the outline entry a batch's PDF is split at (services/casefile/render.ts). */
export const CASE_FILE_TITLE = '政府信息公开申请案卷';

export interface CaseFilePart {
  input: CaseFileInput;
  /** the notices printed with it (noticeParts) */
  attached: readonly { style: string; body: string }[];
}

/**
 * One page set of several case files, each from a new page with its cover's heading (CASE_FILE_TITLE,
 * an outline entry of the PDF), its own pages, then the notices given, each from a new page; the kept
 * notice PDFs and the PDF files follow in each case's PDF.
 */
export function renderCaseFilesHtml(parts: readonly CaseFilePart[]): string {
  const styles = [...new Set(parts.flatMap((p) => p.attached.map((a) => a.style)))];
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${CASE_FILE_TITLE}（${e(parts.map((p) => p.input.number).join('、'))}）</title>`,
    `<style>\n${CSS}\n</style>`,
    ...styles.map((st) => `<style>\n${st}\n</style>`),
    '</head>',
    '<body>',
    ...parts.map((p) => `<div class="gk-file">\n${caseFileBody(p.input, p.attached)}\n</div>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** One case file's page set (renderCaseFilesHtml of one). */
export function renderCaseFileHtml(c: CaseFileInput, attached: readonly { style: string; body: string }[] = []): string {
  return renderCaseFilesHtml([{ input: c, attached }]);
}

function caseFileBody(c: CaseFileInput, attached: readonly { style: string; body: string }[]): string {
  const cover: [string, string][] = [
    ['编号', c.number],
    ['机关', c.agencyName],
    ['申请人', c.applicantName],
    ['收到日期', day(c.receivedOn)],
    ['结果', c.outcome ?? '—'],
    ['答复日期', day(c.repliedOn)],
    ['送达', deliveryText(c.delivery)],
    ['费用', feeText(c.fee)],
    ['办结日期', day(c.closedOn)],
    ['归档日期', day(c.archivedOn)],
    ['保管期限', `至${c.retainedUntil}年`],
  ];
  const application: [string, string][] = [
    ['申请人类型', c.applicantType],
    ['证件', c.idNumber ? `${c.idKind ?? ''} ${c.idNumber}`.trim() : '—'],
    ['联系方式', c.contact || '—'],
    ['通信地址', c.address || '—'],
    ['提交渠道', c.channel],
    ['提交日期', day(c.submittedOn)],
    ['收到日期', day(c.receivedOn)],
    ['获取信息的方式', c.deliveryForm || '—'],
    ['承办人', c.handler ?? '—'],
  ];
  const events = c.events
    .map((v) => `<tr><td>${v.seq}</td><td class="gk-nowrap">${e(day(v.occurredOn))}</td><td class="gk-nowrap">${e(v.step)}</td><td class="gk-nowrap">${e(v.state)}</td><td>${e(v.actor)}</td><td>${e(v.note || '')}</td></tr>`)
    .join('\n');
  const notices = c.notices
    .map((n, i) => {
      const d = n.delivery;
      const evidence = d ? `${deliveryText(d)}${d.evidence ? `；凭证：${d.evidence}` : ''}` : '未登记送达';
      return `<tr><td>${i + 1}</td><td>${e(n.number)}</td><td>${e(n.title)}${n.superseded ? '（已被更正）' : ''}</td><td>${e(day(n.issuedOn))}</td><td>${e(evidence)}</td></tr>`;
    })
    .join('\n');
  const images = c.images
    .map((img) => `<figure><img src="${e(img.dataUrl)}" alt="${e(`${img.kind}：${img.fileName}`)}"><figcaption>${e(img.kind)}：${e(img.fileName)}（SHA-256 ${e(img.sha256)}）</figcaption></figure>`)
    .join('\n');
  const attachments = c.attachments.map((a) => `<li>${e(a.kind)}：${e(a.fileName)}（PDF，附于卷末；SHA-256 ${e(a.sha256)}）</li>`).join('\n');
  return [
    '<article class="gk-case" lang="zh-CN">',
    '<section class="gk-cover">',
    `<h1>${CASE_FILE_TITLE}</h1>`,
    `<table><tbody>\n${rows(cover)}\n</tbody></table>`,
    `<p class="gk-note">卷内顺序：案卷封面；申请登记情况；办理过程；文书及送达；费用；身份证明和申请材料；各份文书全文${c.attachments.length > 0 ? '；PDF格式的身份证明和申请材料' : ''}。</p>`,
    '</section>',
    '<h2>一、申请登记情况</h2>',
    `<table><tbody>\n${rows(application)}\n</tbody></table>`,
    '<p class="gk-note">所需政府信息的内容描述：</p>',
    `<table><tbody><tr><td class="gk-request">${e(c.request)}</td></tr></tbody></table>`,
    '<h2>二、办理过程</h2>',
    `<table><thead><tr><th scope="col">序号</th><th scope="col">日期</th><th scope="col">步骤</th><th scope="col">状态</th><th scope="col">登记人</th><th scope="col">备注</th></tr></thead><tbody>\n${events}\n</tbody></table>`,
    c.outcome ? `<p class="gk-note">办理结果：${e(c.outcome)}${c.legalBasis ? `（${e(c.legalBasis)}）` : ''}。</p>` : '',
    '<h2>三、文书及送达</h2>',
    c.notices.length === 0
      ? '<p class="gk-note">本申请没有出具文书。</p>'
      : `<table><thead><tr><th scope="col">序号</th><th scope="col">文号</th><th scope="col">文书</th><th scope="col">成文日期</th><th scope="col">送达及凭证</th></tr></thead><tbody>\n${notices}\n</tbody></table><p class="gk-note">各份文书全文附后${c.notices.some((n) => n.source === 'kept') && c.notices.some((n) => n.source === 'printed') ? '（已保存PDF的文书按其保存的PDF附于其他文书之后）' : ''}。</p>`,
    '<h2>四、费用</h2>',
    `<p class="gk-note">${e(feeText(c.fee))}。</p>`,
    '<h2>五、身份证明和申请材料</h2>',
    c.images.length === 0 && c.attachments.length === 0 ? '<p class="gk-note">无（申请人未上传，也未登记扫描件）。</p>' : '',
    images,
    attachments ? `<ul>\n${attachments}\n</ul>` : '',
    '</article>',
    ...attached.map((a) => `<section class="gk-attached">\n${a.body}\n</section>`),
  ].join('\n');
}
