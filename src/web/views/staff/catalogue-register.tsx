// 规范性文件登记: the agency's 规章/行政规范性文件 register as of a date (counts by type and status, the
// list with filters, 上一页/下一页), table 二 第二十条第（一）项 for a year with each figure a link to the
// documents behind it, and a cell's documents. Pure.

import { REGISTER_ROWS, REGISTER_STATUS_LABELS, REGISTER_STATUSES, TABLE_TWO_COLUMN_LABELS, TABLE_TWO_COLUMNS } from '../../../domain/catalogue/register.ts';
import type { TableTwoColumn } from '../../../domain/catalogue/register.ts';
import type { Page } from '../../../services/keyset.ts';
import type { RegisterCounts, RegisterRow, TableTwoRows } from '../../../services/catalogue/register.ts';
import { Pager } from '../pager.tsx';
import { ErrorSummary } from '../layout.tsx';
import type { FieldError } from './forms.tsx';
import { errorFor, Select, TextField } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const registerBase = (code: string): string => `${staffBase(code)}/register`;
export const tableTwoHref = (code: string, year: number): string => `${registerBase(code)}/table/${year}`;
export const tableTwoCellHref = (code: string, year: number, row: string, column: TableTwoColumn): string =>
  `${tableTwoHref(code, year)}/cell?row=${encodeURIComponent(row)}&column=${column}`;
const itemHref = (code: string, id: number): string => `${staffBase(code)}/catalogue/${id}`;

/** What the register holds (the reading of the issue, said once on each page). */
const SCOPE = '登记簿收录本机关已发布的规章和行政规范性文件；草稿、审核中、待发布和已撤回的信息不在登记簿上。现行有效：成文日期不晚于该日，且没有在该日或之前废止、失效或被修订。';

