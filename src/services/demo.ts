// `gongkai demo`: a demo agency (示范市自然资源和规划局, code `demo`) with a realistic year of work, so that
// a newcomer sees a living system in one command — staff accounts of each role, a filled 政府信息公开指南,
// about 120 applications over the 12 months before today (online with receipt codes, in person, by
// letter and fax; corrections, consultations, extensions approved by the leader, fees, withdrawals;
// replies spread over the rows of table 三) with their notices, a few still open (some due soon, one
// overdue) and last year's annual report published.
//
// The plan is deterministic (xorshift32, a fixed seed; dates are working days of the calendar; every
// step is dated on or after the one before and never after today) and every record is written through
// the services a user's action goes through, so the demo obeys the same rules as real work. Each step
// is recorded as of its own date (recorded_at in Beijing office hours), so the history and the "as of"
// recomputations read as if the year had really happened. All of it is one transaction: it is loaded
// completely or not at all, and refused (DEMO_EXISTS) once the demo agency exists.

import type { Kysely } from 'kysely';
import { joined, Refused } from './transactions.ts';
import type { DB } from '../db/schema.ts';
import type { EventInput } from '../domain/applications/transitions.ts';
import { residentIdCheckChar, USCC_CHARSET, usccCheckChar } from '../domain/applications/identity.ts';
import { APPLICANT_TYPES, OUTCOMES } from '../domain/applications/types.ts';
import type { ApplicantType, Channel, DomainError, DomainResult, Outcome } from '../domain/applications/types.ts';
import { buildCalendar } from '../domain/calendar/index.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../domain/calendar/dates.ts';
import type { Consultee, DocumentKind } from '../domain/documents/templates.ts';
import { pageFee } from '../domain/fees/fees.ts';
import type { FeeQuote } from '../domain/fees/fees.ts';
import { addMembership, insertUser, prepareUser, ROLE_LABELS } from './accounts.ts';
import type { Role } from './accounts.ts';
import { createAgency } from './agencies.ts';
import { recordEvent, registerApplication } from './applications.ts';
import type { Actor } from './applications.ts';
import { defaultGuide, defaultRules, PLACEHOLDER_MARK, setPage, touchColumn } from './column.ts';
import { issueDocument } from './documents.ts';
import { DELIVERY_FORM_LABELS, formatReceiptCode, submitOnline } from './public-applications.ts';
import type { DeliveryForm } from './public-applications.ts';
import { computeAnnualReport } from './report-compute.ts';

export const DEMO_AGENCY = { code: 'demo', name: '示范市自然资源和规划局', level: 'department' } as const;

/** The password of every demo account: printed, and to be changed (or the accounts disabled) before any real use. */
export const DEMO_PASSWORD = 'gongkai-demo-2026';

export const DEMO_USERS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'demo-admin', displayName: '演示管理员', role: 'admin' },
  { username: 'demo-handler', displayName: '演示经办人', role: 'handler' },
  { username: 'demo-leader', displayName: '演示分管领导', role: 'leader' },
  { username: 'demo-supervisor', displayName: '演示监督员', role: 'supervisor' },
];

/** The 行政复议机关 named in the replies (the agency's 本级人民政府). */
export const DEMO_REVIEW_BODY = '示范市人民政府';

const DEMO_COUNT = 120;
const SEED = 20_260_101;

export interface DemoSummary {
  agencyCode: string;
  agencyName: string;
  users: { username: string; password: string; role: Role; roleLabel: string; displayName: string }[];
  applications: number;
  /** of which submitted through the online form (with a receipt code) */
  online: number;
  /** still open on `today` */
  open: number;
  documents: number;
  /** the year of the published annual report */
  reportYear: number;
  /** one online application the status page can be tried with */
  sample: { number: string; receiptCode: string; password: string } | null;
}

// ---------------------------------------------------------------------------------------------
// The plan

interface PlannedDocument {
  kind: DocumentKind;
  values: Record<string, string>;
  outcome?: Outcome;
  consultee?: Consultee;
  fee?: FeeQuote;
}

interface PlannedStep {
  on: string;
  actor: string;
  event: EventInput;
  document?: PlannedDocument;
}

export interface PlannedApplication {
  applicantType: ApplicantType;
  applicantName: string;
  idKind: 'resident_id' | 'uscc';
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  channel: Channel;
  submittedOn: string;
  receivedOn: string;
  request: string;
  deliveryForm: DeliveryForm;
  steps: PlannedStep[];
  /** the outcome the plan ends in, null while open on `today` */
  outcome: Outcome | null;
  closedOn: string | null;
}

