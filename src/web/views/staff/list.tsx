// 申请列表: the filters (a GET form, so a filtered list is a link; folded away unless a filter is in use,
// so that on a phone the first result is near the top), the results with sortable columns (links, with
// aria-sort on the sorted one), 上一页/下一页 by cursor with the total (exact, or 共约 when estimated) and
// page numbers where the total is exact and small, and the filtered list as an Excel file.

import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { HandlingState, Outcome } from '../../../domain/applications/types.ts';
import { DEFAULT_DIRECTION, SORT_LABELS } from '../../../services/application-list.ts';
import type { ApplicationList, Direction, SortKey } from '../../../services/application-list.ts';
import { CLOCK_BUCKET_LABELS, CLOCK_BUCKETS } from '../../../services/dashboard.ts';
import type { ClockBucket } from '../../../services/dashboard.ts';
import { ErrorSummary } from '../layout.tsx';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { LedgerLinks } from './personal.tsx';

/** The filter form's values as typed (strings), kept on the page and in the links. */
export interface ListQuery {
  q: string;
  state: string;
  applicantType: string;
  receivedFrom: string;
  receivedTo: string;
  /** a bucket of the dashboard ('' all; `?overdue=1` is read as 'overdue') */
  clock: ClockBucket | '';
  sort?: SortKey;
  dir?: Direction;
}

export const STATES = Object.keys(STATE_LABELS) as HandlingState[];

/** Page numbers are listed up to this many pages. */
const MAX_PAGE_LINKS = 20;

