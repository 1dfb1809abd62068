// On the staff application page: the 行政复议 and 行政诉讼 cases recorded about the application, and the
// applicant's remedy windows computed from the reply in force (domain/records/remedies.ts) — each
// labelled with its article, the date it runs from and its last day. Pure.

import type { RemedyWindows } from '../../../domain/records/remedies.ts';
import { CASE_TYPE_LABELS, resultLabel } from '../../../domain/records/vocab.ts';
import type { ReviewCase } from '../../../services/records/cases.ts';

const WINDOW_STATE: Record<string, string> = { running: '期间内', due_soon: '即将届满', overdue: '已届满', stopped: '已登记案件', paused: '期间内' };

export function ApplicationRemedies(props: { base: string; applicationNumber: string; cases: readonly ReviewCase[]; remedies: RemedyWindows | null; remedyError: string | null; mayHandle: boolean }) {
  return (
    <>
      <h2 id="remedies">行政复议和行政诉讼</h2>
      {props.remedies === null && props.remedyError === null ? <p>尚未答复：答复后显示申请人申请行政复议、提起行政诉讼的期限。</p> : null}
      {props.remedyError !== null ? <p class="field-error">{props.remedyError}</p> : null}
      {props.remedies !== null ? (
        <div class="table-wrap" role="region" aria-label="申请人的救济期限（可横向滚动）" tabindex={0}>
          <table>
            <caption>申请人的救济期限（按日历日计算，期间自次日起算，届满日为休息日的顺延至其后第一个工作日）</caption>
            <thead>
              <tr>
                <th scope="col">期限</th>
                <th scope="col">起算</th>
                <th scope="col">届满日</th>
                <th scope="col">依据</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {props.remedies.windows.map((w) => (
                <tr>
                  <th scope="row">{w.clock.title}</th>
                  <td>
                    {w.from}（{w.fromLabel}）
                  </td>
                  <td>
                    {w.clock.due}
                    {w.clock.provisional ? '（暂定）' : ''}
                  </td>
                  <td>{w.clock.basis}</td>
                  <td>{w.usedBy ? `已登记案件 ${w.usedBy.caseNumber}` : (WINDOW_STATE[w.clock.state] ?? w.clock.state)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.remedies?.note ? <p>{props.remedies.note}</p> : null}
      {props.remedies !== null && props.remedies.windows.some((w) => w.fromLabel.includes('推定为申请人知道之日')) ? <p class="hint">尚未登记答复告知书的送达，起算日按答复日期推定；在上方“送达”中登记送达后，按送达日期计算。</p> : null}
      {props.cases.length > 0 ? (
        <ul>
          {props.cases.map((c) => (
            <li>
              <a href={`${props.base}/records/cases/${c.id}`}>{c.caseNumber}</a> {CASE_TYPE_LABELS[c.type]}，收到于{c.receivedOn}，
              {c.concludedOn ? `${c.concludedOn}结案（${c.result ? resultLabel(c.result, c.type) : ''}）` : '尚未审结'}
            </li>
          ))}
        </ul>
      ) : (
        <p>没有登记与本申请有关的行政复议、行政诉讼案件。</p>
      )}
      {props.mayHandle ? (
        <p>
          <a href={`${props.base}/records/cases/new?application=${encodeURIComponent(props.applicationNumber)}`}>登记与本申请有关的案件</a>
        </p>
      ) : null}
    </>
  );
}
