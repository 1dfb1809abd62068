// 文件清理: the 清理 rounds of the register (list and the form to open one), and a round — its
// documents, each with its conclusion form (继续有效 / 修改 / 废止 / 宣布失效 and a note), and the form
// that concludes it with a summary. Pure.

import { CLEANUP_CONCLUSIONS } from '../../../domain/catalogue/vocab.ts';
import { NO_DOCUMENTS_SUMMARY } from '../../../domain/catalogue/register.ts';
import type { EntryRow, RoundRow } from '../../../services/catalogue/cleanup.ts';
import { NOTE_MAX, ROUND_TITLE_MAX, SUMMARY_MAX } from '../../../services/catalogue/cleanup.ts';
import type { Page } from '../../../services/keyset.ts';
import { Pager } from '../pager.tsx';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { Facts, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const cleanupBase = (code: string): string => `${staffBase(code)}/register/cleanup`;
const STATE_LABELS: Record<string, string> = { open: '进行中', concluded: '已结束' };

function tally(r: RoundRow): string {
  const parts = CLEANUP_CONCLUSIONS.filter((c) => r.byConclusion[c] > 0).map((c) => `${c}${r.byConclusion[c]}件`);
  return parts.length > 0 ? parts.join('，') : '—';
}

export interface RoundsPageProps {
  csrf: string;
  page: Page<RoundRow>;
  mayHandle: boolean;
  values: { title: string; asOf: string };
  errors: FieldError[];
}

export function roundsPage(frame: StaffFrame, props: RoundsPageProps): string {
  const code = frame.agency?.code ?? '';
  const base = cleanupBase(code);
  return staffPage(
    frame,
    '文件清理',
    <>
      <p>
        <a href={`${staffBase(code)}/register`}>返回规范性文件登记</a>
      </p>
      <h1>规章和行政规范性文件清理</h1>
      <p>每次清理以一个基准日为准，列出该日现行有效的规章和行政规范性文件，逐件作出清理结论（继续有效、修改、废止、宣布失效）。结束清理时，结论为废止或宣布失效的文件即登记为废止或失效，日期为结束清理之日。</p>
      <FormOutcome errors={props.errors} />
      {props.page.rows.length === 0 ? (
        <p role="status">还没有清理记录。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="清理记录（可横向滚动）" tabindex={0}>
          <table>
            <caption>清理记录</caption>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">基准日</th>
                <th scope="col">文件数</th>
                <th scope="col">已作结论</th>
                <th scope="col">结论</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {props.page.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`${base}/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.asOf}</td>
                  <td style="text-align:right">{r.entries}</td>
                  <td style="text-align:right">{r.concluded}</td>
                  <td>{r.state === 'concluded' && r.entries === 0 ? r.summary : tally(r)}</td>
                  <td>{r.state === 'concluded' ? `已结束（${r.concludedOn ?? ''}）` : STATE_LABELS[r.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} query={{}} next={props.page.next} prev={props.page.prev} />
      {props.mayHandle ? (
        <section aria-labelledby="new-round">
          <h2 id="new-round">开始一次清理</h2>
          <form method="post" action={base}>
            <Csrf token={props.csrf} />
            <TextField id="title" name="title" label="清理名称" required maxlength={ROUND_TITLE_MAX} value={props.values.title} error={errorFor(props.errors, 'title')} hint="例如“2024年度行政规范性文件清理”。" />
            <TextField id="asOf" name="asOf" type="date" label="清理基准日" required value={props.values.asOf} error={errorFor(props.errors, 'asOf')} hint="列出该日现行有效的文件，不能晚于今天。" />
            <button type="submit">开始清理</button>
          </form>
        </section>
      ) : null}
    </>,
  );
}

export interface RoundPageProps {
  csrf: string;
  round: RoundRow;
  entries: Page<EntryRow>;
  /** the cursor of the page shown (kept through a saved conclusion) */
  after: string;
  mayHandle: boolean;
  mayApprove: boolean;
  done?: string;
  errors: FieldError[];
  /** the entry a refused conclusion was about, with what was sent */
  failed?: { itemId: number; conclusion: string; note: string };
  summary: string;
}

function EntryForm(props: { code: string; round: RoundRow; entry: EntryRow; csrf: string; after: string; failed: RoundPageProps['failed'] | undefined; error: string | undefined }) {
  const { entry } = props;
  const id = `e${entry.itemId}`;
  const chosen = props.failed?.itemId === entry.itemId ? props.failed.conclusion : (entry.conclusion ?? '');
  const note = props.failed?.itemId === entry.itemId ? props.failed.note : entry.note;
  return (
    <form method="post" action={`${cleanupBase(props.code)}/${props.round.id}/entries/${entry.itemId}`}>
      <Csrf token={props.csrf} />
      <input type="hidden" name="after" value={props.after} />
      <fieldset>
        <legend>清理结论</legend>
        {props.error ? (
          <p class="field-error" id={`${id}-error`}>
            {props.error}
          </p>
        ) : null}
        {CLEANUP_CONCLUSIONS.map((c) => (
          <label style="display:inline-block;font-weight:normal;margin-right:1rem">
            <input type="radio" name="conclusion" value={c} checked={chosen === c} required /> {c}
          </label>
        ))}
      </fieldset>
      <TextField id={`${id}-note`} name="note" label="说明" maxlength={NOTE_MAX} value={note} />
      <button type="submit" class="secondary">
        保存结论
      </button>
    </form>
  );
}

export function roundPage(frame: StaffFrame, props: RoundPageProps): string {
  const code = frame.agency?.code ?? '';
  const { round } = props;
  const open = round.state === 'open';
  const missing = round.entries - round.concluded;
  return staffPage(
    frame,
    round.title,
    <>
      <p>
        <a href={cleanupBase(code)}>返回清理记录</a>
      </p>
      <h1>{round.title}</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <Facts
        caption="清理概况"
        items={[
          ['基准日', round.asOf],
          ['文件数', `${round.entries}件（基准日现行有效）`],
          ['已作结论', `${round.concluded}件${round.concluded > 0 ? `：${tally(round)}` : ''}`],
          ['状态', open ? '进行中' : `已结束（${round.concludedOn ?? ''}）`],
          ...(open ? [] : ([['清理情况总结', round.summary]] as [string, string][])),
        ]}
      />
      {round.entries === 0 ? <p role="status">基准日没有现行有效的规章和行政规范性文件。</p> : <h2>文件</h2>}
      {props.entries.rows.map((e) => (
        <article id={`entry-${e.itemId}`} style="border-top:1px solid #d6d9de;padding:.5rem 0;overflow-wrap:anywhere">
          <h3 style="margin:.25rem 0">
            <a href={`${staffBase(code)}/catalogue/${e.itemId}`}>{e.title}</a>
          </h3>
          <p class="hint" style="overflow-wrap:anywhere">
            {e.docType} · 索引号 {e.indexNumber}
            {e.docNumber ? ` · ${e.docNumber}` : ''} · 成文日期 {e.writtenOn} · 现在：{e.validity || '—'}
          </p>
          {open && props.mayHandle ? (
            <EntryForm code={code} round={round} entry={e} csrf={props.csrf} after={props.after} failed={props.failed} error={errorFor(props.errors, `entry-${e.itemId}`)} />
          ) : (
            <p>
              结论：<strong>{e.conclusion ?? '尚未作出'}</strong>
              {e.note ? `（${e.note}）` : ''}
            </p>
          )}
        </article>
      ))}
      <Pager path={`${cleanupBase(code)}/${round.id}`} query={{}} next={props.entries.next} prev={props.entries.prev} />
      {open && props.mayApprove ? (
        <section aria-labelledby="conclude">
          <h2 id="conclude">结束清理</h2>
          {missing > 0 ? <p>还有{missing}件文件没有清理结论，全部作出结论后才能结束清理。</p> : null}
          <p>结束清理后，结论为“废止”的文件登记为废止、“宣布失效”的登记为失效，日期为今天，并各自保存一个新版本；清理记录不能再修改。</p>
          <form method="post" action={`${cleanupBase(code)}/${round.id}/conclude`}>
            <Csrf token={props.csrf} />
            <TextArea id="summary" name="summary" label="清理情况总结" required maxlength={SUMMARY_MAX} rows={4} value={props.summary || (round.entries === 0 ? NO_DOCUMENTS_SUMMARY : '')} error={errorFor(props.errors, 'summary')} />
            <button type="submit">结束清理</button>
          </form>
        </section>
      ) : null}
    </>,
  );
}
