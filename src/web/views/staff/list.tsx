// 申请列表: a filter form (GET, so a filtered list is a link) and the results, 50 a page.

import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { HandlingState, Outcome } from '../../../domain/applications/types.ts';
import type { ApplicationList } from '../../../services/application-list.ts';
import { ErrorSummary } from '../layout.tsx';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { LedgerLinks } from './personal.tsx';

/** The filter form's values as typed (strings), kept on the page and in the pager's links. */
export interface ListQuery {
  q: string;
  state: string;
  applicantType: string;
  receivedFrom: string;
  receivedTo: string;
  overdue: boolean;
}

export const STATES = Object.keys(STATE_LABELS) as HandlingState[];

function queryString(query: ListQuery, page: number): string {
  const p = new URLSearchParams();
  if (query.q) p.set('q', query.q);
  if (query.state) p.set('state', query.state);
  if (query.applicantType) p.set('applicantType', query.applicantType);
  if (query.receivedFrom) p.set('receivedFrom', query.receivedFrom);
  if (query.receivedTo) p.set('receivedTo', query.receivedTo);
  if (query.overdue) p.set('overdue', '1');
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function listPage(frame: StaffFrame, props: { query: ListQuery; list: ApplicationList | null; errors: { field: string; message: string }[]; ledger?: { mayFull: boolean } }): string {
  const base = staffBase(frame.agency?.code ?? '');
  const { query, list } = props;
  const errorOf = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const describedBy = (field: string) => (errorOf(field) ? `${field}-error` : undefined);
  return staffPage(
    frame,
    '申请列表',
    <>
      <h1>申请列表</h1>
      <ErrorSummary errors={props.errors} />
      <form method="get" action={`${base}/applications`} role="search" aria-label="筛选和搜索申请">
        <div class="field">
          <label for="q">搜索</label>
          <p class="hint" id="q-hint">
            按编号、申请人姓名或名称、申请内容搜索；多个词用空格分开。
          </p>
          <input type="search" id="q" name="q" value={query.q} maxlength={200} aria-describedby="q-hint" />
        </div>
        <fieldset>
          <legend>筛选条件</legend>
          <div class="field">
            <label for="state">办理状态</label>
            <select id="state" name="state">
              <option value="">全部</option>
              {STATES.map((s) => (
                <option value={s} selected={query.state === s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="applicantType">申请人类型</label>
            <select id="applicantType" name="applicantType">
              <option value="">全部</option>
              {APPLICANT_TYPES.map((t) => (
                <option value={t} selected={query.applicantType === t}>
                  {APPLICANT_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="receivedFrom">收到日期（起）</label>
            {errorOf('receivedFrom') ? (
              <p class="field-error" id="receivedFrom-error">
                {errorOf('receivedFrom')}
              </p>
            ) : null}
            <input type="date" id="receivedFrom" name="receivedFrom" value={query.receivedFrom} aria-describedby={describedBy('receivedFrom')} aria-invalid={errorOf('receivedFrom') ? 'true' : undefined} />
          </div>
          <div class="field">
            <label for="receivedTo">收到日期（止）</label>
            {errorOf('receivedTo') ? (
              <p class="field-error" id="receivedTo-error">
                {errorOf('receivedTo')}
              </p>
            ) : null}
            <input type="date" id="receivedTo" name="receivedTo" value={query.receivedTo} aria-describedby={describedBy('receivedTo')} aria-invalid={errorOf('receivedTo') ? 'true' : undefined} />
          </div>
          <div class="field">
            <input type="checkbox" id="overdue" name="overdue" value="1" checked={query.overdue} /> <label for="overdue" style="display:inline">只看已超期的申请</label>
          </div>
        </fieldset>
        <button type="submit">查询</button> <a class="button secondary" href={`${base}/applications`}>清除条件</a>
      </form>
      {list === null ? null : (
        <>
          <h2 id="results">查询结果</h2>
          {list.total === 0 ? (
            <p role="status">没有符合条件的申请。</p>
          ) : (
            <div class="table-wrap" role="region" aria-label="申请列表（可横向滚动）" tabindex={0}>
              <table>
                <caption>
                  共{list.total}件，按收到日期由近及远排列{list.pages > 1 ? `，第${list.page}页／共${list.pages}页` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">编号</th>
                    <th scope="col">申请人</th>
                    <th scope="col">渠道</th>
                    <th scope="col">收到日期</th>
                    <th scope="col">办理状态</th>
                    <th scope="col">期限</th>
                    <th scope="col">承办人</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((i) => (
                    <tr>
                      <td>
                        <a href={`${base}/applications/${i.id}`}>{i.number}</a>
                      </td>
                      <td>
                        {i.applicantName}
                        <br />
                        <span class="hint">{APPLICANT_TYPE_LABELS[i.applicantType] ?? i.applicantType}</span>
                      </td>
                      <td>{CHANNEL_LABELS[i.channel as keyof typeof CHANNEL_LABELS] ?? i.channel}</td>
                      <td>{i.receivedOn ?? '未确认'}</td>
                      <td>
                        {STATE_LABELS[i.state] ?? i.state}
                        {i.outcome && i.outcome in OUTCOMES ? (
                          <>
                            <br />
                            <span class="hint">{OUTCOMES[i.outcome as Outcome].label}</span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {i.summary?.clock ? (
                          <>
                            {i.summary.clock.title} {i.summary.clock.due}
                            {i.summary.clock.provisional ? <span class="badge provisional">暂定</span> : null}{' '}
                            <ClockBadge state={i.summary.clock.state} label={CLOCK_STATE_LABELS[i.summary.clock.state] ?? i.summary.clock.state} />{' '}
                            {daysLeftText(i.summary.clock.workingDaysLeft, i.summary.clock.state)}
                          </>
                        ) : i.summary?.error ? (
                          '期限无法计算'
                        ) : i.closedOn ? (
                          `${i.closedOn}办结`
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
          )}
          {list.pages > 1 ? (
            <nav aria-label="分页">
              <ul style="display:flex;gap:1rem;list-style:none;padding:0">
                {list.page > 1 ? (
                  <li>
                    <a href={`${base}/applications${queryString(query, list.page - 1)}`} rel="prev">
                      上一页
                    </a>
                  </li>
                ) : null}
                <li aria-current="page">
                  第{list.page}页／共{list.pages}页
                </li>
                {list.page < list.pages ? (
                  <li>
                    <a href={`${base}/applications${queryString(query, list.page + 1)}`} rel="next">
                      下一页
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      )}
      {props.ledger ? <LedgerLinks base={base} mayFull={props.ledger.mayFull} /> : null}
    </>,
  );
}
