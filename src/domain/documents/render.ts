// A notice (templates.ts) filled in and laid out as a printable page (HTML), plain text and a Word document.
//
// Layout after GB/T 9704 (A4, margins 37/26/35/28 mm): the title centred in 方正小标宋简体 二号, the 文号
// centred under it, the addressee line "…：" flush left, the body paragraphs in 仿宋_GB2312 三号 indented two
// characters, the agency's contact line (联系机构、地址、邮编、电话, when the agency has set one: it is
// taken when the notice is issued and stored with it), and the seal position: two blank lines of room
// for the seal (印章), then the agency's name centred over the date, the date four characters in from the
// right (GB/T 9704 §7.3.5.1: 成文日期右空四字, 以成文日期为准居中编排发文机关署名, the seal pressing on
// both). Page numbers "— n —" are in the DOCX footer (office/gbt9704-docx.ts; the DOCX itself is render-docx.ts). The frame is fixed; only the
// body comes from the (built-in or agency-edited) template.
//
// Values: trimmed, a trailing "。" dropped (the template punctuates), an ISO date (YYYY-MM-DD) in a date
// placeholder printed as 2024年1月5日 (chineseDate), a line break in a value starting a new paragraph.
// Generated placeholders (the reply's basis, finding, decision and remedy; the consultation wording; the fee
// figures from `fee`) take precedence over typed values; `{{remedy}}` is never taken from a typed value.
// Everything is HTML-escaped (XML-escaped in the DOCX): markup typed into a field prints as text.
//
// Pure: no IO, no clock (the date is a value).

import { OUTCOMES } from '../applications/types.ts';
import type { DomainError, DomainResult, Outcome } from '../applications/types.ts';
import { chineseDate, parseIsoDate } from '../calendar/dates.ts';
import type { FeeQuote } from '../fees/fees.ts';
import { pageCss } from '../office/gbt9704.ts';
import { escapeHtml } from '../report/render/html.ts';
import {
  CONSULTATION_WORDING,
  DOCUMENT_KINDS,
  FEE_BASIS,
  FEE_METHOD_LABELS,
  FEE_STANDARD,
  OUTCOME_WORDING,
  PLACEHOLDERS,
  builtInTemplate,
  capitalYuan,
  documentTitle,
  fillPlaceholders,
  placeholdersIn,
  remedyNotice,
  replyBodyFor,
  responsibleOrganNotice,
  validateTemplate,
  type Consultee,
  type DocumentKind,
} from './templates.ts';

export interface DocumentInput {
  kind: DocumentKind;
  /** 文号, e.g. "某政公开〔2024〕12号" — see documentNumber */
  number: string;
  /** the issuing organ: the signature, and {{agencyName}} */
  agencyName: string;
  /** the agency's edited template of the kind (checked with validateTemplate); absent: the built-in one */
  template?: string;
  /** typed values by placeholder name (PLACEHOLDERS[kind]); names not used are ignored */
  values: Record<string, string>;
  /**
   * the agency's contact line (services/agency-site.ts contactLine), printed after the body; absent, null
   * or blank: the notice has none (never a placeholder)
   */
  contactLine?: string | null;
  /** required for `reply`: selects the body and generates basis, finding, decision and remedy */
  outcome?: Outcome;
  /** `consultation_letter`: a third party (条例第三十二条, default) or a co-making organ (第三十四条) */
  consultee?: Consultee;
  /** `fee_notice`: the quote (fees.ts) from which basis, standard, amount and breakdown are generated */
  fee?: FeeQuote;
  /**
   * values computed from the record (the clocks' dates, the step's length): they fill the placeholders of
   * COMPUTED_PLACEHOLDERS, which are never taken from typed values
   */
  computed?: Record<string, string>;
}

/** Placeholders computed from the record and the clocks, never typed (a typed value of the name is ignored). */
export const COMPUTED_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'correctionDeadline',
  'correctionPeriod',
  'dueOn',
  'replyPeriod',
  'responsePeriod',
  'remedy',
  'responsibleOrganNotice',
]);

/** A notice filled in, before layout. */
export interface PreparedDocument {
  /** an application's notice kind, or another notice laid out in the same frame (`amendment`: 条例第四十一条's, domain/amendments/notice.ts) */
  kind: DocumentKind | 'amendment';
  title: string;
  number: string;
  /** the addressee, without the "：" */
  addressee: string;
  paragraphs: string[];
  /** the contact line, or null */
  contact: string | null;
  signature: string;
  date: string;
}