/** xorshift32: the same plan on every run. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const VILLAGES = ['东湖村', '南岗村', '柳营村', '石桥村', '青山村', '河西村', '杨家坪村', '双井村', '白鹭村', '北塘村'];
const PROJECTS = ['滨江花园三期', '锦绣华庭', '示范市第二中学扩建', '城北污水处理厂', '金桥物流园', '高新区人才公寓', '西湖路棚户区改造'];
const MINES = ['西山石灰岩矿', '北岭建筑用砂石矿', '龙潭花岗岩矿', '东坡页岩矿'];
const AREAS = ['滨江新城', '高新区', '老城区', '河西片区', '青山街道', '石桥镇'];
const ROADS = ['人民路', '建设路', '解放路', '滨江大道', '文化路', '朝阳路', '新华街'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const GIVEN = ['建国', '秀英', '志强', '丽华', '海涛', '桂芳', '晓东', '玉兰', '文博', '春梅', '国庆', '红霞', '俊杰', '淑珍', '德明', '雪梅', '立新', '婷'];
const FIRMS = ['恒信', '安澜', '鼎盛', '华岳', '瑞丰', '宏达', '兴业', '嘉禾'];

interface Topic {
  request: (r: RequestParts) => string;
  /** outcome, weight */
  outcomes: readonly (readonly [Outcome, number])[];
  weight: number;
  /** may involve a third party (a consultation is plausible) */
  consult?: 'third_party' | 'other_agency';
  /** who holds it when this agency does not (NOT_HELD replies name them) */
  holder?: string;
}

/** What a request names: a village, a project, a mine, an area, a year, a person. */
interface RequestParts {
  village: string;
  project: string;
  mine: string;
  area: string;
  year: number;
  person: string;
}

const TOPICS: readonly Topic[] = [
  {
    request: (r) => `${r.village}集体土地征收补偿安置方案及征地补偿费用明细`,
    outcomes: [['OPEN_PROVIDE', 4], ['PARTIAL', 3], ['OPEN_ALREADY_PUBLIC', 2], ['NOT_HELD', 1]],
    weight: 14,
    holder: '示范市人民政府（征收实施单位为所在区人民政府）',
  },
  {
    request: (r) => `${r.year}年${r.village}土地征收的征地批复文件和征收土地预公告、征收土地公告`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 4], ['OPEN_PROVIDE', 3], ['NOT_HELD', 1]],
    weight: 10,
    holder: '所在区人民政府',
  },
  {
    request: (r) => `${r.project}项目的建设工程规划许可证及附图`,
    outcomes: [['OPEN_PROVIDE', 4], ['PARTIAL', 2], ['DENY_THIRD_PARTY', 1]],
    weight: 10,
    consult: 'third_party',
  },
  {
    request: (r) => `${r.project}项目的建设用地规划许可证、规划条件及总平面图`,
    outcomes: [['OPEN_PROVIDE', 3], ['OPEN_ALREADY_PUBLIC', 2], ['NOT_HELD', 1]],
    weight: 7,
    consult: 'third_party',
    holder: '示范市行政审批服务局',
  },
  {
    request: (r) => `${r.area}${r.person}名下房屋的不动产登记簿及登记原始资料`,
    outcomes: [['DENY_ADMIN_QUERY', 3], ['NOT_HELD', 2]],
    weight: 6,
    holder: '示范市不动产登记中心',
  },
  {
    request: (r) => `${r.mine}采矿权出让合同及采矿权出让收益评估报告`,
    outcomes: [['PARTIAL', 3], ['OPEN_PROVIDE', 2], ['DENY_THIRD_PARTY', 1], ['OPEN_THIRD_PARTY_OVERRIDE', 1]],
    weight: 7,
    consult: 'third_party',
  },
  {
    request: (r) => `${r.mine}矿业权出让公告及成交结果`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 3], ['OPEN_PROVIDE', 1]],
    weight: 4,
  },
  {
    request: (r) => `${r.area}${r.project}地块的国有建设用地使用权出让合同`,
    outcomes: [['OPEN_PROVIDE', 2], ['PARTIAL', 2]],
    weight: 5,
    consult: 'third_party',
  },
  {
    request: (r) => `${r.village}违法占用耕地建房的行政处罚决定书`,
    outcomes: [['OPEN_PROVIDE', 2], ['DENY_ENFORCEMENT_FILE', 1], ['NOT_HELD', 1]],
    weight: 5,
    holder: '所在镇人民政府（街道办事处）',
  },
  {
    request: (r) => `${r.area}控制性详细规划及其批复文件`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 3], ['OPEN_PROVIDE', 1]],
    weight: 5,
    consult: 'other_agency',
  },
  {
    request: (r) => `${r.village}${r.person}户的宅基地审批材料`,
    outcomes: [['NOT_HELD', 2], ['OPEN_PROVIDE', 2]],
    weight: 5,
    holder: '所在镇人民政府',
  },
  {
    request: (r) => `${r.project}地块的土壤污染状况调查报告`,
    outcomes: [['NOT_HELD', 3]],
    weight: 3,
    holder: '示范市生态环境局',
  },
  {
    request: () => '示范市国土空间总体规划（2021—2035年）的规划文本及图件',
    outcomes: [['OPEN_ALREADY_PUBLIC', 3]],
    weight: 3,
  },
  {
    request: (r) => `${r.village}地质灾害隐患点分布情况及防治方案`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 2], ['OPEN_PROVIDE', 1]],
    weight: 3,
  },
  {
    request: (r) => `研究${r.village}征地拆迁问题的局党组会议纪要和向市政府的请示报告`,
    outcomes: [['DENY_PROCESS_INFO', 2], ['NOT_HELD', 1]],
    weight: 3,
  },
  {
    request: (r) => `要求查处${r.village}村干部违规出租集体土地的问题，并书面答复处理结果`,
    outcomes: [['REJECT_PETITION', 1]],
    weight: 2,
  },
  {
    request: () => '近五年全市各乡镇征收土地面积、补偿金额的统计汇总及分析报告',
    outcomes: [['NEEDS_CREATION', 2], ['NOT_HELD', 1]],
    weight: 2,
  },
  {
    request: (r) => `再次申请公开${r.village}集体土地征收补偿安置方案（本机关已于此前作出答复）`,
    outcomes: [['REJECT_REPEAT', 1]],
    weight: 1,
  },
  {
    request: (r) => `本人已获取的《${r.village}征地补偿协议》，要求重新出具并加盖本机关公章`,
    outcomes: [['REJECT_CONFIRM_REISSUE', 1]],
    weight: 1,
  },
  {
    request: (r) => `局机关${r.year}年度干部考核结果及公务接待费支出明细`,
    outcomes: [['DENY_INTERNAL_AFFAIRS', 1], ['PARTIAL', 1]],
    weight: 1,
  },
];

