// 工作台: the counts of open applications by clock (overdue, due within 3 working days, paused,
// running) and a table of each. Pure: a function of the dashboard.

import { UndeliveredSection, WithheldDueSection } from './dashboard-undelivered.tsx';
import type { ReminderShown } from '../../../services/oversight/reminders.ts';
import { APPLICANT_TYPE_LABELS, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { ClockBucket, Dashboard, DashboardItem } from '../../../services/dashboard.ts';
import { CLOCK_BUCKET_LABELS, CLOCK_BUCKETS } from '../../../services/dashboard.ts';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, staffBase, staffPage } from './frame.tsx';
import type { PublicationDue } from '../../../services/catalogue/due-clock.ts';
import { PublicationDueSection } from './catalogue-due.tsx';
import type { ReportDue } from '../../../services/report-due.ts';
import { SIGNOFF_STATE_LABELS } from '../../../domain/report/signoff.ts';
import type { SignoffState } from '../../../domain/report/signoff.ts';
import type { StaffFrame } from './frame.tsx';

const HINTS: Record<ClockBucket, string> = {
  overdue: '答复、补正告知或征求意见等期限已过，请尽快办理。',
  due_soon: '期限将在3个工作日内届满。',
  paused: '征求意见或等待缴费期间，答复期限中止计算。',
  running: '期限正常计算中（含等待申请人补正的申请）。',
};

/** 暂定: the due date falls in a year whose holiday notice is not yet published (plan-notes: the dashboard works to the earliest). */
function ProvisionalMark(props: { estimate: string | null }) {
  return (
    <>
      {' '}
      <span class="badge provisional">暂定</span>
      <br />
      <span class="hint">{props.estimate ? `按法定节假日推算为${props.estimate}，如有调休可能提前，请按此日办结` : '按法定节假日推算'}</span>
    </>
  );
}

/** The full bucket in the list page, most urgent first. */
export function bucketListHref(base: string, bucket: ClockBucket): string {
  return `${base}/applications?clock=${bucket}&sort=due&dir=asc#results`;
}

