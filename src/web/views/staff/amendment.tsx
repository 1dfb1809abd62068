// One 更正 request (条例第四十一条): what was asked and on what evidence, its clock (the agency's working
// days from receipt), the decision form while it is open (予以更正, 转送有权机关, 告知向有权机关提出,
// 经审核不属实不予更正), and once decided the decision with its notice (printable page, Word). Pure.

import { maskIdNumber } from '../../../domain/applications/masking.ts';
import { AMENDMENT_DECISION_LABELS, AMENDMENT_DECISIONS, AMENDMENT_NOTICE_TITLES, AMENDMENT_STATE_LABELS, isDecision } from '../../../domain/amendments/vocab.ts';
import type { AmendmentState } from '../../../domain/amendments/vocab.ts';
import type { AmendmentView } from '../../../services/amendments/read.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, Facts, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export interface DecisionValues {
  decision?: string;
  decidedOn?: string;
  authority?: string;
  note?: string;
}

const ID_KIND_LABELS: Record<string, string> = { resident_id: '居民身份证', uscc: '统一社会信用代码', other: '其他证件' };

export function amendmentPage(frame: StaffFrame, props: { base: string; csrf: string; view: AmendmentView; mayHandle: boolean; values: DecisionValues; errors: FieldError[]; done?: string }): string {
  const a = props.view.amendment;
  const c = props.view.clock;
  const e = (f: string) => errorFor(props.errors, f);
  const decision = a.decision !== null && isDecision(a.decision) ? a.decision : null;
  const self = `${props.base}/amendments/${a.id}`;
  return staffPage(
    frame,
    `更正申请 ${a.number}`,
    <>
      <h1>更正申请 {a.number}</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>
        <a href={`${props.base}/amendments`}>返回更正申请列表</a>
      </p>
      <Facts
        caption="申请"
        items={[
          ['状态', AMENDMENT_STATE_LABELS[a.state as AmendmentState] ?? a.state],
          ['申请人', a.requesterName],
          ['联系方式', a.requesterContact],
          ['证件', a.idKind === null ? '' : `${ID_KIND_LABELS[a.idKind] ?? a.idKind} ${a.idNumber === null ? '' : maskIdNumber(a.idKind, a.idNumber)}`],
          ['需要更正的记录', a.record],
          ['记录不准确之处', a.inaccuracy],
          ['要求更正的内容', a.requested],
          ['证明材料', a.evidence],
          ['收到日期', a.receivedOn],
          ['承办人', a.handler ?? ''],
        ]}
      />
      <h2 id="clock">办理期限</h2>
      {c === null ? (
        <div class="notice" role="status">
          <p>期限无法计算：{props.view.clockError}</p>
        </div>
      ) : (
        <>
          <p>
            {c.title}：{c.due ?? '—'}
            {c.provisional ? '（暂定）' : ''} <ClockBadge state={c.state} label={CLOCK_STATE_LABELS[c.state] ?? c.state} /> {daysLeftText(c.workingDaysLeft, c.state)}
            {c.met === true ? '（按期办结）' : c.met === false ? '（超期办结）' : ''}
          </p>
          <details>
            <summary>期限的计算</summary>
            {c.explain.map((line) => (
              <p>{line}</p>
            ))}
          </details>
        </>
      )}
      {decision !== null ? (
        <>
          <h2 id="decision">办理结果</h2>
          <Facts
            caption="办理结果"
            items={[
              ['结果', AMENDMENT_DECISION_LABELS[decision]],
              ['办结日期', a.decidedOn ?? ''],
              ['有权更正的机关', a.authority ?? ''],
              ['办理说明', a.decisionNote],
              ['告知书文号', a.noticeNumber ?? ''],
            ]}
          />
          <p>
            {AMENDMENT_NOTICE_TITLES[decision]}：<a href={`${self}/notice/html`}>打印页面</a>　<a href={`${self}/notice/docx`}>Word 文档</a>
          </p>
        </>
      ) : props.mayHandle ? (
        <section aria-labelledby="decide">
          <h2 id="decide">办结</h2>
          <form method="post" action={`${self}/decide`} novalidate>
            <Csrf token={props.csrf} />
            <fieldset>
              <legend>办理结果（必填）</legend>
              {e('decision') ? (
                <p class="field-error" id="decision-error">
                  {e('decision')}
                </p>
              ) : null}
              {AMENDMENT_DECISIONS.map((d, i) => (
                <div class="field">
                  <label>
                    <input type="radio" id={i === 0 ? 'decision' : undefined} name="decision" value={d} checked={props.values.decision === d} /> {AMENDMENT_DECISION_LABELS[d]}
                  </label>
                </div>
              ))}
              <p class="hint">有权更正的机关审核属实的，予以更正并告知申请人；不属于本机关职能范围的，可以转送有权更正的机关处理并告知申请人，或者告知申请人向有权更正的机关提出（条例第四十一条）。</p>
            </fieldset>
            <TextField id="decidedOn" name="decidedOn" type="date" label="办结日期" required value={props.values.decidedOn} error={e('decidedOn')} />
            <TextField id="authority" name="authority" label="有权更正的机关" value={props.values.authority} maxlength={200} error={e('authority')} hint="转送或告知向有权机关提出时必填，写全称。" />
            <TextArea id="note" name="note" label="办理说明" value={props.values.note} maxlength={5000} rows={4} error={e('note')} hint="写入告知书。不予更正的，写明审核的情况和理由（必填）。" />
            <button type="submit">办结并出具告知书</button>
          </form>
        </section>
      ) : null}
    </>,
  );
}