export interface RenderedDocument {
  title: string;
  /** a standalone printable page */
  html: string;
  text: string;
}

/** Thrown by renderDocument / renderDocumentDocx when prepareDocument refuses the input. */
export class DocumentError extends Error {
  readonly error: DomainError;
  constructor(error: DomainError) {
    super(error.message);
    this.name = 'DocumentError';
    this.error = error;
  }
}

/**
 * 发文字号 per GB/T 9704: 机关代字 + 〔年份〕 + 序号 + 号 (no leading zeros, no 第), e.g.
 * documentNumber('某政公开', 2024, 12) → "某政公开〔2024〕12号". Throws RangeError on a bad argument.
 */
export function documentNumber(prefix: string, year: number, seq: number): string {
  const code = typeof prefix === 'string' ? prefix.trim() : '';
  if (code === '') throw new RangeError('文号的机关代字不能为空。');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`文号的年份必须是四位整数，收到${String(year)}。`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`文号的序号必须是正整数，收到${String(seq)}。`);
  return `${code}〔${year}〕${seq}号`;
}

const refuse = (code: string, message: string, field?: string): { ok: false; error: DomainError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

function cleanValue(raw: string, date: boolean): string {
  let v = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n')
    .replace(/。+$/u, '');
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const day = parseIsoDate(v);
    if (day !== null) v = chineseDate(day, false);
  }
  return v;
}

/** The generated values of the input (non-empty ones only). */
function generatedValues(input: DocumentInput, values: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const set = (name: string, v: string) => {
    if (v !== '') out.set(name, v);
  };
  if (input.kind === 'reply' && input.outcome !== undefined) {
    set('basis', OUTCOMES[input.outcome].basis);
    set('finding', OUTCOME_WORDING[input.outcome].finding);
    set('decision', OUTCOME_WORDING[input.outcome].decision);
    const reviewBody = values.get('reviewBody');
    if (reviewBody !== undefined) set('remedy', remedyNotice(input.outcome, reviewBody, values.get('court') ?? ''));
    if (input.outcome === 'NOT_RESPONSIBLE') {
      const organ = values.get('responsibleOrgan');
      const contact = values.get('responsibleContact');
      const unknown = values.get('responsibleOrganUnknown') === '1';
      if (unknown || (organ !== undefined && contact !== undefined)) set('responsibleOrganNotice', responsibleOrganNotice(organ ?? '', contact ?? '', unknown));
    }
  }
  if (input.kind === 'consultation_letter') {
    const w = CONSULTATION_WORDING[input.consultee ?? 'third_party'];
    set('basis', w.basis);
    set('consultationGround', w.consultationGround);
    set('consulteeTerm', w.consulteeTerm);
    set('consultationRules', w.consultationRules);
  }
  if (input.kind === 'fee_notice' && input.fee !== undefined) {
    const { method, yuan, breakdown } = input.fee;
    set('feeMethod', FEE_METHOD_LABELS[method]);
    set('feeBasis', FEE_BASIS[method]);
    set('feeStandard', FEE_STANDARD[method]);
    set('amount', `人民币${yuan}元（大写：${capitalYuan(yuan)}）`);
    set('feeBreakdown', breakdown.map((l) => l.text).join('；'));
  }
  return out;
}

