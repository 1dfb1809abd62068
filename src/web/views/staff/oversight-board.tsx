// 政务公开监督 → the board of a year (issue #13 item 4): the counts on top, the filters and the order as a
// plain GET form (no JavaScript), the column headers as links that sort, the export of the same rows to
// XLSX, and the reminders to the agencies not published (all at once, or one per row) with who gets them
// by e-mail (the agency's contact address, where e-mail is configured) and what became of the last one.
// Pure JSX.

import { AGENCY_LEVEL_LABELS } from '../../../domain/applications/types.ts';
import { BOARD_SORT_LABELS, BOARD_SORTS, BOARD_SOURCE_LABELS, BOARD_SOURCES, boardQueryString, sourceText } from '../../../domain/oversight/board.ts';
import type { BoardCounts, BoardQuery, BoardRow, BoardSort } from '../../../domain/oversight/board.ts';
import { STATUSES } from '../../../domain/oversight/index.ts';
import type { LastReminder } from '../../../services/oversight/reminders.ts';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { oversightBase, OversightNav } from './oversight.tsx';

export const REMINDER_FIELD = 'reminder-text';

export interface BoardPageProps {
  year: number;
  query: BoardQuery;
  counts: BoardCounts;
  /** all rows' count, and the filtered, sorted rows */
  total: number;
  rows: BoardRow[];
  levels: string[];
  reminderText: string;
  /** by agency code: its contact e-mail and its latest reminder of the year */
  contacts: Map<string, { email: string | null; last: LastReminder | null }>;
  /** the agencies a reminder to all goes to, with their contact e-mail */
  recipients: { name: string; email: string | null }[];
  /** the sender, when e-mail is configured; null: reminders stay in the platform */
  mailFrom: string | null;
  csrf: string;
  errors: FieldError[];
  done?: string | undefined;
}

/** What became of the last reminder's e-mail, in words. */
function LastMail(props: { last: LastReminder }) {
  const l = props.last;
  if (l.email === 'sent') return <>，邮件已发至 {l.emailedTo}</>;
  if (l.email === 'failed') return <p class="field-error">邮件未发出：{l.emailError}</p>;
  if (l.email === 'pending') return <p class="field-error">邮件尚未确认发出（正在发送，或发送时中断；中断的可再次催报）。</p>;
  if (l.email === 'no_address') return <>，该机关当时没有联系邮箱，未发邮件</>;
  return null;
}

/** Where a reminder to this agency goes besides the platform. */
function Recipient(props: { email: string | null; mail: boolean }) {
  if (!props.mail) return null;
  return <p class="hint">{props.email ? `同时发邮件至 ${props.email}` : '没有联系邮箱，只在平台内催报'}</p>;
}

function SortHeader(props: { label: string; sort: BoardSort; query: BoardQuery; href: string }) {
  const active = props.query.sort === props.sort;
  const next = active && props.query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (props.query.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={`${props.href}${boardQueryString(props.query, { sort: props.sort, dir: next })}`}>
        {props.label}
        {active ? (props.query.dir === 'asc' ? '（升序）' : '（降序）') : ''}
      </a>
    </th>
  );
}

