// 年报数据 (/staff/:agency/records/:year): the records behind table 二 第二十条第（五）（六）（八）项 — each
// figure in force with who entered it, when and how, its history, and the form to enter a new one — and
// behind table 四: the table as computed under the agency's settings, the year's cases (keyset pages)
// with the way to register one, and the import/export of files. Pure.

import type { AnnualReport } from '../../../domain/report/model.ts';
import { COUNT_COLUMNS, CASE_COLUMNS } from '../../../domain/records/files.ts';
import { CASE_TYPE_LABELS, COUNT_KIND_ITEMS, COUNT_KIND_LABELS, COUNT_KINDS, RESULT_GROUP_LABELS, SOURCE_LABELS, groupOfResult, resultLabel } from '../../../domain/records/vocab.ts';
import type { CountKind, TableFourSettings } from '../../../domain/records/vocab.ts';
import type { ImportError } from '../../../domain/tabular/table-file.ts';
import { ImportErrors } from './import-errors.tsx';
import type { Page } from '../../../services/keyset.ts';
import type { ReviewCase } from '../../../services/records/cases.ts';
import type { CountEntry, YearFigures } from '../../../services/records/counts.ts';
import { beijingTime } from './application.tsx';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { Pager } from '../pager.tsx';
import { settingsText, TableFour, TableTwoFigures } from './records-tables.tsx';
import { ChooserNote } from './forms.tsx';

export const recordsBase = (code: string): string => `${staffBase(code)}/records`;

export interface CountForm {
  kind: string;
  value: string;
  note: string;
}

export interface RecordsPageProps {
  csrf: string;
  year: number;
  maxYear: number;
  report: AnnualReport;
  figures: YearFigures;
  history: CountEntry[];
  settings: TableFourSettings;
  cases: Page<ReviewCase>;
  mayHandle: boolean;
  mayAdmin: boolean;
  /** the count form as typed (a refusal) */
  count: CountForm;
  errors: FieldError[];
  /** the rows of a refused import */
  importErrors?: ImportError[];
  importKind?: string;
  importMb: number;
  done?: string;
}

/** “纠正（撤销）”, “维持”, “尚未审结” */
function resultText(c: ReviewCase, settings: TableFourSettings): string {
  if (c.result === null) return '尚未审结';
  const group = RESULT_GROUP_LABELS[groupOfResult(c.result, settings)];
  const detail = resultLabel(c.result, c.type);
  return detail === group ? group : `${group}（${detail}）`;
}

const figureText = (kind: CountKind, value: string) => (kind === 'fees' ? `${value}万元` : `${value}件`);
const entryText = (e: CountEntry) => `${beijingTime(e.enteredAt)} ${e.enteredByName}（${SOURCE_LABELS[e.source]}）`;

