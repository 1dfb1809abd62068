// The facts behind the prose of the annual report that only a person can tell (issue #12): per agency
// and reporting year, entered on the staff page 年报素材 and kept as records (report_facts). Each kind is
// described once, as data — its fields with their Chinese labels, lengths and choices — and that one
// description drives the staff forms, the checks of what is entered (checkFact) and the reading of a
// stored row (readFact). Pure: no IO.
//
// Not here, because the platform holds them in records of their own: the items published (the
// catalogue), the 清理 rounds, the review chains, the applications and their 信息处理费.

import { z } from 'zod';
import type { DomainError, DomainResult } from '../../applications/types.ts';
import { parseIsoDate } from '../../calendar/dates.ts';
import { text } from '../../text-rules.ts';

export const FACT_KINDS = ['profile', 'event', 'suggestion', 'supervision', 'training', 'proposal', 'problem', 'measure', 'platform', 'note'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const SUGGESTION_STATES = ['已整改', '整改中', '未整改'] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

export const SUPERVISION_TYPES = ['制度建设', '监督检查', '工作考核', '社会评议', '责任追究', '其他'] as const;
export type SupervisionType = (typeof SUPERVISION_TYPES)[number];

export const PROPOSAL_TYPES = ['人大代表建议', '政协提案'] as const;
export type ProposalType = (typeof PROPOSAL_TYPES)[number];

export const PLATFORM_TYPES = ['政府网站', '政务新媒体', '政务服务场所', '其他'] as const;
export type PlatformType = (typeof PLATFORM_TYPES)[number];

/** Whose website it is: the agency's own portal, or a column of the government above (the agency has none). */
export const HOSTINGS = ['own', 'parent'] as const;
export type Hosting = (typeof HOSTINGS)[number];
export const HOSTING_LABELS: Record<Hosting, string> = { own: '本机关门户网站', parent: '上级人民政府网站的栏目（本机关没有门户网站）' };

/** A problem of section 五: named this year, or named in last year's report (with this year's follow-up). */
export const PROBLEM_ORIGINS = ['current', 'previous'] as const;
export type ProblemOrigin = (typeof PROBLEM_ORIGINS)[number];
export const PROBLEM_ORIGIN_LABELS: Record<ProblemOrigin, string> = { current: '本年度存在的问题', previous: '上年度报告提出的问题' };

/** Where a free note goes: the opening words of 一 (before （一）) or section 六. */
export const NOTE_SECTIONS = ['overview', 'other'] as const;
export type NoteSection = (typeof NOTE_SECTIONS)[number];
export const NOTE_SECTION_LABELS: Record<NoteSection, string> = { overview: '一、总体情况（开头一段）', other: '六、其他需要报告的事项' };

export type FieldType = 'text' | 'textarea' | 'date' | 'count' | 'choice' | 'flag';

export interface FieldSpec {
  name: string;
  /** in Chinese, as the form shows it */
  label: string;
  type: FieldType;
  /** longest text (characters) */
  max?: number;
  required?: boolean;
  /** choice: [value, label] */
  options?: readonly (readonly [string, string])[];
  hint?: string;
}

export interface KindSpec {
  kind: FactKind;
  /** the kind's name, in Chinese */
  label: string;
  /** what it is for: where the draft states it */
  purpose: string;
  fields: readonly FieldSpec[];
  /** one per agency and year (the profile) */
  single?: true;
  /** recorded under another fact (a suggestion under its event) */
  parent?: FactKind;
}

const same = (values: readonly string[]): (readonly [string, string])[] => values.map((v) => [v, v] as const);
const MAX_COUNT = 10_000_000;

export const KIND_SPECS: Readonly<Record<FactKind, KindSpec>> = {
  profile: {
    kind: 'profile',
    label: '报告用语',
    purpose: '报告中机关的自称和简称、办公室（综合科）的名称；不填写则按机关名称推定',
    single: true,
    fields: [
      { name: 'selfName', label: '自称', type: 'text', max: 20, hint: '报告中指代本机关的词，如“中心”“我局”。不填写则按机关名称推定。' },
      { name: 'shortName', label: '简称', type: 'text', max: 60, hint: '总体情况开头使用，如“市机关事务服务中心”。不填写则按机关名称推定。' },
      { name: 'officeName', label: '办公室（综合科）的名称', type: 'text', max: 20, hint: '审核流程中“办公室（综合科）”环节的称呼，如“综合科”。' },
    ],
  },
  event: {
    kind: 'event',
    label: '公众参与活动',
    purpose: '“政府开放日”等活动：写入总体情况（一）主动公开和（五）监督保障',
    fields: [
      { name: 'name', label: '活动名称', type: 'text', max: 40, required: true, hint: '如“政府开放日”“政务公开座谈会”。' },
      { name: 'theme', label: '主题', type: 'text', max: 200, hint: '如“勤俭节约作表率、高效保障树形象”（不加引号）。' },
      { name: 'date', label: '日期', type: 'date', required: true },
      { name: 'participants', label: '参加人数', type: 'count', required: true },
      { name: 'invitees', label: '邀请对象', type: 'text', max: 200, hint: '如“社区工作人员、群众代表及合作单位代表”。' },
      { name: 'forms', label: '活动形式', type: 'text', max: 200, hint: '如“实地参观、座谈交流”。' },
      { name: 'effect', label: '成效', type: 'textarea', max: 500, hint: '如“让公众进一步了解中心工作情况，增强了政府透明度和公信力”。' },
    ],
  },
  suggestion: {
    kind: 'suggestion',
    label: '收集的意见建议',
    purpose: '活动中收集的每条意见建议及其整改情况：写入（五）监督保障',
    parent: 'event',
    fields: [
      { name: 'text', label: '意见建议', type: 'textarea', max: 500, required: true },
      { name: 'rectification', label: '整改情况', type: 'textarea', max: 1000 },
      { name: 'state', label: '整改状态', type: 'choice', required: true, options: same(SUGGESTION_STATES) },
    ],
  },
  supervision: {
    kind: 'supervision',
    label: '监督保障',
    purpose: '制度建设、监督检查、考核、社会评议、责任追究：写入（五）监督保障',
    fields: [
      { name: 'type', label: '类别', type: 'choice', required: true, options: same(SUPERVISION_TYPES) },
      { name: 'what', label: '做了什么', type: 'textarea', max: 500, required: true, hint: '如“制定了《政务公开监督检查考核制度》，定期不定期对各科政务公开工作情况进行监督检查”。' },
      { name: 'date', label: '日期', type: 'date' },
      { name: 'outcome', label: '结果', type: 'textarea', max: 1000, hint: '如“对反馈的问题及时整改，对不够完善的内容及时补充”。' },
      { name: 'found', label: '发现问题（个）', type: 'count', hint: '监督检查、考核发现的问题个数；没有或不适用的留空。' },
      { name: 'rectified', label: '已整改（个）', type: 'count', hint: '其中已整改的个数。' },
    ],
  },
  training: {
    kind: 'training',
    label: '培训',
    purpose: '政府信息公开业务培训：写入（五）监督保障',
    fields: [
      { name: 'topic', label: '培训内容', type: 'text', max: 200, required: true, hint: '如“《中华人民共和国政府信息公开条例》解读”。' },
      { name: 'date', label: '日期', type: 'date', required: true },
      { name: 'participants', label: '参训人数', type: 'count', required: true },
      { name: 'note', label: '说明', type: 'textarea', max: 500 },
    ],
  },
  proposal: {
    kind: 'proposal',
    label: '人大代表建议和政协提案',
    purpose: '承办的建议、提案及其办理结果公开：写入六、其他需要报告的事项',
    fields: [
      { name: 'type', label: '类别', type: 'choice', required: true, options: same(PROPOSAL_TYPES) },
      { name: 'title', label: '标题', type: 'text', max: 200, hint: '逐件登记时填写；按件数登记时可不填。' },
      { name: 'handled', label: '办理件数', type: 'count', required: true },
      { name: 'disclosed', label: '办理结果已公开件数', type: 'count', required: true },
    ],
  },
  problem: {
    kind: 'problem',
    label: '存在的问题',
    purpose: '五、存在的主要问题及改进情况：本年度的问题，和上年度报告提出的问题及其整改情况',
    fields: [
      { name: 'origin', label: '来源', type: 'choice', required: true, options: PROBLEM_ORIGINS.map((o) => [o, PROBLEM_ORIGIN_LABELS[o]] as const) },
      { name: 'text', label: '问题', type: 'textarea', max: 1000, required: true },
      { name: 'followUp', label: '整改情况', type: 'textarea', max: 2000, hint: '上年度报告提出的问题：本年度做了什么（未填写时，草稿会提示补充）。' },
      { name: 'state', label: '整改状态', type: 'choice', options: [['', '（未填写）'], ...same(SUGGESTION_STATES)], hint: '上年度报告提出的问题：已整改、整改中或未整改。' },
    ],
  },
  measure: {
    kind: 'measure',
    label: '改进措施',
    purpose: '五、下一步的改进措施',
    fields: [{ name: 'text', label: '措施', type: 'textarea', max: 1000, required: true, hint: '如“进一步提高干部职工思想认识，加强信息公开条例的学习”。' }],
  },
  platform: {
    kind: 'platform',
    label: '公开平台',
    purpose: '政府网站、政务新媒体等：写入（一）主动公开和（四）平台建设',
    fields: [
      { name: 'name', label: '名称', type: 'text', max: 100, required: true, hint: '如“市人民政府网站”“中卫市公共机构节能微信公众号”。' },
      { name: 'type', label: '类型', type: 'choice', required: true, options: same(PLATFORM_TYPES) },
      { name: 'catalogue', label: '主动公开目录中的信息通过它发布', type: 'flag' },
      { name: 'hosting', label: '网站归属', type: 'choice', options: [['', '（不适用）'], ...HOSTINGS.map((h) => [h, HOSTING_LABELS[h]] as const)], hint: '政府网站填写：本机关的门户网站，或依托上级人民政府网站的栏目（本机关没有门户网站）。' },
      { name: 'posts', label: '本年度发布信息（条）', type: 'count', hint: '政务新媒体等填写全年发布的信息条数；不统计的留空。' },
      { name: 'purpose', label: '开设目的', type: 'text', max: 200, hint: '如“为扎实做好公共机构节能工作”。' },
      { name: 'description', label: '运行情况', type: 'textarea', max: 1000, hint: '如“专人负责、严格管理，坚持发布与群众息息相关的垃圾分类、节能等生活小知识”。' },
    ],
  },
  note: {
    kind: 'note',
    label: '其他内容',
    purpose: '总体情况的开头一段，或六、其他需要报告的事项（如“无其他需要报告的事项”）',
    fields: [
      { name: 'section', label: '写入', type: 'choice', required: true, options: NOTE_SECTIONS.map((s) => [s, NOTE_SECTION_LABELS[s]] as const) },
      { name: 'text', label: '内容', type: 'textarea', max: 2000, required: true },
    ],
  },
};

/** The stored fields of a fact: strings, counts, flags. */
export type FactData = Record<string, string | number | boolean>;

export interface ProfileData {
  selfName: string;
  shortName: string;
  officeName: string;
}
export interface EventData {
  name: string;
  theme: string;
  date: string;
  participants: number;
  invitees: string;
  forms: string;
  effect: string;
}
export interface SuggestionData {
  text: string;
  rectification: string;
  state: SuggestionState;
}
export interface SupervisionData {
  type: SupervisionType;
  what: string;
  date: string;
  outcome: string;
  /** problems an inspection or assessment found, and of them rectified (0: none recorded) */
  found: number;
  rectified: number;
}
export interface TrainingData {
  topic: string;
  date: string;
  participants: number;
  note: string;
}
export interface ProposalData {
  type: ProposalType;
  title: string;
  handled: number;
  disclosed: number;
}
export interface ProblemData {
  origin: ProblemOrigin;
  text: string;
  followUp: string;
  state: SuggestionState | '';
}
export interface MeasureData {
  text: string;
}
export interface PlatformData {
  name: string;
  type: PlatformType;
  catalogue: boolean;
  /** a website's: the agency's own, or a column of the government above; '' for other platforms */
  hosting: Hosting | '';
  /** what it posted in the year (0: not counted) */
  posts: number;
  purpose: string;
  description: string;
}
export interface NoteData {
  section: NoteSection;
  text: string;
}

export interface FactDataOf {
  profile: ProfileData;
  event: EventData;
  suggestion: SuggestionData;
  supervision: SupervisionData;
  training: TrainingData;
  proposal: ProposalData;
  problem: ProblemData;
  measure: MeasureData;
  platform: PlatformData;
  note: NoteData;
}

/** A stored fact as the draft reads it. */
export type ReportFact = { [K in FactKind]: { id: number; kind: K; parentId: number | null; data: FactDataOf[K] } }[FactKind];
export type FactOf<K extends FactKind> = Extract<ReportFact, { kind: K }>;

export const isFactKind = (value: string): value is FactKind => (FACT_KINDS as readonly string[]).includes(value);

const refuse = (code: string, message: string, field: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

/** The form's strings of a kind: each field at most its length (and 40 for dates, counts, choices), no control characters. */
function inputSchema(spec: KindSpec) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const f of spec.fields) shape[f.name] = text(f.label, f.max ?? 40, { multiline: f.type === 'textarea' }).optional();
  return z.object(shape);
}
const SCHEMAS = Object.fromEntries(FACT_KINDS.map((k) => [k, inputSchema(KIND_SPECS[k])])) as Record<FactKind, ReturnType<typeof inputSchema>>;