/** The query string of the filters (and the order, and one of page / after / before). */
export function listQueryString(query: ListQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (query.q) p.set('q', query.q);
  if (query.state) p.set('state', query.state);
  if (query.applicantType) p.set('applicantType', query.applicantType);
  if (query.receivedFrom) p.set('receivedFrom', query.receivedFrom);
  if (query.receivedTo) p.set('receivedTo', query.receivedTo);
  if (query.clock) p.set('clock', query.clock);
  if (query.sort && query.sort !== 'received') p.set('sort', query.sort);
  if (query.sort && query.dir && query.dir !== DEFAULT_DIRECTION[query.sort]) p.set('dir', query.dir);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const filtering = (q: ListQuery): boolean => q.q !== '' || q.state !== '' || q.applicantType !== '' || q.receivedFrom !== '' || q.receivedTo !== '' || q.clock !== '';

function SortHeader(props: { base: string; query: ListQuery; column: SortKey; label?: string }) {
  const current = (props.query.sort ?? 'received') === props.column;
  const dir = props.query.dir ?? DEFAULT_DIRECTION[props.query.sort ?? 'received'];
  const nextDir: Direction = current ? (dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[props.column];
  const href = `${props.base}/applications${listQueryString({ ...props.query, sort: props.column, dir: nextDir })}#results`;
  const label = props.label ?? SORT_LABELS[props.column];
  return (
    <th scope="col" aria-sort={current ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={href}>
        {label}
        {current ? <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span> : ''}
      </a>
    </th>
  );
}

function ListPager(props: { base: string; query: ListQuery; list: ApplicationList }) {
  const { list, query } = props;
  const path = `${props.base}/applications`;
  const total = list.exact ? `共${list.total}件` : `共约${list.total.toLocaleString('zh-CN')}件`;
  const range = list.offset !== null && list.items.length > 0 ? `，第${list.offset + 1}–${list.offset + list.items.length}件` : '';
  const pages = list.exact && list.pages !== null && list.pages > 1 && list.pages <= MAX_PAGE_LINKS ? list.pages : 0;
  if (list.next === null && list.prev === null) return <p class="hint">{total}</p>;
  return (
    <nav class="pager" aria-label="翻页" style="display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0">
      <span class="pager-total">
        {total}
        {range}
        {list.page !== null && list.pages !== null ? `（第${list.page}页／共${list.pages}页）` : ''}
      </span>{' '}
      {list.prev !== null ? (
        <a rel="prev" href={`${path}${listQueryString(query, { before: list.prev })}#results`}>
          上一页
        </a>
      ) : null}{' '}
      {pages > 0 ? (
        <span>
          {Array.from({ length: pages }, (_, i) => i + 1).map((n) =>
            n === list.page ? (
              <strong aria-current="page" style="margin:0 .3rem">
                {n}
              </strong>
            ) : (
              <a href={`${path}${listQueryString(query, n > 1 ? { page: String(n) } : {})}#results`} aria-label={`第${n}页`} style="margin:0 .3rem">
                {n}
              </a>
            ),
          )}
        </span>
      ) : null}{' '}
      {list.next !== null ? (
        <a rel="next" href={`${path}${listQueryString(query, { after: list.next })}#results`}>
          下一页
        </a>
      ) : null}
    </nav>
  );
}

function Filters(props: { base: string; query: ListQuery; errors: { field: string; message: string }[] }) {
  const { query } = props;
  const errorOf = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const describedBy = (field: string) => (errorOf(field) ? `${field}-error` : undefined);
  const active = filtering(query);
  return (
    <details id="filters" open={active || props.errors.length > 0 || undefined}>
      <summary>{active ? '筛选和搜索（已按条件筛选）' : '筛选和搜索'}</summary>
      <form method="get" action={`${props.base}/applications`} role="search" aria-label="筛选和搜索申请">
        {query.sort && query.sort !== 'received' ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.sort && query.dir && query.dir !== DEFAULT_DIRECTION[query.sort] ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div class="field">
          <label for="q">搜索</label>
          <p class="hint" id="q-hint">
            输入完整编号直接找到该申请；也可按编号、申请人姓名或名称、申请内容中的词语搜索，多个词用空格分开。单个字只在申请人姓名中查找。
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
          {(['receivedFrom', 'receivedTo'] as const).map((f) => (
            <div class="field">
              <label for={f}>{f === 'receivedFrom' ? '收到日期（起）' : '收到日期（止）'}</label>
              <p class="hint" id={`${f}-hint`}>
                格式如 2024-03-05。
              </p>
              {errorOf(f) ? (
                <p class="field-error" id={`${f}-error`}>
                  {errorOf(f)}
                </p>
              ) : null}
              <input type="date" id={f} name={f} value={query[f]} aria-describedby={[`${f}-hint`, describedBy(f)].filter(Boolean).join(' ')} aria-invalid={errorOf(f) ? 'true' : undefined} />
            </div>
          ))}
          <div class="field">
            <label for="clock">期限状态</label>
            <p class="hint" id="clock-hint">
              办理中申请按最紧急的期限归类，与工作台相同。
            </p>
            <select id="clock" name="clock" aria-describedby="clock-hint">
              <option value="">全部</option>
              {CLOCK_BUCKETS.map((b) => (
                <option value={b} selected={query.clock === b}>
                  {CLOCK_BUCKET_LABELS[b]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <button type="submit">查询</button> <a class="button secondary" href={`${props.base}/applications`}>清除条件</a>
      </form>
    </details>
  );
}

function Rows(props: { base: string; list: ApplicationList }) {
  return (
    <tbody>
      {props.list.items.map((i) => (
        <tr>
          <td>
            <a href={`${props.base}/applications/${i.id}`}>{i.number}</a>
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
                <ClockBadge state={i.summary.clock.state} label={CLOCK_STATE_LABELS[i.summary.clock.state] ?? i.summary.clock.state} /> {daysLeftText(i.summary.clock.workingDaysLeft, i.summary.clock.state)}
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
  );
}

export function listPage(frame: StaffFrame, props: { query: ListQuery; list: ApplicationList | null; errors: { field: string; message: string }[]; ledger?: { mayFull: boolean } }): string {
  const base = staffBase(frame.agency?.code ?? '');
  const { query, list } = props;
  const sorted = { ...query, sort: list?.sort ?? query.sort ?? 'received', dir: list?.direction ?? query.dir ?? DEFAULT_DIRECTION[query.sort ?? 'received'] };
  const order = `按${SORT_LABELS[sorted.sort]}${sorted.dir === 'asc' ? '升序' : '降序'}排列`;
  return staffPage(
    frame,
    '申请列表',
    <>
      <h1>申请列表</h1>
      <ErrorSummary errors={props.errors} />
      <Filters base={base} query={sorted} errors={props.errors} />
      {list === null ? null : (
        <>
          <h2 id="results">查询结果</h2>
          {list.total === 0 ? (
            <p role="status">
              {list.search === 'nothing' ? '搜索词中没有可查找的文字或数字（标点和符号不参与搜索）。请输入编号、申请人姓名或申请内容中的词语。' : '没有符合条件的申请。'}
            </p>
          ) : (
            <>
              <div class="table-wrap" role="region" aria-label="申请列表（可横向滚动）" tabindex={0}>
                <table>
                  <caption>
                    {list.exact ? `共${list.total}件` : `共约${list.total.toLocaleString('zh-CN')}件`}，{order}
                    {list.page !== null && list.pages !== null && list.pages > 1 ? `，第${list.page}页／共${list.pages}页` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <SortHeader base={base} query={sorted} column="number" />
                      <th scope="col">申请人</th>
                      <th scope="col">渠道</th>
                      <SortHeader base={base} query={sorted} column="received" />
                      <SortHeader base={base} query={sorted} column="state" />
                      <SortHeader base={base} query={sorted} column="due" />
                      <th scope="col">承办人</th>
                    </tr>
                  </thead>
                  <Rows base={base} list={list} />
                </table>
              </div>
              <ListPager base={base} query={sorted} list={list} />
              <p>
                <a href={`${base}/applications.xlsx${listQueryString(sorted)}`} download>
                  导出筛选结果（Excel）
                </a>
                {props.ledger?.mayFull ? (
                  <>
                    {' '}
                    <a href={`${base}/applications.xlsx${listQueryString(sorted, { full: '1' })}`} download>
                      导出筛选结果（Excel，含完整证件号码）
                    </a>
                  </>
                ) : null}
                <br />
                <span class="hint">导出当前筛选条件下的全部申请，按当前顺序排列；证件号码部分隐藏{props.ledger?.mayFull ? '，含完整证件号码的导出会记入审计日志' : ''}。</span>
              </p>
            </>
          )}
        </>
      )}
      {props.ledger ? <LedgerLinks base={base} mayFull={props.ledger.mayFull} /> : null}
    </>,
  );
}
