// One application: its record, its statutory clocks (due dates, state as text and badge, why), its
// timeline of events, its documents (HTML and DOCX), and one form per step the handling allows now.

import { TRANSITIONS, allowedEvents, EVENT_DATE_LABELS, EVENT_LABELS } from '../../../domain/applications/transitions.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { EventType, HandlingState, Outcome } from '../../../domain/applications/types.ts';
import { DOCUMENT_KIND_LABELS } from '../../../domain/documents/templates.ts';
import type { DocumentKind } from '../../../domain/documents/templates.ts';
import type { ApplicationView } from '../../../services/application-view.ts';
import { Csrf, errorFor, FormOutcome, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, Facts, PRE, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const REPLY_OUTCOMES = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].byReply);

export const PARTY_LABELS: Record<'third_party' | 'other_agency', string> = {
  third_party: '第三方（条例第三十二条）',
  other_agency: '其他机关（条例第三十四条）',
};

const ID_KIND_LABELS: Record<string, string> = { resident_id: '居民身份证', uscc: '统一社会信用代码', other: '其他证件' };

/** The steps a user may take in the state: the transition table's, less registration; extensions need `approve`. */
export function actionsFor(state: HandlingState, may: { handle: boolean; approve: boolean }): EventType[] {
  if (!may.handle) return [];
  return allowedEvents(state).filter((e) => e !== 'register' && (e !== 'approve_extension' || may.approve));
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
}

function eventDetails(type: string, data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const outcome = data['outcome'];
  if (typeof outcome === 'string' && outcome in OUTCOMES) out.push(`办理结果：${OUTCOMES[outcome as Outcome].label}`);
  if (typeof data['legalBasis'] === 'string' && data['legalBasis'] !== '') out.push(`依据：${data['legalBasis']}`);
  if (typeof data['workingDays'] === 'number') out.push(`延长${data['workingDays']}个工作日`);
  const party = data['party'];
  if (party === 'third_party' || party === 'other_agency') out.push(`征求意见对象：${PARTY_LABELS[party]}`);
  if (typeof data['handler'] === 'string') out.push(`承办人：${data['handler']}`);
  if (type === 'register') {
    const channel = data['channel'];
    if (typeof channel === 'string' && channel in CHANNEL_LABELS) out.push(`提交方式：${CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS]}`);
  }
  if (typeof data['note'] === 'string' && data['note'] !== '') out.push(`备注：${data['note']}`);
  return out;
}

/** Beijing time, 2024-10-08 14:35, of an ISO timestamp. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
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
  const actions = actionsFor(state, props.may);
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
      <h2 id="clocks">期限</h2>
      {clocks === null ? (
        <div class="notice" role="status">
          <p>期限无法计算：{clockError}</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>法定期限（截至{props.today}）</caption>
            <thead>
              <tr>
                <th scope="col">期限</th>
                <th scope="col">依据</th>
                <th scope="col">到期日</th>
                <th scope="col">状态</th>
                <th scope="col">计算说明</th>
              </tr>
            </thead>
            <tbody>
              {clocks.map((c) => (
                <tr>
                  <th scope="row">{c.title}</th>
                  <td>{c.basis}</td>
                  <td>{c.due ?? '—'}</td>
                  <td>
                    {c.id === 'receipt' ? (
                      c.due ? '已确定' : '尚未确定'
                    ) : c.id === 'correction_notice' && c.state !== 'stopped' && (c.state === 'overdue' || state !== 'registered') ? (
                      // 条例第三十条: a window to ask for a correction when the request is unclear, not a duty to act
                      <>
                        <ClockBadge state="" label="已过" /> 未发出补正告知，不影响答复期限
                      </>
                    ) : (
                      <>
                        <ClockBadge state={c.state} label={CLOCK_STATE_LABELS[c.state] ?? c.state} /> {daysLeftText(c.workingDaysLeft, c.state)}
                        {c.met === true ? '（按期完成）' : c.met === false ? '（未按期完成）' : ''}
                      </>
                    )}
                  </td>
                  <td>
                    {c.explain.map((line) => (
                      <p style="margin:0">{line}</p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="timeline">办理过程</h2>
      <ol>
        {events.map((e) => (
          <li>
            <strong>
              {e.occurredOn} {EVENT_LABELS[e.type as EventType] ?? e.type}
            </strong>
            {e.stateBefore !== e.stateAfter ? `（${e.stateBefore ? `${STATE_LABELS[e.stateBefore as HandlingState] ?? e.stateBefore} → ` : ''}${STATE_LABELS[e.stateAfter as HandlingState] ?? e.stateAfter}）` : ''}
            <br />
            <span class="hint">
              {e.actor} 记录于 {beijingTime(e.recordedAt)}
            </span>
            {eventDetails(e.type, e.data).map((d) => (
              <p style={`margin:0;${PRE}`}>{d}</p>
            ))}
          </li>
        ))}
      </ol>
      <h2 id="documents">文书</h2>
      {documents.length === 0 ? (
        <p>尚未制作文书。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>本申请的文书</caption>
            <thead>
              <tr>
                <th scope="col">文号</th>
                <th scope="col">文书</th>
                <th scope="col">成文日期</th>
                <th scope="col">查看和下载</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr>
                  <td>{d.number}</td>
                  <td>{DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.title}</td>
                  <td>{d.issuedOn}</td>
                  <td>
                    <a href={`${base}/documents/${d.id}`}>查看 {d.number}（网页）</a>
                    <br />
                    <a href={`${base}/documents/${d.id}.docx`} download>
                      下载 {d.number}（Word 文档）
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.may.handle ? (
        <p>
          <a class="button secondary" href={`${base}/applications/${a.id}/documents`}>
            制作文书
          </a>
        </p>
      ) : null}
      <h2 id="actions">办理</h2>
      {!props.may.handle ? (
        <p>您在本机关的角色只能查看，不能办理申请。</p>
      ) : actions.length === 0 ? (
        <p>该申请处于“{STATE_LABELS[state] ?? state}”状态，没有可以进行的办理步骤。</p>
      ) : (
        <>
          {allowedEvents(state).includes('approve_extension') && !props.may.approve ? <p class="hint">延期答复须由科室负责人、分管领导或管理员批准。</p> : null}
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
