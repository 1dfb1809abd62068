// The annual report's sign-off as data (issue #12): the states of an agency's report on a year in the
// report workspace and what may be done in each. Pure. services/report-signoff.ts keeps the state in
// report_drafts and runs the review chain (subject 'annual_report', domain/review/chain.ts).
//
//   drafting ──提交审核──▶ in_review ──(last stage 同意: 签发)──▶ approved ──发布──▶ published
//      ▲                      │ 退回 / 撤回送审                    │ 撤回签发            │ 更正
//      └──────────────────────┴──────────────────────────────────┴────────────────────┘
//
// What goes round the chain is a snapshot of the draft taken at submission; the reviewers approve that
// snapshot and publication publishes it, so a record changed after submission changes nothing signed.

export const SIGNOFF_STATES = ['drafting', 'in_review', 'approved', 'published'] as const;
export type SignoffState = (typeof SIGNOFF_STATES)[number];

export const SIGNOFF_STATE_LABELS: Record<SignoffState | 'none', string> = {
  none: '起草中（尚未提交审核）',
  drafting: '起草中',
  in_review: '审核中',
  approved: '已签发，待发布',
  published: '已发布',
};

export type SignoffAction = 'submit' | 'withdraw' | 'decide' | 'publish' | 'correct';

export const SIGNOFF_ACTION_LABELS: Record<SignoffAction, string> = {
  submit: '提交审核',
  withdraw: '撤回',
  decide: '审核',
  publish: '发布',
  correct: '更正',
};

export function isSignoffState(value: string): value is SignoffState {
  return (SIGNOFF_STATES as readonly string[]).includes(value);
}

/** The actions a state allows (who may take them is the service's and the page's concern). */
export function signoffActions(state: SignoffState | null): SignoffAction[] {
  switch (state) {
    case null:
    case 'drafting':
      return ['submit'];
    case 'in_review':
      return ['decide', 'withdraw'];
    case 'approved':
      return ['publish', 'withdraw'];
    case 'published':
      return ['correct'];
  }
}

/** The refusal of an action the state does not allow, in words of what the state is. */
export function stateRefusal(state: SignoffState | null, action: SignoffAction): string {
  const now = SIGNOFF_STATE_LABELS[state ?? 'none'];
  switch (action) {
    case 'submit':
      return `年度报告当前为“${now}”，不能再次提交审核${state === 'published' ? '；如需更正，请先点击“更正已发布的报告”' : ''}。`;
    case 'withdraw':
      return `年度报告当前为“${now}”，没有可撤回的送审或签发。`;
    case 'decide':
      return `年度报告当前为“${now}”，没有等待审核的版本。请刷新页面查看最新状态。`;
    case 'publish':
      return `年度报告当前为“${now}”，只有审核流程最后一个环节（签发）同意后才能发布。`;
    case 'correct':
      return `年度报告当前为“${now}”，只有已发布的报告才能更正。`;
  }
}
