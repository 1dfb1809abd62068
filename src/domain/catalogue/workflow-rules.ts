// What may be done to a catalogue item in each state (the workflow before and at publication): the
// services refuse anything else, and the staff page offers only these. Pure.
//
//   draft ──submit──▶ in_review ──approve (last stage)──▶ approved ──publish──▶ published ──withdraw──▶ withdrawn
//     ▲                  │ return (退回)                     │ schedule            ▲  │ correct (更正: a new version)
//     └──────────────────┘                                   ▼                     │  └─▶ published
//                                                       scheduled ──(runner / publish now)
//                                                            └─unschedule─▶ approved

import type { ItemState } from './vocab.ts';

export type WorkflowAction = 'edit' | 'disclosure' | 'secrecy' | 'submit' | 'decide' | 'publish' | 'schedule' | 'unschedule' | 'withdraw' | 'correct';

const BY_STATE: Record<ItemState, readonly WorkflowAction[]> = {
  draft: ['edit', 'disclosure', 'secrecy', 'submit'],
  in_review: ['secrecy', 'decide'],
  approved: ['publish', 'schedule'],
  scheduled: ['publish', 'unschedule'],
  published: ['correct', 'withdraw'],
  withdrawn: [],
};

/** The actions the state allows; publication only for 主动公开 (the others are kept, never put in the column). */
export function actionsOf(state: string, disclosure: string | null): WorkflowAction[] {
  const actions = BY_STATE[state as ItemState] ?? [];
  return actions.filter((a) => !((a === 'publish' || a === 'schedule') && disclosure !== '主动公开'));
}

export const STATE_REFUSALS: Record<WorkflowAction, string> = {
  edit: '只有草稿可以修改。',
  disclosure: '公开属性只能在草稿阶段认定；审核中的信息请先退回。',
  secrecy: '保密审查只能在草稿或审核中记录。',
  submit: '只有草稿可以提交审核。',
  decide: '这条信息不在审核中。',
  publish: '只有已签发（或定时发布中）且公开属性为“主动公开”的信息可以发布。',
  schedule: '只有已签发且公开属性为“主动公开”的信息可以定时发布。',
  unschedule: '这条信息没有定时发布。',
  withdraw: '只有已发布的信息可以撤回。',
  correct: '只有已发布的信息可以更正；草稿请直接修改。',
};
