// 不予公开信息评估审查 (条例第十八条): the register of every 不予公开 decision — from the replies and from the
// catalogue's 公开属性 — with its ground, decision date, last review and next review (the due ones marked in
// words and first), and per entry a review form (仍不予公开 with its reasons, or 转为公开: an application's
// information becomes a catalogue draft, a catalogue draft's 公开属性 becomes 主动公开). Pure.

import { REVIEW_OUTCOME_LABELS, SOURCE_LABELS } from '../../../domain/withheld/rules.ts';
import type { WithheldEntry } from '../../../services/withheld/register.ts';
import { categoryOptions } from './catalogue-list.tsx';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** The review form's fields (the route reads these). */
export const REVIEW_FIELDS = ['reviewedOn', 'outcome', 'note', 'category', 'title'] as const;
export type ReviewValues = Partial<Record<(typeof REVIEW_FIELDS)[number], string>>;

/** A review form refused: the entry, what was typed, the messages (fields as element ids). */
export interface FailedReview {
  source: string;
  sourceId: number;
  values: ReviewValues;
  errors: FieldError[];
}

/** The element id of a field of an entry's form. */
export const reviewFieldId = (source: string, sourceId: number, field: string): string => `w-${source}-${sourceId}-${field}`;

export interface WithheldPageProps {
  base: string;
  csrf: string;
  today: string;
  months: number;
  entries: readonly WithheldEntry[];
  due: number;
  dueOnly: boolean;
  mayHandle: boolean;
  own: readonly { code: string; name: string }[];
  failed?: FailedReview;
  done?: string;
}

function ReviewForm(props: { p: WithheldPageProps; e: WithheldEntry }) {
  const { p, e } = props;
  const mine = p.failed && p.failed.source === e.source && p.failed.sourceId === e.sourceId ? p.failed : undefined;
  const id = (f: string) => reviewFieldId(e.source, e.sourceId, f);
  const val = (f: (typeof REVIEW_FIELDS)[number], d = '') => mine?.values[f] ?? d;
  const err = (f: string) => (mine ? errorFor(mine.errors, id(f)) : undefined);
  return (
    <details open={mine !== undefined || undefined}>
      <summary>评估审查</summary>
      <form method="post" action={`${p.base}/withheld/review`} aria-label={`评估审查：${e.label}`} novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="source" value={e.source} />
        <input type="hidden" name="sourceId" value={String(e.sourceId)} />
        <TextField id={id('reviewedOn')} name="reviewedOn" type="date" label="审查日期" required value={val('reviewedOn', p.today)} error={err('reviewedOn')} />
        <Select id={id('outcome')} name="outcome" label="审查结论" required value={val('outcome')} placeholder="请选择" options={Object.entries(REVIEW_OUTCOME_LABELS)} error={err('outcome')} />
        <TextArea id={id('note')} name="note" label="审查意见" value={val('note')} maxlength={2000} rows={2} hint="结论为“仍不予公开”的，写明情势未发生变化的理由。" error={err('note')} />
        {e.source === 'application' ? (
          <>
            <p class="hint">结论为“转为公开”的，按条例第四十四条将该信息纳入主动公开：生成主动公开目录草稿，再经保密审查和审核流程发布。</p>
            <Select id={id('category')} name="category" label="信息类别（转为公开时填写）" value={val('category')} placeholder="请选择" options={categoryOptions(p.own)} error={err('category')} />
            <TextField id={id('title')} name="title" label="标题（转为公开时填写）" value={val('title', e.subject.split('\n')[0]?.slice(0, 100) ?? '')} maxlength={300} error={err('title')} />
          </>
        ) : (
          <p class="hint">
            结论为“转为公开”的：草稿的公开属性改为“主动公开”；已审核的信息请在<a href={`${p.base}/catalogue/${e.sourceId}`}>信息页面</a>按目录流程办理。
          </p>
        )}
        <button type="submit">登记审查结论</button>
      </form>
    </details>
  );
}

