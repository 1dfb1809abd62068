// 年报素材 → 草稿: the draft of sections 一、五、六 sentence by sentence, each with the records it states
// (links to the table, the catalogue items, the 清理 round, the review chain, the applications with fees,
// the 年报数据 entries, the facts), what a clerk reworded (and whether the facts behind it changed since),
// a figure that contradicts the tables (P1, a warning), and what the draft could not state (gaps); the
// form that rewords one sentence. Pure.

import { APPLICATION_ROWS, pathToString } from '../../../domain/report/layout.ts';
import type { DraftSentence, DraftSource, ReportDraft } from '../../../domain/report/draft/types.ts';
import type { Finding } from '../../../domain/report/types.ts';
import { EDIT_MAX } from '../../../services/report-facts.ts';
import { Csrf, FormOutcome, TextArea } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { cellHref } from './report.tsx';
import { factsBase, FactsYearNav } from './report-facts.tsx';
import { SignoffStatus } from './report-signoff.tsx';
import type { SignoffState } from '../../../domain/report/signoff.ts';

const LINKED_ITEMS = 10;

/** Where a source is shown on the platform. */
function SourceLinks(props: { code: string; year: number; source: DraftSource }) {
  const { code, year, source: s } = props;
  const base = staffBase(code);
  switch (s.kind) {
    case 'table': {
      // a few cells of 三: each a link to the applications behind it; else the table
      const rows = s.paths.map((p) => APPLICATION_ROWS.find((r) => pathToString([...r.path, 6]) === p));
      const table = <a href={`${base}/report/${year}#${s.paths.some((p) => p.startsWith('activeDisclosure')) ? 'table-two' : s.paths.some((p) => p.startsWith('review')) ? 'table-four' : 'table-three'}`}>{s.label}</a>;
      if (rows.length === 0 || rows.length > 3 || rows.some((r) => r === undefined)) return table;
      return (
        <>
          <a href={`${base}/report/${year}#table-three`}>表三</a>：
          {rows.map((r, i) => (
            <>
              {i > 0 ? '、' : ''}
              <a href={cellHref(code, year, r?.key ?? '', 6)}>{r?.label ?? ''}（总计）</a>
            </>
          ))}
        </>
      );
    }
    case 'fact':
      return <a href={`${factsBase(code, year)}#fact-${s.factId}`}>{s.label}</a>;
    case 'catalogue':
      return (
        <>
          <a href={`${base}/catalogue`}>{s.label}</a>
          {s.itemIds.length > 0 ? '：' : ''}
          {s.itemIds.slice(0, LINKED_ITEMS).map((id, i) => (
            <>
              {i > 0 ? '、' : ''}
              <a href={`${base}/catalogue/${id}`}>#{id}</a>
            </>
          ))}
          {s.count > LINKED_ITEMS ? `等${s.count}条` : ''}
        </>
      );
    case 'cleanup':
      return <a href={`${base}/register/cleanup/${s.roundId}`}>{s.label}</a>;
    case 'chain':
      return <a href={`${base}/catalogue/chain`}>{s.label}</a>;
    case 'fees':
      return (
        <>
          {s.label}
          {s.applicationIds.length > 0 ? '：' : '（无）'}
          {s.applicationIds.slice(0, LINKED_ITEMS).map((id, i) => (
            <>
              {i > 0 ? '、' : ''}
              <a href={`${base}/applications/${id}`}>申请#{id}</a>
            </>
          ))}
        </>
      );
    case 'counts':
      return <a href={`${base}/records/${s.year}#counts`}>{s.label}</a>;
    case 'published':
      return <a href={`/${encodeURIComponent(code)}/reports/${s.year}`}>{s.label}</a>;
    case 'amendments':
      return <a href={`/staff/${encodeURIComponent(code)}/amendments`}>{s.label}（{s.ids.length}件）</a>;
    case 'complaints':
      return <a href={`/staff/${encodeURIComponent(code)}/complaints`}>{s.label}（{s.ids.length}件）</a>;
    case 'collected':
      return <a href={`/staff/${encodeURIComponent(code)}/oversight/${s.year}/aggregate`}>{s.label}</a>;
    default:
      return <>{s.label}</>;
  }
}

