// 政府信息公开年报: the list of published reports and one report as HTML inside the column, with the
// explanation of a disagreement with a neighbouring year's report when it has one, and its DOCX and
// XLSX downloads. Pure.

import { raw } from 'hono/html';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { DateText } from './fields.tsx';
import { scrollableTables } from '../report-article.ts';

export interface ReportListViewModel {
  agency: ColumnAgency;
  reports: readonly { year: number; title: string; publishedAt: string; correctedAt?: string | null }[];
}

export function reportListPage(vm: ReportListViewModel): string {
  const base = columnBase(vm.agency.code);
  return columnPage(
    vm.agency,
    'reports',
    '政府信息公开年报',
    <>
      <h1>政府信息公开年报</h1>
      <p>根据《中华人民共和国政府信息公开条例》第四十九条、第五十条，本机关每年公布上一年度的政府信息公开工作年度报告。</p>
      {vm.reports.length === 0 ? (
        <p>本机关尚未在本平台发布年度报告。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="已发布的年度报告（可横向滚动）" tabindex={0}>
          <table>
            <caption>已发布的年度报告</caption>
            <thead>
              <tr>
                <th scope="col">年度报告</th>
                <th scope="col">发布日期</th>
                <th scope="col">下载</th>
              </tr>
            </thead>
            <tbody>
              {vm.reports.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`${base}/reports/${r.year}`}>{r.title}</a>
                  </th>
                  <td>
                    <DateText date={r.publishedAt.slice(0, 10)} />
                    {r.correctedAt ? (
                      <>
                        {' '}
                        <span class="badge provisional">已更正</span>（<DateText date={r.correctedAt.slice(0, 10)} />）
                      </>
                    ) : null}
                  </td>
                  <td>
                    <a href={`${base}/reports/${r.year}.docx`}>
                      Word<span class="visually-hidden">（{r.year}年）</span>
                    </a>{' '}
                    <a href={`${base}/reports/${r.year}.xlsx`}>
                      Excel<span class="visually-hidden">（{r.year}年）</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
  );
}

export interface ReportViewModel {
  agency: ColumnAgency;
  year: number;
  title: string;
  publishedAt: string;
  /** renderHtml(report, { standalone: false }): an <article> whose <h1> is the page's heading */
  articleHtml: string;
  /** the explanation (说明) published with a report that disagrees with a neighbouring year's */
  crossYear?: { explanation: string; findings: string[] } | null;
  /** every publication, oldest first (version 1, then each 更正 with its note) */
  versions?: readonly { version: number; publishedAt: string; changeNote: string | null }[];
  /** a PDF can be had (kept since publication, or a browser to print it is installed) */
  pdf?: boolean;
}

/** The trace of the report's corrections: the first publication's date, then each 更正's date and note. */
function Corrections(props: { versions: readonly { version: number; publishedAt: string; changeNote: string | null }[] }) {
  return (
    <section aria-labelledby="corrections">
      <h2 id="corrections">发布与更正记录</h2>
      <ol>
        {props.versions.map((v) => (
          <li>
            <DateText date={v.publishedAt.slice(0, 10)} />
            {v.version === 1 ? '　首次发布' : <>　更正（第{v.version}版）：{v.changeNote ?? ''}</>}
          </li>
        ))}
      </ol>
      <p class="hint">本页显示的是最新更正后的报告。</p>
    </section>
  );
}

/** The agency's explanation of a disagreement with a neighbouring year's report, with the disagreements. */
function CrossYearNote(props: { crossYear: { explanation: string; findings: string[] } }) {
  return (
    <section aria-labelledby="cross-year">
      <h2 id="cross-year">与相邻年度报告衔接情况的说明</h2>
      <p>本报告的下列数据与本机关已公布的相邻年度报告不一致：</p>
      <ul>
        {props.crossYear.findings.map((f) => (
          <li>{f}</li>
        ))}
      </ul>
      <p>本机关的说明：</p>
      {props.crossYear.explanation.split(/\n+/).map((p) => (
        <p>{p}</p>
      ))}
    </section>
  );
}

export function reportPage(vm: ReportViewModel): string {
  const base = columnBase(vm.agency.code);
  // the latest correction, when the report has one
  const corrected = vm.versions && vm.versions.length > 1 ? vm.versions[vm.versions.length - 1] : undefined;
  return columnPage(
    vm.agency,
    'reports',
    vm.title,
    <>
      {corrected ? (
        <p class="notice">
          <strong>已更正</strong>：本报告已于
          <DateText date={corrected.publishedAt.slice(0, 10)} />
          更正，更正说明见页末“发布与更正记录”。
        </p>
      ) : null}
      {raw(scrollableTables(vm.articleHtml))}
      {vm.crossYear ? <CrossYearNote crossYear={vm.crossYear} /> : null}
      {corrected && vm.versions ? <Corrections versions={vm.versions} /> : null}
      <section aria-labelledby="downloads">
        <h2 id="downloads">下载本报告</h2>
        <ul>
          {vm.pdf ? (
            <li>
              <a href={`${base}/reports/${vm.year}.pdf`} download>
                PDF 文档（.pdf，与发布的版本一致）
              </a>
            </li>
          ) : null}
          <li>
            <a href={`${base}/reports/${vm.year}.docx`} download>
              Word 文档（.docx）
            </a>
          </li>
          <li>
            <a href={`${base}/reports/${vm.year}.xlsx`} download>
              Excel 表格（.xlsx）
            </a>
          </li>
        </ul>
        <p class="hint">
          {corrected ? '首次' : ''}发布日期：<DateText date={vm.publishedAt.slice(0, 10)} />
          {corrected ? (
            <>
              ；更正日期：
              <DateText date={corrected.publishedAt.slice(0, 10)} />
            </>
          ) : null}
          。<a href={`${base}/reports`}>返回年报列表</a>
        </p>
      </section>
    </>,
  );
}
