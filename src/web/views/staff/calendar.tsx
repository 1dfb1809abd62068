// 工作日历 (平台管理): the years whose holiday arrangement (国务院办公厅关于部分节假日安排的通知) the
// platform has, its local rest days, and the forms to add next year's notice — pasted, previewed,
// confirmed — and a local rest day. Every statutory clock counts working days on this calendar. Pure.

import type { LocalRestDay, YearArrangement } from '../../../domain/calendar/index.ts';
import type { DueDateChanges } from '../../../services/due-date-changes.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const CALENDAR_PATH = '/staff/platform/calendar';
export const CALENDAR_FIELDS = { notice: 'calendar-notice', year: 'calendar-year', restDate: 'rest-date', restName: 'rest-name' } as const;

export interface CalendarPageProps {
  csrf: string;
  arrangements: readonly YearArrangement[];
  localRestDays: readonly LocalRestDay[];
  /** the first year after the last one loaded */
  nextYear: number;
  errors: FieldError[];
  values: Record<string, string>;
  done?: string;
  /** after a change: the open applications whose due dates moved */
  changes?: DueDateChanges;
  /** a parsed notice waiting for confirmation */
  preview?: { text: string; year: string; description: string; notes: string[]; replaces: boolean };
}

/** After a change of the calendar: the open applications whose due dates moved earlier (to tell their offices today). */
function ChangesSection(props: { changes: DueDateChanges }) {
  const { changes } = props;
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">期限变化</h2>
      <p>
        已按新的日历重新计算全部{changes.open}件办理中申请的期限：{changes.earlierCount}项期限提前，{changes.later}项期限推后。
        {changes.earlier.length > 0 ? (changes.earlierCount > changes.earlier.length ? `新到期日最早的${changes.earlier.length}项如下，` : '期限提前的申请如下，') + '请通知有关机关按新的期限办理。' : ''}
      </p>
      {changes.earlier.length > 0 ? (
        <div class="table-wrap" role="region" aria-label="期限提前的申请（可横向滚动）" tabindex={0}>
          <table>
            <caption>期限提前的申请</caption>
            <thead>
              <tr>
                <th scope="col">机关</th>
                <th scope="col">编号</th>
                <th scope="col">期限</th>
                <th scope="col">原到期日</th>
                <th scope="col">新到期日</th>
              </tr>
            </thead>
            <tbody>
              {changes.earlier.map((x) => (
                <tr>
                  <td>{x.agencyName}</td>
                  <td>{x.number}</td>
                  <td>{x.title}</td>
                  <td>{x.before}</td>
                  <td>
                    <strong>{x.after}</strong>
                    {x.provisional ? <> <span class="badge provisional">暂定</span></> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function calendarPage(frame: StaffFrame, props: CalendarPageProps): string {
  const e = (f: string) => errorFor(props.errors, f);
  return staffPage(
    frame,
    '工作日历',
    <>
      <h1>工作日历</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      {props.changes ? <ChangesSection changes={props.changes} /> : null}
      <p>
        所有法定期限（补正告知7个工作日、答复20个工作日、延期20个工作日等）都按本日历计算工作日：周一至周五上班，法定节假日放假，调休上班日上班，另加本机关设定的本地休息日。平台内置
        2019年起国务院办公厅公布的节假日安排；以后各年的安排，在国务院办公厅发布通知后在此录入。
      </p>

      {props.preview ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">请核对识别出的{props.preview.year}年节假日安排</h2>
          <pre style="white-space:pre-wrap">{props.preview.description}</pre>
          {props.preview.notes.length > 0 ? (
            <ul>
              {props.preview.notes.map((n) => (
                <li>{n}</li>
              ))}
            </ul>
          ) : null}
          {props.preview.replaces ? <p><strong>保存后将替换已录入的{props.preview.year}年安排。</strong></p> : null}
          <form method="post" action={`${CALENDAR_PATH}/notice`}>
            <Csrf token={props.csrf} />
            <input type="hidden" name="text" value={props.preview.text} />
            <input type="hidden" name="year" value={props.values['year'] ?? ''} />
            <input type="hidden" name="confirm" value="1" />
            <button type="submit">核对无误，保存{props.preview.year}年安排</button> <a href={CALENDAR_PATH}>不保存，返回</a>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="years-title">
        <h2 id="years-title">已录入的年份</h2>
        <div class="table-wrap" role="region" aria-label="各年节假日安排及其来源（可横向滚动）" tabindex={0}>
          <table>
            <caption>各年节假日安排及其来源</caption>
            <thead>
              <tr>
                <th scope="col">年份</th>
                <th scope="col">放假安排</th>
                <th scope="col">调休上班</th>
                <th scope="col">来源</th>
              </tr>
            </thead>
            <tbody>
              {[...props.arrangements]
                .sort((a, b) => b.year - a.year)
                .map((a) =>
                  a.provisional ? (
                    <tr>
                      <th scope="row">
                        {a.year}年 <span class="badge provisional">暂定</span>
                      </th>
                      <td colspan={3}>
                        <strong>通知尚未录入。</strong>落在该年的期限暂按法定节假日（{a.holidays.map((h) => `${h.name} ${h.start.slice(5)}至${h.end.slice(5)}`).join('；')}
                        ，含周末补假）推算，各处标为“暂定”，工作台按可能的最早日期提示。国务院办公厅发布《关于{a.year}
                        年部分节假日安排的通知》后，请在下方“录入节假日安排通知”粘贴全文并保存：所有期限随即按通知重新计算，并列出期限提前的申请。
                      </td>
                    </tr>
                  ) : (
                    <tr>
                      <th scope="row">{a.year}年</th>
                      <td>{a.holidays.map((h) => `${h.name} ${h.start.slice(5)}至${h.end.slice(5)}`).join('；')}</td>
                      <td>{a.makeUpDays.map((m) => m.date.slice(5)).join('、') || '—'}</td>
                      <td style="overflow-wrap:anywhere">{a.sources.join('；') || '—'}</td>
                    </tr>
                  ),
                )}
              {props.arrangements.some((a) => a.year === props.nextYear) ? null : (
                <tr>
                  <th scope="row">{props.nextYear}年</th>
                  <td colspan={3}>
                    <strong>尚未录入。</strong>国务院办公厅通常在上一年10—12月发布通知；录入前，期限落在该年的，从该年前一年的10月起按法定节假日推算并标为“暂定”。
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="notice-title">
        <h2 id="notice-title">录入节假日安排通知</h2>
        <form method="post" action={`${CALENDAR_PATH}/notice`} novalidate>
          <Csrf token={props.csrf} />
          <TextArea
            id={CALENDAR_FIELDS.notice}
            name="text"
            label="通知全文"
            required
            rows={12}
            maxlength={20000}
            value={props.preview ? '' : (props.values['text'] ?? '')}
            error={e(CALENDAR_FIELDS.notice)}
            hint={`把《国务院办公厅关于${props.nextYear}年部分节假日安排的通知》的全文（含标题）粘贴在这里。系统识别后先显示识别结果，核对无误再保存。`}
          />
          <TextField id={CALENDAR_FIELDS.year} name="year" label="年份（通知标题缺失时填写）" maxlength={4} value={props.preview ? '' : (props.values['year'] ?? '')} error={e(CALENDAR_FIELDS.year)} />
          <button type="submit">识别通知</button>
        </form>
      </section>

      <section aria-labelledby="rest-title">
        <h2 id="rest-title">本地休息日</h2>
        {props.localRestDays.length === 0 ? (
          <p>没有设定本地休息日。</p>
        ) : (
          <ul>
            {props.localRestDays.map((d) => (
              <li>
                {d.date} {d.name}
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${CALENDAR_PATH}/rest-day`} novalidate>
          <Csrf token={props.csrf} />
          <TextField id={CALENDAR_FIELDS.restDate} name="date" type="date" label="日期" required value={props.values['date'] ?? ''} error={e(CALENDAR_FIELDS.restDate)} />
          <TextField id={CALENDAR_FIELDS.restName} name="name" label="名称" required maxlength={50} value={props.values['name'] ?? ''} error={e(CALENDAR_FIELDS.restName)} hint="例如 某某纪念日（本地放假）。设定后，该日不计入工作日。" />
          <button type="submit">增加本地休息日</button>
        </form>
      </section>
    </>,
  );
}
