// 制作文书: a notice is issued with the step it belongs to (补正告知 → 补正告知书, 批准延期 → 延期答复告知书,
// 征求意见 → 征求意见函, 收费 → 收费通知书, 答复 or 更正答复 → 答复告知书), or for a step already recorded
// without one. Only the notices the state allows are offered; the dates are computed from the clocks and
// shown, never typed; what the step recorded fills the form.

import { EVENT_DATE_LABELS, EVENT_LABELS, NOTICE_DELIVERY_LABELS } from '../../../domain/applications/transitions.ts';
import { OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { HandlingState, Outcome } from '../../../domain/applications/types.ts';
import { COMPUTED_PLACEHOLDERS } from '../../../domain/documents/render.ts';
import { DOCUMENT_KIND_LABELS, FEE_METHOD_LABELS, PLACEHOLDERS } from '../../../domain/documents/templates.ts';
import type { DocumentKind, PlaceholderSpec } from '../../../domain/documents/templates.ts';
import type { NoticePage } from '../../../services/notices.ts';
import { ErrorSummary } from '../layout.tsx';
import { PARTY_LABELS, REPLY_OUTCOMES } from './application.tsx';
import { Csrf, errorFor, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** Placeholders filled from the application itself (or the date field) — not asked for again. */
const FROM_APPLICATION = new Set(['applicantName', 'receivedOn', 'request', 'issuedOn']);

const LONG = new Set(['correctionItems', 'reason', 'disclosedPart', 'withheldPart']);

/** Reply fields that concern one outcome only (第三十六条第（五）项). */
const NOT_RESPONSIBLE_FIELDS = new Set(['responsibleOrgan', 'responsibleContact']);

/** The placeholders of a kind the official types (computed ones never). */
export function typedPlaceholders(kind: DocumentKind): PlaceholderSpec[] {
  return PLACEHOLDERS[kind].filter((p) => p.source === 'value' && !FROM_APPLICATION.has(p.name) && !COMPUTED_PLACEHOLDERS.has(p.name));
}

/** The fields of the step recorded with a notice, by step. */
export const STEP_FIELDS: Record<string, readonly string[]> = {
  request_correction: ['occurredOn', 'workingDays'],
  approve_extension: ['occurredOn', 'workingDays', 'note'],
  start_consultation: ['occurredOn', 'party', 'partyName', 'letterReceivedOn'],
  send_fee_notice: ['occurredOn', 'delivery', 'noticeReceivedOn'],
  reply: ['occurredOn', 'outcome', 'legalBasis'],
  correct_reply: ['occurredOn', 'outcome', 'legalBasis', 'note'],
};

export interface DocumentFormProps {
  page: NoticePage;
  kind: DocumentKind | null;
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
  today: string;
}

function StepFields(props: { step: string; v: (f: string, d?: string) => string; e: (f: string) => string | undefined; today: string }) {
  const { step, v, e } = props;
  const date = <TextField id="occurredOn" name="occurredOn" type="date" label={`${EVENT_DATE_LABELS[step as keyof typeof EVENT_DATE_LABELS]}（也是文书的成文日期）`} required value={v('occurredOn', props.today)} error={e('occurredOn')} />;
  switch (step) {
    case 'request_correction':
      return (
        <>
          {date}
          <TextField id="workingDays" name="workingDays" type="number" min={1} max={60} label="给予申请人的补正期限（工作日）" required value={v('workingDays', '15')} hint="条例第三十条：合理的补正期限。补正期限的日期由系统按工作日计算并写入告知书。" error={e('workingDays')} />
        </>
      );
    case 'approve_extension':
      return (
        <>
          {date}
          <TextField id="workingDays" name="workingDays" type="number" min={1} max={20} label="延长的工作日数" required value={v('workingDays', '20')} hint="最长不超过20个工作日，只能延长一次，须在答复期限届满前决定（条例第三十三条第二款）。" error={e('workingDays')} />
        </>
      );
    case 'start_consultation':
      return (
        <>
          {date}
          <Select id="party" name="party" label="征求意见对象类型" required value={v('party', 'third_party')} options={Object.entries(PARTY_LABELS)} error={e('party')} />
          <TextField id="partyName" name="partyName" label="被征求意见方名称（征求意见函的抬头）" required value={v('partyName')} maxlength={200} hint="例如：示范市某某房地产开发有限公司。" error={e('partyName')} />
          <TextField id="letterReceivedOn" name="letterReceivedOn" type="date" label="对方收到征求意见函的日期" value={v('letterReceivedOn')} hint="对方自收到之日起15个工作日内提出意见（条例第三十二条）。当面送达填写当日；尚不知道的留空：暂按发函之日计算（较早、较稳妥），期限届满后答复期限自动恢复计算。" error={e('letterReceivedOn')} />
        </>
      );
    case 'send_fee_notice':
      return (
        <>
          {date}
          <Select id="delivery" name="delivery" label="送达方式" required value={v('delivery', 'in_person')} options={Object.entries(NOTICE_DELIVERY_LABELS)} error={e('delivery')} />
          <TextField id="noticeReceivedOn" name="noticeReceivedOn" type="date" label="申请人收到收费通知的日期" value={v('noticeReceivedOn')} hint="当面送达为当日；邮寄填写签收日期，电子方式填写申请人确认收到的日期，尚不知道的以后在“登记收费通知送达”中填写。缴费期限自收到之日的次日起算。" error={e('noticeReceivedOn')} />
        </>
      );
    case 'reply':
    case 'correct_reply':
      return (
        <>
          {date}
          <Select id="outcome" name="outcome" label={step === 'reply' ? '答复结果' : '更正后的答复结果'} required value={v('outcome')} placeholder="请选择" options={REPLY_OUTCOMES.map((o) => [o, OUTCOMES[o].label] as const)} error={e('outcome')} />
          <TextField id="legalBasis" name="legalBasis" label="法律依据" value={v('legalBasis')} maxlength={300} hint="不填则使用该答复结果对应的条例条款。" error={e('legalBasis')} />
          {step === 'correct_reply' ? (
            <TextArea id="note" name="note" label="更正理由" required value={v('note')} maxlength={1000} rows={3} error={e('note')} />
          ) : null}
        </>
      );
    default:
      return date;
  }
}

/** The contact line the notice will print (taken now, stored with it), or that there is none and where to set it. */
function ContactLineNote(props: { line: string | null; base: string }) {
  return props.line === null ? (
    <div class="notice warning" role="status">
      <p>
        本机关尚未设置告知书中的联系方式（联系机构、地址、邮政编码、联系电话），现在出具的告知书将不载联系方式。请管理员先在
        <a href={`${props.base}/settings/site`}>网站标识与联系方式</a>中填写。
      </p>
    </div>
  ) : (
    <div class="notice">
      <p>告知书载明的联系方式：{props.line}</p>
      <p class="hint">
        取自<a href={`${props.base}/settings/site`}>网站标识与联系方式</a>，出具时写入告知书；以后修改不影响已出具的告知书。
      </p>
    </div>
  );
}

export function documentFormPage(frame: StaffFrame, props: DocumentFormProps): string {
  const base = staffBase(frame.agency?.code ?? '');
  const { page, kind } = props;
  const app = page.application;
  const option = page.option;
  const data = page.stepData;
  const fromStep = (f: string): string | undefined => (typeof data[f] === 'string' ? (data[f] as string) : typeof data[f] === 'number' ? String(data[f]) : undefined);
  const v = (f: string, d = '') => props.values[f] ?? d;
  const e = (f: string) => errorFor(props.errors, f);
  const state = app.state as HandlingState;
  const typed = kind === null ? [] : typedPlaceholders(kind).filter((p) => !(kind === 'consultation_letter' && p.name === 'consultee' && (option?.mode === 'record' || fromStep('partyName'))));
  const title = option === null ? '制作文书' : option.mode === 'record' ? `${EVENT_LABELS[option.step]}并制作${DOCUMENT_KIND_LABELS[option.kind]}` : `制作${DOCUMENT_KIND_LABELS[option.kind]}`;
  return staffPage(
    frame,
    `${title} - 申请 ${app.number}`,
    <>
      <p>
        <a href={`${base}/applications/${app.id}`}>返回申请 {app.number}</a>
      </p>
      <h1>{title}</h1>
      <p>
        申请 {app.number}，申请人：{app.applicantName}；办理状态：{STATE_LABELS[state] ?? app.state}
      </p>
      <ErrorSummary errors={props.errors} />
      {page.options.length === 0 ? (
        <p>该申请处于“{STATE_LABELS[state] ?? app.state}”状态，此时没有可以出具的文书。文书随其办理步骤一并出具。</p>
      ) : (
        <form method="get" action={`${base}/applications/${app.id}/documents`}>
          <Select
            id="kind-choice"
            name="kind"
            label="文书种类"
            value={kind ?? ''}
            placeholder="请选择"
            options={page.options.map((o) => [o.kind, o.mode === 'record' ? `${DOCUMENT_KIND_LABELS[o.kind]}（同时登记“${EVENT_LABELS[o.step]}”）` : `${DOCUMENT_KIND_LABELS[o.kind]}（已登记的“${EVENT_LABELS[o.step]}”，${o.event?.occurredOn ?? ''}）`] as const)}
            error={option === null ? e('kind-choice') : undefined}
          />
          <button type="submit" class="secondary">
            选择
          </button>
        </form>
      )}
      {option === null || kind === null ? null : (
        <form method="post" action={`${base}/applications/${app.id}/documents`} novalidate>
          <h2>{DOCUMENT_KIND_LABELS[kind]}</h2>
          <Csrf token={props.csrf} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="mode" value={option.mode} />
          {option.mode === 'record' ? (
            <fieldset>
              <legend>{EVENT_LABELS[option.step]}</legend>
              <StepFields step={option.step} v={v} e={e} today={props.today} />
            </fieldset>
          ) : (
            <>
              <p class="hint">
                为{option.event?.occurredOn}登记的“{EVENT_LABELS[option.step]}”出具。
                {fromStep('partyName') ? `征求意见对象：${fromStep('partyName')}。` : ''}
                {typeof data['outcome'] === 'string' && data['outcome'] in OUTCOMES ? `答复结果：${OUTCOMES[data['outcome'] as Outcome].label}。` : ''}
                {fromStep('workingDays') ? `工作日数：${fromStep('workingDays')}。` : ''}
              </p>
              <TextField id="issuedOn" name="issuedOn" type="date" label="成文日期" required value={v('issuedOn', option.event?.occurredOn ?? props.today)} error={e('issuedOn')} />
            </>
          )}
          <div class="notice" role="status">
            <p>文书中的期限由系统按工作日计算{option.mode === 'record' ? '（下列为按今天登记的预览，提交后按所填日期计算）' : ''}：</p>
            {page.error ? <p>{page.error}</p> : null}
            {page.shown.length === 0 && !page.error ? <p>本文书不载明需要计算的日期。</p> : null}
            {page.shown.map((s) => (
              <p>
                {s.label}：{s.text}
                {s.provisional ? '（暂定：该年度节假日安排尚未公布，文书中写明法定期间，不写日期）' : ''}
              </p>
            ))}
          </div>
          <ContactLineNote line={page.contactLine} base={base} />
          {kind === 'fee_notice' ? (
            <fieldset>
              <legend>信息处理费</legend>
              <Select id="feeMethod" name="feeMethod" label="计收方式" required value={v('feeMethod', 'page')} options={Object.entries(FEE_METHOD_LABELS)} hint="只能选择一种方式（国办函〔2020〕109号）。" error={e('feeMethod')} />
              <TextField id="feeUnits" name="feeUnits" type="number" min={1} label="页数或件次" required value={v('feeUnits')} hint="按量计收填写页数；按件计收填写这是申请人本自然月的第几件申请。" error={e('feeUnits')} />
            </fieldset>
          ) : null}
          {typed.map((p) => {
            const fallback = p.name === 'reviewBody' ? page.defaults.reviewBody : p.name === 'court' ? page.defaults.court : p.name === 'consultee' ? (fromStep('partyName') ?? '') : '';
            const hint =
              p.name === 'contact'
                ? '不填则使用申请登记的联系方式。'
                : p.name === 'reviewBody' || p.name === 'court'
                  ? '默认为“栏目与设置”中本机关的设置，可为本答复修改。'
                  : NOT_RESPONSIBLE_FIELDS.has(p.name)
                    ? '仅“不属于本机关负责公开”的答复填写（条例第三十六条第（五）项：能够确定的，告知名称和联系方式）。'
                    : undefined;
            return LONG.has(p.name) ? (
              <TextArea id={p.name} name={p.name} label={p.label} value={v(p.name)} maxlength={5000} rows={4} error={e(p.name)} />
            ) : (
              <TextField id={p.name} name={p.name} type="text" label={p.label} value={v(p.name, fallback)} maxlength={1000} hint={hint} error={e(p.name)} />
            );
          })}
          {kind === 'reply' ? (
            <div class="field">
              <label>
                <input type="checkbox" name="responsibleOrganUnknown" value="1" checked={v('responsibleOrganUnknown') === '1'} /> 无法确定负责公开该信息的机关（仅“不属于本机关负责公开”的答复）
              </label>
            </div>
          ) : null}
          <button type="submit">{option.mode === 'record' ? `登记并生成${DOCUMENT_KIND_LABELS[kind]}` : `生成${DOCUMENT_KIND_LABELS[kind]}`}</button>
        </form>
      )}
    </>,
  );
}
