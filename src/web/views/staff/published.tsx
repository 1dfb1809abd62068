// 已发布的年度报告: the agency's annual reports in its public column (links to the public pages), a
// withdraw button for each, and the upload form that checks and publishes a report — the forms only
// for those who sign off (管理员、科室负责人、分管领导).

import type { Finding } from '../../../domain/report/types.ts';
import { ErrorSummary } from '../layout.tsx';
import { beijingTime } from './application.tsx';
import { Csrf, errorFor, FormOutcome, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** What the upload form accepts (the parser reads text, HTML, DOCX and interchange JSON). */
export const PUBLISH_ACCEPT = '.txt,.html,.htm,.docx,.json';

export interface PublishedRow {
  year: number;
  title: string;
  publishedAt: string;
}

export interface PublishedPageProps {
  reports: PublishedRow[];
  /** may publish and withdraw */
  mayPublish: boolean;
  csrf: string;
  /** the form's values: year, replace ('1' when ticked) */
  values: Record<string, string>;
  errors: FieldError[];
  /** the success message of the last action */
  done?: string;
  /** the warnings of the report just published */
  warnings?: { year: number; findings: Finding[] };
  /** the year the table-三 page links back to */
  reportYear: number;
  /** the latest year a report can be published on (last year) */
  maxYear: number;
}

const publicPath = (code: string, year: number, ext = ''): string => `/${encodeURIComponent(code)}/reports/${year}${ext}`;

export function publishedPage(frame: StaffFrame, props: PublishedPageProps): string {
  const code = frame.agency?.code ?? '';
  const base = staffBase(code);
  const e = (f: string) => errorFor(props.errors, f);
  const fileError = e('file');
  const replaceError = e('replace');
  return staffPage(
    frame,
    '已发布的年度报告',
    <>
      <p>
        <a href={`${base}/report/${props.reportYear}`}>返回年度报告（表三）</a>
      </p>
      <h1>已发布的年度报告</h1>
      <FormOutcome done={props.done} />
      {props.warnings && props.warnings.findings.length > 0 ? (
        <div class="notice" role="status" id="warnings">
          <p>
            {props.warnings.year}年度报告有{props.warnings.findings.length}个警告（不影响发布，请核实；如需改正，可更正后重新发布）：
          </p>
          <ul>
            {props.warnings.findings.map((f) => (
              <li>
                <strong>警告</strong>（{f.rule}）：{f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <p>
        年度报告发布在本机关的政府信息公开专栏（<a href={`/${encodeURIComponent(code)}/reports`}>公开专栏的年度报告栏目</a>），公众可在线查看并下载 DOCX、XLSX 版本。条例第四十九条：县级以上人民政府部门于每年1月31日前、县级以上地方人民政府于3月31日前公布上一年度的年度报告。
      </p>
      {props.reports.length === 0 ? (
        <p>本机关还没有发布年度报告。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>已发布的年度报告（{props.reports.length}份，发布时间为北京时间）</caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">标题</th>
                <th scope="col">首次发布时间</th>
                <th scope="col">公开页面</th>
                {props.mayPublish ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => (
                <tr>
                  <td>{r.year}</td>
                  <td>{r.title}</td>
                  <td>{beijingTime(r.publishedAt)}</td>
                  <td>
                    <a href={publicPath(code, r.year)}>查看{r.year}年度报告</a>{' '}
                    <a href={publicPath(code, r.year, '.docx')} aria-label={`下载${r.year}年度报告DOCX`}>
                      DOCX
                    </a>{' '}
                    <a href={publicPath(code, r.year, '.xlsx')} aria-label={`下载${r.year}年度报告XLSX`}>
                      XLSX
                    </a>
                  </td>
                  {props.mayPublish ? (
                    <td>
                      <form method="post" action={`${base}/published/${r.year}/withdraw`}>
                        <Csrf token={props.csrf} />
                        <button type="submit" class="secondary">
                          撤回{r.year}年度报告
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.mayPublish ? (
        <form method="post" action={`${base}/published`} enctype="multipart/form-data" novalidate>
          <h2 id="publish">发布年度报告</h2>
          <p>
            上传年度报告全文，平台先读取表格并检查勾稽关系（表三各项之和、总计、空白单元格等）：有错误的报告不会发布，并列出问题所在的单元格；只有警告的报告照常发布，并显示警告。
          </p>
          <Csrf token={props.csrf} />
          <div class="field">
            <label for="file">报告文件（必填）</label>
            <p class="hint" id="file-hint">
              文本（.txt）、网页（.html、.htm）、Word（.docx）或年度报告交换格式（.json），不超过10 MB。表格是图片的报告无法读取。
            </p>
            {fileError ? (
              <p class="field-error" id="file-error">
                {fileError}
              </p>
            ) : null}
            <input
              type="file"
              id="file"
              name="file"
              accept={PUBLISH_ACCEPT}
              aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
              aria-invalid={fileError ? 'true' : undefined}
            />
          </div>
          <TextField
            id="year"
            name="year"
            type="number"
            label="统计年度"
            value={props.values['year']}
            min={2008}
            max={props.maxYear}
            hint="报告统计的年度（不是发布的年份），须与报告中的年度一致；留空则取报告中的年度。"
            error={e('year')}
          />
          <div class="field">
            {replaceError ? (
              <p class="field-error" id="replace-error">
                {replaceError}
              </p>
            ) : null}
            <input type="checkbox" id="replace" name="replace" value="1" checked={props.values['replace'] === '1'} aria-describedby={replaceError ? 'replace-error' : undefined} />{' '}
            <label for="replace" style="display:inline">
              更正（替换）已发布的报告：该年度已发布时，用本文件替换，保留首次发布时间
            </label>
          </div>
          <button type="submit">检查并发布</button>
        </form>
      ) : (
        <p>发布和撤回年度报告须由本机关的管理员、科室负责人或分管领导操作。</p>
      )}
    </>,
  );
}
