// One application: at the top its state, the clock that matters now and the one or two next steps
// (application-actions.tsx; every other step the transition table allows behind 其他操作); then its
// record, its statutory clocks (due dates, state as text and badge, why), its timeline of events, its
// documents (HTML and DOCX), the scanned paper application, and the 复议/诉讼 cases about it.

import type { Child } from 'hono/jsx';
import { allowedEvents, EVENT_LABELS } from '../../../domain/applications/transitions.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { EventType, HandlingState, Outcome } from '../../../domain/applications/types.ts';
import { planActions } from '../../../domain/applications/next-actions.ts';
import type { ApplicationView } from '../../../services/application-view.ts';
import { summarise } from '../../../services/dashboard.ts';
import { NOTICE_STEPS, noticeOptions } from '../../../services/notices.ts';
import type { PersonalDataPanel } from '../../../services/personal-data.ts';
import { ApplicationActions, fieldsOf } from './application-actions.tsx';
import type { Choice, FailedAction } from './application-actions.tsx';
import { Clocks, Documents, Timeline } from './application-parts.tsx';
import { FormOutcome } from './forms.tsx';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, Facts, staffBase, staffPage } from './frame.tsx';
import { ApplicationRemedies } from './application-remedies.tsx';
import { ITEM_STATE_LABELS } from '../../../domain/catalogue/vocab.ts';
import type { ItemState } from '../../../domain/catalogue/vocab.ts';
import { OnlineCorrections } from './application-corrections.tsx';
import { DELIVERY_FIELDS, DocumentDeliveries } from './application-deliveries.tsx';
import type { FailedDelivery } from './application-deliveries.tsx';
import { IdentityPanel } from './personal.tsx';
import { QueryPasswordPanel } from './query-password.tsx';
import type { StaffFrame } from './frame.tsx';
import { archivedOnOf, retentionLine } from '../../../domain/casefile/retention.ts';

export { beijingTime, PARTY_LABELS } from './application-parts.tsx';
export { REPLY_OUTCOMES } from './application-actions.tsx';
export type { FailedAction } from './application-actions.tsx';

/** Steps recorded with their notice on the 制作文书 page, not by a form here. */
const WITH_NOTICE: ReadonlySet<EventType> = new Set(Object.values(NOTICE_STEPS).flat());

const ID_KIND_LABELS: Record<string, string> = { resident_id: '居民身份证', uscc: '统一社会信用代码', other: '其他证件' };

/**
 * 逾期未补正 / 逾期未缴费 are not offered while their period runs (条例第三十条; 国办函〔2020〕109号): the
 * service refuses them before the period's last day, so the page says when they become possible.
 */
function lapsesNotYetDue(clocks: ApplicationView['clocks'], today: string): { type: EventType; title: string; due: string | null }[] {
  const out: { type: EventType; title: string; due: string | null }[] = [];
  for (const [type, id] of [['lapse_correction', 'correction_period'], ['lapse_fee', 'fee_payment']] as const) {
    const clock = clocks?.find((c) => c.id === id);
    if (!clock || clock.state === 'stopped') continue;
    if (clock.due === null) out.push({ type, title: clock.title, due: null });
    else if (clock.due >= today) out.push({ type, title: clock.title, due: clock.due });
  }
  return out;
}

export interface ApplicationPageProps {
  view: ApplicationView;
  csrf: string;
  today: string;
  may: { handle: boolean; approve: boolean };
  failed?: FailedAction;
  /** a delivery form refused (application-deliveries.tsx) */
  deliveryFailed?: FailedDelivery;
  /** the agency's 保管期限 of archived case files, in years (agencies.archive_retention_years) */
  retentionYears?: number;
  /** after a step was recorded (post-redirect-get): what was done */
  done?: string;
  /** the applicant's personal data for this user (the view's ID number comes masked) */
  personal?: PersonalDataPanel;
  /** the agency's staff who may handle applications: the choices of 承办人 */
  handlers?: readonly Choice[];
  /** the scanned paper application and the like (application-scans.tsx), when the page lists them */
  scans?: Child;
  /** 转主动公开 (条例第四十四条): whether the reply allows it, and the catalogue items made from the application */
  proactive?: { may: boolean; items: readonly { id: number; indexNumber: string; title: string; state: string }[] };
}