/** Fills in the notice: the checks of the template and of the values, then the paragraphs. */
export function prepareDocument(input: DocumentInput): DomainResult<PreparedDocument> {
  const { kind } = input;
  if (!DOCUMENT_KINDS.includes(kind)) return refuse('DOCUMENT_UNKNOWN_KIND', `未知的文书种类“${String(kind)}”。`, 'kind');
  if (input.outcome !== undefined && !(input.outcome in OUTCOMES)) return refuse('DOCUMENT_OUTCOME_UNKNOWN', `未知的办理结果“${String(input.outcome)}”。`, 'outcome');
  if (kind === 'reply' && input.outcome === undefined) return refuse('DOCUMENT_OUTCOME_REQUIRED', '答复告知书须指定办理结果（outcome）。', 'outcome');
  if (input.consultee !== undefined && !(input.consultee in CONSULTATION_WORDING)) return refuse('DOCUMENT_INVALID_VALUE', `未知的征求意见对象“${String(input.consultee)}”。`, 'consultee');

  const checked = validateTemplate(kind, input.template ?? builtInTemplate(kind));
  if (!checked.ok) return checked;
  let template = kind === 'reply' && input.outcome !== undefined ? replyBodyFor(checked.value, input.outcome) : checked.value;
  // 条例第三十六条第（五）项: a reply NOT_RESPONSIBLE names the responsible organ, even from a template that does not say where
  if (input.outcome === 'NOT_RESPONSIBLE' && !placeholdersIn(template).includes('responsibleOrganNotice')) {
    template = template.includes('{{remedy}}') ? template.replace('{{remedy}}', '{{responsibleOrganNotice}}。\n{{remedy}}') : `${template}\n{{responsibleOrganNotice}}。`;
  }

  const specs = new Map(PLACEHOLDERS[kind].map((s) => [s.name, s]));
  const values = new Map<string, string>();
  for (const [name, raw] of Object.entries(input.values ?? {})) {
    if (typeof raw !== 'string') continue;
    if (COMPUTED_PLACEHOLDERS.has(name)) continue; // computed only
    if (kind === 'extension_notice' && name === 'workingDays' && input.computed?.['workingDays'] !== undefined) continue;
    const v = cleanValue(raw, specs.get(name)?.date === true);
    if (v !== '') values.set(name, v);
  }
  for (const [name, raw] of [['number', input.number], ['agencyName', input.agencyName]] as const) {
    const v = typeof raw === 'string' ? cleanValue(raw, false) : '';
    if (v === '') values.delete(name);
    else values.set(name, v);
  }
  if (kind === 'fee_notice' && input.fee !== undefined && !(Number.isSafeInteger(input.fee.yuan) && input.fee.yuan > 0)) {
    return refuse('DOCUMENT_INVALID_VALUE', `收费金额为${String(input.fee.yuan)}元，无需（也不能）发出收费通知书。`, 'fee');
  }
  for (const [name, raw] of Object.entries(input.computed ?? {})) {
    const v = cleanValue(raw, specs.get(name)?.date === true);
    if (v !== '') values.set(name, v);
  }
  for (const [name, v] of generatedValues(input, values)) values.set(name, v);
  if (kind === 'reply' && input.outcome === 'NOT_RESPONSIBLE' && placeholdersIn(template).includes('responsibleOrganNotice') && !values.has('responsibleOrganNotice')) {
    return refuse(
      'RESPONSIBLE_ORGAN_REQUIRED',
      '“不属于本机关负责公开”的答复须写明负责公开该信息的机关名称及其联系方式（条例第三十六条第（五）项）；确实无法确定的，请勾选“无法确定负责公开的机关”。',
      values.has('responsibleOrgan') ? 'responsibleContact' : 'responsibleOrgan',
    );
  }

  if (kind === 'extension_notice' && values.has('workingDays')) {
    const days = values.get('workingDays') as string;
    if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 20) {
      return refuse('DOCUMENT_INVALID_VALUE', `延长的期限必须是1至20个工作日（条例第三十三条第二款：延长的期限最长不得超过20个工作日），收到“${days}”。`, 'workingDays');
    }
  }

  const addresseeName = kind === 'consultation_letter' ? 'consultee' : 'applicantName';
  const used = placeholdersIn(template);
  const required = new Set([addresseeName, 'number', 'agencyName', 'issuedOn', ...used]);
  if (used.includes('remedy')) required.add('reviewBody');
  // without a 复议机关 the remedy cannot be generated: ask for the 复议机关, not for the remedy
  const missing = [...required].filter((n) => !values.has(n) && !(n === 'remedy' && !values.has('reviewBody')));
  if (missing.length > 0) {
    const list = missing.map((n) => `${specs.get(n)?.label ?? n}（${n}）`).join('、');
    return refuse('DOCUMENT_VALUES_MISSING', `文书缺少以下内容：${list}。`, missing[0]);
  }

  const body = fillPlaceholders(template, (n) => values.get(n) as string);
  const contact = typeof input.contactLine === 'string' ? input.contactLine.replace(/\s+/gu, ' ').trim() : '';
  return {
    ok: true,
    value: {
      kind,
      title: documentTitle(kind, input.consultee),
      number: values.get('number') as string,
      addressee: values.get(addresseeName) as string,
      paragraphs: body
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
      contact: contact === '' ? null : contact,
      signature: values.get('agencyName') as string,
      date: values.get('issuedOn') as string,
    },
  };
}

/** The prepared notice, or DocumentError with prepareDocument's refusal. */
export function preparedOrThrow(input: DocumentInput): PreparedDocument {
  const r = prepareDocument(input);
  if (!r.ok) throw new DocumentError(r.error);
  return r.value;
}

// ---------------------------------------------------------------------------------------------
// The seal position (GB/T 9704 §7.3.5.1)