export function boardPage(frame: StaffFrame, p: BoardPageProps): string {
  const office = frame.agency as { code: string; name: string };
  const base = oversightBase(office.code, p.year);
  const here = `${base}/board`;
  const c = p.counts;
  return staffPage(
    frame,
    `${p.year}年度看板`,
    <>
      <h1>政务公开监督：{p.year}年度看板</h1>
      <OversightNav base={base} current="board" />
      <FormOutcome done={p.done} errors={p.errors} />
      <ul class="counts" aria-label="统计">
        <li>下级机关{c.agencies}个</li>
        <li>已发布（已收集）{c.published}个</li>
        <li>未发布{c.notPublished}个</li>
        <li>逾期发布{c.late}个</li>
        <li>未通过{c.failing}个</li>
        <li>不纳入汇总{c.excluded}个</li>
      </ul>

      <form method="get" action={here} class="filters" aria-label="筛选和排序">
        <Select id="f-status" name="status" label="结果" value={p.query.status} placeholder="全部" options={STATUSES.map((s) => [s, s] as const)} />
        <Select id="f-level" name="level" label="级别" value={p.query.level} placeholder="全部" options={p.levels.map((l) => [l, AGENCY_LEVEL_LABELS[l as keyof typeof AGENCY_LEVEL_LABELS] ?? l] as const)} />
        <Select id="f-source" name="source" label="来源" value={p.query.source} placeholder="全部" options={BOARD_SOURCES.map((s) => [s, BOARD_SOURCE_LABELS[s]] as const)} />
        <TextField id="f-q" name="q" type="search" label="机关名称" value={p.query.q} maxlength={50} />
        <Select id="f-sort" name="sort" label="排序" value={p.query.sort} options={BOARD_SORTS.map((s) => [s, BOARD_SORT_LABELS[s]] as const)} />
        <Select
          id="f-dir"
          name="dir"
          label="顺序"
          value={p.query.dir}
          options={[
            ['asc', '升序'],
            ['desc', '降序'],
          ]}
        />
        <div class="field">
          <button type="submit">筛选</button> <a href={here}>清除筛选</a>
        </div>
      </form>
      <p>
        显示{p.rows.length}个（共{p.total}个）。<a href={`${base}/board.xlsx${boardQueryString(p.query)}`}>导出为Excel（XLSX，按当前筛选和排序）</a>
      </p>

      <div class="table-wrap" role="region" aria-label="各机关的年度报告（可横向滚动）" tabindex={0}>
        <table class="wide">
          <caption>{p.year}年度各机关的年度报告</caption>
          <thead>
            <tr>
              <SortHeader label="机关" sort="name" query={p.query} href={here} />
              <th scope="col">级别</th>
              <th scope="col">来源</th>
              <SortHeader label="发布日期" sort="date" query={p.query} href={here} />
              <th scope="col">逾期</th>
              <th scope="col">结果</th>
              <SortHeader label="得分" sort="score" query={p.query} href={here} />
              <SortHeader label="错误" sort="errors" query={p.query} href={here} />
              <th scope="col">警告</th>
              <th scope="col">催报</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`${base}/agencies/${encodeURIComponent(r.code)}`}>{r.name}</a>
                </th>
                <td>{AGENCY_LEVEL_LABELS[r.level as keyof typeof AGENCY_LEVEL_LABELS] ?? r.level}</td>
                <td>{sourceText(r)}</td>
                <td>{r.publishedOn ?? (r.source === 'none' ? '未发布' : '未知')}</td>
                <td>{r.daysLate === null ? '—' : r.daysLate === 0 ? '按时' : `${r.daysLate}天`}</td>
                <td>{r.status}</td>
                <td>{r.score}</td>
                <td>{r.errors}</td>
                <td>{r.warnings}</td>
                <td>
                  {(() => {
                    const contact = p.contacts.get(r.code);
                    const last = contact?.last ?? null;
                    const at = last?.sentAt ?? r.remindedAt;
                    return (
                      <>
                        {at ? `已于${at.slice(0, 10)}催报` : ''}
                        {last ? <LastMail last={last} /> : null}
                        {r.source === 'none' ? <Recipient email={contact?.email ?? null} mail={p.mailFrom !== null} /> : null}
                      </>
                    );
                  })()}
                  {r.source === 'none' ? (
                    <form method="post" action={`${base}/reminders`}>
                      <Csrf token={p.csrf} />
                      <input type="hidden" name="agency" value={r.code} />
                      <button type="submit" class="secondary" aria-label={`向${r.name}催报`}>
                        催报
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length === 0 ? <p>没有符合筛选条件的机关。</p> : null}

      <section aria-labelledby="remind-title">
        <h2 id="remind-title">催报</h2>
        <p>
          催报记录在本平台内：被催报的机关登录后在工作台首页看到，直到其报告发布（或由政务公开办收集到）为止。
          {p.mailFrom
            ? `有联系邮箱的机关同时收到内容相同的邮件（发件人：${p.mailFrom}）；邮件在催报记录保存后发出，结果显示在上表“催报”列。`
            : '本平台未配置邮件服务器，不发送邮件。'}
          每行的“催报”按钮发送下面的默认内容。
        </p>
        {p.mailFrom && p.recipients.length > 0 ? <RecipientSummary recipients={p.recipients} /> : null}
        <form method="post" action={`${base}/reminders`}>
          <Csrf token={p.csrf} />
          <input type="hidden" name="agency" value="*" />
          <TextArea id={REMINDER_FIELD} name="text" label="催报内容" rows={4} maxlength={1000} value={p.reminderText} error={errorFor(p.errors, REMINDER_FIELD)} />
          {c.remindable > 0 ? <button type="submit">向全部未发布的机关催报（{c.remindable}个）</button> : <p>没有需要催报的机关（不纳入汇总的机关不催报）。</p>}
        </form>
      </section>
    </>,
  );
}

/** Who of the agencies a reminder to all goes to has a contact e-mail, and who has not. */
function RecipientSummary(props: { recipients: { name: string; email: string | null }[] }) {
  const without = props.recipients.filter((r) => r.email === null);
  const withEmail = props.recipients.length - without.length;
  return (
    <p>
      未发布的{props.recipients.length}个机关中，{withEmail}个有联系邮箱，同时收到邮件
      {without.length > 0 ? `；${without.length}个没有联系邮箱，只在平台内催报：${without.map((r) => r.name).join('、')}` : ''}。联系邮箱由各机关在“栏目与设置”中填写。
    </p>
  );
}