const reviewable = (p: WithheldPageProps, e: WithheldEntry): boolean => p.mayHandle && e.lastOutcome !== 'released';
const reviewAnchor = (e: WithheldEntry): string => `review-${e.source}-${e.sourceId}`;

function Status(props: { p: WithheldPageProps; e: WithheldEntry }) {
  const { p, e } = props;
  if (e.lastOutcome === 'released') {
    const item = e.source === 'application' ? e.releasedItemId : e.sourceId;
    return (
      <>
        已转为公开{item !== null ? <> （<a href={`${p.base}/catalogue/${item}`}>目录信息</a>）</> : null}
      </>
    );
  }
  return e.due ? <span class="badge overdue">待审查</span> : <>未到期</>;
}

export function withheldPage(frame: StaffFrame, p: WithheldPageProps): string {
  const errors = p.failed?.errors;
  return staffPage(
    frame,
    '不予公开信息评估审查',
    <>
      <h1>不予公开信息评估审查</h1>
      <FormOutcome done={p.done} {...(errors ? { errors } : {})} />
      <p>
        条例第十八条：行政机关应当建立健全政府信息管理动态调整机制，对本行政机关不予公开的政府信息进行定期评估审查，对因情势变化可以公开的政府信息应当公开。本登记汇集依申请公开答复中的不予公开（含部分公开）决定和主动公开目录中公开属性为“不予公开”的信息，每{p.months}个月评估审查一次（自决定或上一次审查之日起算，可在“栏目与设置”中修改）。
      </p>
      <p>
        到期待审查 <strong>{p.due}</strong> 件。
        {p.dueOnly ? <a href={`${p.base}/withheld`}>显示全部</a> : <a href={`${p.base}/withheld?due=1`}>只看到期待审查的</a>}
      </p>
      {p.entries.length === 0 ? (
        <p>{p.dueOnly ? '没有到期待审查的不予公开信息。' : '没有不予公开的政府信息。'}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="不予公开信息登记（可横向滚动）" tabindex={0}>
          <table class="wide">
            <caption>不予公开信息登记（到期的在前）</caption>
            <thead>
              <tr>
                <th scope="col">来源</th>
                <th scope="col">信息</th>
                <th scope="col">不予公开的理由和依据</th>
                <th scope="col">决定日期</th>
                <th scope="col">上次审查</th>
                <th scope="col">下次审查</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr>
                  <td>
                    {SOURCE_LABELS[e.source]}
                    <br />
                    <a href={e.source === 'application' ? `${p.base}/applications/${e.sourceId}` : `${p.base}/catalogue/${e.sourceId}`}>{e.label}</a>
                  </td>
                  <td>{e.subject.length > 120 ? `${e.subject.slice(0, 120)}…` : e.subject}</td>
                  <td>{e.ground}</td>
                  <td>{e.decidedOn}</td>
                  <td>{e.lastReviewedOn === null ? '—' : `${e.lastReviewedOn}（${e.lastOutcome ? REVIEW_OUTCOME_LABELS[e.lastOutcome] : ''}）`}</td>
                  <td>{e.nextReviewOn ?? '—'}</td>
                  <td>
                    <Status p={p} e={e} />
                    {reviewable(p, e) ? (
                      <>
                        <br />
                        <a href={`#${reviewAnchor(e)}`}>评估审查</a>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.entries.some((e) => reviewable(p, e)) ? (
        <>
          {/* the forms below the table, one per entry: a form in a cell of the wide table had no room on a phone */}
          <h2>评估审查</h2>
          {p.entries
            .filter((e) => reviewable(p, e))
            .map((e) => (
              <section id={reviewAnchor(e)} aria-label={`评估审查：${e.label}`}>
                <h3>
                  {SOURCE_LABELS[e.source]} {e.label}
                </h3>
                <ReviewForm p={p} e={e} />
              </section>
            ))}
        </>
      ) : null}
    </>,
  );
}