function DocumentTable(props: { code: string; rows: RegisterRow[]; caption: string; statusLabel: string }) {
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">索引号</th>
            <th scope="col">标题</th>
            <th scope="col">文号</th>
            <th scope="col">类型</th>
            <th scope="col">成文日期</th>
            <th scope="col">{props.statusLabel}</th>
            <th scope="col">废止/失效/修订日期</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td style="overflow-wrap:anywhere">{r.indexNumber}</td>
              <td style="overflow-wrap:anywhere;min-width:12rem">
                <a href={itemHref(props.code, r.id)}>{r.title}</a>
              </td>
              <td>{r.docNumber || '—'}</td>
              <td>{r.docType}</td>
              <td>{r.writtenOn}</td>
              <td>{REGISTER_STATUS_LABELS[r.status]}</td>
              <td>{r.repealedOn ?? r.lapsedOn ?? r.revisedOn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface RegisterPageProps {
  asOf: string;
  values: { asOf: string; type: string; status: string; year: string };
  errors: FieldError[];
  counts: RegisterCounts[];
  page: Page<RegisterRow>;
  /** the year table 二 links to */
  reportYear: number;
}

export function registerPage(frame: StaffFrame, props: RegisterPageProps): string {
  const code = frame.agency?.code ?? '';
  const base = registerBase(code);
  const v = props.values;
  return staffPage(
    frame,
    '规范性文件登记',
    <>
      <h1>规章和行政规范性文件登记</h1>
      <p>
        <a href={tableTwoHref(code, props.reportYear)}>年度报告表二 第二十条第（一）项</a> · <a href={`${base}/cleanup`}>文件清理</a>
      </p>
      <p class="hint">{SCOPE}</p>
      {props.errors.length > 0 ? <ErrorSummary errors={props.errors} /> : null}
      <form method="get" action={base}>
        <TextField id="asOf" name="asOf" type="date" label="登记日期（截至）" value={v.asOf} error={errorFor(props.errors, 'asOf')} hint="显示截至该日的登记情况，留空为今天。" />
        <Select id="type" name="type" label="文件类型" value={v.type} placeholder="全部" options={REGISTER_ROWS.map((r) => [r.docType, r.docType] as const)} error={errorFor(props.errors, 'type')} />
        <Select id="status" name="status" label="状态（截至登记日期）" value={v.status} placeholder="全部" options={REGISTER_STATUSES.map((s) => [s, REGISTER_STATUS_LABELS[s]] as const)} error={errorFor(props.errors, 'status')} />
        <TextField id="year" name="year" type="number" label="成文年度" value={v.year} min={1949} max={2200} error={errorFor(props.errors, 'year')} />
        <button type="submit">筛选</button>
      </form>
      <div class="table-wrap" role="region" aria-label={`截至${props.asOf}的登记情况（可横向滚动）`} tabindex={0}>
        <table>
          <caption>截至{props.asOf}的登记情况（单位：件）</caption>
          <thead>
            <tr>
              <th scope="col">文件类型</th>
              <th scope="col">已制发</th>
              {REGISTER_STATUSES.map((s) => (
                <th scope="col">{REGISTER_STATUS_LABELS[s]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.counts.map((c) => (
              <tr>
                <th scope="row">{c.docType}</th>
                <td style="text-align:right">{c.total}</td>
                {REGISTER_STATUSES.map((s) => (
                  <td style="text-align:right">
                    <a href={`${base}?asOf=${props.asOf}&type=${encodeURIComponent(c.docType)}&status=${s}`} aria-label={`${c.byStatus[s]}件：${c.docType}，${REGISTER_STATUS_LABELS[s]}`}>
                      {c.byStatus[s]}
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.page.rows.length === 0 ? (
        <p role="status">没有符合条件的文件。</p>
      ) : (
        <DocumentTable code={code} rows={props.page.rows} caption={`登记的文件（状态截至${props.asOf}）`} statusLabel="状态" />
      )}
      <Pager path={base} query={v} next={props.page.next} prev={props.page.prev} />
    </>,
  );
}

export interface TableTwoPageProps {
  year: number;
  maxYear: number;
  two: TableTwoRows;
}

/** The (一) rows as a table, each figure a link to its documents (also used on the annual report page). */
export function TableTwoOne(props: { code: string; two: TableTwoRows; caption: string }) {
  const { two } = props;
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">信息内容</th>
            {TABLE_TWO_COLUMNS.map((c) => (
              <th scope="col">{TABLE_TWO_COLUMN_LABELS[c]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {REGISTER_ROWS.map((row) => (
            <tr>
              <th scope="row">{row.docType}</th>
              {TABLE_TWO_COLUMNS.map((c) => {
                const n = two[row.key][c];
                return (
                  <td style="text-align:right">
                    <a href={tableTwoCellHref(props.code, two.year, row.key, c)} aria-label={`${n}件：${row.docType}，${TABLE_TWO_COLUMN_LABELS[c]}`}>
                      {n}
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The DERIVED warnings of table 二 (一) (never errors). */
export function TableTwoWarnings(props: { two: TableTwoRows }) {
  if (props.two.warnings.length === 0) return <p role="status">现行有效件数与上年现行有效件数、本年制发和废止件数相衔接。</p>;
  return (
    <ul>
      {props.two.warnings.map((w) => (
        <li>
          <strong>提示</strong>：{w}
        </li>
      ))}
    </ul>
  );
}

export function tableTwoPage(frame: StaffFrame, props: TableTwoPageProps): string {
  const code = frame.agency?.code ?? '';
  const { year } = props;
  return staffPage(
    frame,
    `${year}年度表二 第二十条第（一）项`,
    <>
      <p>
        <a href={registerBase(code)}>返回规范性文件登记</a>
      </p>
      <h1>{year}年度 表二 第二十条第（一）项</h1>
      <nav aria-label="选择年度">
        <form method="get" action={`${registerBase(code)}/table`}>
          <label for="year">年度</label>
          <input type="number" id="year" name="year" value={String(year)} min={2008} max={props.maxYear} style="max-width:8rem" />{' '}
          <button type="submit" class="secondary">
            查看
          </button>{' '}
          <a href={tableTwoHref(code, year - 1)}>上一年度（{year - 1}年）</a>
          {year < props.maxYear ? (
            <>
              {' '}
              <a href={tableTwoHref(code, year + 1)}>下一年度（{year + 1}年）</a>
            </>
          ) : null}
        </form>
      </nav>
      <p>本年制发件数按成文日期统计；本年废止件数按废止日期统计（失效、被修订的文件不计入废止）；现行有效件数为{year}年12月31日现行有效的件数。点击任一数字，可查看计入该格的文件。</p>
      <p class="hint">{SCOPE}</p>
      <TableTwoOne code={code} two={props.two} caption={`${year}年度 第二十条第（一）项（单位：件）`} />
      <h2>衔接检查</h2>
      <TableTwoWarnings two={props.two} />
      <p>
        <a href={`${staffBase(code)}/report/${year}`}>查看{year}年度报告</a>
      </p>
    </>,
  );
}

export interface TableTwoCellPageProps {
  year: number;
  docType: string;
  row: string;
  column: TableTwoColumn;
  count: number;
  page: Page<RegisterRow>;
}

export function tableTwoCellPage(frame: StaffFrame, props: TableTwoCellPageProps): string {
  const code = frame.agency?.code ?? '';
  const label = `${props.docType} · ${TABLE_TWO_COLUMN_LABELS[props.column]}`;
  return staffPage(
    frame,
    `${props.year}年度表二：${label}`,
    <>
      <p>
        <a href={tableTwoHref(code, props.year)}>返回{props.year}年度表二 第二十条第（一）项</a>
      </p>
      <h1>
        {props.year}年度表二：{label}
      </h1>
      <p role="status">
        计入该格的文件共 <strong>{props.count}</strong> 件。
      </p>
      {props.page.rows.length === 0 ? null : (
        <DocumentTable code={code} rows={props.page.rows} caption={`${label}（${props.count}件）`} statusLabel={`${props.year}年末状态`} />
      )}
      <Pager path={`${tableTwoHref(code, props.year)}/cell`} query={{ row: props.row, column: props.column }} next={props.page.next} prev={props.page.prev} />
    </>,
  );
}
