// 政务公开监督 (issue #13), the office's pages: the year's collection (every agency of the subtree with
// where its report came from and its status — the board with filters and export: oversight-board.tsx), the
// upload of report files or ZIPs, the upload's results (filed / needs review / unreadable / already
// there), and the review step (file a waiting file for an agency, or discard it). Pure JSX.

import { AGENCY_LEVEL_LABELS } from '../../../domain/applications/types.ts';
import type { AgencyLevel } from '../../../domain/applications/types.ts';
import { Csrf, FormOutcome, Select } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { ChooserNote } from './forms.tsx';

export const oversightBase = (code: string, year: number): string => `${staffBase(code)}/oversight/${year}`;

export const SOURCE_LABELS: Record<string, string> = { platform: '本平台发布', upload: '上传文件', manual: '据原件录入' };

export interface OversightRow {
  code: string;
  name: string;
  level: string;
  depth: number;
  source: string | null;
  publishedOn: string | null;
  status: string;
  score: number;
  errors: number;
  unreadable: boolean;
  excluded: boolean;
}

export interface OversightHomeProps {
  year: number;
  /** the latest year that may be collected (this year) */
  latestYear: number;
  rows: OversightRow[];
  waiting: number;
  /** 投诉、举报 received and not yet answered (条例第五十一条), and of them past the due date */
  complaints?: { open: number; overdue: number };
  csrf: string;
  errors: FieldError[];
  done?: string | undefined;
  limits: { maxFiles: number; maxFileMb: number; maxUploadMb: number };
}

