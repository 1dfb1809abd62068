// 投诉、举报 received as the office above (条例第五十一条): the list — against which agency, state, due
// date, the overdue marked in words — with the answer period setting, and one complaint with its forms:
// assign (a handler), answer (date, text, result, 责任追究). Pure: functions of their props.

import { COMPLAINT_KIND_LABELS, COMPLAINT_RESULT_LABELS, COMPLAINT_RESULTS, COMPLAINT_STATE_LABELS, isComplaintResult } from '../../../domain/complaints/vocab.ts';
import type { ComplaintKind, ComplaintState } from '../../../domain/complaints/vocab.ts';
import type { ComplaintPage, ComplaintRow } from '../../../services/complaints/read.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { DueOn, Facts, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

const LEAD = '公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报（条例第五十一条）。本机关下级机关的政府信息公开专栏上提交的投诉、举报由本机关受理，列在这里。';

const kindOf = (k: string) => COMPLAINT_KIND_LABELS[k as ComplaintKind] ?? k;
const stateOf = (s: string) => COMPLAINT_STATE_LABELS[s as ComplaintState] ?? s;
const overdue = (r: ComplaintRow, today: string) => r.state !== 'answered' && r.dueOn !== null && r.dueOn < today;

export function complaintListPage(frame: StaffFrame, props: { base: string; csrf: string; page: ComplaintPage; today: string; open: boolean; days: string; errors: FieldError[]; done?: string }): string {
  const { rows } = props.page;
  return staffPage(
    frame,
    '投诉举报',
    <>
      <h1>投诉、举报</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>{LEAD}</p>
      <p>
        未答复 <strong>{props.page.open}</strong> 件。显示：{props.open ? <a href={`${props.base}/complaints`}>全部</a> : <strong>全部</strong>}　
        {props.open ? <strong>未答复</strong> : <a href={`${props.base}/complaints?open=1`}>未答复</a>}
      </p>
      {rows.length === 0 ? (
        <p>没有投诉、举报。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="投诉、举报列表（可横向滚动）" tabindex={0}>
          <table class="wide">
            <caption>投诉、举报（新收到的在前）</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">被投诉、举报的机关</th>
                <th scope="col">收到日期</th>
                <th scope="col">答复期限</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`${props.base}/complaints/${r.id}`}>{r.number}</a>
                  </th>
                  <td>{r.againstName}</td>
                  <td>{r.receivedOn}</td>
                  <td>
                    <DueOn on={r.dueOn} overdue={overdue(r, props.today)} />
                  </td>
                  <td>
                    {stateOf(r.state)}
                    {r.result !== null && isComplaintResult(r.result) ? `：${COMPLAINT_RESULT_LABELS[r.result]}` : ''}
                    {r.assignee && r.state === 'assigned' ? `（${r.assignee}）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.page.next !== null ? (
        <p>
          <a href={`${props.base}/complaints?before=${props.page.next}${props.open ? '&open=1' : ''}`}>更早收到的投诉、举报</a>
        </p>
      ) : null}
      <h2 id="period">答复期限</h2>
      <form method="post" action={`${props.base}/complaints/settings`} novalidate>
        <Csrf token={props.csrf} />
        <TextField
          id="complaintDays"
          name="complaintDays"
          type="number"
          min={1}
          max={60}
          label="答复期限（工作日）"
          required
          value={props.days}
          error={errorFor(props.errors, 'complaintDays')}
          hint="自收到投诉、举报之日的次日起计算。条例未规定投诉、举报的处理期限，默认20个工作日，由本机关设定；修改后，未答复的投诉、举报的期限随之重新计算。"
        />
        <button type="submit" class="secondary">
          保存期限
        </button>
      </form>
    </>,
  );
}

export interface AssignValues {
  assignee?: string;
}
export interface AnswerValues {
  answeredOn?: string;
  answer?: string;
  result?: string;
  accountability?: string;
}

export function complaintPage(frame: StaffFrame, props: { base: string; csrf: string; complaint: ComplaintRow; today: string; assign: AssignValues; answer: AnswerValues; errors: FieldError[]; done?: string }): string {
  const r = props.complaint;
  const e = (f: string) => errorFor(props.errors, f);
  const self = `${props.base}/complaints/${r.id}`;
  const result = r.result !== null && isComplaintResult(r.result) ? r.result : null;
  return staffPage(
    frame,
    `${kindOf(r.kind)} ${r.number}`,
    <>
      <h1>
        {kindOf(r.kind)} {r.number}
      </h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>
        <a href={`${props.base}/complaints`}>返回投诉、举报列表</a>
      </p>
      <Facts
        caption={kindOf(r.kind)}
        items={[
          ['状态', stateOf(r.state)],
          ['被投诉、举报的机关', r.againstName],
          ['投诉、举报人', r.complainantName],
          ['联系方式', r.contact],
          ['事项和理由', r.text],
          ['收到日期', r.receivedOn],
          [
            '答复期限',
            <DueOn on={r.dueOn} overdue={overdue(r, props.today)} />,
          ],
          ['承办人', r.assignee ? `${r.assignee}${r.assignedOn ? `（${r.assignedOn}交办）` : ''}` : ''],
        ]}
      />
      {result !== null ? (
        <>
          <h2 id="answer">答复</h2>
          <Facts
            caption="调查处理和答复"
            items={[
              ['答复日期', r.answeredOn ?? ''],
              ['调查结果', COMPLAINT_RESULT_LABELS[result]],
              ['答复内容', r.answer ?? ''],
              ['责任追究', r.accountability ?? '无'],
            ]}
          />
        </>
      ) : (
        <>
          <section aria-labelledby="assign">
            <h2 id="assign">交办</h2>
            <form method="post" action={`${self}/assign`} novalidate>
              <Csrf token={props.csrf} />
              <TextField id="assignee" name="assignee" label="承办人" required value={props.assign.assignee ?? r.assignee ?? ''} maxlength={100} error={e('assignee')} hint="负责调查处理的人员或科室。" />
              <button type="submit" class="secondary">
                交办
              </button>
            </form>
          </section>
          <section aria-labelledby="answer-form">
            <h2 id="answer-form">答复</h2>
            <form method="post" action={`${self}/answer`} novalidate>
              <Csrf token={props.csrf} />
              <TextField id="answeredOn" name="answeredOn" type="date" label="答复日期" required value={props.answer.answeredOn} error={e('answeredOn')} />
              <fieldset>
                <legend>调查结果（必填）</legend>
                {e('result') ? (
                  <p class="field-error" id="result-error">
                    {e('result')}
                  </p>
                ) : null}
                {COMPLAINT_RESULTS.map((x, i) => (
                  <div class="field">
                    <label>
                      <input type="radio" id={i === 0 ? 'result' : undefined} name="result" value={x} checked={props.answer.result === x} /> {COMPLAINT_RESULT_LABELS[x]}
                    </label>
                  </div>
                ))}
              </fieldset>
              <TextArea id="answer" name="answer" label="答复内容" required value={props.answer.answer} maxlength={5000} rows={5} error={e('answer')} hint="调查核实的情况和处理结果，告知投诉、举报人。" />
              <TextArea
                id="accountability"
                name="accountability"
                label="责任追究"
                value={props.answer.accountability}
                maxlength={5000}
                rows={3}
                error={e('accountability')}
                hint="对负有责任的领导人员和直接责任人员的处理（条例第五十三条）；没有的不填。计入本机关年度报告“监督保障”部分。"
              />
              <button type="submit">答复</button>
            </form>
          </section>
        </>
      )}
    </>,
  );
}
