// The notices sent to applicants (and to consulted parties) while an application for disclosure is handled
// (domain.md §1.3–§1.4, §3): their built-in templates, the placeholders each may use, and the check an
// agency's edited template must pass.
//
// A template is plain text: one paragraph per line (blank lines are ignored), with named placeholders
// `{{name}}`. It is the BODY of the notice only: the frame — title, 文号, addressee line "…：", the agency's
// name and the date — is laid out by render.ts and cannot be edited away.
//
// An agency keeps ONE template per kind (table `templates`, key (agency_id, kind)), so the `reply` template
// holds the body of every outcome: text outside sections is common to all replies; a section
// `{{#deny}}…{{/deny}}` is kept only for outcomes of that group (open, partial, deny, unable, reject, other)
// and `{{#NOT_HELD}}…{{/NOT_HELD}}` only for that outcome. Sections do not nest. Other kinds have no sections.
//
// Some placeholders are GENERATED from the outcome, the consultee or the fee quote, never typed by hand; a
// typed value of the same name is ignored when the generated one exists. Above all `{{remedy}}`: the remedy
// paragraph of a reply, which since 2024-01-01 (行政复议法 第二十三条) must tell an applicant refused
// disclosure (不予公开, and — DERIVED — 部分公开) to apply for 行政复议 first. A `reply` template without
// `{{remedy}}` (or without `{{basis}}`, the 条例 article the reply cites) is refused.
//
// Pure: no IO, no clock.

import { OUTCOMES } from '../applications/types.ts';
import type { DomainError, DomainResult, Outcome } from '../applications/types.ts';
import { REPLY_GROUPS, replyGroup } from './wording.ts';
import type { Consultee } from './wording.ts';

export * from './wording.ts';

export type DocumentKind = 'correction_notice' | 'extension_notice' | 'consultation_letter' | 'fee_notice' | 'reply';

export const DOCUMENT_KINDS: readonly DocumentKind[] = ['correction_notice', 'extension_notice', 'consultation_letter', 'fee_notice', 'reply'];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  correction_notice: '补正告知书',
  extension_notice: '延期答复告知书',
  consultation_letter: '征求意见函',
  fee_notice: '收费通知书',
  reply: '政府信息公开申请答复告知书',
};