function Counts(props: { figures: YearFigures; history: CountEntry[] }) {
  return (
    <div class="table-wrap" role="region" aria-label="现行数字（每类最近一次录入）及录入历史（可横向滚动）" tabindex={0}>
      <table>
        <caption>现行数字（每类最近一次录入）及录入历史</caption>
        <thead>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col">项目</th>
            <th scope="col">现行数字</th>
            <th scope="col">录入</th>
            <th scope="col">历史</th>
          </tr>
        </thead>
        <tbody>
          {COUNT_KINDS.map((kind) => {
            const f = props.figures[kind];
            const earlier = props.history.filter((h) => h.kind === kind && h.id !== f?.id);
            return (
              <tr>
                <th scope="row">{COUNT_KIND_LABELS[kind]}</th>
                <td>
                  {COUNT_KIND_ITEMS[kind].item} {COUNT_KIND_ITEMS[kind].measure}
                </td>
                <td>{f === null ? '未录入（报告中该格为空）' : figureText(kind, f.value)}</td>
                <td>
                  {f === null ? '—' : entryText(f)}
                  {f?.note ? <p class="hint">{f.note}</p> : null}
                </td>
                <td>
                  {earlier.length === 0 ? (
                    '—'
                  ) : (
                    <details>
                      <summary>此前{earlier.length}次录入</summary>
                      <ul>
                        {earlier.map((h) => (
                          <li>
                            {figureText(kind, h.value)}：{entryText(h)}
                            {h.note ? `，${h.note}` : ''}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CountEntryForm(props: { base: string; year: number; csrf: string; count: CountForm; errors: FieldError[] }) {
  const e = (f: string) => errorFor(props.errors, f);
  return (
    <form method="post" action={`${props.base}/${props.year}/counts`} novalidate>
      <Csrf token={props.csrf} />
      <Select id="count-kind" name="kind" label="类别" required value={props.count.kind} options={COUNT_KINDS.map((k) => [k, COUNT_KIND_LABELS[k]] as const)} error={e('count-kind')} />
      <TextField
        id="count-value"
        name="value"
        label="数字"
        required
        value={props.count.value}
        maxlength={40}
        error={e('count-value')}
        hint="行政许可、行政处罚、行政强制：本年处理决定数量（件，整数，没有的填0）；行政事业性收费：本年收费金额，单位为万元（如 3500 元填 0.35）。新数字不覆盖旧数字：旧数字保留在历史中。"
      />
      <TextArea id="count-note" name="note" label="说明（可不填）" rows={2} maxlength={500} value={props.count.note} error={e('count-note')} hint="例如数据来源：某审批系统、财政非税收入系统。" />
      <button type="submit">录入{props.year}年度数字</button>
    </form>
  );
}

function Cases(props: { base: string; year: number; cases: Page<ReviewCase>; settings: TableFourSettings }) {
  if (props.cases.rows.length === 0 && props.cases.prev === null) return <p>没有{props.year}年内收到或在办的行政复议、行政诉讼案件。</p>;
  return (
    <>
      <div class="table-wrap" role="region" aria-label={`${props.year}年内收到或在办的案件（可横向滚动）`} tabindex={0}>
        <table>
          <caption>{props.year}年内收到或在办的案件（按收到日期，新的在前）</caption>
          <thead>
            <tr>
              <th scope="col">案号</th>
              <th scope="col">类型</th>
              <th scope="col">收到日期</th>
              <th scope="col">结案日期</th>
              <th scope="col">结果</th>
              <th scope="col">关联申请</th>
            </tr>
          </thead>
          <tbody>
            {props.cases.rows.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`${props.base}/cases/${c.id}`}>{c.caseNumber}</a>
                </th>
                <td>{CASE_TYPE_LABELS[c.type]}</td>
                <td>{c.receivedOn}</td>
                <td>{c.concludedOn ?? '—'}</td>
                <td>{resultText(c, props.settings)}</td>
                <td>{c.applicationNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path={`${props.base}/${props.year}`} query={{}} next={props.cases.next} prev={props.cases.prev} />
    </>
  );
}

function ImportExport(props: RecordsPageProps & { base: string }) {
  return (
    <>
      {props.importErrors && props.importErrors.length > 0 ? <ImportErrors errors={props.importErrors} what="数据" /> : null}
      {props.mayHandle ? (
        <form method="post" action={`${props.base}/import?year=${props.year}`} enctype="multipart/form-data">
          <Csrf token={props.csrf} />
          <Select
            id="import-kind"
            name="kind"
            label="导入的数据"
            value={props.importKind ?? 'counts'}
            options={[
              ['counts', '表二的数字'],
              ['cases', '表四的案件'],
            ]}
            error={errorFor(props.errors, 'import-kind')}
          />
          <div class="field">
            <label for="import-file">文件</label>
            <p class="hint" id="import-file-hint">
              CSV（UTF-8 或 GBK）或 Excel（.xlsx），不超过 {props.importMb} MB，第1行为表头。数字：{COUNT_COLUMNS.join('、')}（年度、类别必填；行政事业性收费填金额，其余填数量）。案件：{CASE_COLUMNS.join('、')}（案号、类型、收到日期、结果必填；结果为维持、纠正、其他或尚未审结，具体情形写在结果说明）。已登记的案号按文件更新。任何一行有问题，整个文件都不导入。
            </p>
            {errorFor(props.errors, 'import-file') ? (
              <p class="field-error" id="import-file-error">
                {errorFor(props.errors, 'import-file')}
              </p>
            ) : null}
            <input type="file" id="import-file" name="file" style="min-height:44px" accept=".csv,.xlsx" aria-describedby="import-file-hint" />
<ChooserNote />
          </div>
          <button type="submit">导入</button>
        </form>
      ) : null}
      <p>
        导出（与导入相同的列）：<a href={`${props.base}/export?kind=counts&format=xlsx`}>各年度数字（Excel）</a>、<a href={`${props.base}/export?kind=counts&format=csv`}>CSV</a>；
        <a href={`${props.base}/export?kind=cases&format=xlsx`}>全部案件（Excel）</a>、<a href={`${props.base}/export?kind=cases&format=csv`}>CSV</a>
      </p>
    </>
  );
}

export function recordsPage(frame: StaffFrame, props: RecordsPageProps): string {
  const code = frame.agency?.code ?? '';
  const base = recordsBase(code);
  const { year } = props;
  const trial = year <= 2020;
  return staffPage(
    frame,
    `${year}年度报告数据`,
    <>
      <h1>{year}年度报告数据</h1>
      <nav aria-label="选择年度">
        <form method="get" action={base}>
          <label for="year">年度</label>
          <input type="number" id="year" name="year" value={String(year)} min={2008} max={props.maxYear} style="max-width:8rem" />{' '}
          <button type="submit" class="secondary">
            查看
          </button>{' '}
          <a href={`${base}/${year - 1}`}>上一年度（{year - 1}年）</a>
          {year < props.maxYear ? (
            <>
              {' '}
              <a href={`${base}/${year + 1}`}>下一年度（{year + 1}年）</a>
            </>
          ) : null}
        </form>
      </nav>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>
        这里登记年度报告表二（第二十条第（五）（六）（八）项）的数字和表四的行政复议、行政诉讼案件；<a href={`${staffBase(code)}/report/${year}`}>{year}年度报告</a>据此计算。
      </p>

      <h2 id="counts">表二：行政许可、行政处罚、行政强制、行政事业性收费</h2>
      <TableTwoFigures report={props.report} caption={`${year}年度报告中的数字`} trial={trial} />
      <Counts figures={props.figures} history={props.history} />
      {props.mayHandle ? <CountEntryForm base={base} year={year} csrf={props.csrf} count={props.count} errors={props.errors} /> : <p>您在本机关的角色只能查看。</p>}

      <h2 id="table-four">表四：政府信息公开行政复议、行政诉讼情况</h2>
      <TableFour review={props.report.review} caption={`${year}年度 表四（单位：件）`} />
      <p>
        统计口径（本机关设置）：{settingsText(props.settings)}
        {props.mayAdmin ? (
          <>
            {' '}
            <a href={`${staffBase(code)}/settings#review-settings`}>修改统计口径</a>
          </>
        ) : null}
      </p>

      <h2 id="cases">案件</h2>
      {props.mayHandle ? (
        <p>
          <a class="button" href={`${base}/cases/new`}>
            登记案件
          </a>
        </p>
      ) : null}
      <Cases base={base} year={year} cases={props.cases} settings={props.settings} />

      <h2 id="import">导入和导出</h2>
      <ImportExport {...props} base={base} />
    </>,
  );
}
