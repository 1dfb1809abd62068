// 年报数据 → a 行政复议 or 行政诉讼 case: the form to register one or change it (every field; the result in
// detail, or 尚未审结), its documents (records-case-documents.tsx), its versions, and the removal of a case
// registered by mistake (with a reason). Pure.

import { CASE_TYPE_LABELS, CASE_TYPES, RESULTS, SOURCE_LABELS, resultLabel, RESULT_GROUP_LABELS, RESULT_GROUP } from '../../../domain/records/vocab.ts';
import type { CaseResult, CaseType } from '../../../domain/records/vocab.ts';
import type { CaseVersion, ReviewCase } from '../../../services/records/cases.ts';
import type { CaseDocument } from '../../../services/records/case-documents.ts';
import { beijingTime } from './application.tsx';
import { CaseDocuments, emptyCaseDocumentForm } from './records-case-documents.tsx';
import type { CaseDocumentForm } from './records-case-documents.tsx';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { recordsBase } from './records.tsx';

/** The form's fields as typed (strings; '' when empty). */
export interface CaseForm {
  caseNumber: string;
  type: string;
  body: string;
  applicationNumber: string;
  receivedOn: string;
  concludedOn: string;
  result: string;
  reconsiderationCaseNumber: string;
  notes: string;
}

export const CASE_FORM_FIELDS = ['caseNumber', 'type', 'body', 'applicationNumber', 'receivedOn', 'concludedOn', 'result', 'reconsiderationCaseNumber', 'notes'] as const;

export const emptyCaseForm = (): CaseForm => ({ caseNumber: '', type: '', body: '', applicationNumber: '', receivedOn: '', concludedOn: '', result: '', reconsiderationCaseNumber: '', notes: '' });

export function caseFormOf(c: ReviewCase): CaseForm {
  return {
    caseNumber: c.caseNumber,
    type: c.type,
    body: c.body,
    applicationNumber: c.applicationNumber ?? '',
    receivedOn: c.receivedOn,
    concludedOn: c.concludedOn ?? '',
    result: c.result ?? '',
    reconsiderationCaseNumber: c.reconsiderationCaseNumber ?? '',
    notes: c.notes,
  };
}

/** The result choices, grouped by table 四's column (驳回 by the agency's setting, said in its label). */
function resultOptions(): (readonly [string, string])[] {
  const group = (r: CaseResult) => (r === 'rejected' ? '维持（或按本机关设置计入其他）' : RESULT_GROUP_LABELS[RESULT_GROUP[r as Exclude<CaseResult, 'rejected'>]]);
  return [['', '尚未审结（未结案）'], ...RESULTS.map((r) => [r, `${resultLabel(r)} — ${group(r)}`] as const)];
}

export interface CasePageProps {
  csrf: string;
  /** null: a new case */
  existing: ReviewCase | null;
  versions: CaseVersion[];
  /** the documents of an existing case */
  documents: CaseDocument[];
  form: CaseForm;
  /** the upload form as typed (after a refusal) */
  documentForm?: CaseDocumentForm;
  /** the errors of every form of the page: case-* fields, document-* fields */
  errors: FieldError[];
  mayHandle: boolean;
  /** the delete form's reason as typed */
  reason?: string;
  done?: string;
}

const ID = (f: string) => `case-${f}`;

