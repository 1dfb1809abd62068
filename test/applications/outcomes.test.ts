// A ledger's 办理结果, 申请人类型 and 申请方式, as offices write them.

import { describe, expect, it } from 'vitest';
import { OUTCOME_ROWS, parseApplicantType, parseChannel, parseOutcomeLabel, rowLabel } from '../../src/domain/applications/outcomes.ts';
import { DEFAULT_OUTCOME_OF_ROW, OUTCOMES, type OutcomeRow } from '../../src/domain/applications/types.ts';
import { APPLICATION_ROWS } from '../../src/domain/report/layout.ts';

const CANONICAL: [OutcomeRow, string][] = [
  ['granted', '予以公开'],
  ['partlyGranted', '部分公开'],
  ['stateSecret', '属于国家秘密'],
  ['lawProhibited', '其他法律行政法规禁止公开'],
  ['threeSecurityOneStability', '危及“三安全一稳定”'],
  ['thirdPartyRights', '保护第三方合法权益'],
  ['internalAffairs', '属于三类内部事务信息'],
  ['processInformation', '属于四类过程性信息'],
  ['enforcementFiles', '属于行政执法案卷'],
  ['administrativeQuery', '属于行政查询事项'],
  ['notHeld', '本机关不掌握相关政府信息'],
  ['needsCreation', '没有现成信息需要另行制作'],
  ['stillUnclear', '补正后申请内容仍不明确'],
  ['petitionComplaint', '信访举报投诉类申请'],
  ['duplicate', '重复申请'],
  ['publication', '要求提供公开出版物'],
  ['massRepeated', '无正当理由大量反复申请'],
  ['confirmOrReissue', '要求行政机关确认或重新出具已获取信息'],
  ['noCorrection', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['unpaidFee', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['other', '其他'],
];

const fullWidth = (s: string) => s.replace(/[!-~]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('parseOutcomeLabel', () => {
  it('has one canonical label per result row, in the order of table 三', () => {
    expect(OUTCOME_ROWS).toEqual(CANONICAL.map(([row]) => row));
    expect(OUTCOME_ROWS).toEqual(APPLICATION_ROWS.filter((r) => r.result).map((r) => r.key));
    for (const [row, label] of CANONICAL) expect(rowLabel(row)).toBe(label);
    // every row has an outcome that stands for it, and that outcome counts in it
    for (const row of OUTCOME_ROWS) expect(OUTCOMES[DEFAULT_OUTCOME_OF_ROW[row]].row).toBe(row);
  });

  it.each(CANONICAL)('reads %s from “%s”', (row, label) => {
    expect(parseOutcomeLabel(label)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(`  ${label}\t`)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(`（一）${label}`)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(`(3)${label}`)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(`1.${label}`)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(`1、${label}`)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(`１．${label}`)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(`（六）2. ${label}`)).toEqual({ ok: true, value: row });
    expect(parseOutcomeLabel(fullWidth(label))).toEqual({ ok: true, value: row });
  });

  it('reads the official row labels of the format, with their ordinals and groups', () => {
    for (const spec of APPLICATION_ROWS.filter((r) => r.result)) {
      expect(parseOutcomeLabel(spec.label)).toEqual({ ok: true, value: spec.key });
      if (spec.group && !spec.group.startsWith('三')) {
        expect(parseOutcomeLabel(`${spec.group}${spec.label}`)).toEqual({ ok: true, value: spec.key });
        expect(parseOutcomeLabel(`${spec.group} ${spec.label}`)).toEqual({ ok: true, value: spec.key });
      }
    }
  });

  it('reads the group name as a prefix (the outcome labels of the reply form)', () => {
    expect(parseOutcomeLabel('不予公开：属于国家秘密')).toEqual({ ok: true, value: 'stateSecret' });
    expect(parseOutcomeLabel('无法提供:本机关不掌握相关政府信息')).toEqual({ ok: true, value: 'notHeld' });
    expect(parseOutcomeLabel('不予处理—重复申请')).toEqual({ ok: true, value: 'duplicate' });
    expect(parseOutcomeLabel('其他处理 其他')).toEqual({ ok: true, value: 'other' });
  });

  it.each([
    '危及"三安全一稳定"',
    "危及'三安全一稳定'",
    '危及＂三安全一稳定＂',
    '危及”三安全一稳定“',
    '危及 “三安全一稳定” ',
    '3.危及“三安全一稳定”',
    '（三）3．危及“三安全一稳定”',
  ])('accepts the quotes of %s', (label) => {
    expect(parseOutcomeLabel(label)).toEqual({ ok: true, value: 'threeSecurityOneStability' });
  });

  it.each([
    ['申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请', 'noCorrection'],
    ['申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请', 'noCorrection'],
    ['申请人无正当理由逾期不补正, 行政机关不再处理其政府信息公开申请', 'noCorrection'],
    ['申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请', 'unpaidFee'],
    ['部分公开（区分处理的，只计这一情形，不计其他情形）', 'partlyGranted'],
    ['部分公开(区分处理的,只计这一情形,不计其他情形)', 'partlyGranted'],
  ] as const)('accepts commas in %s', (label, row) => {
    expect(parseOutcomeLabel(label)).toEqual({ ok: true, value: row });
  });

  it.each(['', '  ', '公开', '不予公开', '其他处理', '（七）总计', '总计', '予以公开了', '属于国家机密', '本年新收政府信息公开申请数量', 'granted'])(
    'refuses “%s”, listing the accepted labels',
    (label) => {
      const r = parseOutcomeLabel(label);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('OUTCOME_NOT_A_ROW_LABEL');
      expect(r.error.field).toBe('outcome');
      for (const [, canonical] of CANONICAL) expect(r.error.message).toContain(`“${canonical}”`);
    },
  );
});

describe('parseApplicantType', () => {
  it.each([
    ['自然人', 'natural_person'],
    ['商业企业', 'commercial'],
    ['科研机构', 'research'],
    ['科研企业', 'research'],
    ['社会公益组织', 'social_welfare'],
    ['法律服务机构', 'legal_service'],
    ['其他', 'other'],
    [' 自 然 人 ', 'natural_person'],
    ['（一）自然人', 'natural_person'],
    ['2.商业企业', 'commercial'],
    ['natural_person', 'natural_person'],
    ['Legal_Service', 'legal_service'],
  ] as const)('reads “%s”', (label, type) => {
    expect(parseApplicantType(label)).toEqual({ ok: true, value: type });
  });

  it.each(['', '个人', '法人', '法人或其他组织', '企业', '总计'])('refuses “%s”', (label) => {
    const r = parseApplicantType(label);
    expect(r).toMatchObject({ ok: false, error: { code: 'APPLICANT_TYPE_UNKNOWN', field: 'applicantType' } });
    if (!r.ok) expect(r.error.message).toContain('“社会公益组织”');
  });
});

describe('parseChannel', () => {
  it.each([
    ['在线', 'online'],
    ['当面', 'in_person'],
    ['邮寄', 'post_signed'],
    ['平信', 'post_ordinary'],
    ['传真', 'fax'],
    ['其他', 'other'],
    [' 传真 ', 'fax'],
    ['1.在线', 'online'],
    ['post_ordinary', 'post_ordinary'],
  ] as const)('reads “%s”', (label, channel) => {
    expect(parseChannel(label)).toEqual({ ok: true, value: channel });
  });

  it.each(['', '网上', '电话', '邮件'])('refuses “%s”', (label) => {
    const r = parseChannel(label);
    expect(r).toMatchObject({ ok: false, error: { code: 'CHANNEL_UNKNOWN', field: 'channel' } });
    if (!r.ok) expect(r.error.message).toContain('“平信”');
  });
});

describe('issue #9: 第三十六条第（四）项 and 第（五）项 are one row of table 三', () => {
  it.each(['信息不存在', '无法提供：不属于本机关负责公开', '非本机关负责公开', '本机关不掌握相关政府信息'])('%s → notHeld', (label) => {
    expect(parseOutcomeLabel(label)).toEqual({ ok: true, value: 'notHeld' });
  });
});
