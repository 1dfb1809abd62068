// The review chain (三审: 初审、复审、签发, domain.md §6.1) as data: its stages, who acts at each (roles),
// whether a stage belongs to the agency's own office or to its parent's (a department's items reviewed and
// published by the government's office), and whether one person may approve two stages of a version.
// One chain per agency and subject (catalogue items now; the annual report and 政务新媒体 posts later).
// Pure: the roles a stage may name are passed in (services/accounts/roles.ts holds them).

import { z } from 'zod';
import type { DomainError, DomainResult } from '../applications/types.ts';
import { text } from '../text-rules.ts';

export const REVIEW_SUBJECTS = ['catalogue', 'annual_report', 'new_media'] as const;
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];
export const REVIEW_SUBJECT_LABELS: Record<ReviewSubject, string> = { catalogue: '主动公开信息', annual_report: '年度报告', new_media: '政务新媒体信息' };

export type StageAgency = 'self' | 'parent';
export const STAGE_AGENCY_LABELS: Record<StageAgency, string> = { self: '本机关', parent: '上级机关（如政府办公室、政务公开服务中心）' };

export interface ChainStage {
  /** 初审, 复审, 签发 … */
  name: string;
  /** the roles (services/accounts/roles.ts) whose members act at this stage */
  roles: string[];
  /** whose members: the subject's agency or its parent */
  agency: StageAgency;
}

export interface ChainDefinition {
  stages: ChainStage[];
  /** whether one person may approve two stages of the same version (default no) */
  allowSamePerson: boolean;
}

/** The default chain: 科室负责人初审、办公室（综合科）复审、分管领导签发 (the seed report's practice). */
export const DEFAULT_CHAIN: ChainDefinition = {
  stages: [
    { name: '初审', roles: ['section_head'], agency: 'self' },
    { name: '复审', roles: ['office'], agency: 'self' },
    { name: '签发', roles: ['leader'], agency: 'self' },
  ],
  allowSamePerson: false,
};

export const MAX_STAGES = 6;

export const chainInput = z.object({
  stages: z
    .array(
      z.object({
        name: text('环节名称', 20),
        roles: z.array(text('角色', 40)).max(10, '每个环节最多选择10个角色'),
        agency: z.enum(['self', 'parent'], { message: '审核机关应为“本机关”或“上级机关”' }),
      }),
      { message: '请填写审核环节' },
    )
    .max(MAX_STAGES, `审核环节最多${MAX_STAGES}个`),
  allowSamePerson: z.boolean({ message: '“允许同一人审核多个环节”应为是或否' }),
});
export type ChainInput = z.input<typeof chainInput>;

const refusal = (code: string, message: string, field: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

/**
 * The meaning of a chain: at least one stage, each named (names distinct) with at least one known role;
 * a stage of the parent agency only where there is one.
 */
export function checkChain(input: z.output<typeof chainInput>, ctx: { roles: readonly string[]; roleLabels: Record<string, string>; hasParent: boolean }): DomainResult<ChainDefinition> {
  const stages = input.stages.map((s) => ({ name: s.name.trim(), roles: [...new Set(s.roles.map((r) => r.trim()))], agency: s.agency }));
  if (stages.length === 0) return refusal('CHAIN_EMPTY', '审核流程至少要有一个环节。', 'stages');
  for (const [i, s] of stages.entries()) {
    const n = i + 1;
    if (s.name === '') return refusal('STAGE_NAME_REQUIRED', `请填写第${n}个环节的名称（如初审、复审、签发）。`, `stages.${i}.name`);
    if (stages.findIndex((o) => o.name === s.name) !== i) return refusal('STAGE_NAME_TAKEN', `环节名称“${s.name}”重复，请为每个环节取不同的名称。`, `stages.${i}.name`);
    if (s.roles.length === 0) return refusal('STAGE_ROLES_REQUIRED', `请为第${n}个环节“${s.name}”选择至少一个可以审核的角色。`, `stages.${i}.roles`);
    const unknown = s.roles.find((r) => !ctx.roles.includes(r));
    if (unknown !== undefined) return refusal('UNKNOWN_ROLE', `第${n}个环节的角色“${unknown}”不存在，应为：${ctx.roles.map((r) => ctx.roleLabels[r] ?? r).join('、')}。`, `stages.${i}.roles`);
    if (s.agency === 'parent' && !ctx.hasParent) return refusal('NO_PARENT_AGENCY', `本机关没有上级机关，第${n}个环节“${s.name}”不能由上级机关审核。`, `stages.${i}.agency`);
  }
  return { ok: true, value: { stages, allowSamePerson: input.allowSamePerson } };
}

/** A stored chain (jsonb) read back: the stages, or null when the value is not a chain. */
export function parseStages(value: unknown): ChainStage[] | null {
  if (!Array.isArray(value)) return null;
  const out: ChainStage[] = [];
  for (const s of value as unknown[]) {
    if (s === null || typeof s !== 'object') return null;
    const { name, roles, agency } = s as Record<string, unknown>;
    if (typeof name !== 'string' || !Array.isArray(roles) || !roles.every((r) => typeof r === 'string') || (agency !== 'self' && agency !== 'parent')) return null;
    out.push({ name, roles: roles as string[], agency });
  }
  return out.length > 0 ? out : null;
}
