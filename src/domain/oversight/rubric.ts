// The scoring rubric (评分细则) as data an office can read and edit: deductions from a full score, each
// rule naming the finding codes it applies to, points per occurrence (or per day late) and a maximum;
// categories with their own cap; 单项否决 (veto) rules that make the score 0. JSON-serialisable and
// validated here (zod plus the rules between fields), every refusal in Chinese naming the item to fix.
// The default rubric and its reasoning: default-rubric.ts, docs/oversight-rubric.md. Pure.

import { z } from 'zod';
import type { DomainError } from '../applications/types.ts';
import { text } from '../text-rules.ts';
import { FINDING_CODES, isFindingCode, type FindingCode } from './findings.ts';

export const RUBRIC_VERSION = 1;
export const MAX_RUBRIC_RULES = 60;
export const MAX_RUBRIC_CATEGORIES = 12;
export const MAX_CODES_PER_RULE = 30;
/** Codes that carry a number of days: the only codes a per-day rule may name. */
export const DAY_CODES: readonly FindingCode[] = ['LATE'];
/** The codes a rubric must score 0 (单项否决): "a report with no table is an error, never a pass" (issue #13). */
export const MUST_VETO: readonly FindingCode[] = ['NO_TABLES'];

export interface RubricVeto {
  id: string;
  /** in Chinese */
  label: string;
  codes: FindingCode[];
  /** the article or format rule it rests on; readings say so */
  basis?: string;
}

export interface RubricCategory {
  id: string;
  label: string;
  /** the most a category's rules deduct together */
  max: number;
}

export interface RubricRule {
  id: string;
  label: string;
  category: string;
  codes: FindingCode[];
  /** 'finding': points for each finding; 'day': points for each day a LATE finding counts */
  per: 'finding' | 'day';
  points: number;
  /** the most this rule deducts */
  max: number;
  basis?: string;
}

export interface Rubric {
  version: typeof RUBRIC_VERSION;
  title: string;
  /** 满分 */
  full: number;
  /** 及格分: a lower score is 未通过 even without an error */
  passMark: number;
  vetoes: RubricVeto[];
  categories: RubricCategory[];
  rules: RubricRule[];
}

const id = (label: string) =>
  z
    .string({ message: `${label}的编号应为文字` })
    .regex(/^[a-z][a-z0-9-]{0,39}$/, `${label}的编号应由小写英文字母、数字和连字符组成（以字母开头，不超过40个字符），如late-publication`);

const points = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .min(0, `${label}不能为负数`)
    .max(1000, `${label}不能超过1000`)
    .multipleOf(0.5, `${label}应为0.5的整数倍`);

const codes = (label: string) =>
  z
    .array(z.string({ message: `${label}的结论代码应为文字` }).max(40, `${label}的结论代码过长`), { message: `${label}应列出所适用的结论代码` })
    .min(1, `${label}至少要适用一个结论代码`)
    .max(MAX_CODES_PER_RULE, `${label}最多适用${MAX_CODES_PER_RULE}个结论代码`);

const strict = <T extends z.core.$ZodLooseShape>(what: string, shape: T) =>
  z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `${what}中有不认识的项：${issue.keys.join('、')}，请删除` : `${what}应为一组设置项`) });

const veto = strict('单项否决规则', { id: id('单项否决规则'), label: text('单项否决规则名称', 60), codes: codes('单项否决规则'), basis: text('依据', 200).optional() });
const category = strict('扣分类别', { id: id('扣分类别'), label: text('扣分类别名称', 30), max: points('类别扣分上限') });
const rule = strict('扣分规则', {
  id: id('扣分规则'),
  label: text('扣分规则名称', 60),
  category: z.string({ message: '扣分规则应注明所属类别' }),
  codes: codes('扣分规则'),
  per: z.enum(['finding', 'day'], { message: '计扣方式应为“finding”（每个结论）或“day”（每逾期1天）' }).default('finding'),
  points: points('每次扣分'),
  max: points('扣分上限'),
  basis: text('依据', 200).optional(),
});

