// 制作文书: choose the kind (a GET form: works without JavaScript), then fill in what the kind's
// template needs typed (its `value` placeholders); the rest comes from the application or is generated.

import { OUTCOMES } from '../../../domain/applications/types.ts';
import type { Outcome } from '../../../domain/applications/types.ts';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, FEE_METHOD_LABELS, PLACEHOLDERS } from '../../../domain/documents/templates.ts';
import type { DocumentKind, PlaceholderSpec } from '../../../domain/documents/templates.ts';
import { ErrorSummary } from '../layout.tsx';
import { REPLY_OUTCOMES } from './application.tsx';
import { Csrf, errorFor, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** Placeholders filled from the application itself (or the date field) — not asked for again. */
const FROM_APPLICATION = new Set(['applicantName', 'receivedOn', 'request', 'issuedOn']);

const LONG = new Set(['correctionItems', 'reason', 'disclosedPart', 'withheldPart']);

/** The placeholders of a kind the official types. */
export function typedPlaceholders(kind: DocumentKind): PlaceholderSpec[] {
  return PLACEHOLDERS[kind].filter((p) => p.source === 'value' && !FROM_APPLICATION.has(p.name));
}

export const CONSULTEE_LABELS = { third_party: '第三方（条例第三十二条）', agency: '其他机关（条例第三十四条）' } as const;

export interface DocumentFormProps {
  application: { id: number; number: string; applicantName: string; outcome: string | null };
  kind: DocumentKind | null;
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
  today: string;
}

export function documentFormPage(frame: StaffFrame, props: DocumentFormProps): string {
  const base = staffBase(frame.agency?.code ?? '');
  const app = props.application;
  const kind = props.kind;
  const v = (f: string, d = '') => props.values[f] ?? d;
  const e = (f: string) => errorFor(props.errors, f);
  const defaultOutcome = app.outcome && app.outcome in OUTCOMES && OUTCOMES[app.outcome as Outcome].byReply ? app.outcome : '';
  return staffPage(
    frame,
    `制作文书 - 申请 ${app.number}`,
    <>
      <p>
        <a href={`${base}/applications/${app.id}`}>返回申请 {app.number}</a>
      </p>
      <h1>制作文书</h1>
      <p>
        申请 {app.number}，申请人：{app.applicantName}
      </p>
      <ErrorSummary errors={props.errors} />
      <form method="get" action={`${base}/applications/${app.id}/documents`}>
        <Select
          id="kind-choice"
          name="kind"
          label="文书种类"
          value={kind ?? ''}
          placeholder="请选择"
          options={DOCUMENT_KINDS.map((k) => [k, DOCUMENT_KIND_LABELS[k]] as const)}
          error={kind === null ? e('kind') : undefined}
        />
        <button type="submit" class="secondary">
          选择
        </button>
      </form>
      {kind === null ? null : (
        <form method="post" action={`${base}/applications/${app.id}/documents`} novalidate>
          <h2>{DOCUMENT_KIND_LABELS[kind]}</h2>
          <Csrf token={props.csrf} />
          <input type="hidden" name="kind" value={kind} />
          <TextField id="issuedOn" name="issuedOn" type="date" label="成文日期" required value={v('issuedOn', props.today)} error={e('issuedOn')} />
          {kind === 'reply' ? (
            <Select
              id="outcome"
              name="outcome"
              label="答复结果"
              required
              value={v('outcome', defaultOutcome)}
              placeholder="请选择"
              options={REPLY_OUTCOMES.map((o) => [o, OUTCOMES[o].label] as const)}
              error={e('outcome')}
            />
          ) : null}
          {kind === 'consultation_letter' ? (
            <Select id="consultee" name="consultee" label="征求意见对象" required value={v('consultee', 'third_party')} options={Object.entries(CONSULTEE_LABELS)} error={e('consultee')} />
          ) : null}
          {kind === 'fee_notice' ? (
            <fieldset>
              <legend>信息处理费</legend>
              <Select
                id="feeMethod"
                name="feeMethod"
                label="计收方式"
                required
                value={v('feeMethod', 'page')}
                options={Object.entries(FEE_METHOD_LABELS)}
                hint="只能选择一种方式（国办函〔2020〕109号）。"
                error={e('feeMethod')}
              />
              <TextField
                id="feeUnits"
                name="feeUnits"
                type="number"
                min={1}
                label="页数或件次"
                required
                value={v('feeUnits')}
                hint="按量计收填写页数；按件计收填写这是申请人本自然月的第几件申请。"
                error={e('feeUnits')}
              />
            </fieldset>
          ) : null}
          {typedPlaceholders(kind).map((p) =>
            LONG.has(p.name) ? (
              <TextArea id={p.name} name={p.name} label={p.label} value={v(p.name)} maxlength={5000} rows={4} error={e(p.name)} />
            ) : (
              <TextField
                id={p.name}
                name={p.name}
                type={p.date ? 'date' : 'text'}
                label={p.label}
                value={v(p.name)}
                maxlength={1000}
                hint={p.name === 'contact' ? '不填则使用申请登记的联系方式。' : undefined}
                error={e(p.name)}
              />
            ),
          )}
          <button type="submit">生成文书</button>
        </form>
      )}
    </>,
  );
}