/** The zod schema of a kind's form (lengths and the text rule); checkFact gives the meaning. */
export const factInput = (kind: FactKind) => SCHEMAS[kind];

const TRUE = new Set(['1', 'on', 'true', 'yes']);

/**
 * A kind's fields as a form gives them (strings) → the data stored, or a refusal naming the field: the
 * required ones filled, dates real and within the reporting year, counts whole numbers, choices known;
 * a proposal's 已公开 not above its 办理件数; a problem of last year with its follow-up and state.
 * Give the zod-parsed strings (factInput) — lengths and control characters are refused there.
 */
export function checkFact(kind: FactKind, input: Record<string, string | undefined>, year: number): DomainResult<FactData> {
  const spec = KIND_SPECS[kind];
  const out: FactData = {};
  for (const f of spec.fields) {
    const raw = (input[f.name] ?? '').trim();
    if (f.type === 'flag') {
      out[f.name] = TRUE.has(raw);
      continue;
    }
    if (raw === '') {
      if (f.required) return refuse('FIELD_REQUIRED', `请填写${f.label}。`, f.name);
      out[f.name] = f.type === 'count' ? 0 : '';
      continue;
    }
    if (f.type === 'date') {
      if (parseIsoDate(raw) === null) return refuse('INVALID_DATE', `${f.label}不是有效日期，请写成 YYYY-MM-DD（例如 ${year}-05-15）。`, f.name);
      if (Number(raw.slice(0, 4)) !== year) return refuse('DATE_OUTSIDE_YEAR', `${f.label}（${raw}）不在${year}年内：年报素材按年度登记，请在${raw.slice(0, 4)}年度登记，或核对日期。`, f.name);
      out[f.name] = raw;
    } else if (f.type === 'count') {
      const n = /^[0-9]{1,8}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isInteger(n) || n > MAX_COUNT) return refuse('INVALID_COUNT', `${f.label}应为不大于${MAX_COUNT}的非负整数（阿拉伯数字），例如 25。`, f.name);
      out[f.name] = n;
    } else if (f.type === 'choice') {
      if (!(f.options ?? []).some(([v]) => v === raw)) return refuse('UNKNOWN_CHOICE', `${f.label}应为以下之一：${(f.options ?? []).filter(([v]) => v !== '').map(([, l]) => l).join('、')}。`, f.name);
      out[f.name] = raw;
    } else {
      out[f.name] = raw;
    }
  }
  if (kind === 'proposal') {
    if ((out['handled'] as number) < 1) return refuse('INVALID_COUNT', '办理件数至少为1。', 'handled');
    if ((out['disclosed'] as number) > (out['handled'] as number)) return refuse('DISCLOSED_ABOVE_HANDLED', `办理结果已公开件数（${String(out['disclosed'])}）不能多于办理件数（${String(out['handled'])}）。`, 'disclosed');
  }
  if (kind === 'supervision' && (out['rectified'] as number) > (out['found'] as number)) {
    return refuse('RECTIFIED_ABOVE_FOUND', `已整改（${String(out['rectified'])}个）不能多于发现问题（${String(out['found'])}个）。`, 'rectified');
  }
  if (kind === 'platform' && out['hosting'] !== '' && out['type'] !== '政府网站') {
    return refuse('HOSTING_FOR_WEBSITE', '网站归属只适用于类型为“政府网站”的平台；其他平台请选“（不适用）”。', 'hosting');
  }
  if (kind === 'problem' && out['origin'] === 'current' && (out['followUp'] !== '' || out['state'] !== '')) {
    return refuse('FOLLOW_UP_FOR_PREVIOUS', '整改情况和整改状态只适用于上年度报告提出的问题；本年度问题的改进请登记在“改进措施”中。', 'followUp');
  }
  return { ok: true, value: out };
}

/** A stored row read back as the draft's fact, or null when its data does not fit its kind (never thrown). */
export function readFact(row: { id: number; kind: string; parentId: number | null; data: unknown; year: number }): ReportFact | null {
  if (!isFactKind(row.kind) || row.data === null || typeof row.data !== 'object') return null;
  const data = row.data as Record<string, unknown>;
  const strings: Record<string, string> = {};
  for (const f of KIND_SPECS[row.kind].fields) {
    const v = data[f.name];
    strings[f.name] = typeof v === 'boolean' ? (v ? '1' : '') : typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  }
  const checked = checkFact(row.kind, strings, row.year);
  if (!checked.ok) return null;
  return { id: row.id, kind: row.kind, parentId: row.parentId, data: checked.value } as unknown as ReportFact;
}

/** The fields of a stored fact as the edit form shows them (strings). */
export function formValues(kind: FactKind, data: FactData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of KIND_SPECS[kind].fields) {
    const v = data[f.name];
    out[f.name] = typeof v === 'boolean' ? (v ? '1' : '') : v === undefined ? '' : String(v);
  }
  return out;
}