export function casePage(frame: StaffFrame, props: CasePageProps): string {
  const base = recordsBase(frame.agency?.code ?? '');
  const e = (f: string) => errorFor(props.errors, ID(f));
  const f = props.form;
  const title = props.existing ? `案件 ${props.existing.caseNumber}` : '登记行政复议、行政诉讼案件';
  const year = (props.existing?.receivedOn ?? '').slice(0, 4);
  const action = props.existing ? `${base}/cases/${props.existing.id}` : `${base}/cases/new`;
  return staffPage(
    frame,
    title,
    <>
      <p>
        <a href={year ? `${base}/${year}#cases` : base}>返回年报数据</a>
      </p>
      <h1>{title}</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      {props.existing ? (
        <p>
          {CASE_TYPE_LABELS[props.existing.type]}，收到于{props.existing.receivedOn}，{props.existing.concludedOn ? `${props.existing.concludedOn}结案（${props.existing.result ? resultLabel(props.existing.result, props.existing.type) : ''}）` : '尚未审结'}。
        </p>
      ) : null}
      {props.mayHandle ? (
        <form method="post" action={action} novalidate>
          <Csrf token={props.csrf} />
          <TextField id={ID('caseNumber')} name="caseNumber" label="案号" required value={f.caseNumber} maxlength={100} error={e('caseNumber')} hint="复议机关的受理编号或法院的案号，如“（2024）宁0502行初12号”；本机关内不能重复。" />
          <Select id={ID('type')} name="type" label="类型" required value={f.type} placeholder="请选择" options={CASE_TYPES.map((t: CaseType) => [t, t === 'reconsideration' ? '行政复议' : `行政诉讼（${CASE_TYPE_LABELS[t]}）`] as const)} error={e('type')} />
          <TextField id={ID('body')} name="body" label="受理机关（复议机关或人民法院）" value={f.body} maxlength={100} error={e('body')} />
          <TextField id={ID('applicationNumber')} name="applicationNumber" label="关联申请编号（可不填）" value={f.applicationNumber} maxlength={64} error={e('applicationNumber')} hint="案件所涉的本机关政府信息公开申请的编号；填写后在该申请的页面上显示本案。" />
          <TextField id={ID('receivedOn')} name="receivedOn" label="收到日期" type="date" required value={f.receivedOn} error={e('receivedOn')} hint="本机关收到复议申请书副本或起诉状副本的日期。" />
          <TextField id={ID('concludedOn')} name="concludedOn" label="结案日期（尚未审结的不填）" type="date" value={f.concludedOn} error={e('concludedOn')} hint="复议决定或裁判文书的日期；不早于收到日期，不晚于今天。" />
          <Select id={ID('result')} name="result" label="结果" value={f.result} options={resultOptions()} error={e('result')} hint="已结案的选择具体结果；表四据此计入结果维持、结果纠正或其他结果，未结案的计入尚未审结。" />
          <TextField
            id={ID('reconsiderationCaseNumber')}
            name="reconsiderationCaseNumber"
            label="关联复议案号（复议后起诉的填写）"
            value={f.reconsiderationCaseNumber}
            maxlength={100}
            error={e('reconsiderationCaseNumber')}
            hint="本机关已登记的行政复议案件的案号。"
          />
          <TextArea id={ID('notes')} name="notes" label="备注（可不填）" rows={3} maxlength={2000} value={f.notes} error={e('notes')} />
          <button type="submit">{props.existing ? '保存修改' : '登记案件'}</button>
        </form>
      ) : (
        <p>您在本机关的角色只能查看。</p>
      )}
      {props.existing ? (
        <CaseDocuments
          caseHref={`${base}/cases/${props.existing.id}`}
          documents={props.documents}
          mayHandle={props.mayHandle}
          csrf={props.csrf}
          form={props.documentForm ?? emptyCaseDocumentForm()}
          errors={props.errors}
        />
      ) : null}
      {props.existing && props.versions.length > 0 ? (
        <>
          <h2 id="versions">修改记录</h2>
          <ol reversed>
            {props.versions.map((v) => (
              <li>
                第{v.version}版：{beijingTime(v.recordedAt)} {v.recordedByName}（{SOURCE_LABELS[v.source]}）
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {props.existing && props.mayHandle ? (
        <>
          <h2 id="delete">删除误登记的案件</h2>
          <form method="post" action={`${base}/cases/${props.existing.id}/delete`} novalidate>
            <Csrf token={props.csrf} />
            <TextField id={ID('reason')} name="reason" label="删除原因" required value={props.reason ?? ''} maxlength={500} error={e('reason')} hint="例如“重复登记”。删除后本案不再计入表四，修改记录保留。有文书的案件，请先删除其文书。" />
            <button type="submit" class="secondary">
              删除本案
            </button>
          </form>
        </>
      ) : null}
    </>,
  );
}
