// The applicant's progress view at the top of the status page: 收到 → 补正 (only when asked) → 办理 → 答复
// (or 办结), an ordered list whose current step carries aria-current="step", each step's dates and its
// status in words (not colour alone), and the deadline that runs now with its 暂定 or 确定 mark. Works
// without JavaScript; a column of boxes at 360 px (citizen-assets.ts). Also the small parts the receipt
// and status pages share for print: the stylesheet link, the agency's line on paper, the print button.
// Pure.

import type { Progress, ProgressStep } from '../../../domain/applications/progress.ts';
import { DateText } from './fields.tsx';

function statusText(step: ProgressStep, closed: boolean): string {
  switch (step.status) {
    case 'done':
      return '已完成';
    case 'current':
      return closed ? '已办结' : '进行中';
    case 'skipped':
      return '未进行';
    default:
      return '未开始';
  }
}

export function ProgressView(props: { progress: Progress }) {
  const { steps, closed, deadline } = props.progress;
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">办理进度</h2>
      <ol class="progress-steps">
        {steps.map((step, i) => (
          <li class={`progress-step ${step.status}`} aria-current={step.status === 'current' ? 'step' : undefined}>
            <span class="progress-mark" aria-hidden="true">
              {step.status === 'done' ? '✓' : String(i + 1)}
            </span>
            <div class="progress-body">
              <strong class="progress-label">{step.label}</strong>
              <span class="progress-status">（{statusText(step, closed)}）</span>
              {step.dates.length > 0 ? (
                <ul class="progress-dates">
                  {step.dates.map((d) => (
                    <li>
                      {d.label}：<DateText date={d.date} />
                    </li>
                  ))}
                </ul>
              ) : null}
              {step.note ? <p class="progress-note">{step.note}</p> : null}
            </div>
          </li>
        ))}
      </ol>
      {deadline ? (
        <div class="progress-deadline">
          <p>
            {deadline.title}（{deadline.basis}）：
            {deadline.due ? (
              <>
                <span class="due">
                  <DateText date={deadline.due} />
                </span>
                {deadline.provisional ? <span class="tag provisional">暂定</span> : <span class="tag">确定</span>}
                {deadline.overdue ? <strong>（已超过期限）</strong> : null}
              </>
            ) : (
              '暂时无法计算'
            )}
          </p>
          <p>{deadline.text}</p>
          {deadline.provisional && deadline.due ? (
            <p class="hint">暂定：{deadline.due.slice(0, 4)}年的节假日安排尚未公布，该日期按法定节假日推算；安排公布后按其重新计算，请以本页届时显示的日期为准。</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The stylesheet of the applicant's pages (a body-ok stylesheet link). */
export function CitizenStyles() {
  return <link rel="stylesheet" href="/assets/citizen.css" />;
}

/** On paper only (the banner is not printed): whose page it is. */
export function PrintHeading(props: { agencyName: string; what: string }) {
  return (
    <p class="print-only" hidden>
      {props.agencyName} · 政府信息公开 · {props.what}
    </p>
  );
}

/** The 打印本页 button (shown by /assets/print.js) and, for a browser without JavaScript, how to print. */
export function PrintTools() {
  return (
    <>
      <p class="hint no-print">
        打印本页：使用浏览器的“打印”功能（电脑上按 Ctrl+P，苹果电脑按 ⌘+P；手机在浏览器菜单中选择“打印”或“分享 → 打印”）。打印时只保留申请信息，不打印导航和表单。
      </p>
      <button type="button" class="secondary no-print" data-print hidden>
        打印本页
      </button>
      <script src="/assets/print.js" defer></script>
    </>
  );
}