export const rubricSchema = strict('评分细则', {
  version: z.literal(RUBRIC_VERSION, { message: `评分细则的版本应为${RUBRIC_VERSION}` }),
  title: text('评分细则名称', 60),
  full: z.number({ message: '满分应为数字' }).int('满分应为整数').min(1, '满分应大于0').max(1000, '满分不能超过1000'),
  passMark: points('及格分'),
  vetoes: z.array(veto, { message: '单项否决规则应为一个列表' }).max(MAX_RUBRIC_RULES, `单项否决规则最多${MAX_RUBRIC_RULES}条`),
  categories: z.array(category, { message: '扣分类别应为一个列表' }).min(1, '至少要有一个扣分类别').max(MAX_RUBRIC_CATEGORIES, `扣分类别最多${MAX_RUBRIC_CATEGORIES}个`),
  rules: z.array(rule, { message: '扣分规则应为一个列表' }).max(MAX_RUBRIC_RULES, `扣分规则最多${MAX_RUBRIC_RULES}条`),
}).superRefine((r, ctx) => {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const name = (kind: string, i: number, label: string) => `第${i + 1}条${kind}“${label}”`;
  if (r.passMark > r.full) problem(['passMark'], `及格分${r.passMark}不能高于满分${r.full}`);
  const ids = new Set<string>();
  const taken = new Map<string, string>();
  const entries = [
    ...r.vetoes.map((v, i) => ({ where: ['vetoes', i] as (string | number)[], who: name('单项否决规则', i, v.label), v })),
    ...r.rules.map((v, i) => ({ where: ['rules', i] as (string | number)[], who: name('扣分规则', i, v.label), v })),
  ];
  for (const { where, who, v } of entries) {
    if (ids.has(v.id)) problem([...where, 'id'], `${who}的编号“${v.id}”与另一条规则重复，每条规则的编号应不同`);
    ids.add(v.id);
    v.codes.forEach((code, j) => {
      if (!isFindingCode(code)) problem([...where, 'codes', j], `${who}中的结论代码“${code}”不存在，可用的代码有：${Object.keys(FINDING_CODES).join('、')}`);
      else if (taken.has(code)) problem([...where, 'codes', j], `结论代码“${code}”已由${taken.get(code)}计扣，${who}不能重复计扣同一结论`);
      else taken.set(code, who);
    });
  }
  const categoryIds = new Set<string>();
  r.categories.forEach((c, i) => {
    if (categoryIds.has(c.id)) problem(['categories', i, 'id'], `第${i + 1}个扣分类别的编号“${c.id}”重复`);
    categoryIds.add(c.id);
    if (c.max > r.full) problem(['categories', i, 'max'], `扣分类别“${c.label}”的上限${c.max}不能高于满分${r.full}`);
  });
  r.rules.forEach((rl, i) => {
    const who = name('扣分规则', i, rl.label);
    if (!categoryIds.has(rl.category)) problem(['rules', i, 'category'], `${who}所属的类别“${rl.category}”不存在，应为：${[...categoryIds].join('、')}`);
    if (rl.max < rl.points) problem(['rules', i, 'max'], `${who}的扣分上限${rl.max}小于每次扣分${rl.points}`);
    if (rl.max > r.full) problem(['rules', i, 'max'], `${who}的扣分上限${rl.max}不能高于满分${r.full}`);
    if (rl.per === 'day') {
      const other = rl.codes.find((c) => !DAY_CODES.includes(c as FindingCode));
      if (other !== undefined) problem(['rules', i, 'per'], `${who}按天计扣，只能适用于${DAY_CODES.join('、')}，不能适用于“${other}”`);
    }
  });
  for (const code of MUST_VETO) {
    if (!r.vetoes.some((v) => v.codes.includes(code))) {
      problem(['vetoes'], `结论“${code}”（${FINDING_CODES[code].title}）必须列入单项否决规则：没有表格的报告不能通过，也不能得分`);
    }
  }
});

export type RubricInput = z.input<typeof rubricSchema>;

export interface RubricProblem {
  /** dotted path of the item, e.g. rules.3.points */
  field: string;
  message: string;
}

/** A rubric checked, or every problem with it (the first as the DomainError). */
export function checkRubric(input: unknown): { ok: true; value: Rubric } | { ok: false; error: DomainError; problems: RubricProblem[] } {
  const parsed = rubricSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as Rubric };
  const problems = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const first = problems[0] ?? { field: '', message: '评分细则有误' };
  const more = problems.length > 1 ? `（另有${problems.length - 1}处问题）` : '';
  return { ok: false, error: { code: 'RUBRIC_INVALID', message: `${first.message}${more}`, field: first.field }, problems };
}
