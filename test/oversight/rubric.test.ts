// The rubric as data an office edits (src/domain/oversight/rubric.ts): the default is valid and
// survives JSON; a bad rubric is refused with a Chinese message naming the item to fix.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, checkRubric, type RubricInput } from '../../src/domain/oversight/index.ts';

const edit = (change: (r: RubricInput & Record<string, unknown>) => void): unknown => {
  const r = structuredClone(DEFAULT_RUBRIC) as RubricInput & Record<string, unknown>;
  change(r);
  return r;
};
const ruleAt = (r: RubricInput, id: string) => {
  const rule = r.rules.find((x) => x.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

describe('the default rubric', () => {
  it('is valid, and the same after a trip through JSON', () => {
    const checked = checkRubric(JSON.parse(JSON.stringify(DEFAULT_RUBRIC)));
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.value).toEqual(DEFAULT_RUBRIC);
  });

  it('vetoes a report with no table, and no finding code is scored by two rules', () => {
    expect(DEFAULT_RUBRIC.vetoes.some((v) => v.codes.includes('NO_TABLES'))).toBe(true);
    const all = [...DEFAULT_RUBRIC.vetoes, ...DEFAULT_RUBRIC.rules].flatMap((r) => r.codes);
    expect(new Set(all).size).toBe(all.length);
  });

  it('every rule and veto is labelled in Chinese and states its basis', () => {
    for (const r of [...DEFAULT_RUBRIC.vetoes, ...DEFAULT_RUBRIC.rules]) {
      expect(r.label).toMatch(/[\u4e00-\u9fff]/);
      expect(r.basis ?? '').toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('docs/oversight-rubric.md states every rule, veto and category cap as the default rubric has them', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/oversight-rubric.md'), 'utf8');
    for (const r of DEFAULT_RUBRIC.rules) expect(doc).toContain(`| ${r.codes.join(', ')} | ${r.points} | ${r.max} |`);
    for (const v of DEFAULT_RUBRIC.vetoes) expect(doc).toContain(`| ${v.codes.join(', ')} |`);
    for (const c of DEFAULT_RUBRIC.categories) expect(doc).toContain(`${c.label} `);
    for (const c of DEFAULT_RUBRIC.categories) expect(doc).toContain(`（类别上限 ${c.max} / cap ${c.max}）`);
    expect(doc).toContain(`满分 ${DEFAULT_RUBRIC.full} 分，及格 ${DEFAULT_RUBRIC.passMark} 分`);
  });

  it('a rule without `per` counts findings', () => {
    const checked = checkRubric(edit((r) => void delete (ruleAt(r, 'section-missing') as { per?: string }).per));
    expect(checked.ok && checked.value.rules.find((x) => x.id === 'section-missing')?.per).toBe('finding');
  });
});

describe('a bad rubric is refused with a Chinese message naming what to fix', () => {
  const cases: [string, unknown, RegExp, string][] = [
    ['an unknown finding code', edit((r) => ruleAt(r, 'arithmetic').codes.push('R9')), /结论代码“R9”不存在/, 'rules.5.codes.4'],
    ['the no-table veto removed', edit((r) => (r.vetoes = r.vetoes.filter((v) => v.id !== 'no-tables'))), /NO_TABLES.*必须列入单项否决规则/, 'vetoes'],
    ['no-table scored as a mere deduction', edit((r) => {
      r.vetoes = r.vetoes.filter((v) => v.id !== 'no-tables');
      r.rules.push({ id: 'no-tables', label: '没有表格', category: 'completeness', codes: ['NO_TABLES'], points: 5, max: 5 });
    }), /必须列入单项否决规则/, 'vetoes'],
    ['one code in two rules', edit((r) => ruleAt(r, 'prose-vs-tables').codes.push('BLANK')), /结论代码“BLANK”已由.*“单元格空白、未填写数字（每行）”计扣/, 'rules.9.codes.1'],
    ['a per-day rule on a finding that has no days', edit((r) => (ruleAt(r, 'section-missing').per = 'day')), /按天计扣，只能适用于LATE/, 'rules.1.per'],
    ['negative points', edit((r) => (ruleAt(r, 'late').points = -1)), /每次扣分不能为负数/, 'rules.4.points'],
    ['points not in halves', edit((r) => (ruleAt(r, 'late').points = 0.3)), /每次扣分应为0.5的整数倍/, 'rules.4.points'],
    ['points as text', edit((r) => ((ruleAt(r, 'late') as { points: unknown }).points = '1')), /每次扣分应为数字/, 'rules.4.points'],
    ['a maximum under the points', edit((r) => (ruleAt(r, 'arithmetic').max = 2)), /扣分上限2小于每次扣分5/, 'rules.5.max'],
    ['an unknown category', edit((r) => (ruleAt(r, 'late').category = 'speed')), /类别“speed”不存在/, 'rules.4.category'],
    ['a pass mark over the full score', edit((r) => (r.passMark = 120)), /及格分120不能高于满分100/, 'passMark'],
    ['a category cap over the full score', edit((r) => (r.categories[0]!.max = 150)), /上限150不能高于满分100/, 'categories.0.max'],
    ['two rules with one id', edit((r) => (ruleAt(r, 'late').id = 'arithmetic')), /编号“arithmetic”与另一条规则重复/, 'rules.5.id'],
    ['an id in Chinese', edit((r) => (ruleAt(r, 'late').id = '逾期')), /编号应由小写英文字母/, 'rules.4.id'],
    ['an empty code list', edit((r) => (ruleAt(r, 'late').codes = [])), /至少要适用一个结论代码/, 'rules.4.codes'],
    ['a label with a control character', edit((r) => (ruleAt(r, 'late').label = '逾期\u0000发布')), /扣分规则名称含有不可见的控制字符/, 'rules.4.label'],
    ['a label too long', edit((r) => (ruleAt(r, 'late').label = '逾'.repeat(61))), /扣分规则名称最长60个字/, 'rules.4.label'],
    ['an unknown item', edit((r) => (r.bonus = 10)), /评分细则中有不认识的项：bonus/, ''],
    ['an unknown item in a rule', edit((r) => ((ruleAt(r, 'late') as Record<string, unknown>).weight = 2)), /扣分规则中有不认识的项：weight/, 'rules.4'],
    ['another version', edit((r) => ((r as { version: unknown }).version = 2)), /版本应为1/, 'version'],
    ['not an object', 'rubric', /评分细则应为一组设置项/, ''],
    ['no category', edit((r) => (r.categories = [])), /至少要有一个扣分类别/, 'categories'],
  ];

  it.each(cases)('%s', (_name, input, message, field) => {
    const checked = checkRubric(input);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.code).toBe('RUBRIC_INVALID');
    expect(checked.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(checked.problems.map((p) => p.field)).toContain(field);
    expect(checked.error.message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
  });

  it('every problem is listed, the first in the refusal with a count of the others', () => {
    const checked = checkRubric(edit((r) => {
      ruleAt(r, 'late').points = 200;
      r.passMark = 500;
    }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.length).toBeGreaterThanOrEqual(2);
    expect(checked.error.message).toMatch(/另有\d+处问题/);
  });
});