/** The clock that matters now (the dashboard's choice) as one line, or null. */
function CurrentClock(props: { view: ApplicationView; state: HandlingState }) {
  const { clocks, clockError } = props.view;
  if (clocks === null) return <p>期限无法计算：{clockError}（见下方“期限”）。</p>;
  const s = summarise(clocks, props.state);
  const c = s.clock;
  if (c === null) return null;
  return (
    <p>
      当前期限：{c.title} {c.due ?? '—'}
      {c.due && c.provisional ? '（暂定）' : ''} <ClockBadge state={c.state} label={CLOCK_STATE_LABELS[c.state] ?? c.state} /> {daysLeftText(c.workingDaysLeft, c.state)}
      {s.reply && c.id !== 'reply' ? `；答复期限 ${s.reply.due ?? '—'}${s.reply.provisional ? '（暂定）' : ''}` : ''}
    </p>
  );
}

export function applicationPage(frame: StaffFrame, props: ApplicationPageProps): string {
  const base = staffBase(frame.agency?.code ?? '');
  const { application: a, events, documents, clocks, clockError } = props.view;
  const state = a.state as HandlingState;
  const waiting = lapsesNotYetDue(clocks, props.today).filter((w) => allowedEvents(state).includes(w.type));
  const notices = props.may.handle ? noticeOptions(state, events, documents, { approve: props.may.approve }) : [];
  const recordable = new Set(notices.filter((n) => n.mode === 'record').map((n) => n.step));
  const feeClock = clocks?.find((c) => c.id === 'fee_payment');
  const plan = planActions({
    state,
    may: props.may,
    notYetDue: waiting.map((w) => w.type),
    extended: a.extended,
    feeNoticeReceived: feeClock !== undefined && feeClock.due !== null,
    unavailable: [...WITH_NOTICE].filter((e) => !recordable.has(e)),
  });
  const hints = [
    ...(allowedEvents(state).includes('approve_extension') && !a.extended && !props.may.approve ? ['延期答复须由科室负责人、分管领导或管理员批准。'] : []),
    ...waiting.map((w) =>
      w.due === null
        ? `${w.title}自申请人收到收费通知的次日起算，请先登记收到日期；期限届满后方可登记“${EVENT_LABELS[w.type]}”。`
        : `${w.title}至${w.due}届满，届满后方可登记“${EVENT_LABELS[w.type]}”。`,
    ),
  ];
  const outcome = a.outcome && a.outcome in OUTCOMES ? OUTCOMES[a.outcome as Outcome] : null;
  const failed = props.failed;
  const failedErrors = failed
    ? failed.errors.map((e) => ({ field: fieldsOf(failed.type).includes(e.field) ? `${failed.type}-${e.field}` : `action-${failed.type}`, message: e.message }))
    : [];
  const refusedDelivery = props.deliveryFailed;
  if (refusedDelivery) {
    const at = (f: string) => ((DELIVERY_FIELDS as readonly string[]).includes(f) ? `delivery-${refusedDelivery.documentId}-${f}` : `delivery-form-${refusedDelivery.documentId}`);
    failedErrors.push(...refusedDelivery.errors.map((e) => ({ field: at(e.field), message: e.message })));
  }
  const archivedOn = state === 'archived' ? archivedOnOf(props.view.events) : null;
  const nothing = plan.primary.length === 0 && plan.other.length === 0 && !notices.some((n) => n.mode === 'issue');
  return staffPage(
    frame,
    `申请 ${a.number}`,
    <>
      <p>
        <a href={`${base}/applications`}>返回申请列表</a>
      </p>
      <h1>申请 {a.number}</h1>
      <FormOutcome done={props.done} errors={failedErrors} />
      <div class="notice">
        <p>
          办理状态：<strong>{STATE_LABELS[state] ?? a.state}</strong>
          {outcome ? `；办理结果：${outcome.label}` : ''}
          {a.closedOn ? `；办结日期：${a.closedOn}` : ''}
          {`；承办人：${a.handler ?? '未分配'}`}
        </p>
        {archivedOn !== null ? (
          <p>
            <strong>{retentionLine(archivedOn, props.retentionYears ?? 10)}</strong>（{archivedOn}归档；案卷只读，不能再办理、出具文书或登记送达）
          </p>
        ) : null}
        <CurrentClock view={props.view} state={state} />
      </div>
      <h2 id="actions">办理</h2>
      {!props.may.handle ? (
        <p>您在本机关的角色只能查看，不能办理申请。</p>
      ) : nothing ? (
        <>
          <p>该申请处于“{STATE_LABELS[state] ?? state}”状态，没有可以进行的办理步骤。</p>
          {hints.map((h) => (
            <p class="hint">{h}</p>
          ))}
        </>
      ) : (
        <ApplicationActions
          base={base}
          id={a.id}
          csrf={props.csrf}
          today={props.today}
          handler={a.handler}
          handlers={props.handlers ?? []}
          failed={props.failed}
          plan={plan}
          withNotice={WITH_NOTICE}
          notices={notices}
          hints={hints}
        />
      )}
      <ProactivePanel base={base} id={a.id} mayHandle={props.may.handle} proactive={props.proactive} />
      <h2 id="record">申请信息</h2>
      <Facts
        caption="申请登记信息"
        items={[
          ['编号', a.number],
          ['申请人', a.applicantName],
          ['申请人类型', APPLICANT_TYPE_LABELS[a.applicantType as keyof typeof APPLICANT_TYPE_LABELS] ?? a.applicantType],
          ['证件', a.idNumber ? `${ID_KIND_LABELS[a.idKind ?? ''] ?? a.idKind ?? ''} ${a.idNumber}` : ''],
          ['联系方式', a.contact],
          ['通信地址', a.address],
          ['提交方式', CHANNEL_LABELS[a.channel as keyof typeof CHANNEL_LABELS] ?? a.channel],
          ['提交日期', a.submittedOn],
          ['收到申请日期', a.receivedOn ?? '尚未确认'],
          ['所需信息', a.request],
          ['获取信息的方式', a.deliveryForm],
          ['承办人', a.handler ?? '未分配'],
          ['答复期限已延长', a.extended ? '是' : '否'],
          ['法律依据', a.legalBasis ?? ''],
        ]}
      />
      {props.personal ? <IdentityPanel agencyCode={frame.agency?.code ?? ''} applicationId={a.id} hasIdNumber={a.idNumber !== null && a.idNumber !== ''} panel={props.personal} csrf={props.csrf} /> : null}
      {a.channel === 'online' && props.may.handle && archivedOn === null ? <QueryPasswordPanel agencyCode={frame.agency?.code ?? ''} applicationId={a.id} csrf={props.csrf} /> : null}
      {props.scans ?? null}
      <Clocks clocks={clocks} clockError={clockError} today={props.today} state={state} />
      <Timeline events={events} />
      <OnlineCorrections corrections={props.view.corrections} base={base} applicationId={a.id} />
      <Documents documents={documents} base={base} />
      <DocumentDeliveries documents={documents} base={base} applicationId={a.id} csrf={props.csrf} today={props.today} mayHandle={props.may.handle && state !== 'archived'} failed={props.deliveryFailed} />
      <ApplicationRemedies base={base} applicationNumber={a.number} cases={props.view.cases} remedies={props.view.remedies} remedyError={props.view.remedyError} mayHandle={props.may.handle} />
    </>,
  );
}

/** 转主动公开 (条例第四十四条): the catalogue items made from the application, and the action where the reply allows it. */
function ProactivePanel(props: { base: string; id: number; mayHandle: boolean; proactive: ApplicationPageProps['proactive'] }) {
  const p = props.proactive;
  if (p === undefined || (p.items.length === 0 && !(p.may && props.mayHandle))) return null;
  return (
    <section aria-labelledby="proactive">
      <h3 id="proactive">转主动公开</h3>
      {p.items.length > 0 ? (
        <ul>
          {p.items.map((i) => (
            <li>
              已转为主动公开：<a href={`${props.base}/catalogue/${i.id}`}>{i.indexNumber}</a> {i.title}（{ITEM_STATE_LABELS[i.state as ItemState] ?? i.state}）
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <a class="button secondary" href={`${props.base}/applications/${props.id}/proactive`}>
            转为主动公开
          </a>{' '}
          <span class="hint">条例第四十四条：可以公开的信息，可纳入主动公开的范围（生成主动公开目录草稿）。</span>
        </p>
      )}
    </section>
  );
}
