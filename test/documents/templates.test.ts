// Notice templates (domain.md §1.3–§1.4, §3): the built-ins, the placeholder lists, and the checks on an
// agency's edited template — above all that a reply cannot lose the 复议前置 paragraph {{remedy}}.

import { describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '../../src/domain/applications/types.ts';
import {
  BUILT_IN_TEMPLATES,
  DOCUMENT_KINDS,
  PLACEHOLDERS,
  REPLY_GROUPS,
  capitalYuan,
  placeholdersIn,
  remedyNotice,
  replyBodyFor,
  replyGroup,
  validateTemplate,
} from '../../src/domain/documents/templates.ts';

const ALL_OUTCOMES = Object.keys(OUTCOMES) as Outcome[];

describe('built-in templates', () => {
  it.each(DOCUMENT_KINDS)('%s passes its own check and uses only its placeholders', (kind) => {
    const r = validateTemplate(kind, BUILT_IN_TEMPLATES[kind]);
    expect(r).toEqual({ ok: true, value: BUILT_IN_TEMPLATES[kind] });
    const allowed = PLACEHOLDERS[kind].map((p) => p.name);
    for (const name of placeholdersIn(BUILT_IN_TEMPLATES[kind])) expect(allowed).toContain(name);
  });

  it('the reply has a section per group, and every outcome body keeps {{basis}} and {{remedy}}', () => {
    for (const g of REPLY_GROUPS) expect(BUILT_IN_TEMPLATES.reply).toContain(`{{#${g}}}`);
    for (const o of ALL_OUTCOMES) {
      const body = replyBodyFor(BUILT_IN_TEMPLATES.reply, o);
      expect(placeholdersIn(body)).toEqual(expect.arrayContaining(['basis', 'remedy']));
      expect(body).not.toMatch(/\{\{[#/]/);
    }
  });

  it('groups outcomes as the reply bodies do', () => {
    expect(replyGroup('OPEN_ALREADY_PUBLIC')).toBe('open');
    expect(replyGroup('PARTIAL')).toBe('partial');
    expect(replyGroup('DENY_ADMIN_QUERY')).toBe('deny');
    expect(replyGroup('NOT_HELD')).toBe('unable');
    expect(replyGroup('REJECT_REPEAT')).toBe('reject');
    expect(replyGroup('OTHER_NO_FEE')).toBe('other');
  });

  it('the correction notice states 第三十条 and its consequences', () => {
    const t = BUILT_IN_TEMPLATES.correction_notice;
    expect(t).toContain('第三十条');
    expect(t).toContain('答复期限自本机关收到补正的申请之日起计算');
    expect(t).toContain('视为放弃申请');
  });
});

describe('validateTemplate', () => {
  it('refuses a reply template without {{remedy}}', () => {
    const body = BUILT_IN_TEMPLATES.reply.replace('{{remedy}}', '如不服，可以依法申请行政复议或者提起行政诉讼。');
    const r = validateTemplate('reply', body);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('DOCUMENT_TEMPLATE_REMEDY_MISSING');
      expect(r.error.message).toContain('第二十三条');
    }
  });

  it('refuses a reply template whose {{remedy}} only some outcomes reach', () => {
    const body = BUILT_IN_TEMPLATES.reply.replace('{{remedy}}', '').replace('{{/open}}', '{{remedy}}\n{{/open}}');
    const r = validateTemplate('reply', body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('DOCUMENT_TEMPLATE_REMEDY_MISSING');
  });

  it('refuses a reply template without {{basis}}', () => {
    const r = validateTemplate('reply', '{{finding}}。{{remedy}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('DOCUMENT_TEMPLATE_REQUIRED_MISSING');
  });

  it('accepts a short reply template with {{basis}} and {{remedy}}, normalising line ends', () => {
    expect(validateTemplate('reply', '  经审查，{{finding}}。根据{{basis}}，{{decision}}。\r\n{{remedy}}  \r\n')).toEqual({
      ok: true,
      value: '经审查，{{finding}}。根据{{basis}}，{{decision}}。\n{{remedy}}',
    });
  });

  it('refuses unknown placeholders, naming them', () => {
    const r = validateTemplate('correction_notice', `${BUILT_IN_TEMPLATES.correction_notice}\n{{applicantPhone}}`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('DOCUMENT_TEMPLATE_UNKNOWN_PLACEHOLDER');
      expect(r.error.message).toContain('{{applicantPhone}}');
    }
    // a placeholder of another kind is unknown here
    const fee = validateTemplate('extension_notice', '{{amount}}');
    expect(fee.ok).toBe(false);
  });

  it.each(['{{reason', '{{ 申请人 }}', 'reason}}', '{{#deny}}x{{/deny}}'])('refuses the malformed %j outside a reply', (bad) => {
    const r = validateTemplate('extension_notice', `因${bad}延期。`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('DOCUMENT_TEMPLATE_MALFORMED');
  });

  it('refuses bad sections in a reply', () => {
    for (const bad of ['{{#deny}}x', '{{/deny}}', '{{#deny}}{{#open}}{{/open}}{{/deny}}', '{{#secret}}x{{/secret}}', '{{#deny}}x{{/open}}']) {
      const r = validateTemplate('reply', `${bad}\n{{basis}}{{remedy}}`);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.code, bad).toBe('DOCUMENT_TEMPLATE_SECTION_INVALID');
    }
  });

  it('selects the group and the outcome sections', () => {
    const t = '头{{basis}}\n{{#deny}}甲{{/deny}}{{#DENY_STATE_SECRET}}乙{{/DENY_STATE_SECRET}}{{#open}}丙{{/open}}\n{{remedy}}';
    expect(validateTemplate('reply', t).ok).toBe(true);
    expect(replyBodyFor(t, 'DENY_STATE_SECRET')).toBe('头{{basis}}\n甲乙\n{{remedy}}');
    expect(replyBodyFor(t, 'DENY_THIRD_PARTY')).toBe('头{{basis}}\n甲\n{{remedy}}');
    expect(replyBodyFor(t, 'OPEN_PROVIDE')).toBe('头{{basis}}\n丙\n{{remedy}}');
  });

  it('refuses empty bodies', () => {
    expect(validateTemplate('fee_notice', ' \n ').ok).toBe(false);
  });
});

describe('remedyNotice', () => {
  it.each(ALL_OUTCOMES)('%s', (o) => {
    const text = remedyNotice(o, '某市人民政府');
    expect(text).toContain('六十日内向某市人民政府申请行政复议');
    if (OUTCOMES[o].reconsiderationFirst) {
      expect(text).toContain('应当先申请行政复议');
      expect(text).toContain('《中华人民共和国行政复议法》第二十三条');
      expect(text).toContain('十五日内');
    } else {
      expect(text).not.toContain('应当先申请行政复议');
      expect(text).toContain('六个月内');
    }
  });

  it('words 部分公开 for the part withheld', () => {
    expect(remedyNotice('PARTIAL', 'X')).toContain('对本机关不予公开部分政府信息的决定不服的，应当先申请行政复议');
  });
});

describe('capitalYuan', () => {
  it.each([
    [0, '零元整'],
    [10, '壹拾元整'],
    [100, '壹佰元整'],
    [1010, '壹仟零壹拾元整'],
    [2000, '贰仟元整'],
    [3050, '叁仟零伍拾元整'],
    [10000, '壹万元整'],
    [100200, '壹拾万零贰佰元整'],
    [1000001, '壹佰万零壹元整'],
    [12345678, '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元整'],
    [100000001, '壹亿零壹元整'],
    [110000000, '壹亿壹仟万元整'],
  ])('%i → %s', (n, s) => {
    expect(capitalYuan(n)).toBe(s);
  });

  it('refuses fractions and negatives', () => {
    expect(() => capitalYuan(1.5)).toThrow(RangeError);
    expect(() => capitalYuan(-1)).toThrow(RangeError);
  });
});
