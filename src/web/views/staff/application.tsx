// One application: its record, its statutory clocks (due dates, state as text and badge, why), its
// timeline of events, its documents (HTML and DOCX), and what the handling allows now: the steps that
// come with a notice lead to 制作文书 (the step and its notice in one transaction), a step recorded
// without its notice offers that notice, and the other steps have a form here.

import { TRANSITIONS, allowedEvents, EVENT_DATE_LABELS, EVENT_LABELS } from '../../../domain/applications/transitions.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { EventType, HandlingState, Outcome } from '../../../domain/applications/types.ts';
import { DOCUMENT_KIND_LABELS } from '../../../domain/documents/templates.ts';
import type { ApplicationView } from '../../../services/application-view.ts';
import { NOTICE_STEPS, noticeOptions } from '../../../services/notices.ts';
import type { PersonalDataPanel } from '../../../services/personal-data.ts';
import { Clocks, Documents, PARTY_LABELS, Timeline } from './application-parts.tsx';
import { Csrf, errorFor, FormOutcome, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { Facts, staffBase, staffPage } from './frame.tsx';
import { ApplicationRemedies } from './application-remedies.tsx';
import { OnlineCorrections } from './application-corrections.tsx';
import { IdentityPanel } from './personal.tsx';
import type { StaffFrame } from './frame.tsx';

export { beijingTime, PARTY_LABELS } from './application-parts.tsx';

export const REPLY_OUTCOMES = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].byReply);

/** Steps recorded with their notice on the 制作文书 page, not by a form here. */
const WITH_NOTICE: ReadonlySet<EventType> = new Set(Object.values(NOTICE_STEPS).flat());

const ID_KIND_LABELS: Record<string, string> = { resident_id: '居民身份证', uscc: '统一社会信用代码', other: '其他证件' };

/** The steps a user may take in the state: the transition table's, less registration; extensions need `approve`. */
export function actionsFor(state: HandlingState, may: { handle: boolean; approve: boolean }): EventType[] {
  if (!may.handle) return [];
  return allowedEvents(state).filter((e) => e !== 'register' && (e !== 'approve_extension' || may.approve));
}

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

export interface FailedAction {
  type: EventType;
  values: Record<string, string>;
  errors: FieldError[];
}

export interface ApplicationPageProps {
  view: ApplicationView;
  csrf: string;
  today: string;
  may: { handle: boolean; approve: boolean };
  failed?: FailedAction;
  /** after a step was recorded (post-redirect-get): what was done */
  done?: string;
  /** the applicant's personal data for this user (the view's ID number comes masked) */
  personal?: PersonalDataPanel;
}

/** The fields of a step's form (an error on any other field is shown against the whole form). */
export function fieldsOf(type: EventType): string[] {
  const extra: Partial<Record<EventType, string[]>> = {
    reply: ['outcome', 'legalBasis'],
    approve_extension: ['workingDays'],
    start_consultation: ['party'],
    assign: ['handler'],
  };
  return ['occurredOn', 'note', ...(extra[type] ?? [])];
}

function ActionForm(props: { base: string; id: number; type: EventType; csrf: string; today: string; handler: string | null; failed: FailedAction | undefined }) {
  const { type } = props;
  const mine = props.failed?.type === type ? props.failed : undefined;
  const val = (f: string, d = '') => mine?.values[f] ?? d;
  const err = (f: string) => (mine ? errorFor(mine.errors, f) : undefined);
  const fid = (f: string) => `${type}-${f}`;
  const implied = TRANSITIONS[type].implies;
  return (
    <form method="post" action={`${props.base}/applications/${props.id}/events`} id={`action-${type}`} aria-labelledby={`${type}-title`} novalidate style="border:1px solid #d6d9de;padding:.75rem 1rem;margin:0 0 1rem">
      <h3 id={`${type}-title`} style="margin-top:0">{EVENT_LABELS[type]}</h3>
      <Csrf token={props.csrf} />
      <input type="hidden" name="type" value={type} />
      {implied ? <p class="hint">办理结果：{OUTCOMES[implied].label}</p> : null}
      <TextField id={fid('occurredOn')} name="occurredOn" type="date" label={EVENT_DATE_LABELS[type]} required value={val('occurredOn', props.today)} error={err('occurredOn')} />
      {type === 'reply' ? (
        <>
          <Select
            id={fid('outcome')}
            name="outcome"
            label="答复结果"
            required
            value={val('outcome')}
            placeholder="请选择"
            options={REPLY_OUTCOMES.map((o) => [o, OUTCOMES[o].label] as const)}
            error={err('outcome')}
          />
          <TextField id={fid('legalBasis')} name="legalBasis" label="法律依据" value={val('legalBasis')} maxlength={300} hint="不填则使用该答复结果对应的条例条款。" error={err('legalBasis')} />
        </>
      ) : null}
      {type === 'approve_extension' ? (
        <TextField
          id={fid('workingDays')}
          name="workingDays"
          type="number"
          min={1}
          max={20}
          label="延长的工作日数"
          required
          value={val('workingDays', '20')}
          hint="最长不超过20个工作日，只能延长一次（条例第三十三条第二款）。"
          error={err('workingDays')}
        />
      ) : null}
      {type === 'start_consultation' ? (
        <Select
          id={fid('party')}
          name="party"
          label="征求意见对象"
          required
          value={val('party')}
          placeholder="请选择"
          options={Object.entries(PARTY_LABELS)}
          error={err('party')}
        />
      ) : null}
      {type === 'assign' ? <TextField id={fid('handler')} name="handler" label="承办人" required value={val('handler', props.handler ?? '')} maxlength={100} error={err('handler')} /> : null}
      <TextField id={fid('note')} name="note" label="备注" value={val('note')} maxlength={1000} error={err('note')} />
      <button type="submit">{EVENT_LABELS[type]}</button>
    </form>
  );
}

