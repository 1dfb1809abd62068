// 政务公开监督 → one agency's report of a year (issue #13): where it came from (the platform, an uploaded
// file, figures entered by hand), its publication date (the office may enter it), the review's findings
// and the score with the rubric's deductions, the report's tables as published (the report renderer's
// HTML), the exclusion from the 汇总 with its reason; and the hand entry of a report's figures, laid out
// as the official tables. Pure JSX.

import { raw } from 'hono/html';
import type { CataloguedCell } from '../../../domain/report/layout.ts';
import { cellAnchor, type CellMark } from '../../../domain/report/render/index.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { Facts, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { OversightNav, oversightBase, SOURCE_LABELS } from './oversight.tsx';

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
const CAPPED: Record<string, string> = { rule: '达到该项上限', category: '达到该类上限', score: '已扣至0分' };

export interface ReportPageProps {
  year: number;
  agency: { code: string; name: string; kindLabel: string };
  source: string | null;
  sourceDetail: string;
  file: { id: number; fileName: string } | null;
  unreadable: string | null;
  publishedOn: string | null;
  publishedOnHow: string | null;
  /** whether the office holds the report (upload or manual): it may enter the date */
  held: boolean;
  dueOn: string;
  daysLate: number | null;
  result: { status: string; score: number; full: number; passMark: number; reasons: string[]; deductions: { rule: string; label: string; units: number; pointsEach: number; points: number; cappedBy: string | null; findings: string[] }[] };
  findings: { id: string; severity: string; message: string; cells: { path: string; table: string; row: string; column: string }[] }[];
  exclusion: { reason: string; at: string; byName: string | null } | null;
  /** the report's tables and text (renderHtml, not standalone, for the staff page) */
  articleHtml: string | null;
  csrf: string;
  errors: FieldError[];
  values: Record<string, string>;
  done?: string | undefined;
}

const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** The cells the findings concern, as marks for the report's HTML: the gravest severity, a linked note per finding. */
export function findingMarks(findings: ReportPageProps['findings']): Map<string, CellMark> {
  const marks = new Map<string, CellMark>();
  for (const f of findings) {
    for (const cell of f.cells) {
      const mark = marks.get(cell.path) ?? { severity: f.severity as CellMark['severity'], notes: [] };
      if ((RANK[f.severity] ?? 2) < (RANK[mark.severity] ?? 2)) mark.severity = f.severity as CellMark['severity'];
      if (!mark.notes.some((n) => n.href === `#finding-${f.id}`)) mark.notes.push({ text: `${SEVERITY[f.severity] ?? f.severity} ${f.id}`, href: `#finding-${f.id}` });
      marks.set(cell.path, mark);
    }
  }
  return marks;
}

const cellText = (c: { table: string; row: string; column: string }): string => [c.table.split('、')[0], c.row, c.column].filter((x) => x).join(' ');

export const REPORT_FIELDS = { publishedOn: 'published-on', reason: 'exclusion-reason' } as const;