/** The links between the office's pages of a year. */
export function OversightNav(props: { base: string; current: 'home' | 'board' | 'aggregate' | 'settings' | null }) {
  const items: [NonNullable<typeof props.current>, string, string][] = [
    ['home', props.base, '收集与上传'],
    ['board', `${props.base}/board`, '看板'],
    ['aggregate', `${props.base}/aggregate`, '汇总与趋势'],
    ['settings', `${props.base}/settings`, '评分细则与截止日期'],
  ];
  return (
    <nav aria-label="政务公开监督">
      <ul class="inline-links">
        {items.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={props.current === key ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function YearNav(props: { base: string; year: number; latest: number }) {
  return (
    <p>
      {props.year > 2008 ? (
        <>
          <a href={`${props.base}/${props.year - 1}`}>{props.year - 1}年度</a> ·{' '}
        </>
      ) : null}
      <strong>{props.year}年度</strong>
      {props.year < props.latest ? (
        <>
          {' '}
          · <a href={`${props.base}/${props.year + 1}`}>{props.year + 1}年度</a>
        </>
      ) : null}
    </p>
  );
}

export function oversightHomePage(frame: StaffFrame, p: OversightHomeProps): string {
  const agency = frame.agency as { code: string; name: string };
  const base = oversightBase(agency.code, p.year);
  const collected = p.rows.filter((r) => r.source !== null).length;
  return staffPage(
    frame,
    `${p.year}年度报告收集`,
    <>
      <h1>政务公开监督：{p.year}年度报告收集</h1>
      <YearNav base={`${staffBase(agency.code)}/oversight`} year={p.year} latest={p.latestYear} />
      <OversightNav base={base} current="home" />
      <FormOutcome done={p.done} errors={p.errors} />
      <p>
        下级机关共{p.rows.length}个，已收集{collected}个。在本平台发布的报告自动收集；其他机关的报告请上传文件。
        {p.waiting > 0 ? (
          <>
            {' '}
            <a href={`${base}/review`}>有{p.waiting}个文件待确认所属机关</a>。
          </>
        ) : null}
      </p>
      {p.complaints && p.complaints.open > 0 ? (
        <p>
          <a href={`${staffBase(agency.code)}/complaints?open=1`}>
            未答复的投诉、举报{p.complaints.open}件{p.complaints.overdue > 0 ? `，其中已超期${p.complaints.overdue}件` : ''}
          </a>
          。
        </p>
      ) : null}

      <section aria-labelledby="upload-title">
        <h2 id="upload-title">上传年度报告</h2>
        <form method="post" action={`${base}/upload`} enctype="multipart/form-data">
          <Csrf token={p.csrf} />
          <div class="field">
            <label for="oversight-files">报告文件（可多选，或一个ZIP压缩包）</label>
            <p class="hint" id="oversight-files-hint">
              支持文本、网页（HTML）、Word（.docx）、有文字层的PDF和交换格式（.json）。一次最多{p.limits.maxFiles}个文件，每个不超过{p.limits.maxFileMb} MB，合计不超过{p.limits.maxUploadMb} MB。系统按报告标题或文件名中的机关名称归入下级机关；不能确定的，请在“待确认”中选择。扫描件无法读取，上传后可据原件录入数字。
            </p>
            {p.errors.find((e) => e.field === 'oversight-files') ? (
              <p class="field-error" id="oversight-files-error">
                {p.errors.find((e) => e.field === 'oversight-files')?.message}
              </p>
            ) : null}
            <input
              type="file"
              id="oversight-files"
              name="files"
              multiple
              accept=".txt,.htm,.html,.docx,.pdf,.json,.zip"
              aria-describedby={p.errors.some((e) => e.field === 'oversight-files') ? 'oversight-files-hint oversight-files-error' : 'oversight-files-hint'}
            />
<ChooserNote />
          </div>
          <button type="submit">上传并归入</button>
        </form>
      </section>

      <section aria-labelledby="agencies-title">
        <h2 id="agencies-title">各机关的报告</h2>
        <div class="table-wrap" role="region" aria-label="各机关的报告（可横向滚动）" tabindex={0}>
          <table>
            <caption>{p.year}年度，下级机关{p.rows.length}个</caption>
            <thead>
              <tr>
                <th scope="col">机关</th>
                <th scope="col">级别</th>
                <th scope="col">来源</th>
                <th scope="col">发布日期</th>
                <th scope="col">结果</th>
                <th scope="col">得分</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td style={`padding-left:${(r.depth - 1) * 1.25 + 0.5}rem`}>
                    <a href={`${base}/agencies/${encodeURIComponent(r.code)}`}>{r.name}</a>
                    {r.excluded ? '（不纳入汇总）' : ''}
                  </td>
                  <td>{AGENCY_LEVEL_LABELS[r.level as AgencyLevel] ?? r.level}</td>
                  <td>{r.source === null ? '未收集' : `${SOURCE_LABELS[r.source] ?? r.source}${r.unreadable ? '（无法读取）' : ''}`}</td>
                  <td>{r.publishedOn ?? '—'}</td>
                  <td>{r.status}</td>
                  <td>{r.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>,
  );
}

export interface UploadedRow {
  id: number;
  fileName: string;
  outcome: 'filed' | 'review' | 'duplicate';
  agency: { name: string; code: string | null } | null;
  score: number | null;
  note: string | null;
  error: string | null;
}

function FileList(props: { caption: string; rows: UploadedRow[]; base: string; show: 'agency' | 'note' }) {
  if (props.rows.length === 0) return null;
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>
          {props.caption}（{props.rows.length}个）
        </caption>
        <thead>
          <tr>
            <th scope="col">文件</th>
            <th scope="col">{props.show === 'agency' ? '归入机关' : '说明'}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{r.fileName}</td>
              <td>
                {props.show === 'agency' && r.agency ? (
                  r.agency.code ? <a href={`${props.base}/agencies/${encodeURIComponent(r.agency.code)}`}>{r.agency.name}</a> : r.agency.name
                ) : null}
                {r.error ? <p class="field-error">{r.error}</p> : null}
                {props.show === 'note' && r.note ? <p>{r.note}</p> : null}
                {props.show === 'note' && r.agency && r.outcome === 'review' ? <p>建议：{r.agency.name}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function uploadResultPage(frame: StaffFrame, p: { year: number; files: UploadedRow[]; skipped: { name: string; reason: string }[] }): string {
  const agency = frame.agency as { code: string; name: string };
  const base = oversightBase(agency.code, p.year);
  const filed = p.files.filter((f) => f.outcome === 'filed');
  const review = p.files.filter((f) => f.outcome === 'review');
  const unreadable = p.files.filter((f) => f.error !== null && f.outcome !== 'duplicate');
  const duplicate = p.files.filter((f) => f.outcome === 'duplicate');
  return staffPage(
    frame,
    '上传结果',
    <>
      <h1>{p.year}年度报告：上传结果</h1>
      <div class="notice" role="status">
        <p>
          共{p.files.length}个文件：已归入{filed.length}个，待确认{review.length}个，无法读取{unreadable.length}个，重复{duplicate.length}个{p.skipped.length > 0 ? `，未读取${p.skipped.length}个` : ''}。
        </p>
      </div>
      <FileList caption="已归入机关" rows={filed} base={base} show="agency" />
      {review.length > 0 ? (
        <p>
          <a href={`${base}/review`}>确认待确认的文件</a>
        </p>
      ) : null}
      <FileList caption="待确认所属机关" rows={review} base={base} show="note" />
      <FileList caption="无法读取（可据原件录入数字，或说明理由后不纳入汇总）" rows={unreadable} base={base} show="note" />
      <FileList caption="已上传过，没有重复保存" rows={duplicate} base={base} show="note" />
      {p.skipped.length > 0 ? (
        <section aria-labelledby="skipped-title">
          <h2 id="skipped-title">未读取的文件</h2>
          <ul>
            {p.skipped.map((s) => (
              <li>
                {s.name}：{s.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={base}>返回{p.year}年度报告收集</a>
      </p>
    </>,
  );
}

export interface ReviewRow {
  id: number;
  fileName: string;
  note: string | null;
  error: string | null;
  foundName: string | null;
  reportYear: number | null;
  suggested: { code: string; name: string; score: number | null } | null;
}

export const reviewFieldId = (id: number): string => `file-${id}-agency`;

export function reviewPage(frame: StaffFrame, p: { year: number; rows: ReviewRow[]; agencies: { code: string; name: string }[]; csrf: string; errors: FieldError[]; done?: string | undefined; chosen?: Record<number, string> }): string {
  const agency = frame.agency as { code: string; name: string };
  const base = oversightBase(agency.code, p.year);
  const options = p.agencies.map((a) => [a.code, a.name] as const);
  return staffPage(
    frame,
    '待确认的文件',
    <>
      <h1>{p.year}年度报告：待确认的文件</h1>
      <FormOutcome done={p.done} errors={p.errors} />
      <p>
        以下文件没能确定属于哪个机关，或需要确认后才能使用。请选择所属机关后“归入”，或“舍弃”（舍弃的文件仍保留，重新上传同一文件会回到这里）。<a href={base}>返回{p.year}年度报告收集</a>
      </p>
      {p.rows.length === 0 ? <p>没有待确认的文件。</p> : null}
      {p.rows.map((r) => (
        <section aria-labelledby={`file-${r.id}-title`} class="card">
          <h2 id={`file-${r.id}-title`}>{r.fileName}</h2>
          <ul>
            {r.note ? <li>{r.note}</li> : null}
            {r.error ? <li class="field-error">{r.error}</li> : null}
            <li>报告中的机关名称：{r.foundName ?? '未找到'}；报告年度：{r.reportYear ?? '未找到'}</li>
            <li>
              <a href={`${base}/files/${r.id}`}>下载原文件</a>
            </li>
          </ul>
          <form method="post" action={`${base}/files/${r.id}/assign`}>
            <Csrf token={p.csrf} />
            <Select
              id={reviewFieldId(r.id)}
              name="agency"
              label="所属机关"
              value={p.chosen?.[r.id] ?? r.suggested?.code ?? ''}
              placeholder="（请选择）"
              options={options}
              {...(r.suggested ? { hint: `按名称建议：${r.suggested.name}${r.suggested.score !== null ? `（相似度${r.suggested.score}%）` : ''}` } : {})}
              error={p.errors.find((e) => e.field === reviewFieldId(r.id))?.message}
            />
            <button type="submit">归入所选机关</button>
          </form>
          <form method="post" action={`${base}/files/${r.id}/discard`}>
            <Csrf token={p.csrf} />
            <button type="submit" class="secondary">
              舍弃这个文件
            </button>
          </form>
        </section>
      ))}
    </>,
  );
}
