// On the dashboard: 已答复未登记送达 — the replies whose delivery (送达) is not recorded, the oldest first,
// each linking to its application's delivery form; the whole set is the list filtered by 已答复. Pure.

import type { UndeliveredReplies } from '../../../services/undelivered-replies.ts';

export function UndeliveredSection(props: { base: string; undelivered: UndeliveredReplies | undefined }) {
  const u = props.undelivered;
  if (u === undefined) return null;
  return (
    <section aria-labelledby="undelivered">
      <h2 id="undelivered">已答复未登记送达（{u.count}件）</h2>
      {u.count === 0 ? (
        <p>没有未登记送达的答复。</p>
      ) : (
        <>
          <p>以下申请已作出答复，尚未登记答复告知书的送达。登记送达后，申请人申请行政复议、提起行政诉讼的期限自送达之日起算；未登记的，按答复日期推定。</p>
          <ul>
            {u.items.map((r) => (
              <li>
                <a href={`${props.base}/applications/${r.id}#deliveries`}>{r.number}</a> {r.applicantName}，{r.repliedOn ?? '—'}答复
              </li>
            ))}
          </ul>
          {u.count > u.items.length ? (
            <p>
              <a href={`${props.base}/applications?state=replied#results`}>在申请列表中查看全部{u.count}件已答复未登记送达的申请</a>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** 不予公开信息到期待审查 (条例第十八条): how many entries of the register are due, with the link to it. */
export function WithheldDueSection(props: { base: string; due: number | undefined }) {
  if (props.due === undefined) return null;
  return (
    <section aria-labelledby="withheld-due">
      <h2 id="withheld-due">不予公开信息到期待审查（{props.due}件）</h2>
      <p>
        {props.due === 0 ? '没有到期待审查的不予公开信息。' : `${props.due}件不予公开的政府信息已到评估审查日期（条例第十八条：对因情势变化可以公开的政府信息应当公开）。`}{' '}
        <a href={`${props.base}/withheld${props.due > 0 ? '?due=1' : ''}`}>{props.due > 0 ? '进行评估审查' : '查看不予公开信息登记'}</a>
      </p>
    </section>
  );
}
