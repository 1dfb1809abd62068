// 年度报告: table 二 第二十条第（一）项 from the register and 第（五）（六）（八）项 from the 年报数据 (records),
// table 四 from the register of cases, table 三 as computed from the records (in the format of its year: one （六） row for 2019
// and 2020), each figure a link to the applications behind it; the reconciliation checks and their
// findings; and a cell's applications.

import { APPLICANT_TYPE_LABELS } from '../../../domain/applications/types.ts';
import type { ApplicantType } from '../../../domain/applications/types.ts';
import { APPLICANT_COLUMN_LABELS, APPLICANT_HEADER_GROUP, APPLICATION_ROWS, applicationRows, getAt, LEGAL_PERSON_GROUP, RESULT_GROUP_LABEL } from '../../../domain/report/layout.ts';
import type { ApplicationRowSpec } from '../../../domain/report/layout.ts';
import type { AnnualReport } from '../../../domain/report/model.ts';
import type { Finding } from '../../../domain/report/types.ts';
import type { CellPage } from '../../../services/table-three.ts';
import type { TableTwoRows } from '../../../services/catalogue/register.ts';
import { TableTwoOne, TableTwoWarnings } from './catalogue-register.tsx';
import { staffBase, staffPage } from './frame.tsx';
import { TableFour, TableTwoFigures } from './records-tables.tsx';
import type { StaffFrame } from './frame.tsx';

/** The row's full label: its group (（三）不予公开 …) and its own. */
export function rowLabel(spec: ApplicationRowSpec): string {
  return spec.group && spec.group !== RESULT_GROUP_LABEL ? `${spec.group} ${spec.label}` : spec.label;
}

export function cellHref(code: string, year: number, row: string, column: number): string {
  return `${staffBase(code)}/report/${year}/cell?row=${encodeURIComponent(row)}&column=${column}`;
}

function YearNav(props: { code: string; year: number; maxYear: number }) {
  const base = staffBase(props.code);
  return (
    <nav aria-label="选择年度">
      <form method="get" action={`${base}/report`}>
        <label for="year">年度</label>
        <input type="number" id="year" name="year" value={String(props.year)} min={2008} max={props.maxYear} style="max-width:8rem" />{' '}
        <button type="submit" class="secondary">
          查看
        </button>{' '}
        <a href={`${base}/report/${props.year - 1}`}>上一年度（{props.year - 1}年）</a>
        {props.year < props.maxYear ? (
          <>
            {' '}
            <a href={`${base}/report/${props.year + 1}`}>下一年度（{props.year + 1}年）</a>
          </>
        ) : null}
      </form>
    </nav>
  );
}

export interface ReportPageProps {
  year: number;
  report: AnnualReport;
  findings: Finding[];
  /** the current year: the newest the navigation offers */
  maxYear: number;
  /** recorded as of (today) */
  today: string;
  /** table 二 第二十条第（一）项 from the register */
  two?: TableTwoRows;
}