const APPLICANT_WEIGHTS: readonly (readonly [ApplicantType, number])[] = [
  ['natural_person', 70],
  ['commercial', 10],
  ['legal_service', 9],
  ['research', 3],
  ['social_welfare', 3],
  ['other', 5],
];

const DELIVERY_WEIGHTS: readonly (readonly [DeliveryForm, number])[] = [
  ['email', 40],
  ['paper_post', 30],
  ['paper_pickup', 20],
  ['on_site', 10],
];

const OFFICE = '示范市人民路1号自然资源和规划局大楼一楼政务公开窗口（示范地址）';

/** The reason a reply gives, by outcome (the finding and decision are the template's). */
function replyReason(outcome: Outcome, topic: Topic): string {
  switch (outcome) {
    case 'PARTIAL':
      return '其中涉及其他权利人的姓名、身份证号码、银行账号及商业秘密等内容，公开会对第三方合法权益造成损害';
    case 'DENY_THIRD_PARTY':
      return '经书面征求第三方意见，第三方以涉及其商业秘密为由不同意公开且理由合理，不公开不会对公共利益造成重大影响';
    case 'DENY_PROCESS_INFO':
      return '您申请的会议纪要和请示报告是本机关内部研究、讨论形成的过程性信息，不属于应当公开的政府信息';
    case 'DENY_INTERNAL_AFFAIRS':
      return '干部考核结果属于本机关人事管理方面的内部事务信息';
    case 'DENY_ENFORCEMENT_FILE':
      return '您申请的材料属于行政执法案卷中的调查笔录、内部审批材料等，处罚决定书已依法主动公开';
    case 'DENY_ADMIN_QUERY':
      return '不动产登记资料的查询依照《不动产登记暂行条例》及其实施细则和《不动产登记资料查询暂行办法》办理，请持本人身份证明到示范市不动产登记中心申请查询';
    case 'NOT_HELD':
      return `经检索本机关档案和业务系统，未查找到您申请获取的政府信息；该信息可能由${topic.holder ?? '其他机关'}制作或者保存，您可以向其咨询`;
    case 'NEEDS_CREATION':
      return '本机关没有现成的统计汇总和分析报告，提供该信息需要对现有资料进行汇总、加工、分析';
    case 'UNCLEAR_AFTER_CORRECTION':
      return '补正后的申请仍未说明所需政府信息的名称、文号或者所涉地块、项目的位置等特征性描述';
    case 'REJECT_PETITION':
      return '您的申请实质是要求本机关查处违法行为并答复处理结果，属于信访、投诉、举报事项，请通过信访或者12345政务服务便民热线等渠道反映';
    case 'REJECT_REPEAT':
      return '本机关已就相同内容的申请作出答复，您本次申请的内容与此前相同';
    case 'REJECT_CONFIRM_REISSUE':
      return '您的申请系要求本机关对已获取的信息进行确认或者重新出具';
    default:
      return '（示范数据）';
  }
}

function deliveryValues(form: DeliveryForm, outcome: Outcome): Record<string, string> {
  if (outcome === 'OPEN_ALREADY_PUBLIC') {
    return { deliveryMethod: '自行查阅、下载', deliveryPlace: '示范市人民政府门户网站及本机关“政府信息公开”专栏（/demo/）', deliveryTime: '即时可查' };
  }
  const place: Record<DeliveryForm, string> = {
    email: '发送至您在申请中提供的电子邮箱',
    paper_post: '邮寄至您在申请中提供的通信地址',
    disc_post: '邮寄至您在申请中提供的通信地址',
    paper_pickup: OFFICE,
    on_site: OFFICE,
  };
  const time: Record<DeliveryForm, string> = {
    email: '与本告知书一并发送',
    paper_post: '与本告知书一并邮寄',
    disc_post: '与本告知书一并邮寄',
    paper_pickup: '自收到本告知书之日起10个工作日内的工作时间',
    on_site: '自收到本告知书之日起10个工作日内的工作时间',
  };
  return { deliveryMethod: DELIVERY_FORM_LABELS[form], deliveryPlace: place[form], deliveryTime: time[form] };
}