/** 成文日期右空四字: the date's distance from the right margin, in characters. */
export const DATE_RIGHT_SPACE = 4;

/** Blank lines between the body (or the contact line) and the agency's name: the room for the seal's upper half. */
export const SEAL_LINES = 2;

/** A line's printed width in characters of the body type: CJK and full-width ones 1, Latin letters and digits ½. */
export function printedWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u1fff\u2070-\u2e7f\uff61-\uffdc]/u.test(ch) ? 0.5 : 1;
  return w;
}

/**
 * The agency's name's distance from the right margin, in characters: centred over the date (以成文日期为准
 * 居中编排发文机关署名); a name wider than the date and its four characters ends at the margin.
 */
export function signatureRightSpace(signature: string, date: string): number {
  return Math.max(0, DATE_RIGHT_SPACE + (printedWidth(date) - printedWidth(signature)) / 2);
}

const em = (v: number): string => `${Number(v.toFixed(2))}em`;

// GB/T 9704 page (src/domain/office/gbt9704.ts), and the parts of a notice: 文号, addressee, contact line,
// the seal block (signature, date, and on screen only a light mark where the seal goes).
const CSS = `${pageCss('gk-notice', '0 0 .25em')}
.gk-notice p.gk-number { text-indent: 0; text-align: center; margin-bottom: 1em; }
.gk-notice p.gk-addressee { text-indent: 0; }
.gk-notice .gk-seal { position: relative; margin-top: ${1.75 * SEAL_LINES}em; break-inside: avoid; page-break-inside: avoid; }
.gk-notice .gk-seal p { text-indent: 0; text-align: right; }
.gk-notice p.gk-date { padding-right: ${DATE_RIGHT_SPACE}em; }
.gk-notice .gk-seal-mark { position: absolute; top: -1.75em; margin: 0; color: #595959; letter-spacing: .1em; }
@media print { .gk-notice { max-width: none; padding: 0; } .no-print { display: none !important; } }
`.trim();

function htmlOf(doc: PreparedDocument): string {
  const e = escapeHtml;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(doc.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    `<article class="gk-notice gk-${doc.kind}" lang="zh-CN">`,
    `<h1>${e(doc.title)}</h1>`,
    `<p class="gk-number">${e(doc.number)}</p>`,
    `<p class="gk-addressee">${e(doc.addressee)}：</p>`,
    ...doc.paragraphs.map((t) => `<p>${e(t)}</p>`),
    ...(doc.contact === null ? [] : [`<p class="gk-contact">${e(doc.contact)}</p>`]),
    '<div class="gk-seal">',
    // the mark centred over the date (the seal's centre), on screen only
    `<p class="gk-seal-mark no-print" aria-hidden="true" style="right: ${em(DATE_RIGHT_SPACE + printedWidth(doc.date) / 2 - 2.2)}">（印章）</p>`,
    `<p class="gk-signature" style="padding-right: ${em(signatureRightSpace(doc.signature, doc.date))}">${e(doc.signature)}</p>`,
    `<p class="gk-date">${e(doc.date)}</p>`,
    '</div>',
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function textOf(doc: PreparedDocument): string {
  const body = [...doc.paragraphs, ...(doc.contact === null ? [] : [doc.contact])];
  return [doc.title, doc.number, '', `${doc.addressee}：`, ...body.map((t) => `　　${t}`), '', doc.signature, doc.date, ''].join('\n');
}

/** A notice prepared elsewhere (domain/amendments/notice.ts) laid out in the same frame: HTML page and plain text. */
export function renderPrepared(doc: PreparedDocument): RenderedDocument {
  return { title: doc.title, html: htmlOf(doc), text: textOf(doc) };
}

/** A notice prepared elsewhere as a Word document (render-docx.ts, loaded on first use). */
export async function renderPreparedDocx(doc: PreparedDocument): Promise<Uint8Array> {
  return (await import('./render-docx.ts')).documentDocx(doc);
}

/** The notice as a standalone printable HTML page and as plain text. Throws DocumentError (see prepareDocument). */
export function renderDocument(input: DocumentInput): RenderedDocument {
  const doc = preparedOrThrow(input);
  return { title: doc.title, html: htmlOf(doc), text: textOf(doc) };
}

/** The same notice as a Word document (A4, GB/T 9704 fonts; render-docx.ts, loaded on first use). Throws DocumentError (see prepareDocument). */
export async function renderDocumentDocx(input: DocumentInput): Promise<Uint8Array> {
  const doc = preparedOrThrow(input);
  return (await import('./render-docx.ts')).documentDocx(doc);
}
