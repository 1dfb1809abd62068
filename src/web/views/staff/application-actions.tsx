// The handling of one application on its page: the one or two next steps of its state shown first
// (domain/applications/next-actions.ts), each either its form or, for a step that comes with a notice,
// the way to 制作文书; every other step the transition table allows behind 其他操作 — each in its own
// collapsed <details>, so the page works without JavaScript and stays short. A form refused by the
// service opens again where it was, with its values and messages. Pure.

import { EVENT_DATE_LABELS, EVENT_LABELS, TRANSITIONS } from '../../../domain/applications/transitions.ts';
import { OUTCOMES } from '../../../domain/applications/types.ts';
import type { EventType, Outcome } from '../../../domain/applications/types.ts';
import type { ActionPlan } from '../../../domain/applications/next-actions.ts';
import { DOCUMENT_KIND_LABELS } from '../../../domain/documents/templates.ts';
import type { NoticeOption } from '../../../services/notices.ts';
import { PARTY_LABELS } from './application-parts.tsx';
import { Csrf, errorFor, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';

export const REPLY_OUTCOMES = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].byReply);

export interface FailedAction {
  type: EventType;
  values: Record<string, string>;
  errors: FieldError[];
}

/** A choice of a select list: [value, label]. */
export type Choice = readonly [string, string];

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

/**
 * The choices of a closed list with the current value kept when it is not one of them (a value typed
 * before the list existed, or a name no longer in it): shown first, marked as such.
 */
export function withCurrent(choices: readonly Choice[], current: string | null | undefined): Choice[] {
  const value = (current ?? '').trim();
  if (value === '' || choices.some(([v]) => v === value)) return [...choices];
  return [[value, `${value}（原登记值）`], ...choices];
}

interface FormProps {
  base: string;
  id: number;
  type: EventType;
  csrf: string;
  today: string;
  handler: string | null;
  handlers: readonly Choice[];
  failed: FailedAction | undefined;
}

export function ActionForm(props: FormProps) {
  const { type } = props;
  const mine = props.failed?.type === type ? props.failed : undefined;
  const val = (f: string, d = '') => mine?.values[f] ?? d;
  const err = (f: string) => (mine ? errorFor(mine.errors, f) : undefined);
  const fid = (f: string) => `${type}-${f}`;
  const implied = TRANSITIONS[type].implies;
  return (
    <form method="post" action={`${props.base}/applications/${props.id}/events`} id={`action-${type}`} aria-label={EVENT_LABELS[type]} novalidate>
      <Csrf token={props.csrf} />
      <input type="hidden" name="type" value={type} />
      {implied ? <p class="hint">办理结果：{OUTCOMES[implied].label}</p> : null}
      <TextField id={fid('occurredOn')} name="occurredOn" type="date" label={EVENT_DATE_LABELS[type]} required value={val('occurredOn', props.today)} error={err('occurredOn')} />
      {type === 'reply' ? (
        <>
          <Select id={fid('outcome')} name="outcome" label="答复结果" required value={val('outcome')} placeholder="请选择" options={REPLY_OUTCOMES.map((o) => [o, OUTCOMES[o].label] as const)} error={err('outcome')} />
          <TextField id={fid('legalBasis')} name="legalBasis" label="法律依据" value={val('legalBasis')} maxlength={300} hint="不填则使用该答复结果对应的条例条款。" error={err('legalBasis')} />
        </>
      ) : null}
      {type === 'approve_extension' ? (
        <TextField id={fid('workingDays')} name="workingDays" type="number" min={1} max={20} label="延长的工作日数" required value={val('workingDays', '20')} hint="最长不超过20个工作日，只能延长一次（条例第三十三条第二款）。" error={err('workingDays')} />
      ) : null}
      {type === 'start_consultation' ? (
        <Select id={fid('party')} name="party" label="征求意见对象" required value={val('party')} placeholder="请选择" options={Object.entries(PARTY_LABELS)} error={err('party')} />
      ) : null}
      {type === 'assign' ? (
        <Select
          id={fid('handler')}
          name="handler"
          label="承办人"
          required
          value={val('handler', props.handler ?? '')}
          placeholder="请选择"
          options={withCurrent(props.handlers, val('handler', props.handler ?? ''))}
          hint="本机关可以办理申请的工作人员。"
          error={err('handler')}
        />
      ) : null}
      <TextField id={fid('note')} name="note" label="备注" value={val('note')} maxlength={1000} error={err('note')} />
      <button type="submit">{EVENT_LABELS[type]}</button>
    </form>
  );
}

