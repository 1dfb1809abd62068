// The parts of the application page: its statutory clocks (a provisional due date marked 暂定), its
// timeline of events with what each recorded, and its documents (a corrected reply marked superseded).

import { EVENT_LABELS, NOTICE_DELIVERY_LABELS } from '../../../domain/applications/transitions.ts';
import type { NoticeDelivery } from '../../../domain/applications/transitions.ts';
import { CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { EventType, HandlingState, Outcome } from '../../../domain/applications/types.ts';
import { DOCUMENT_KIND_LABELS } from '../../../domain/documents/templates.ts';
import type { DocumentKind } from '../../../domain/documents/templates.ts';
import type { ApplicationView } from '../../../services/application-view.ts';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, PRE } from './frame.tsx';

export const PARTY_LABELS: Record<'third_party' | 'other_agency', string> = {
  third_party: '第三方（条例第三十二条）',
  other_agency: '其他机关（条例第三十四条）',
};

export function eventDetails(type: string, data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const outcome = data['outcome'];
  if (typeof outcome === 'string' && outcome in OUTCOMES) out.push(`办理结果：${OUTCOMES[outcome as Outcome].label}`);
  if (typeof data['legalBasis'] === 'string' && data['legalBasis'] !== '') out.push(`依据：${data['legalBasis']}`);
  const previous = data['previousOutcome'];
  if (typeof previous === 'string' && previous in OUTCOMES) out.push(`原答复结果：${OUTCOMES[previous as Outcome].label}`);
  if (typeof data['workingDays'] === 'number') out.push(type === 'request_correction' ? `补正期限${data['workingDays']}个工作日` : `延长${data['workingDays']}个工作日`);
  if (data['afterDue'] === true) out.push('超期延期：延期决定晚于原答复期限（台账导入，条例第三十三条第二款）');
  if (data['beforeDue'] === true) out.push('期限未满即认定逾期：认定日期不晚于补正期限（台账导入，条例第三十条）');
  const party = data['party'];
  if (party === 'third_party' || party === 'other_agency') out.push(`征求意见对象：${PARTY_LABELS[party]}${typeof data['partyName'] === 'string' ? ` ${data['partyName']}` : ''}`);
  if (typeof data['letterReceivedOn'] === 'string') out.push(`对方收到征求意见函：${data['letterReceivedOn']}`);
  else if (type === 'start_consultation') out.push('对方收到征求意见函的日期未登记（按发函之日计算）');
  const delivery = data['delivery'];
  if (typeof delivery === 'string' && delivery in NOTICE_DELIVERY_LABELS) out.push(`送达方式：${NOTICE_DELIVERY_LABELS[delivery as NoticeDelivery]}`);
  if (typeof data['noticeReceivedOn'] === 'string') out.push(`申请人收到收费通知：${data['noticeReceivedOn']}`);
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


export function Clocks(props: { clocks: ApplicationView['clocks']; clockError: string | null; today: string; state: HandlingState }) {
  const { clocks, clockError, state } = props;
  return (
    <>
      <h2 id="clocks">期限</h2>
      {clocks === null ? (
        <div class="notice" role="status">
          <p>期限无法计算：{clockError}</p>
        </div>
      ) : (
        <div class="table-wrap" role="region" aria-label="法定期限（可横向滚动）" tabindex={0}>
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
                  <td>
                    {c.due ?? '—'}
                    {c.due && c.provisional ? '（暂定）' : ''}
                  </td>
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
    </>
  );
}

export function Timeline(props: { events: ApplicationView['events'] }) {
  const { events } = props;
  return (
    <>
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
    </>
  );
}

export function Documents(props: { documents: ApplicationView['documents']; base: string }) {
  const { documents, base } = props;
  const byId = new Map(documents.map((d) => [d.id, d.number]));
  return (
    <>
      <h2 id="documents">文书</h2>
      {documents.length === 0 ? (
        <p>尚未制作文书。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="本申请的文书（可横向滚动）" tabindex={0}>
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
                  <td>
                    {DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.title}
                    {d.supersededBy !== null ? `（已更正，被${byId.get(d.supersededBy) ?? '新的答复告知书'}取代）` : ''}
                    {d.supersedes !== null ? `（更正答复，取代${byId.get(d.supersedes) ?? '原答复告知书'}）` : ''}
                  </td>
                  <td>{d.issuedOn}</td>
                  <td>
                    <a href={`${base}/documents/${d.id}`}>查看 {d.number}（网页）</a>
                    <br />
                    <a href={`${base}/documents/${d.id}.docx`} download>
                      下载 {d.number}（Word 文档）
                    </a>
                    <br />
                    <a href={`${base}/documents/${d.id}.pdf`}>下载 {d.number}（PDF）</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