function SentenceRow(props: { code: string; year: number; s: DraftSentence; mayHandle: boolean; csrf: string }) {
  const { s } = props;
  const base = factsBase(props.code, props.year);
  return (
    <tr id={`s-${s.id.replace(/\./g, '-')}`}>
      <td>
        {s.text === '' ? <em>（已删去）</em> : `${s.lead}${s.text}`}
        {s.edited ? (
          <p class="hint">
            已修改{s.edited.stale ? '。注意：修改之后，这句话依据的记录已有变化，平台现在会写作：' : '。平台原来的写法：'}“{s.edited.generated}”
          </p>
        ) : null}
        {(s.findings ?? []).map((f) => (
          <p class="field-error" role="alert">
            警告：{f.message}
          </p>
        ))}
      </td>
      <td>
        <ul>
          {s.sources.map((source) => (
            <li>
              <SourceLinks code={props.code} year={props.year} source={source} />
            </li>
          ))}
        </ul>
      </td>
      {props.mayHandle ? (
        <td>
          <a href={`${base}/draft/edit?sentence=${encodeURIComponent(s.id)}`}>修改这句话</a>
          {s.edited ? (
            <form method="post" action={`${base}/draft/revert`}>
              <Csrf token={props.csrf} />
              <input type="hidden" name="sentence" value={s.id} />
              <button type="submit" class="secondary">
                恢复平台的写法
              </button>
            </form>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

export interface DraftPageProps {
  year: number;
  maxYear: number;
  draft: ReportDraft;
  findings: Finding[];
  mayHandle: boolean;
  csrf: string;
  done?: string;
  /** where the year's report stands in the sign-off (report-signoff.tsx) */
  signoff: { state: SignoffState | null; id: number | null; waitingAt: string | null };
}

export function draftPage(frame: StaffFrame, p: DraftPageProps): string {
  const code = frame.agency?.code ?? '';
  const base = factsBase(code, p.year);
  return staffPage(
    frame,
    `${p.year}年度报告草稿`,
    <>
      <h1>{p.year}年度政府信息公开工作年度报告（草稿）</h1>
      <FactsYearNav code={code} year={p.year} maxYear={p.maxYear} page="draft" />
      <p>
        下面是“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”的草稿，逐句列出所依据的记录。可以修改任何一句话；修改后的数字与表格不符时显示警告（与“报告检查”相同的核对）。
      </p>
      <p>
        下载草稿（表格和正文）：<a href={`${base}/draft.docx`}>Word（DOCX）</a> · <a href={`${base}/draft.json`}>交换格式（JSON，可用于发布）</a>
      </p>
      <FormOutcome done={p.done} />
      <SignoffStatus code={code} year={p.year} state={p.signoff.state} signoffId={p.signoff.id} waitingAt={p.signoff.waitingAt} mayHandle={p.mayHandle} />
      {p.draft.gaps.length > 0 ? (
        <section aria-labelledby="gaps" class="notice">
          <h2 id="gaps">需要补充的内容（{p.draft.gaps.length}处）</h2>
          <ul>
            {p.draft.gaps.map((g) => (
              <li>{g.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.findings.length > 0 ? (
        <section aria-labelledby="findings">
          <h2 id="findings">正文中与表格不符的数字（{p.findings.length}处，警告）</h2>
          <ul>
            {p.findings.map((f) => (
              <li>{f.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.draft.sections.map((section) => (
        <section aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>{section.title}</h2>
          {section.paragraphs.every((para) => para.sentences.length === 0) ? <p>（暂无内容）</p> : null}
          {section.paragraphs
            .filter((para) => para.sentences.length > 0)
            .map((para, i) => (
              <div class="table-wrap" role="region" aria-label={`${para.heading ?? `${section.title}（第${i + 1}段）`}（可横向滚动）`} tabindex={0}>
                <table>
                  <caption>{para.heading ?? `${section.title}（第${i + 1}段）`}</caption>
                  <thead>
                    <tr>
                      <th scope="col" style="width:60%">
                        句子
                      </th>
                      <th scope="col">依据的记录</th>
                      {p.mayHandle ? <th scope="col">操作</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {para.sentences.map((s) => (
                      <SentenceRow code={code} year={p.year} s={s} mayHandle={p.mayHandle} csrf={p.csrf} />
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
        </section>
      ))}
    </>,
  );
}

export interface SentenceEditProps {
  year: number;
  sentence: DraftSentence;
  value: string;
  errors: FieldError[];
  csrf: string;
}

export function sentenceEditPage(frame: StaffFrame, p: SentenceEditProps): string {
  const code = frame.agency?.code ?? '';
  const base = factsBase(code, p.year);
  const back = `${base}/draft#s-${p.sentence.id.replace(/\./g, '-')}`;
  const generated = p.sentence.edited?.generated ?? p.sentence.text;
  return staffPage(
    frame,
    '修改草稿中的一句话',
    <>
      <p>
        <a href={back}>返回草稿</a>
      </p>
      <h1>修改草稿中的一句话</h1>
      <p>平台的写法：“{generated}”</p>
      <p class="hint">清空后保存，即从草稿中删去这句话。数字与表格不符时，草稿中会显示警告。</p>
      <FormOutcome errors={p.errors} />
      <form method="post" action={`${base}/draft/edit`}>
        <Csrf token={p.csrf} />
        <input type="hidden" name="sentence" value={p.sentence.id} />
        <TextArea id="text" name="text" label="这句话" value={p.value} maxlength={EDIT_MAX} rows={5} error={p.errors.find((e) => e.field === 'text')?.message} />
        <button type="submit">保存</button> <a href={back}>取消</a>
      </form>
    </>,
  );
}