export function reportPage(frame: StaffFrame, props: ReportPageProps): string {
  const code = frame.agency?.code ?? '';
  const { year, report, findings } = props;
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity !== 'error');
  let resultsHeadingShown = false;
  return staffPage(
    frame,
    `${year}年度报告`,
    <>
      <h1>{year}年度政府信息公开工作年度报告</h1>
      <YearNav code={code} year={year} maxYear={props.maxYear} />
      <p>
        <a href={`${staffBase(code)}/published`}>已发布的年度报告 / 发布年报</a>
      </p>
      <p>
        表三根据本平台登记的申请计算（截至{props.today}）；表二第二十条第（一）项根据规范性文件登记计算，点击任一数字，可查看计入该格的申请或文件。表二第二十条第（五）（六）（八）项和表四根据<a href={`${staffBase(code)}/records/${year}`}>年报数据</a>中登记的数字和案件计算。
      </p>
      {props.two ? (
        <>
          <h2 id="table-two">二、主动公开政府信息情况</h2>
          <TableTwoOne code={code} two={props.two} caption={`${year}年度 第二十条第（一）项（单位：件）`} />
          <TableTwoWarnings two={props.two} />
        </>
      ) : null}
      <TableTwoFigures report={report} caption={`${year}年度 第二十条第（五）（六）（八）项`} trial={report.format === '2019'} />
      <p>
        <a href={`${staffBase(code)}/records/${year}#counts`}>录入或查看这些数字及其录入历史</a>
      </p>
      <h2 id="table-three">三、收到和处理政府信息公开申请情况</h2>
      <div class="table-wrap" role="region" aria-label={`${year}年度收到和处理政府信息公开申请情况（可横向滚动）`} tabindex={0}>
        <table>
          <caption>{year}年度 收到和处理政府信息公开申请情况（单位：件）</caption>
          <thead>
            <tr>
              <td rowspan={3}></td>
              <th scope="colgroup" colspan={7}>
                {APPLICANT_HEADER_GROUP}
              </th>
            </tr>
            <tr>
              <th scope="col" rowspan={2}>
                {APPLICANT_COLUMN_LABELS[0]}
              </th>
              <th scope="colgroup" colspan={5}>
                {LEGAL_PERSON_GROUP}
              </th>
              <th scope="col" rowspan={2}>
                {APPLICANT_COLUMN_LABELS[6]}
              </th>
            </tr>
            <tr>
              {APPLICANT_COLUMN_LABELS.slice(1, 6).map((l) => (
                <th scope="col">{l}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {applicationRows(report.format === '2019' ? '2019' : '2021').flatMap((spec) => {
              const values = (getAt(report, spec.path) as (number | null)[] | undefined) ?? [];
              const rows = [];
              if (spec.group === RESULT_GROUP_LABEL && !resultsHeadingShown) {
                resultsHeadingShown = true;
                rows.push(
                  <tr>
                    <th scope="rowgroup" colspan={8}>
                      {RESULT_GROUP_LABEL}
                    </th>
                  </tr>,
                );
              }
              rows.push(
                <tr>
                  <th scope="row">{rowLabel(spec)}</th>
                  {APPLICANT_COLUMN_LABELS.map((column, i) => {
                    const n = values[i];
                    return (
                      <td style="text-align:right">
                        {n === null || n === undefined ? (
                          '—'
                        ) : (
                          <a href={cellHref(code, year, spec.key, i)} aria-label={`${n}件：${rowLabel(spec)}，${column}`}>
                            {n}
                          </a>
                        )}
                      </td>
                    );
                  })}
                </tr>,
              );
              return rows;
            })}
          </tbody>
        </table>
      </div>
      <h2 id="table-four">四、政府信息公开行政复议、行政诉讼情况</h2>
      <TableFour review={report.review} caption={`${year}年度 行政复议、行政诉讼情况（单位：件）`} />
      <p>
        <a href={`${staffBase(code)}/records/${year}#cases`}>查看或登记案件</a>
      </p>
      <h2 id="checks">勾稽关系检查</h2>
      {findings.length === 0 ? (
        <p role="status">表三通过全部勾稽关系检查，未发现问题。</p>
      ) : (
        <>
          <p role="status">
            发现{errors.length}个错误、{warnings.length}个提示。
          </p>
          <ul>
            {findings.map((f) => (
              <li>
                <strong>{f.severity === 'error' ? '错误' : '提示'}</strong>（{f.rule}）：{f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </>,
  );
}

export interface CellPageProps {
  year: number;
  spec: ApplicationRowSpec;
  column: number;
  /** one page of the cell's applications, with the cursors of 上一页/下一页 */
  page: CellPage;
}

/** 上一页 / 下一页 of a cell's drill-down (the same address with the cursor). */
function CellPager(props: { href: string; page: CellPage; shown: number }) {
  const { page } = props;
  if (page.next === null && page.prev === null) return null;
  return (
    <nav class="pager" aria-label="翻页" style="display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0">
      <span class="pager-total">
        共{page.total}件，本页{props.shown}件
      </span>{' '}
      {page.prev !== null ? (
        <a rel="prev" href={`${props.href}&before=${page.prev}#cell`}>
          上一页
        </a>
      ) : null}{' '}
      {page.next !== null ? (
        <a rel="next" href={`${props.href}&after=${page.next}#cell`}>
          下一页
        </a>
      ) : null}
    </nav>
  );
}

export function cellPage(frame: StaffFrame, props: CellPageProps): string {
  const code = frame.agency?.code ?? '';
  const base = staffBase(code);
  const label = `${rowLabel(props.spec)} · ${APPLICANT_COLUMN_LABELS[props.column] ?? ''}`;
  const applications = props.page.applications;
  return staffPage(
    frame,
    `${props.year}年度表三：${label}`,
    <>
      <p>
        <a href={`${base}/report/${props.year}`}>返回{props.year}年度报告</a>
      </p>
      <h1>
        {props.year}年度表三：{label}
      </h1>
      <p role="status">
        计入该格的申请共 <strong>{props.page.total}</strong> 件{props.page.total > applications.length ? '，按收到日期排列，分页显示' : ''}。
      </p>
      {applications.length === 0 ? null : (
        <div class="table-wrap" role="region" aria-label={`${label}（可横向滚动）`} tabindex={0} id="cell">
          <table>
            <caption>
              {label}（共{props.page.total}件{props.page.total > applications.length ? `，本页${applications.length}件` : ''}）
            </caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">申请人</th>
                <th scope="col">申请人类型</th>
                <th scope="col">收到日期</th>
                <th scope="col">办结日期</th>
                <th scope="col">结果（表三行）</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr>
                  <td>
                    <a href={`${base}/applications/${a.id}`}>{a.number}</a>
                  </td>
                  <td>{a.applicantName}</td>
                  <td>{APPLICANT_TYPE_LABELS[a.applicantType as ApplicantType] ?? a.applicantType}</td>
                  <td>{a.receivedOn}</td>
                  <td>{a.closedOn ?? '未办结'}</td>
                  <td>{a.outcomeRow ? rowLabelOf(a.outcomeRow) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CellPager href={`${base}/report/${props.year}/cell?row=${encodeURIComponent(props.spec.key)}&column=${props.column}`} page={props.page} shown={applications.length} />
    </>,
  );
}

function rowLabelOf(key: string): string {
  const spec = APPLICATION_ROWS.find((s) => s.key === key);
  return spec ? rowLabel(spec) : key;
}