export interface ActionsProps extends Omit<FormProps, 'type'> {
  plan: ActionPlan;
  /** the steps that come with a notice: recorded on the 制作文书 page */
  withNotice: ReadonlySet<EventType>;
  /** the notices that may be issued now (services/notices.ts noticeOptions) */
  notices: readonly NoticeOption[];
  /** lines explaining what is not offered yet (a lapse before its period ends, an extension needing approval) */
  hints: readonly string[];
}

function NoticeLink(props: { base: string; id: number; option: NoticeOption; primary: boolean }) {
  const { option: n } = props;
  const label = n.mode === 'record' ? `${EVENT_LABELS[n.step]}（同时制作${DOCUMENT_KIND_LABELS[n.kind]}）` : `为${n.event?.occurredOn ?? ''}的“${EVENT_LABELS[n.step]}”制作${DOCUMENT_KIND_LABELS[n.kind]}`;
  return (
    <a class={props.primary ? 'button' : 'button secondary'} href={`${props.base}/applications/${props.id}/documents?kind=${n.kind}`}>
      {label}
    </a>
  );
}

/** The next steps, then 其他操作. */
export function ApplicationActions(props: ActionsProps) {
  const { plan, notices } = props;
  const pending = notices.filter((n) => n.mode === 'issue');
  const option = (step: EventType): NoticeOption | null => notices.find((n) => n.mode === 'record' && n.step === step) ?? null;
  const formOf = (type: EventType) => <ActionForm {...props} type={type} />;
  const failedOther = props.failed !== undefined && plan.other.includes(props.failed.type);
  if (plan.primary.length === 0 && plan.other.length === 0 && pending.length === 0) return null;
  return (
    <>
      {plan.primary.length > 0 || pending.length > 0 ? (
        <section aria-labelledby="next-heading">
          <h3 id="next-heading">下一步</h3>
          {pending.map((n) => (
            <p>
              <NoticeLink base={props.base} id={props.id} option={n} primary />
            </p>
          ))}
          {plan.primary
            .filter((s) => props.withNotice.has(s))
            .map((s) => {
              const o = option(s);
              return o ? (
                <p>
                  <NoticeLink base={props.base} id={props.id} option={o} primary />
                </p>
              ) : null;
            })}
          {plan.primary
            .filter((s) => !props.withNotice.has(s))
            .map((s) => (
              <section aria-labelledby={`${s}-title`} style="border:1px solid #d6d9de;padding:.75rem 1rem;margin:0 0 1rem">
                <h4 id={`${s}-title`} style="margin-top:0">
                  {EVENT_LABELS[s]}
                </h4>
                {formOf(s)}
              </section>
            ))}
        </section>
      ) : null}
      {props.hints.map((h) => (
        <p class="hint">{h}</p>
      ))}
      {plan.other.length > 0 ? (
        <details id="other-actions" open={failedOther || undefined}>
          <summary>其他操作（{plan.other.length}项）</summary>
          <ul style="list-style:none;padding-left:0">
            {plan.other.map((s) => {
              const o = props.withNotice.has(s) ? option(s) : null;
              if (props.withNotice.has(s)) {
                return o ? (
                  <li style="margin:.5rem 0">
                    <NoticeLink base={props.base} id={props.id} option={o} primary={false} />
                  </li>
                ) : null;
              }
              return (
                <li style="margin:.5rem 0">
                  <details open={props.failed?.type === s || undefined}>
                    <summary>{EVENT_LABELS[s]}</summary>
                    {formOf(s)}
                  </details>
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </>
  );
}
