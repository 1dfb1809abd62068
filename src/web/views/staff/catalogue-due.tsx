// The dashboard's section on proactive disclosure (条例第二十六条): the agency's unpublished catalogue
// items overdue or due within 3 working days of their 20-working-day period, each linked to its page.
// Pure: a function of services/catalogue/due-clock.ts's result.

import { ITEM_STATE_LABELS } from '../../../domain/catalogue/vocab.ts';
import type { ItemState } from '../../../domain/catalogue/vocab.ts';
import type { DueItem, PublicationDue } from '../../../services/catalogue/due-clock.ts';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText } from './frame.tsx';

function DueTable(props: { base: string; caption: string; items: DueItem[]; count: number }) {
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>
          {props.caption}（{props.count}条{props.count > props.items.length ? `，显示前${props.items.length}条` : ''}）
        </caption>
        <thead>
          <tr>
            <th scope="col">索引号</th>
            <th scope="col">标题</th>
            <th scope="col">状态</th>
            <th scope="col">形成或变更日期</th>
            <th scope="col">公开期限</th>
            <th scope="col">期限状态</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr>
              <td>{i.indexNumber}</td>
              <td>
                <a href={`${props.base}/catalogue/${i.id}`}>{i.title}</a>
              </td>
              <td>{ITEM_STATE_LABELS[i.state as ItemState] ?? i.state}</td>
              <td>{i.formedOn}</td>
              <td>
                {i.clock.due ?? '—'}
                {i.clock.provisional ? (
                  <>
                    {' '}
                    <span class="badge provisional">暂定</span>
                  </>
                ) : null}
              </td>
              <td>
                <ClockBadge state={i.clock.state} label={CLOCK_STATE_LABELS[i.clock.state] ?? i.clock.state} /> {daysLeftText(i.clock.workingDaysLeft, i.clock.state)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PublicationDueSection(props: { base: string; due: PublicationDue }) {
  const { due } = props;
  return (
    <section aria-labelledby="proactive-due">
      <h2 id="proactive-due">主动公开期限</h2>
      <p>
        条例第二十六条：属于主动公开范围的政府信息，应当自形成或者变更之日起20个工作日内予以公开。尚未发布的信息共 <strong>{due.counts.running}</strong> 条，其中已超期{' '}
        <strong>{due.counts.overdue}</strong> 条、3个工作日内到期 <strong>{due.counts.dueSoon}</strong> 条。
      </p>
      {due.counts.overdue > 0 ? <DueTable base={props.base} caption="已超期的主动公开信息" items={due.overdue} count={due.counts.overdue} /> : null}
      {due.counts.dueSoon > 0 ? <DueTable base={props.base} caption="3个工作日内到期的主动公开信息" items={due.dueSoon} count={due.counts.dueSoon} /> : null}
    </section>
  );
}