function replyDocument(outcome: Outcome, topic: Topic, form: DeliveryForm): PlannedDocument {
  return {
    kind: 'reply',
    outcome,
    values: {
      reviewBody: DEMO_REVIEW_BODY,
      reason: replyReason(outcome, topic),
      ...deliveryValues(form, outcome),
      disclosedPart: '除下列不予公开的内容以外的其余部分',
      withheldPart: '其中涉及其他权利人的个人信息和商业秘密的内容',
      withheldBasis: '条例第十五条、第三十七条',
    },
  };
}

/**
 * The demo's applications on `today`: receipts over the 12 months before it, handled by the working-day
 * calendar, the steps that would fall after today left out (those applications are still open). A few
 * are placed so that the dashboard has something to show: one overdue, two due within 3 working days,
 * one consultation, one correction and one fee under way, one extended.
 */
export function planDemo(today: string, calendar: WorkingCalendar, count = DEMO_COUNT, seed = SEED): DomainResult<PlannedApplication[]> {
  const random = prng(seed);
  const rint = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return (xs[xs.length - 1] as readonly [T, number])[0];
  };
  const todayDay = parseIsoDate(today);
  if (todayDay === null) return { ok: false, error: { code: 'INVALID_DATE', message: `今天的日期“${today}”无效。`, field: 'today' } };
  // the working days of the window (a year back from today)
  const workingDays: number[] = [];
  for (let d = todayDay - 365; d <= todayDay; d++) {
    const w = calendar.isWorkingDay(d);
    if (!w.ok) return { ok: false, error: { code: w.error.code, message: `无法生成演示数据：${w.error.message}`, field: 'calendar' } };
    if (w.value) workingDays.push(d);
  }
  if (workingDays.length < 60) return { ok: false, error: { code: 'CALENDAR_INVALID_DATA', message: '无法生成演示数据：日历中的工作日过少。', field: 'calendar' } };
  /** n working days after `from`; null when past the calendar (it has not happened yet) */
  const after = (from: string, n: number): string | null => {
    const r = calendar.addWorkingDays(parseIsoDate(from) as number, n);
    return r.ok ? toIsoDate(r.value) : null;
  };
  const last = workingDays.length - 1;
  const daysBack = (k: number): string => toIsoDate(workingDays[Math.max(0, last - k)] as number);

  // receipts: the ordinary ones anywhere in the window, the dashboard's ones at fixed distances
  type Special = 'overdue' | 'due_soon' | 'consulting' | 'correcting' | 'fee' | 'extended';
  const specials: [Special, number][] = [
    ['overdue', 24],
    ['due_soon', 18],
    ['due_soon', 19],
    ['consulting', 12],
    ['correcting', 4],
    ['fee', 9],
    ['extended', 19],
  ];
  const ordinary = Math.max(0, count - specials.length);
  const receipts: { on: string; special: Special | null }[] = [];
  for (let i = 0; i < ordinary; i++) receipts.push({ on: toIsoDate(workingDays[rint(0, last)] as number), special: null });
  for (const [special, k] of specials) receipts.push({ on: daysBack(k), special });
  receipts.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

  const plans: PlannedApplication[] = [];
  let ordinal = 0;
  for (const { on: receivedOn, special } of receipts) {
    const i = ordinal++;
    // who applies (the first six cover every column of table 三)
    const applicantType = i < APPLICANT_TYPES.length ? (APPLICANT_TYPES[i] as ApplicantType) : weighted(APPLICANT_WEIGHTS);
    const firm = pick(FIRMS);
    const village = pick(VILLAGES);
    const project = pick(PROJECTS);
    const person = `${pick(SURNAMES)}${pick(GIVEN)}`;
    const year = Number(receivedOn.slice(0, 4)) - rint(1, 4);
    const names: Record<ApplicantType, string> = {
      natural_person: person,
      commercial: pick([`示范市${firm}房地产开发有限公司`, `示范${firm}矿业有限公司`, `示范市${firm}建设工程有限公司`]),
      research: pick(['示范大学城乡规划研究所', '示范市社会科学院', '示范理工学院国土资源研究中心']),
      social_welfare: pick(['示范市绿色家园环保志愿者协会', '示范市乡村发展公益基金会']),
      legal_service: pick(['示范明德律师事务所', '示范正衡律师事务所', '示范法正律师事务所']),
      other: pick([`${village}股份经济合作社`, `${project}业主委员会`]),
    };
    const idKind = applicantType === 'natural_person' ? 'resident_id' : 'uscc';
    const idNumber = idKind === 'resident_id' ? residentId(rint, receivedOn) : uscc(rint, applicantType);
    const channel: Channel = weighted<Channel>([
      ['online', 42],
      ['in_person', 22],
      ['post_signed', 22],
      ['post_ordinary', 10],
      ['fax', 4],
    ]);
    const deliveryForm = weighted(DELIVERY_WEIGHTS);
    // a letter is posted a few days before it is signed for
    const submittedOn =
      channel === 'post_signed' || channel === 'post_ordinary' ? toIsoDate((parseIsoDate(receivedOn) as number) - rint(2, 4)) : receivedOn;
    const phone = `139${String(rint(0, 99_999_999)).padStart(8, '0')}`;

    // what happens to it
    let variant: 'plain' | 'correction' | 'correction_lapsed' | 'consult' | 'extension' | 'fee' | 'fee_lapsed' | 'withdraw' = weighted([
      ['plain', 58],
      ['correction', 9],
      ['correction_lapsed', 3],
      ['consult', 9],
      ['extension', 9],
      ['fee', 4],
      ['fee_lapsed', 2],
      ['withdraw', 4],
    ] as const);
    if (special === 'consulting') variant = 'consult';
    if (special === 'correcting') variant = 'correction';
    if (special === 'fee') variant = 'fee';
    if (special === 'extended') variant = 'extension';
    const topic = variant === 'consult' ? pick(TOPICS.filter((t) => t.consult !== undefined)) : weighted(TOPICS.map((t) => [t, t.weight] as const));
    let outcome: Outcome = weighted(topic.outcomes);
    const request = topic.request({ village, project, mine: pick(MINES), area: pick(AREAS), year, person: `${pick(SURNAMES)}某某` });

    const steps: PlannedStep[] = [];
    let day = receivedOn;
    let open = true;
    let closedOn: string | null = null;
    let ended: Outcome | null = null;
    const handler = 'demo-handler';
    /** the step n working days after the previous one, if it has happened by today */
    const step = (n: number, event: Omit<EventInput, 'occurredOn'>, document?: (on: string) => PlannedDocument | null, actor = handler): boolean => {
      if (!open) return false;
      const on = after(day, n);
      if (on === null || on > today) {
        open = false;
        return false;
      }
      day = on;
      const doc = document?.(on) ?? null;
      steps.push({ on, actor, event: { ...event, occurredOn: on } as EventInput, ...(doc ? { document: doc } : {}) });
      return true;
    };
    const conclude = (n: number, event: Omit<EventInput, 'occurredOn'>, result: Outcome, document?: (on: string) => PlannedDocument | null): void => {
      if (step(n, event, document)) {
        closedOn = day;
        ended = result;
      }
      open = false;
    };
    const reply = (n: number): void =>
      conclude(n, { type: 'reply', outcome, legalBasis: OUTCOMES[outcome].basis }, outcome, () => replyDocument(outcome, topic, deliveryForm));

    step(rint(0, 1), { type: 'assign', handler: '演示经办人' });
    if (special === 'overdue' || special === 'due_soon') {
      // assigned, then nothing: the reply is due (or overdue) on today
      open = false;
    }
    switch (variant) {
      case 'plain':
        reply(rint(5, 17));
        break;
      case 'correction':
      case 'correction_lapsed': {
        const asked = step(special === 'correcting' ? 2 : rint(1, 5), { type: 'request_correction' }, (on) => {
          const deadline = after(on, 15);
          return deadline === null
            ? null
            : {
                kind: 'correction_notice',
                values: {
                  correctionItems: '请写明所需政府信息的名称、文号，或者所涉地块、项目的具体位置和名称等便于查询的特征性描述',
                  correctionDeadline: deadline,
                },
              };
        });
        if (!asked || special === 'correcting') {
          open = false;
          break;
        }
        if (variant === 'correction_lapsed') {
          conclude(16, { type: 'lapse_correction' }, 'OTHER_NO_CORRECTION');
          break;
        }
        if (!step(rint(3, 10), { type: 'receive_correction' })) break;
        if (random() < 0.25) outcome = 'UNCLEAR_AFTER_CORRECTION';
        reply(rint(5, 15));
        break;
      }
      case 'consult': {
        const party = topic.consult ?? 'third_party';
        const consultee = party === 'third_party' ? `示范市${firm}房地产开发有限公司` : '示范市住房和城乡建设局';
        const started = step(rint(3, 7), { type: 'start_consultation', party }, (on) => {
          const due = after(on, 15);
          return due === null
            ? null
            : {
                kind: 'consultation_letter',
                consultee: party === 'third_party' ? 'third_party' : 'agency',
                values: { consultee, reason: `申请人申请公开${request}`, dueOn: due },
              };
        });
        if (!started || special === 'consulting') {
          open = false;
          break;
        }
        if (!step(rint(6, 15), { type: 'end_consultation' })) break;
        if (party === 'third_party') outcome = weighted<Outcome>([['PARTIAL', 3], ['OPEN_PROVIDE', 2], ['DENY_THIRD_PARTY', 2], ['OPEN_THIRD_PARTY_OVERRIDE', 1]]);
        reply(rint(2, 8));
        break;
      }
      case 'extension': {
        const extended = step(
          special === 'extended' ? 17 : rint(15, 18),
          { type: 'approve_extension', workingDays: 20, note: '资料涉及多个科室和历年档案，经分管领导同意延期答复' },
          () => {
            const due = after(receivedOn, 40);
            return due === null
              ? null
              : {
                  kind: 'extension_notice',
                  values: { reason: '您申请公开的政府信息涉及多个业务科室和历年档案，需要调阅、核对的资料较多', workingDays: '20', dueOn: due },
                };
          },
          'demo-leader',
        );
        if (!extended || special === 'extended') {
          open = false;
          break;
        }
        reply(rint(5, 18));
        break;
      }
      case 'fee':
      case 'fee_lapsed': {
        const pages = rint(120, 360);
        const fee = pageFee(pages);
        const noticed = step(rint(3, 7), { type: 'send_fee_notice' }, () =>
          fee.ok ? { kind: 'fee_notice', fee: fee.value, values: { paymentMethod: '通过示范市非税收入统一缴款系统缴纳（示范数据）' } } : null,
        );
        if (!noticed || special === 'fee') {
          open = false;
          break;
        }
        if (variant === 'fee_lapsed') {
          conclude(21, { type: 'lapse_fee' }, 'OTHER_NO_FEE');
          break;
        }
        if (!step(rint(3, 12), { type: 'record_payment' })) break;
        reply(rint(3, 8));
        break;
      }
      case 'withdraw':
        conclude(rint(2, 8), { type: 'withdraw', note: '申请人书面撤回申请' }, 'OTHER');
        break;
    }
    // after the reply: delivered, and the older ones archived
    if (ended !== null && steps.at(-1)?.event.type === 'reply') {
      open = true;
      if (random() < 0.8 && step(deliveryForm === 'email' ? 0 : rint(1, 3), { type: 'deliver' })) {
        if (random() < 0.6) step(rint(10, 25), { type: 'archive' });
      }
      open = false;
    } else if (ended !== null && random() < 0.5) {
      open = true;
      step(rint(5, 20), { type: 'archive' });
      open = false;
    }
    plans.push({
      applicantType,
      applicantName: names[applicantType],
      idKind,
      idNumber,
      phone,
      email: deliveryForm === 'email' || random() < 0.3 ? `applicant${String(i + 1).padStart(3, '0')}@example.com` : '',
      address: `示范市${pick(AREAS)}${pick(ROADS)}${rint(1, 300)}号`,
      channel,
      submittedOn,
      receivedOn,
      request,
      deliveryForm,
      steps,
      outcome: ended,
      closedOn,
    });
  }
  return { ok: true, value: plans };
}