export function applicationPage(frame: StaffFrame, props: ApplicationPageProps): string {
  const base = staffBase(frame.agency?.code ?? '');
  const { application: a, events, documents, clocks, clockError } = props.view;
  const state = a.state as HandlingState;
  const waiting = lapsesNotYetDue(clocks, props.today);
  const actions = actionsFor(state, props.may).filter((e) => !WITH_NOTICE.has(e) && !waiting.some((w) => w.type === e));
  const notices = props.may.handle ? noticeOptions(state, events, documents, { approve: props.may.approve }) : [];
  const outcome = a.outcome && a.outcome in OUTCOMES ? OUTCOMES[a.outcome as Outcome] : null;
  const failed = props.failed;
  const failedErrors = failed
    ? failed.errors.map((e) => ({ field: fieldsOf(failed.type).includes(e.field) ? `${failed.type}-${e.field}` : `action-${failed.type}`, message: e.message }))
    : [];
  return staffPage(
    frame,
    `申请 ${a.number}`,
    <>
      <p>
        <a href={`${base}/applications`}>返回申请列表</a>
      </p>
      <h1>申请 {a.number}</h1>
      <FormOutcome done={props.done} errors={failedErrors} />
      <p>
        办理状态：<strong>{STATE_LABELS[state] ?? a.state}</strong>
        {outcome ? `；办理结果：${outcome.label}` : ''}
        {a.closedOn ? `；办结日期：${a.closedOn}` : ''}
      </p>
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
      <Clocks clocks={clocks} clockError={clockError} today={props.today} state={state} />
      <Timeline events={events} />
      <OnlineCorrections corrections={props.view.corrections} base={base} applicationId={a.id} />
      <Documents documents={documents} base={base} />
      <ApplicationRemedies base={base} applicationNumber={a.number} cases={props.view.cases} remedies={props.view.remedies} remedyError={props.view.remedyError} mayHandle={props.may.handle} />
      <h2 id="actions">办理</h2>
      {!props.may.handle ? (
        <p>您在本机关的角色只能查看，不能办理申请。</p>
      ) : actions.length === 0 && notices.length === 0 ? (
        <p>该申请处于“{STATE_LABELS[state] ?? state}”状态，没有可以进行的办理步骤。</p>
      ) : (
        <>
          {notices.length > 0 ? (
            <ul class="actions">
              {notices.map((n) => (
                <li>
                  <a class="button secondary" href={`${base}/applications/${a.id}/documents?kind=${n.kind}`}>
                    {n.mode === 'record' ? `${EVENT_LABELS[n.step]}（同时制作${DOCUMENT_KIND_LABELS[n.kind]}）` : `为${n.event?.occurredOn ?? ''}的“${EVENT_LABELS[n.step]}”制作${DOCUMENT_KIND_LABELS[n.kind]}`}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {allowedEvents(state).includes('approve_extension') && !props.may.approve ? <p class="hint">延期答复须由科室负责人、分管领导或管理员批准。</p> : null}
          {waiting
            .filter((w) => allowedEvents(state).includes(w.type))
            .map((w) => (
              <p class="hint">
                {w.due === null
                  ? `${w.title}自申请人收到收费通知的次日起算，请先登记收到日期；期限届满后方可登记“${EVENT_LABELS[w.type]}”。`
                  : `${w.title}至${w.due}届满，届满后方可登记“${EVENT_LABELS[w.type]}”。`}
              </p>
            ))}
          <div>
            {actions.map((type) => (
              <ActionForm base={base} id={a.id} type={type} csrf={props.csrf} today={props.today} handler={a.handler} failed={props.failed} />
            ))}
          </div>
        </>
      )}
    </>,
  );
}
