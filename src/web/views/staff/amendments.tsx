// 更正申请 (条例第四十一条): the agency's list — state, due date, the overdue marked in words — and the
// form that registers one. Pure: functions of their props.

import { AMENDMENT_DECISION_SHORT, AMENDMENT_STATE_LABELS, isDecision } from '../../../domain/amendments/vocab.ts';
import type { AmendmentState } from '../../../domain/amendments/vocab.ts';
import type { AmendmentPage } from '../../../services/amendments/read.ts';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { DueOn, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** The form's fields, in its order (the route reads these). */
export const AMENDMENT_FIELDS = ['requesterName', 'requesterContact', 'idKind', 'idNumber', 'record', 'inaccuracy', 'requested', 'evidence', 'receivedOn', 'handler'] as const;
export type AmendmentField = (typeof AMENDMENT_FIELDS)[number];
export type AmendmentValues = Partial<Record<AmendmentField, string>>;

const ID_KINDS: readonly (readonly [string, string])[] = [
  ['resident_id', '居民身份证'],
  ['uscc', '统一社会信用代码'],
  ['other', '其他证件'],
];

const LEAD = '公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息记录不准确的，可以要求该行政机关更正（条例第四十一条）。更正申请不是政府信息公开申请，单独登记、办理，不计入年度报告表三。';

export function amendmentListPage(frame: StaffFrame, props: { base: string; page: AmendmentPage; today: string; mayHandle: boolean; state: AmendmentState | null; done?: string }): string {
  const { rows } = props.page;
  const filter = props.state === null ? '' : `&state=${props.state}`;
  return staffPage(
    frame,
    '更正申请',
    <>
      <h1>更正申请</h1>
      <FormOutcome done={props.done} />
      <p>{LEAD}</p>
      <p>
        办理中 <strong>{props.page.open}</strong> 件。{props.mayHandle ? <a href={`${props.base}/amendments/new`}>登记更正申请</a> : null}
      </p>
      <p>
        显示：{props.state === null ? <strong>全部</strong> : <a href={`${props.base}/amendments`}>全部</a>}　
        {props.state === 'open' ? <strong>办理中</strong> : <a href={`${props.base}/amendments?state=open`}>办理中</a>}　
        {props.state === 'decided' ? <strong>已办结</strong> : <a href={`${props.base}/amendments?state=decided`}>已办结</a>}
      </p>
      {rows.length === 0 ? (
        <p>没有更正申请。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="更正申请列表（可横向滚动）" tabindex={0}>
          <table class="wide">
            <caption>更正申请（新登记的在前）</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">申请人</th>
                <th scope="col">需要更正的记录</th>
                <th scope="col">收到日期</th>
                <th scope="col">办理期限</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const overdue = r.state === 'open' && r.dueOn !== null && r.dueOn < props.today;
                return (
                  <tr>
                    <th scope="row">
                      <a href={`${props.base}/amendments/${r.id}`}>{r.number}</a>
                    </th>
                    <td>{r.requesterName}</td>
                    <td>{r.record.length > 40 ? `${r.record.slice(0, 40)}…` : r.record}</td>
                    <td>{r.receivedOn}</td>
                    <td>
                      <DueOn on={r.dueOn} overdue={overdue} />
                    </td>
                    <td>
                      {AMENDMENT_STATE_LABELS[r.state as AmendmentState] ?? r.state}
                      {r.decision !== null && isDecision(r.decision) ? `：${AMENDMENT_DECISION_SHORT[r.decision]}` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.page.next !== null ? (
        <p>
          <a href={`${props.base}/amendments?before=${props.page.next}${filter}`}>更早登记的更正申请</a>
        </p>
      ) : null}
    </>,
  );
}

export function amendmentNewPage(frame: StaffFrame, props: { base: string; csrf: string; values: AmendmentValues; errors: FieldError[]; workingDays: number }): string {
  const v = props.values;
  const e = (f: AmendmentField) => errorFor(props.errors, f);
  return staffPage(
    frame,
    '登记更正申请',
    <>
      <h1>登记更正申请</h1>
      <FormOutcome errors={props.errors} />
      <p>{LEAD}</p>
      <form method="post" action={`${props.base}/amendments/new`} novalidate>
        <Csrf token={props.csrf} />
        <TextField id="requesterName" name="requesterName" label="申请人姓名或名称" required value={v.requesterName} maxlength={200} error={e('requesterName')} />
        <TextField id="requesterContact" name="requesterContact" label="联系方式" value={v.requesterContact} maxlength={200} error={e('requesterContact')} hint="电话、通信地址或电子邮箱，用于送达告知书。" />
        <Select id="idKind" name="idKind" label="证件类型" value={v.idKind ?? ''} options={ID_KINDS} placeholder="（不填）" error={e('idKind')} />
        <TextField id="idNumber" name="idNumber" label="证件号码" value={v.idNumber} maxlength={64} error={e('idNumber')} hint="核对申请人与记录的关系时填写；列表和告知书中不显示。" />
        <TextArea id="record" name="record" label="需要更正的政府信息记录" required value={v.record} maxlength={2000} rows={3} error={e('record')} hint="哪一项政府信息记录：名称、文号或登记号、所在的公开目录或系统等。" />
        <TextArea id="inaccuracy" name="inaccuracy" label="记录不准确之处" required value={v.inaccuracy} maxlength={5000} rows={3} error={e('inaccuracy')} hint="记录现在的内容中与申请人自身相关、不准确的部分。" />
        <TextArea id="requested" name="requested" label="要求更正的内容" required value={v.requested} maxlength={5000} rows={3} error={e('requested')} />
        <TextArea id="evidence" name="evidence" label="证明材料" required value={v.evidence} maxlength={5000} rows={3} error={e('evidence')} hint="申请人提供的证据：材料名称、出具机关、份数等。" />
        <TextField id="receivedOn" name="receivedOn" type="date" label="收到日期" required value={v.receivedOn} error={e('receivedOn')} hint={`办理期限自收到之日的次日起${props.workingDays}个工作日（本机关的设定：条例未规定更正的期限，参照第三十三条）。`} />
        <TextField id="handler" name="handler" label="承办人" value={v.handler} maxlength={100} error={e('handler')} />
        <button type="submit">登记</button>
      </form>
    </>,
  );
}