/** An 18-digit 居民身份证号码 with a valid check character (fictitious area code 990100). */
function residentId(rint: (lo: number, hi: number) => number, before: string): string {
  const year = Math.min(Number(before.slice(0, 4)) - 18, rint(1950, 2002));
  const birth = `${year}${String(rint(1, 12)).padStart(2, '0')}${String(rint(1, 28)).padStart(2, '0')}`;
  const first17 = `990100${birth}${String(rint(0, 999)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** A 统一社会信用代码 with a valid check character (fictitious area code 990100). */
function uscc(rint: (lo: number, hi: number) => number, type: ApplicantType): string {
  const registrar: Record<ApplicantType, string> = { natural_person: '91', commercial: '91', research: '12', social_welfare: '51', legal_service: '31', other: 'N2' };
  let body = '';
  for (let i = 0; i < 9; i++) body += USCC_CHARSET.charAt(rint(0, USCC_CHARSET.length - 1));
  const first17 = `${registrar[type]}990100${body}`;
  return first17 + usccCheckChar(first17);
}

// ---------------------------------------------------------------------------------------------
// The column's pages

const DEMO_NOTE = '【示范数据】本页由 gongkai demo 生成，机构名称、地址、电话、邮箱等均为虚构，仅供演示，请勿据此提出申请。';

/** The default guide with every 【待填写…】 filled with demo details (条例第十二条: 工作机构名称、地址、时间、电话、传真、互联网联系方式). */
export function demoGuide(): string {
  const fill = (hint: string): string => {
    if (hint.startsWith('本机关根据职能')) return '- 自然资源和国土空间规划：国土空间总体规划、详细规划及其批复，土地征收成片开发方案，征地批复及征收土地公告';
    if (hint.startsWith('本机关的其他公开途径')) return '- 本机关政务新媒体“示范自然资源”（示范数据）及设在示范市人民路1号的政府信息公开查阅点';
    if (hint.startsWith('政府信息公开工作机构名称')) return '示范市自然资源和规划局办公室（政务公开科）';
    if (hint.startsWith('办公地址')) return OFFICE;
    if (hint.startsWith('邮政编码')) return '000001（示范数据）';
    if (hint.startsWith('如“工作日')) return '工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）';
    if (hint.startsWith('联系电话')) return '0000-12345678（演示号码）';
    if (hint.startsWith('传真号码')) return '0000-12345679（演示号码）';
    if (hint.startsWith('电子邮箱')) return '电子邮箱 gongkai@demo.example（演示地址）';
    if (hint.startsWith('上一级行政机关')) return '示范市人民政府办公室（政务公开办），电话0000-12340000（演示号码）';
    if (hint.startsWith('行政复议机关')) return DEMO_REVIEW_BODY;
    return '（示范数据）';
  };
  return `${DEMO_NOTE}\n\n${fillPlaceholders(defaultGuide(DEMO_AGENCY), fill)}`;
}

export function demoRules(): string {
  return `${DEMO_NOTE}\n\n${fillPlaceholders(defaultRules(DEMO_AGENCY), () =>
    '- 《示范市自然资源和规划局政府信息公开工作制度》（示自然资规发〔2024〕1号，示范数据）\n- 《示范市自然资源和规划局政府信息公开申请办理规程》（示自然资规发〔2024〕2号，示范数据）',
  )}`;
}

/** Replaces each 【待填写：hint】 (an agency's blank) with fill(hint); a whole-line blank by a whole line. */
function fillPlaceholders(body: string, fill: (hint: string) => string): string {
  return body.replace(new RegExp(`${PLACEHOLDER_MARK}[：:]?([^】]*)】`, 'g'), (_m, hint: string) => fill(hint.trim()));
}

// ---------------------------------------------------------------------------------------------
// Loading

type PreparedUser = Extract<Awaited<ReturnType<typeof prepareUser>>, { ok: true }>['value'];



const demoExists = (): DomainError => ({
  code: 'DEMO_EXISTS',
  message: `演示机关“${DEMO_AGENCY.code}”（${DEMO_AGENCY.name}）已经存在，演示数据已载入过，未做任何改动。如需重新体验，请换一个空的数据目录（GONGKAI_DATA_DIR）或数据库。`,
  field: 'agency',
});

/** A minimal one-page PDF saying it is no identity document: the 身份证明 of the demo's online applications. */
function demoIdentityPdf(): Uint8Array {
  const text = 'BT /F1 16 Tf 40 120 Td (gongkai demo - not a real identity document) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 480 240] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/**
 * Loads the demo agency as of `today` (YYYY-MM-DD) and `now` (ISO timestamp, on or after today): refused
 * with DEMO_EXISTS, changing nothing, if the agency `demo` exists already. `calendar`: the agency's
 * working calendar (the built-in national one when omitted).
 */
export async function loadDemo(db: Kysely<DB>, options: { today: string; now: string; calendar?: WorkingCalendar }): Promise<DomainResult<DemoSummary>> {
  const { today, now } = options;
  if (parseIsoDate(today) === null) return { ok: false, error: { code: 'INVALID_DATE', message: `今天的日期“${today}”无效。`, field: 'today' } };
  if (Number.isNaN(Date.parse(now)) || now.slice(0, 10) < today) {
    return { ok: false, error: { code: 'INVALID_DATE', message: `当前时间“${now}”无效或早于今天（${today}）。`, field: 'now' } };
  }
  let calendar = options.calendar;
  if (calendar === undefined) {
    const built = buildCalendar();
    if (!built.ok) return { ok: false, error: { code: built.error.code, message: built.error.message, field: 'calendar' } };
    calendar = built.value;
  }
  const existing = await db.selectFrom('agencies').select('id').where('code', '=', DEMO_AGENCY.code).executeTakeFirst();
  if (existing) return { ok: false, error: demoExists() };
  const planned = planDemo(today, calendar);
  if (!planned.ok) return planned;
  const plans = planned.value;

  const start = plans[0]?.receivedOn ?? today;
  /** a timestamp on `date` in Beijing office hours (the k-th action of the day), never after now */
  const stamp = (date: string, k: number): string => {
    const minutes = 60 + Math.min(k * 7, 8 * 60 + 59);
    const t = `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;
    return t < now ? t : now;
  };
  const setupAt = stamp(start, 0);
  // hashing is slow: before the transaction
  const prepared: { username: string; role: Role; prepared: PreparedUser }[] = [];
  for (const u of DEMO_USERS) {
    const p = await prepareUser({ username: u.username, displayName: u.displayName, password: DEMO_PASSWORD });
    if (!p.ok) return p;
    prepared.push({ ...u, prepared: p.value });
  }
  const identity = demoIdentityPdf();

  try {
    const summary = await db.transaction().execute(async (trx) => {
      const tx = joined(trx);
      // the agency (its unique code: a second load at the same time fails here and rolls back)
      if (await trx.selectFrom('agencies').select('id').where('code', '=', DEMO_AGENCY.code).executeTakeFirst()) throw new Refused(demoExists());
      const agency = await createAgency(tx, { ...DEMO_AGENCY }, setupAt);
      if (!agency.ok) throw new Refused(agency.error.code === 'AGENCY_CODE_TAKEN' ? demoExists() : agency.error);
      const agencyId = agency.value.id;
      // the staff
      const userIds = new Map<string, number>();
      for (const u of prepared) {
        const created = await insertUser(tx, u.prepared, setupAt, { userId: null, agencyId });
        if (!created.ok) {
          throw new Refused({ code: created.error.code, message: `演示账号“${u.username}”已被占用（${created.error.message}），未载入演示数据。`, field: 'username' });
        }
        userIds.set(u.username, created.value.id);
        const member = await addMembership(tx, created.value.id, agencyId, u.role, setupAt);
        if (!member.ok) throw new Refused(member.error);
      }
      const adminId = userIds.get('demo-admin') ?? null;
      // the column's pages
      for (const [page, body] of [
        ['guide', demoGuide()],
        ['rules', demoRules()],
      ] as const) {
        const written = await setPage(tx, DEMO_AGENCY.code, page, body, { userId: adminId, now: setupAt });
        if (!written.ok) throw new Refused(written.error);
      }

      // every action of the year, in the order of its date (so numbers of applications and documents run with the dates)
      type Action = { on: string; app: number; seq: number; step: PlannedStep | null };
      const actions: Action[] = [];
      plans.forEach((p, app) => {
        actions.push({ on: p.receivedOn, app, seq: 0, step: null });
        p.steps.forEach((s, i) => actions.push({ on: s.on, app, seq: i + 1, step: s }));
      });
      actions.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.app - b.app || a.seq - b.seq));
      const ids = new Map<number, number>();
      const receipts = new Map<number, { number: string; receiptCode: string; password: string }>();
      let documents = 0;
      let online = 0;
      let perDay = { on: '', k: 0 };
      for (const action of actions) {
        perDay = perDay.on === action.on ? { on: action.on, k: perDay.k + 1 } : { on: action.on, k: 0 };
        const at = stamp(action.on, perDay.k);
        const p = plans[action.app] as PlannedApplication;
        if (action.step === null) {
          if (p.channel === 'online' && at.slice(0, 10) === p.receivedOn) {
            const submitted = await submitOnline(
              tx,
              DEMO_AGENCY.code,
              {
                applicantType: p.applicantType,
                applicantName: p.applicantName,
                idKind: p.idKind,
                idNumber: p.idNumber,
                phone: p.phone,
                email: p.email,
                address: p.address,
                request: p.request,
                deliveryForm: p.deliveryForm,
                identityProof: { bytes: identity, type: 'application/pdf', name: '身份证明（示范）.pdf' },
              },
              at,
            );
            if (!submitted.ok) throw new Refused(submitted.error);
            ids.set(action.app, submitted.value.applicationId);
            receipts.set(action.app, { number: submitted.value.number, receiptCode: formatReceiptCode(submitted.value.receiptCode), password: submitted.value.password });
            online += 1;
          } else {
            const who: Actor = { actor: 'demo-handler', now: at, today: action.on };
            const registered = await registerApplication(
              tx,
              agencyId,
              {
                applicantType: p.applicantType,
                applicantName: p.applicantName,
                idKind: p.idKind,
                idNumber: p.idNumber,
                contact: [p.phone ? `电话：${p.phone}` : '', p.email ? `电子邮箱：${p.email}` : ''].filter((s) => s !== '').join('；'),
                address: p.address,
                channel: p.channel === 'online' ? 'in_person' : p.channel,
                submittedOn: p.submittedOn,
                receivedOn: p.receivedOn,
                request: p.request,
                deliveryForm: DELIVERY_FORM_LABELS[p.deliveryForm],
              },
              who,
            );
            if (!registered.ok) throw new Refused(registered.error);
            ids.set(action.app, registered.value.id);
          }
          continue;
        }
        const id = ids.get(action.app) as number;
        const who: Actor = { actor: action.step.actor, now: at, today: action.on, calendar };
        const recorded = await recordEvent(tx, agencyId, id, action.step.event, who);
        if (!recorded.ok) throw new Refused(recorded.error);
        const d = action.step.document;
        if (d) {
          const issued = await issueDocument(
            tx,
            agencyId,
            id,
            { kind: d.kind, issuedOn: action.on, values: d.values, ...(d.outcome ? { outcome: d.outcome } : {}), ...(d.consultee ? { consultee: d.consultee } : {}), ...(d.fee ? { fee: d.fee } : {}) },
            who,
          );
          if (!issued.ok) throw new Refused(issued.error);
          documents += 1;
        }
      }

      // last year's annual report, published in January (条例第五十条: by 31 January)
      const reportYear = Number(today.slice(0, 4)) - 1;
      const report = await computeAnnualReport(tx, DEMO_AGENCY.code, reportYear);
      if (!report.ok) throw new Refused(report.error);
      const published = calendar.addWorkingDays(parseIsoDate(`${reportYear + 1}-01-10`) as number, 5);
      const publishedOn = published.ok ? toIsoDate(published.value) : `${reportYear + 1}-01-20`;
      await trx
        .insertInto('publishedReports')
        .values({ agencyId, year: reportYear, report: JSON.stringify(report.value), publishedAt: stamp(publishedOn < today ? publishedOn : today, 20), publishedBy: adminId })
        .execute();

      // a receipt to try the status page with: the latest online application that has a reply
      let sample: DemoSummary['sample'] = null;
      plans.forEach((p, app) => {
        const r = receipts.get(app);
        if (r && p.steps.some((s) => s.event.type === 'reply')) sample = r;
      });
      const value: DemoSummary = {
        agencyCode: DEMO_AGENCY.code,
        agencyName: DEMO_AGENCY.name,
        users: DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD, role: u.role, roleLabel: ROLE_LABELS[u.role], displayName: u.displayName })),
        applications: plans.length,
        online,
        open: plans.filter((p) => p.closedOn === null).length,
        documents,
        reportYear,
        sample,
      };
      return value;
    });
    touchColumn(DEMO_AGENCY.code); // committed: its pages and report are new
    return { ok: true, value: summary };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    // the agency created by a second load running at the same time
    const again = await db.selectFrom('agencies').select('id').where('code', '=', DEMO_AGENCY.code).executeTakeFirst();
    if (again) return { ok: false, error: demoExists() };
    throw e;
  }
}