export function oversightReportPage(frame: StaffFrame, p: ReportPageProps): string {
  const office = frame.agency as { code: string; name: string };
  const base = oversightBase(office.code, p.year);
  const here = `${base}/agencies/${encodeURIComponent(p.agency.code)}`;
  const dateHow = p.publishedOnHow === 'platform' ? '（在本平台发布）' : p.publishedOnHow === 'text' ? '（从报告文本中读取）' : p.publishedOnHow === 'entered' ? '（政务公开办录入）' : '';
  return staffPage(
    frame,
    `${p.agency.name}${p.year}年度报告`,
    <>
      <h1>
        {p.agency.name}：{p.year}年度报告
      </h1>
      <OversightNav base={base} current={null} />
      <FormOutcome done={p.done} errors={p.errors} />
      {p.exclusion ? (
        <div class="notice" role="note">
          <p>
            不纳入汇总：{p.exclusion.reason}（{p.exclusion.byName ?? ''}，{p.exclusion.at.slice(0, 10)}）
          </p>
        </div>
      ) : null}
      <Facts
        caption="报告的来源与核对结果"
        items={[
          ['来源', p.source === null ? '未收集到报告' : `${SOURCE_LABELS[p.source] ?? p.source}${p.sourceDetail ? `：${p.sourceDetail}` : ''}`],
          ['原文件', p.file ? <a href={`${base}/files/${p.file.id}`}>{p.file.fileName}</a> : '—'],
          ['无法读取', p.unreadable ?? '—'],
          ['机关类别', p.agency.kindLabel],
          ['发布日期', p.publishedOn ? `${p.publishedOn}${dateHow}` : '未知'],
          ['截止日期', p.dueOn],
          ['逾期', p.daysLate === null ? '—' : p.daysLate === 0 ? '按时' : `${p.daysLate}天`],
          ['结果', p.result.status],
          ['得分', `${p.result.score}（满分${p.result.full}，及格${p.result.passMark}）`],
        ]}
      />
      {p.result.reasons.length > 0 ? (
        <ul>
          {p.result.reasons.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="deductions-title">
        <h2 id="deductions-title">扣分（{p.result.deductions.length}项）</h2>
        {p.result.deductions.length === 0 ? (
          <p>没有扣分。</p>
        ) : (
          <div class="table-wrap" role="region" aria-label="扣分（可横向滚动）" tabindex={0}>
            <table>
              <caption>按评分细则的扣分，每项列明所依据的结论</caption>
              <thead>
                <tr>
                  <th scope="col">规则</th>
                  <th scope="col">计算</th>
                  <th scope="col">扣分</th>
                  <th scope="col">依据的结论</th>
                </tr>
              </thead>
              <tbody>
                {p.result.deductions.map((d) => (
                  <tr>
                    <td>{d.label}</td>
                    <td>
                      {d.units}×{d.pointsEach}
                      {d.cappedBy ? `（${CAPPED[d.cappedBy] ?? d.cappedBy}）` : ''}
                    </td>
                    <td>{d.points}</td>
                    <td>
                      {d.findings.map((id, i) => (
                        <>
                          {i > 0 ? '、' : ''}
                          <a href={`#finding-${id}`}>{id}</a>
                        </>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="findings-title">
        <h2 id="findings-title">核对结论（{p.findings.length}条）</h2>
        <ol>
          {p.findings.map((f) => (
            <li id={`finding-${f.id}`}>
              <strong>
                {SEVERITY[f.severity] ?? f.severity} {f.id}
              </strong>
              ：{f.message}
              {f.cells.length > 0 ? (
                <span class="hint">
                  （
                  {f.cells.map((c, i) => (
                    <>
                      {i > 0 ? '；' : ''}
                      {p.articleHtml ? <a href={`#${cellAnchor(c.path)}`}>{cellText(c)}</a> : cellText(c)}
                    </>
                  ))}
                  ）
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">政务公开办的处理</h2>
        <p>
          <a href={`${here}/entry`}>{p.source === 'manual' ? '修改录入的数字' : '据原件录入报告的数字'}</a>
          {p.source === 'platform' ? '（该机关的报告在本平台发布，以平台上的报告为准）' : ''}
        </p>
        {p.held ? (
          <form method="post" action={`${here}/published-on`}>
            <Csrf token={p.csrf} />
            <TextField id={REPORT_FIELDS.publishedOn} name="publishedOn" type="date" label="发布日期" value={p.values['publishedOn'] ?? p.publishedOn ?? ''} hint="从发布页面查明的日期；留空表示未知。" error={errorFor(p.errors, REPORT_FIELDS.publishedOn)} />
            <button type="submit" class="secondary">
              保存发布日期
            </button>
          </form>
        ) : null}
        {p.exclusion ? (
          <form method="post" action={`${here}/include`}>
            <Csrf token={p.csrf} />
            <button type="submit" class="secondary">
              重新纳入汇总
            </button>
          </form>
        ) : (
          <form method="post" action={`${here}/exclude`}>
            <Csrf token={p.csrf} />
            <TextArea id={REPORT_FIELDS.reason} name="reason" label="不纳入汇总的理由" rows={3} maxlength={500} value={p.values['reason'] ?? ''} hint="例如：报告为扫描件，原件无法辨认。理由将在汇总中列明。" error={errorFor(p.errors, REPORT_FIELDS.reason)} />
            <button type="submit" class="secondary">
              不纳入汇总
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="article-title">
        <h2 id="article-title">报告内容</h2>
        {p.articleHtml && p.findings.some((f) => f.cells.length > 0) ? <p class="hint">核对结论所涉及的格子加框标出，并在格内注明结论编号（如“【错误 R1-1】”），点击编号可回到该条结论。</p> : null}
        {p.articleHtml ? <div class="item-body">{raw(p.articleHtml)}</div> : <p>没有可以显示的报告内容。</p>}
      </section>
    </>,
  );
}

export const entryFieldId = (path: string): string => `cell-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

export interface EntryPageProps {
  year: number;
  agency: { code: string; name: string };
  cells: readonly CataloguedCell[];
  sections: readonly { field: string; label: string }[];
  values: Record<string, string>;
  fromFile: string | null;
  csrf: string;
  errors: FieldError[];
}

/** The hand entry: every figure of tables 二, 三 and 四 by its labels, grouped by table and row. */
export function entryPage(frame: StaffFrame, p: EntryPageProps): string {
  const office = frame.agency as { code: string; name: string };
  const here = `${oversightBase(office.code, p.year)}/agencies/${encodeURIComponent(p.agency.code)}`;
  const groups = new Map<string, Map<string, CataloguedCell[]>>();
  for (const cell of p.cells) {
    const table = groups.get(cell.table) ?? new Map<string, CataloguedCell[]>();
    table.set(cell.row, [...(table.get(cell.row) ?? []), cell]);
    groups.set(cell.table, table);
  }
  return staffPage(
    frame,
    `录入${p.agency.name}${p.year}年度报告`,
    <>
      <h1>
        据原件录入：{p.agency.name}
        {p.year}年度报告
      </h1>
      <FormOutcome errors={p.errors} />
      <p>
        按原件逐格录入表二、表三、表四的数字；原件空白的格子请留空（空白不等于0）。{p.fromFile ? `录入所依据的文件：${p.fromFile}。` : ''}
        录入后该机关的报告标为“据原件录入”，记入审计日志。<a href={here}>不录入，返回</a>
      </p>
      <form method="post" action={`${here}/entry`}>
        <Csrf token={p.csrf} />
        <TextField id="entry-published-on" name="publishedOn" type="date" label="发布日期（可不填）" value={p.values['publishedOn'] ?? ''} error={errorFor(p.errors, 'entry-published-on')} />
        {[...groups.entries()].map(([table, rows]) => (
          <fieldset>
            <legend>{table}</legend>
            {[...rows.entries()].map(([row, cells]) => (
              <fieldset>
                <legend>{row}</legend>
                {cells.map((cell) => (
                  <TextField id={entryFieldId(cell.path)} name={cell.path} label={cell.column || row} value={p.values[cell.path] ?? ''} maxlength={20} error={errorFor(p.errors, entryFieldId(cell.path))} />
                ))}
              </fieldset>
            ))}
          </fieldset>
        ))}
        <fieldset>
          <legend>文字部分（可粘贴或概括原件的内容；不录入则按缺少该部分核对）</legend>
          {p.sections.map((s) => (
            <TextArea id={entryFieldId(s.field)} name={s.field} label={s.label} rows={4} maxlength={20000} value={p.values[s.field] ?? ''} error={errorFor(p.errors, entryFieldId(s.field))} />
          ))}
        </fieldset>
        <button type="submit">保存录入的报告</button>
      </form>
    </>,
  );
}