/** The printed title of each kind (the consultation letter's depends on the consultee). */
export function documentTitle(kind: DocumentKind, consultee: Consultee = 'third_party'): string {
  switch (kind) {
    case 'correction_notice':
      return '政府信息公开申请补正告知书';
    case 'extension_notice':
      return '政府信息公开申请延期答复告知书';
    case 'consultation_letter':
      return consultee === 'agency' ? '政府信息公开征求意见函' : '政府信息公开第三方意见征询函';
    case 'fee_notice':
      return '政府信息公开信息处理费收费通知书';
    case 'reply':
      return '政府信息公开申请答复告知书';
  }
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/**
 * Where a placeholder's text comes from: `input` — a field of DocumentInput (number, agencyName);
 * `value` — typed, in DocumentInput.values; `generated` — computed (outcome, consultee, fee quote), a typed
 * value is used only when nothing can be computed (e.g. the basis of outcome OTHER, a fee without a quote).
 */
export type PlaceholderSource = 'input' | 'value' | 'generated';

export interface PlaceholderSpec {
  name: string;
  /** in Chinese, for the template editor */
  label: string;
  source: PlaceholderSource;
  /** an ISO date (YYYY-MM-DD) typed here is printed as 2024年1月5日 */
  date?: boolean;
}

const p = (name: string, label: string, source: PlaceholderSource = 'value', date = false): PlaceholderSpec =>
  date ? { name, label, source, date } : { name, label, source };

const COMMON: readonly PlaceholderSpec[] = [
  p('applicantName', '申请人姓名或名称'),
  p('receivedOn', '收到申请日期', 'value', true),
  p('number', '文号', 'input'),
  p('request', '申请获取的政府信息（内容描述）'),
  p('agencyName', '行政机关名称（署名）', 'input'),
  p('issuedOn', '成文日期', 'value', true),
  p('contact', '联系人及联系方式'),
];

/** The placeholders each kind may use (an edited template using any other is refused). */
export const PLACEHOLDERS: Record<DocumentKind, readonly PlaceholderSpec[]> = {
  correction_notice: [
    ...COMMON,
    p('correctionItems', '需要补正的事项'),
    p('correctionDeadline', '补正期限（日期，由补正告知步骤计算）', 'generated', true),
    p('correctionPeriod', '补正期限（“于某日前”；暂定日期时写作期间）', 'generated'),
  ],
  extension_notice: [
    ...COMMON,
    p('reason', '延期理由'),
    p('workingDays', '延长的工作日数（由延期步骤登记）', 'generated'),
    p('dueOn', '延长后的答复期限（日期，由答复期限计算）', 'generated', true),
    p('replyPeriod', '延长后的答复期限（“于某日前”；暂定日期时写作期间）', 'generated'),
  ],
  consultation_letter: [
    ...COMMON,
    p('consultee', '被征求意见的第三方或机关名称（由征求意见步骤登记）'),
    p('reason', '征求意见的事由'),
    p('dueOn', '反馈期限（日期，自对方收到之日起15个工作日）', 'generated', true),
    p('responsePeriod', '反馈期限（期间；对方收到日期已登记且不是暂定日期时附日期）', 'generated'),
    p('basis', '征求意见的法律依据', 'generated'),
    p('consultationGround', '征求意见的情形', 'generated'),
    p('consulteeTerm', '对被征求意见方的称谓（贵方／贵机关）', 'generated'),
    p('consultationRules', '逾期不答复等的法律后果', 'generated'),
  ],
  fee_notice: [
    ...COMMON,
    p('feeBasis', '收费依据', 'generated'),
    p('feeMethod', '计收方式（按件计收／按量计收）', 'generated'),
    p('feeStandard', '收费标准', 'generated'),
    p('amount', '收费金额', 'generated'),
    p('feeBreakdown', '分档计算明细', 'generated'),
    p('paymentMethod', '缴费方式'),
  ],
  reply: [
    ...COMMON,
    p('basis', '答复依据（条例条款）', 'generated'),
    p('finding', '审查认定', 'generated'),
    p('decision', '处理决定', 'generated'),
    p('remedy', '救济途径告知（含复议前置告知）', 'generated'),
    p('reviewBody', '行政复议机关'),
    p('court', '有管辖权的人民法院'),
    p('responsibleOrgan', '负责公开该信息的机关（条例第三十六条第（五）项）'),
    p('responsibleContact', '该机关的联系方式'),
    p('responsibleOrganNotice', '告知负责公开的机关及其联系方式', 'generated'),
    p('reason', '具体理由'),
    p('disclosedPart', '予以公开的部分'),
    p('withheldPart', '不予公开的部分'),
    p('withheldBasis', '不予公开部分的依据（条款）'),
    p('deliveryMethod', '获取方式'),
    p('deliveryPlace', '获取途径（地点、网址）'),
    p('deliveryTime', '获取时间'),
  ],
};

/** Placeholders a template of the kind must keep. */
export const REQUIRED_PLACEHOLDERS: Record<DocumentKind, readonly string[]> = {
  correction_notice: [],
  extension_notice: [],
  consultation_letter: [],
  fee_notice: [],
  reply: ['remedy', 'basis'],
};

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

const SECTION = /\{\{\s*([#/])\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

interface Section {
  open: boolean;
  key: string;
  start: number;
  end: number;
}

/** The section markers of a reply template, checked: known keys, each closed by its own, no nesting. */
function parseSections(text: string): DomainResult<Section[]> {
  const markers: Section[] = [...text.matchAll(SECTION)].map((m) => ({ open: m[1] === '#', key: m[2] as string, start: m.index, end: m.index + m[0].length }));
  let current: Section | null = null;
  for (const m of markers) {
    if (!(REPLY_GROUPS as readonly string[]).includes(m.key) && !(m.key in OUTCOMES)) {
      return refuse('DOCUMENT_TEMPLATE_SECTION_INVALID', `答复告知书模板中的段落标记“${text.slice(m.start, m.end)}”无效：可用${REPLY_GROUPS.join('、')}或办理结果代码（如DENY_STATE_SECRET）。`, 'template');
    }
    if (m.open) {
      if (current !== null) return refuse('DOCUMENT_TEMPLATE_SECTION_INVALID', `答复告知书模板中{{#${current.key}}}尚未以{{/${current.key}}}结束，段落不能嵌套。`, 'template');
      current = m;
    } else {
      if (current === null || current.key !== m.key) return refuse('DOCUMENT_TEMPLATE_SECTION_INVALID', `答复告知书模板中的{{/${m.key}}}没有对应的{{#${m.key}}}。`, 'template');
      current = null;
    }
  }
  if (current !== null) return refuse('DOCUMENT_TEMPLATE_SECTION_INVALID', `答复告知书模板中{{#${current.key}}}没有以{{/${current.key}}}结束。`, 'template');
  return { ok: true, value: markers };
}

/** The body of a (valid) reply template for `outcome`: the common text and the sections of its group or itself. */
export function replyBodyFor(template: string, outcome: Outcome): string {
  const group = replyGroup(outcome);
  let out = '';
  let keep = true;
  let at = 0;
  for (const m of template.matchAll(SECTION)) {
    if (keep) out += template.slice(at, m.index);
    keep = m[1] === '/' || m[2] === group || m[2] === outcome;
    at = m.index + m[0].length;
  }
  if (keep) out += template.slice(at);
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .join('\n');
}

/** Longest template accepted, in characters. */
export const TEMPLATE_MAX_LENGTH = 20_000;

function refuse(code: string, message: string, field?: string): { ok: false; error: DomainError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/**
 * Checks an agency's edited template for `kind` and returns it normalised (line ends, trailing blanks).
 * Refuses: an empty or oversized body, a malformed `{{…}}`, a placeholder not allowed for the kind, and —
 * for `reply` — a body without `{{remedy}}` (复议前置 notice) or `{{basis}}`.
 */
export function validateTemplate(kind: DocumentKind, body: string): DomainResult<string> {
  if (!DOCUMENT_KINDS.includes(kind)) return refuse('DOCUMENT_UNKNOWN_KIND', `未知的文书种类“${String(kind)}”。`, 'kind');
  if (typeof body !== 'string') return refuse('DOCUMENT_TEMPLATE_EMPTY', '模板内容不能为空。', 'template');
  const text = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
  if (text === '') return refuse('DOCUMENT_TEMPLATE_EMPTY', '模板内容不能为空。', 'template');
  if (text.length > TEMPLATE_MAX_LENGTH) return refuse('DOCUMENT_TEMPLATE_TOO_LONG', `模板超过${TEMPLATE_MAX_LENGTH}字。`, 'template');
  if (kind === 'reply') {
    const sections = parseSections(text);
    if (!sections.ok) return sections;
  }
  const blanked = text.replace(PLACEHOLDER, (m) => ' '.repeat(m.length)).replace(kind === 'reply' ? SECTION : /(?!)/g, (m) => ' '.repeat(m.length));
  const stray = blanked.match(/\{\{|\}\}/);
  if (stray) {
    const at = stray.index ?? 0;
    return refuse('DOCUMENT_TEMPLATE_MALFORMED', `模板中“${text.slice(at, at + 20)}”不是有效的占位符，占位符应写作{{名称}}（名称为英文字母和数字）。`, 'template');
  }
  const allowed = new Set(PLACEHOLDERS[kind].map((s) => s.name));
  const unknown = placeholdersIn(text).filter((n) => !allowed.has(n));
  if (unknown.length > 0) {
    return refuse(
      'DOCUMENT_TEMPLATE_UNKNOWN_PLACEHOLDER',
      `${DOCUMENT_KIND_LABELS[kind]}模板不能使用占位符${unknown.map((n) => `{{${n}}}`).join('、')}；可用的占位符为：${[...allowed].map((n) => `{{${n}}}`).join('、')}。`,
      'template',
    );
  }
  // every outcome's body must keep the required placeholders (a reply: whichever sections apply)
  const bodies: [string, string][] = kind === 'reply' ? (Object.keys(OUTCOMES) as Outcome[]).map((o) => [o, replyBodyFor(text, o)]) : [['', text]];
  for (const name of REQUIRED_PLACEHOLDERS[kind]) {
    for (const [outcome, body] of bodies) {
      if (placeholdersIn(body).includes(name)) continue;
      const where = outcome === '' ? '' : `（办理结果“${OUTCOMES[outcome as Outcome].label}”，${outcome}）`;
      const message =
        name === 'remedy'
          ? `答复告知书模板必须保留{{remedy}}（救济途径告知）${where}：根据《中华人民共和国行政复议法》第二十三条，不予公开的答复必须告知申请人应当先申请行政复议，该段由系统生成，不能删除或手工改写。`
          : `${DOCUMENT_KIND_LABELS[kind]}模板必须保留{{${name}}}${where}。`;
      return refuse(name === 'remedy' ? 'DOCUMENT_TEMPLATE_REMEDY_MISSING' : 'DOCUMENT_TEMPLATE_REQUIRED_MISSING', message, 'template');
    }
  }
  return { ok: true, value: text };
}

// ---------------------------------------------------------------------------------------------
// The built-in templates

const DELIVERY = '获取方式：{{deliveryMethod}}；获取途径：{{deliveryPlace}}；获取时间：{{deliveryTime}}。';
const REASONED = ['{{finding}}，具体理由如下：{{reason}}。', '根据{{basis}}的规定，{{decision}}。'].join('');

const section = (key: string, lines: string[]) => [`{{#${key}}}`, ...lines, `{{/${key}}}`];

/** The built-in template of each kind (the reply's holds a section per outcome group). */
export const BUILT_IN_TEMPLATES: Record<DocumentKind, string> = {
  correction_notice: [
    '本机关于{{receivedOn}}收到您提出的政府信息公开申请，您申请获取“{{request}}”。',
    '经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您需要补正的事项如下：{{correctionItems}}。',
    '请您{{correctionPeriod}}向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。',
    '无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    '特此告知。',
  ].join('\n'),
  extension_notice: [
    '本机关于{{receivedOn}}收到您提出的政府信息公开申请，您申请获取“{{request}}”。',
    '因{{reason}}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{workingDays}}个工作日，本机关将{{replyPeriod}}作出答复。',
    '特此告知。',
  ].join('\n'),
  consultation_letter: [
    '本机关于{{receivedOn}}收到政府信息公开申请，申请人申请获取“{{request}}”。经审查，该政府信息{{consultationGround}}。根据{{basis}}的规定，现书面征求{{consulteeTerm}}意见。',
    '请{{consulteeTerm}}{{responsePeriod}}，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请一并说明理由。{{consultationRules}}。',
    '特此函告。',
  ].join('\n'),
  fee_notice: [
    '本机关于{{receivedOn}}收到您提出的政府信息公开申请，您申请获取“{{request}}”。',
    '经审查，您申请公开政府信息的数量、频次明显超过合理范围，本机关依法收取信息处理费。现将有关事项通知如下：',
    '一、收费依据：{{feeBasis}}。',
    '二、收费标准：{{feeStandard}}。',
    '三、收费金额：{{amount}}。计算明细：{{feeBreakdown}}。',
    '四、缴费方式：{{paymentMethod}}。',
    '请您自收到本通知书之日的次日起20个工作日内缴纳上述费用。逾期未缴纳的，视为放弃申请，本机关不再处理您的该政府信息公开申请。',
    '特此通知。',
  ].join('\n'),
  reply: [
    '本机关于{{receivedOn}}收到您提出的政府信息公开申请，您申请获取“{{request}}”。经审查，根据《中华人民共和国政府信息公开条例》（以下简称条例）的有关规定，现答复如下：',
    ...section('open', ['{{finding}}。根据{{basis}}的规定，{{decision}}。', `您可以通过以下方式、途径和时间获取该政府信息：${DELIVERY}`]),
    ...section('partial', [
      '{{finding}}。根据{{basis}}的规定，{{decision}}。',
      `对{{disclosedPart}}，本机关予以公开，您可以通过以下方式、途径和时间获取：${DELIVERY}`,
      '对{{withheldPart}}，根据{{withheldBasis}}的规定不予公开，理由如下：{{reason}}。',
    ]),
    ...section('deny', [REASONED]),
    ...section('unable', [REASONED]),
    ...section('NOT_RESPONSIBLE', ['{{responsibleOrganNotice}}。']),
    ...section('reject', [REASONED]),
    ...section('other', [REASONED]),
    '{{remedy}}',
  ].join('\n'),
};

/** The built-in template of `kind`. */
export function builtInTemplate(kind: DocumentKind): string {
  return BUILT_IN_TEMPLATES[kind];
}

/** Replaces each `{{name}}` in one pass (a value's own text is never expanded again). */
export function fillPlaceholders(body: string, value: (name: string) => string): string {
  return body.replace(PLACEHOLDER, (_m, name: string) => value(name));
}