function ItemsTable(props: { base: string; bucket: ClockBucket; items: DashboardItem[]; total: number }) {
  const shown = props.items;
  return (
    <div class="table-wrap" role="region" aria-label={`${CLOCK_BUCKET_LABELS[props.bucket]}的申请（可横向滚动）`} tabindex={0}>
      <table>
        <caption>
          {CLOCK_BUCKET_LABELS[props.bucket]}的申请（{props.total}件{props.total > shown.length ? `，显示最紧急的${shown.length}件` : ''}）
        </caption>
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">申请人</th>
            <th scope="col">办理状态</th>
            <th scope="col">期限</th>
            <th scope="col">到期日</th>
            <th scope="col">期限状态</th>
            <th scope="col">答复期限</th>
            <th scope="col">承办人</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr>
              <td>
                <a href={`${props.base}/applications/${i.id}`}>{i.number}</a>
              </td>
              <td>
                {i.applicantName}
                <br />
                <span class="hint">{APPLICANT_TYPE_LABELS[i.applicantType] ?? i.applicantType}</span>
              </td>
              <td>{STATE_LABELS[i.state] ?? i.state}</td>
              <td>{i.summary.clock ? i.summary.clock.title : i.summary.error ? '无法计算' : '—'}</td>
              <td>
                {i.summary.clock?.due ?? '—'}
                {i.summary.clock?.provisional ? <ProvisionalMark estimate={i.summary.clock.estimateDue ?? null} /> : null}
              </td>
              <td>
                {i.summary.clock ? (
                  <>
                    <ClockBadge state={i.summary.clock.state} label={CLOCK_STATE_LABELS[i.summary.clock.state] ?? i.summary.clock.state} />{' '}
                    {daysLeftText(i.summary.clock.workingDaysLeft, i.summary.clock.state)}
                  </>
                ) : (
                  (i.summary.error ?? '无进行中的期限')
                )}
              </td>
              <td>
                {i.summary.reply ? (
                  <>
                    {i.summary.reply.due}
                    {i.summary.reply.provisional ? <ProvisionalMark estimate={i.summary.reply.estimateDue ?? null} /> : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>{i.handler ?? '未分配'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Last year's annual report, not yet published: its statutory date (条例第四十九条) and the days left. */
function ReportDueNotice(props: { base: string; due: ReportDue }) {
  const d = props.due;
  const [y, m, day] = d.due.split('-').map(Number);
  const when = `${y}年${m}月${day}日`;
  return (
    <div class={d.level === 'reminder' ? 'notice' : 'notice warning'} role="status">
      <p>
        <strong>{d.year}年度政府信息公开工作年度报告尚未发布</strong>：
        {d.level === 'overdue' ? `法定公布期限${when}已过${-d.daysLeft}天，请尽快发布。` : `应于${when}前公布，${d.daysLeft === 0 ? '今天是最后一天' : `还有${d.daysLeft}天`}。`}
        {d.signoff ? `目前：${SIGNOFF_STATE_LABELS[d.signoff.state as SignoffState] ?? d.signoff.state}${d.signoff.waitingAt ? `（在“${d.signoff.waitingAt}”环节）` : ''}。` : ''}
        <a href={`${props.base}/report-facts/${d.year}/draft`}>{d.signoff?.state === 'approved' ? '去发布年度报告' : '去年度报告草稿'}</a>
      </p>
      <p class="hint">{d.explain}</p>
    </div>
  );
}

/** The reminders of the offices above (政务公开监督 催报), shown until the report of that year is published. */
function Reminders(props: { reminders: ReminderShown[] }) {
  return (
    <>
      {props.reminders.map((r) => (
        <div class="notice warning" role="status">
          <p>
            <strong>
              {r.office}催报{r.year}年度报告
            </strong>
            （{r.sentAt.slice(0, 10)}
            {r.sender ? `，${r.sender}` : ''}
            {r.count > 1 ? `，共催报${r.count}次` : ''}）：
          </p>
          {r.text.split('\n').map((line) => (
            <p>{line}</p>
          ))}
          {r.due ? <p>{r.due}</p> : null}
          <p class="hint">报告发布后，此提醒不再显示。</p>
        </div>
      ))}
    </>
  );
}

/** notes.missingYear: next year, when its holiday arrangement is not loaded yet (see staff.tsx missingCalendarYear) */
export function dashboardPage(frame: StaffFrame, dashboard: Dashboard, notes: { missingYear?: number | null; publication?: PublicationDue; reportDue?: ReportDue | null; reminders?: ReminderShown[] } = {}): string {
  const base = staffBase(frame.agency?.code ?? '');
  return staffPage(
    frame,
    '工作台',
    <>
      <h1>工作台</h1>
      <p>
        今天是{dashboard.today}。本机关正在办理的政府信息公开申请共 <strong>{dashboard.open}</strong> 件。
      </p>
      {notes.reminders?.length ? <Reminders reminders={notes.reminders} /> : null}
      {notes.reportDue ? <ReportDueNotice base={base} due={notes.reportDue} /> : null}
      {notes.missingYear ? (
        <div class="notice" role="status">
          <p>
            {notes.missingYear}年的节假日安排尚未录入：落在{notes.missingYear}年的期限按法定节假日推算，标为“暂定”；工作台按可能的最早日期（节日前后的周末可能调休上班）提示，请按此日期办理。国务院办公厅发布《关于
            {notes.missingYear}年部分节假日安排的通知》后，请平台管理员在“平台管理 → 工作日历”录入，所有期限随即按通知重新计算
            {frame.may.platform ? <> （<a href="/staff/platform/calendar">现在录入</a>）</> : null}。
          </p>
        </div>
      ) : null}
      {dashboard.clockErrors.count > 0 ? (
        <div class="notice" role="status">
          <p>
            有{dashboard.clockErrors.count}件申请的期限无法计算：{dashboard.clockErrors.message}
          </p>
        </div>
      ) : null}
      <h2 id="counts">期限概况</h2>
      <div class="table-wrap" role="region" aria-label="按期限状态统计的办理中申请（可横向滚动）" tabindex={0}>
      <table>
        <caption>按期限状态统计的办理中申请</caption>
        <thead>
          <tr>
            <th scope="col">期限状态</th>
            <th scope="col">件数</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {CLOCK_BUCKETS.map((b) => (
            <tr>
              <th scope="row">
                <ClockBadge state={b} label={CLOCK_BUCKET_LABELS[b]} />
              </th>
              <td>
                {dashboard.counts[b] > 0 ? (
                  <a href={`#${b}`} aria-label={`${CLOCK_BUCKET_LABELS[b]}：${dashboard.counts[b]}件`}>
                    {dashboard.counts[b]}
                  </a>
                ) : (
                  '0'
                )}
              </td>
              <td>{HINTS[b]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p>
        <a href={`${base}/applications?overdue=1&sort=due&dir=asc#results`}>在申请列表中查看全部已超期的申请</a>
      </p>
      {notes.publication ? <PublicationDueSection base={base} due={notes.publication} /> : null}
      <UndeliveredSection base={base} undelivered={dashboard.undelivered} />
      <WithheldDueSection base={base} due={dashboard.withheldDue} />
      {CLOCK_BUCKETS.map((b) => (
        <section aria-labelledby={b}>
          <h2 id={b}>
            {CLOCK_BUCKET_LABELS[b]}（{dashboard.counts[b]}件）
          </h2>
          {dashboard.lists[b].length === 0 ? <p>没有{CLOCK_BUCKET_LABELS[b]}的申请。</p> : <ItemsTable base={base} bucket={b} items={dashboard.lists[b]} total={dashboard.counts[b]} />}
          {dashboard.counts[b] > dashboard.lists[b].length ? (
            <p>
              <a href={bucketListHref(base, b)}>在申请列表中查看全部{dashboard.counts[b]}件{CLOCK_BUCKET_LABELS[b]}的申请</a>
            </p>
          ) : null}
        </section>
      ))}
    </>,
  );
}
