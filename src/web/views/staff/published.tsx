// 已发布的年度报告: the agency's annual reports in its public column (links to the public pages), a
// withdraw button for each, and the upload form that checks and publishes a report (with the
// acknowledgement of its warnings and the explanation of a disagreement with a neighbouring year) —
// the forms only for those who sign off (管理员、科室负责人、分管领导) — and every finding behind a refusal.

import type { Finding } from '../../../domain/report/types.ts';
import { ErrorSummary } from '../layout.tsx';
import { beijingTime } from './application.tsx';
import { MAX_CHANGE_NOTE_CHARS, MAX_EXPLANATION_CHARS } from '../../../domain/report/publication.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { ChooserNote } from './forms.tsx';

/** What the upload form accepts (the parser reads text, HTML, DOCX and interchange JSON). */
export const PUBLISH_ACCEPT = '.txt,.html,.htm,.docx,.pdf,.json';

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
  /** what the report just published was published with: its acknowledged warnings and explanation */
  published?: { year: number; warnings: Finding[]; crossYear: { explanation: string; findings: string[] } | null };
  /** the findings behind the refusal of an upload */
  findings?: { errors: Finding[]; crossYear: Finding[]; warnings: Finding[] };
  /** the year the table-三 page links back to */
  reportYear: number;
  /** the latest year a report can be published on (last year) */
  maxYear: number;
}

const publicPath = (code: string, year: number, ext = ''): string => `/${encodeURIComponent(code)}/reports/${year}${ext}`;

function FindingList(props: { label: string; findings: Finding[] }) {
  return (
    <ul>
      {props.findings.map((f) => (
        <li>
          <strong>{props.label}</strong>（{f.rule}）：{f.message}
        </li>
      ))}
    </ul>
  );
}

/** Every finding behind a refused upload, by what it asks for. */
function CheckResults(props: { errors: Finding[]; crossYear: Finding[]; warnings: Finding[] }) {
  return (
    <section aria-labelledby="check-results" id="findings">
      <h2 id="check-results">检查结果（报告未发布）</h2>
      {props.errors.length > 0 ? (
        <>
          <h3>错误（{props.errors.length}个）：改正后才能发布</h3>
          <FindingList label="错误" findings={props.errors} />
        </>
      ) : null}
      {props.crossYear.length > 0 ? (
        <>
          <h3>与已发布的相邻年度报告不衔接（{props.crossYear.length}处）：须写明说明</h3>
          <FindingList label="不衔接" findings={props.crossYear} />
        </>
      ) : null}
      {props.warnings.length > 0 ? (
        <>
          <h3>警告（{props.warnings.length}个）：核实后确认</h3>
          <FindingList label="警告" findings={props.warnings} />
        </>
      ) : null}
    </section>
  );
}

/** The acknowledged warnings and the explanation a report was just published with. */
function PublishedWith(props: NonNullable<PublishedPageProps['published']>) {
  if (props.warnings.length === 0 && props.crossYear === null) return null;
  return (
    <div class="notice" role="status" id="warnings">
      {props.warnings.length > 0 ? (
        <>
          <p>
            {props.year}年度报告有{props.warnings.length}个已确认的警告（如需改正，可更正后重新发布）：
          </p>
          <FindingList label="警告" findings={props.warnings} />
        </>
      ) : null}
      {props.crossYear ? <p>与相邻年度报告不衔接之处已附说明发布，公开专栏的报告页面一并显示：{props.crossYear.explanation}</p> : null}
    </div>
  );
}

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
      {props.published ? <PublishedWith {...props.published} /> : null}
      <ErrorSummary errors={props.errors} />
      {props.findings ? <CheckResults {...props.findings} /> : null}
      <p>
        年度报告发布在本机关的政府信息公开专栏（<a href={`/${encodeURIComponent(code)}/reports`}>公开专栏的年度报告栏目</a>），公众可在线查看并下载 DOCX、XLSX 版本。条例第四十九条：县级以上人民政府部门于每年1月31日前、县级以上地方人民政府于3月31日前公布上一年度的年度报告。
      </p>
      {props.reports.length === 0 ? (
        <p>本机关还没有发布年度报告。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="已发布的年度报告（可横向滚动）" tabindex={0}>
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
            上传年度报告全文，平台先读取表格，再做全部检查：勾稽关系（表三各项之和、总计等）、空白单元格、正文与表格的数字、“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”是否有内容，以及与本机关已发布的上一年度报告是否衔接。有错误的报告不会发布，并列出问题所在；有警告的报告须核实并确认后发布；与上一年度报告不衔接的，须写明说明，说明与报告一并公布。
          </p>
          <Csrf token={props.csrf} />
          <div class="field">
            <label for="file">报告文件（必填）</label>
            <p class="hint" id="file-hint">
              文本（.txt）、网页（.html、.htm）、Word（.docx）、PDF（.pdf，由文字处理软件导出，非扫描件）或年度报告交换格式（.json），不超过10 MB。表格是图片的报告无法读取。
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
<ChooserNote />
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
          <TextArea
            id="changeNote"
            name="changeNote"
            label="更正说明"
            value={props.values['changeNote']}
            maxlength={MAX_CHANGE_NOTE_CHARS}
            rows={3}
            hint={`更正已发布的报告时必填：更正了什么、为什么更正（不超过${MAX_CHANGE_NOTE_CHARS}字）；说明与更正日期将在公开专栏的报告页上一并公布。首次发布时无需填写。`}
            error={e('changeNote')}
          />
          <div class="field">
            {e('acknowledgeWarnings') ? (
              <p class="field-error" id="acknowledgeWarnings-error">
                {e('acknowledgeWarnings')}
              </p>
            ) : null}
            <input
              type="checkbox"
              id="acknowledgeWarnings"
              name="acknowledgeWarnings"
              value="1"
              checked={props.values['acknowledgeWarnings'] === '1'}
              aria-describedby={e('acknowledgeWarnings') ? 'acknowledgeWarnings-error' : undefined}
            />{' '}
            <label for="acknowledgeWarnings" style="display:inline">
              我已逐项核实以上警告，确认发布（报告有警告时须勾选；没有警告时不起作用）
            </label>
          </div>
          <TextArea
            id="explanation"
            name="explanation"
            label="与相邻年度报告不衔接的说明"
            value={props.values['explanation']}
            maxlength={MAX_EXPLANATION_CHARS}
            rows={4}
            hint={`本年度“上年结转政府信息公开申请数量”与本机关已发布的上一年度报告“结转下年度继续办理”不一致时，写明原因（不超过${MAX_EXPLANATION_CHARS}字）；说明将与报告一并在公开专栏公布。一致时无需填写。`}
            error={e('explanation')}
          />
          <button type="submit">检查并发布</button>
        </form>
      ) : (
        <p>发布和撤回年度报告须由本机关的管理员、科室负责人或分管领导操作。</p>
      )}
    </>,
  );
}
