// The demo's year of applications as a plan: deterministic (xorshift32, a fixed seed), dated on the
// working days of the calendar, every step on or after the one before and never after today; the
// steps that would fall after today are left out, so those applications are still open. A few are
// placed so that the dashboard has something to show.

import type { EventInput } from '../../domain/applications/transitions.ts';
import { APPLICANT_TYPES, OUTCOMES } from '../../domain/applications/types.ts';
import type { ApplicantType, Channel, DomainResult, Outcome } from '../../domain/applications/types.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import { pageFee } from '../../domain/fees/fees.ts';
import type { DeliveryMethod } from '../../domain/documents/delivery.ts';
import type { DeliveryForm } from '../public-applications.ts';
import { residentId, uscc } from './identity.ts';
import { AREAS, FIRMS, GIVEN, MINES, PROJECTS, replyDocument, ROADS, SURNAMES, TOPICS, VILLAGES } from './topics.ts';
import type { PlannedDocument } from './topics.ts';

const DEMO_COUNT = 120;
const SEED = 20_260_101;

export interface PlannedStep {
  on: string;
  actor: string;
  event: EventInput;
  document?: PlannedDocument;
  /** the deliver step: recorded as the reply notice's delivery (services/deliveries.ts), with it */
  delivery?: PlannedDelivery;
}

/** How the reply reached the applicant (issue #17): method, tracking number for post, evidence. */
export interface PlannedDelivery {
  method: DeliveryMethod;
  trackingNumber?: string;
  evidence: string;
}

/**
 * The delivery of the i-th application's reply, by the form of delivery the applicant asked for — drawn
 * from nothing random, so the plan's other draws (and so the demo) stay as they were: an online
 * applicant asking for e-mail half the time reads it on their page (在线); post with an EMS-style number.
 */
export function plannedDelivery(i: number, channel: Channel, form: DeliveryForm): PlannedDelivery {
  if (channel === 'online' && form === 'email' && i % 2 === 0) return { method: 'online', evidence: '申请人通过本平台申请办理进度页面查看答复告知书（平台访问记录）' };
  if (form === 'email') return { method: 'email', evidence: '电子邮件发送记录；申请人回复邮件确认收到' };
  if (form === 'paper_post') return { method: 'post', trackingNumber: `XA${String(100_000_000 + ((i * 7_919) % 900_000_000)).slice(0, 9)}CN`, evidence: '邮政挂号信签收记录（中国邮政官网查询截图）' };
  return { method: 'in_person', evidence: '申请人在送达回证上签名' };
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
        const noticed = step(rint(3, 7), { type: 'send_fee_notice', delivery: 'in_person' }, () =>
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
        (steps.at(-1) as PlannedStep).delivery = plannedDelivery(i, channel, deliveryForm);
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
