// Issue #9: notices bound to the record. A 答复告知书 is the reply (one per application, nothing the state
// does not allow); a correction of a reply is its own step and supersedes the old notice; the 补正, 延期 and
// 征询 notices come with their step, their dates computed from the clocks; an extension after the reply
// period is refused; the 征询函 goes to the party named. Every refusal leaves the database unchanged.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { agencySettings, createAgency, updateAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import type { Actor } from '../../src/services/applications.ts';
import { viewApplication } from '../../src/services/application-view.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { publicStatusOf } from '../../src/services/public-applications.ts';
import { importLedger } from '../../src/services/ledger.ts';
import { computeTableThree } from '../../src/services/table-three.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const on = (today: string): Actor => ({ actor: 'tester', now: `${today}T09:00:00.000Z`, today, calendar });
const who = on('2024-12-20');

describe.each(engines())('notices bound to the record on %s', (engine) => {
  const ctx = useDatabase(engine);
  let agencyId = 0;
  const register = async (number: string, receivedOn = '2024-10-08') => {
    const r = await registerApplication(ctx.db, agencyId, { number, applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: receivedOn, request: '某地块的征收批复' }, on(receivedOn));
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };
  const refusedUnchanged = async (act: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>, code: string) => {
    const before = await snapshot(ctx.db);
    const r = await act();
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe(code);
    expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await snapshot(ctx.db)).toBe(before);
    return r.error?.message ?? '';
  };

  beforeAll(async () => {
    const a = await createAgency(ctx.db, { code: 'notices', name: '示范市自然资源和规划局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    const set = await updateAgency(ctx.db, 'notices', { reconsiderationBody: '示范市人民政府', court: '示范市示范区人民法院' });
    if (!set.ok) throw new Error(set.error.message);
  });

  it('one application still 已登记 takes one reply: the notice records it; a second, or one without its step, is refused', async () => {
    const id = await register('R-1');
    const values = { reason: '经审查，该信息可以公开', deliveryMethod: '电子邮件', deliveryPlace: '申请时登记的电子邮箱', deliveryTime: '与本告知书一并发送' };
    // a reply notice without the reply: refused (it used to go out, leaving the application 已登记)
    await refusedUnchanged(() => issueDocument(ctx.db, agencyId, id, { kind: 'reply', issuedOn: '2024-10-20', outcome: 'OPEN_PROVIDE', values }, who), 'NOTICE_STEP_NOT_ALLOWED');
    const reply = await issueDocument(ctx.db, agencyId, id, { kind: 'reply', issuedOn: '2024-10-21', values, step: { type: 'reply', occurredOn: '2024-10-21', outcome: 'OPEN_PROVIDE' } }, who);
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value.html).toContain('示范市人民政府申请行政复议');
    expect(reply.value.html).toContain('示范市示范区人民法院');
    const app = await ctx.db.selectFrom('applications').select(['state', 'outcome', 'closedOn']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(app).toEqual({ state: 'replied', outcome: 'OPEN_PROVIDE', closedOn: '2024-10-21' });
    // a contradictory second reply, with or without its step
    await refusedUnchanged(
      () => issueDocument(ctx.db, agencyId, id, { kind: 'reply', issuedOn: '2024-10-22', values, step: { type: 'reply', occurredOn: '2024-10-22', outcome: 'DENY_STATE_SECRET' } }, who),
      'ILLEGAL_TRANSITION',
    );
    const second = await refusedUnchanged(() => issueDocument(ctx.db, agencyId, id, { kind: 'reply', issuedOn: '2024-10-22', outcome: 'REJECT_REPEAT', values }, who), 'NOTICE_ALREADY_ISSUED');
    expect(second).toContain('更正答复');
  });

  it('a reply from a state that does not allow it (待补正) is refused and changes nothing', async () => {
    const id = await register('R-2');
    const r = await issueDocument(ctx.db, agencyId, id, { kind: 'correction_notice', issuedOn: '2024-10-10', values: { correctionItems: '请写明地块的位置' }, step: { type: 'request_correction', occurredOn: '2024-10-10', workingDays: 10 } }, who);
    if (!r.ok) throw new Error(r.error.message);
    // 补正期限: 10 working days from 10-10 (10-12 a make-up Saturday) → 10-23, computed, printed
    expect(r.value.html).toContain('请您于2024年10月23日前向本机关提交补正后的申请');
    await refusedUnchanged(
      () => issueDocument(ctx.db, agencyId, id, { kind: 'reply', issuedOn: '2024-10-11', values: { reason: '无' }, step: { type: 'reply', occurredOn: '2024-10-11', outcome: 'NOT_HELD' } }, who),
      'ILLEGAL_TRANSITION',
    );
    await refusedUnchanged(() => issueDocument(ctx.db, agencyId, id, { kind: 'extension_notice', issuedOn: '2024-10-11', values: { reason: '需要调取档案' } }, who), 'NOTICE_STEP_NOT_ALLOWED');
    await refusedUnchanged(() => issueDocument(ctx.db, agencyId, id, { kind: 'correction_notice', issuedOn: '2024-10-11', values: { correctionItems: '再补' } }, who), 'NOTICE_ALREADY_ISSUED');
  });

  it('a 延期答复告知书 prints the due date of the recorded extension, never a typed one', async () => {
    const id = await register('E-1');
    // no extension recorded: the notice promising 2027-08-01 no longer goes out
    await refusedUnchanged(
      () => issueDocument(ctx.db, agencyId, id, { kind: 'extension_notice', issuedOn: '2024-10-24', values: { reason: '需要调取档案', workingDays: '20', dueOn: '2027-08-01' } }, who),
      'NOTICE_STEP_NOT_ALLOWED',
    );
    const r = await issueDocument(
      ctx.db,
      agencyId,
      id,
      { kind: 'extension_notice', issuedOn: '2024-10-24', values: { reason: '需要调取档案', dueOn: '2027-08-01' }, step: { type: 'approve_extension', occurredOn: '2024-10-24', workingDays: 15 } },
      who,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.html).not.toContain('2027');
    // reply due 2024-11-04 (20 working days from 10-08, 10-12 a make-up Saturday) + 15 → 11-25
    expect(r.value.html).toContain('答复期限延长15个工作日，本机关将于2024年11月25日前作出答复');
    expect(r.value.eventSeq).toBe(2);
  });

  it('an extension decided after the original due date is refused, citing 第三十三条; the ledger keeps such a row, flagged 超期', async () => {
    const id = await register('E-2');
    const message = await refusedUnchanged(() => recordEvent(ctx.db, agencyId, id, { type: 'approve_extension', occurredOn: '2024-11-05', workingDays: 20 }, who), 'EXTENSION_AFTER_DUE');
    expect(message).toContain('第三十三条');
    expect(message).toContain('2024-11-04');
    await refusedUnchanged(
      () => issueDocument(ctx.db, agencyId, id, { kind: 'extension_notice', issuedOn: '2024-11-05', values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: '2024-11-05' } }, who),
      'EXTENSION_AFTER_DUE',
    );
    const view = await viewApplication(ctx.db, agencyId, { id }, { calendar, today: '2024-11-05' });
    expect(view.ok && view.value.clocks?.find((c) => c.id === 'reply')?.state).toBe('overdue');

    const csv = ['编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果', 'L-9,自然人,李四,,当面,2024-10-08,某文件,,,2024-11-06,2024-11-20,予以公开'].join('\n');
    const imported = await importLedger(ctx.db, agencyId, new TextEncoder().encode(csv), 'ledger.csv', who);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.value.warnings).toEqual([expect.objectContaining({ line: 2, column: '延期告知日期', message: expect.stringContaining('超期') })]);
    const event = await ctx.db
      .selectFrom('applicationEvents as e')
      .innerJoin('applications as a', 'a.id', 'e.applicationId')
      .select('e.data')
      .where('a.number', '=', 'L-9')
      .where('e.type', '=', 'approve_extension')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ afterDue: true });
  });

  it('a lapsed correction before the correction period ends is refused; the ledger keeps such a row, flagged', async () => {
    const id = await register('LC-1');
    const r = await recordEvent(ctx.db, agencyId, id, { type: 'request_correction', occurredOn: '2024-10-09', workingDays: 15 }, who);
    if (!r.ok) throw new Error(r.error.message);
    const message = await refusedUnchanged(() => recordEvent(ctx.db, agencyId, id, { type: 'lapse_correction', occurredOn: '2024-10-21' }, who), 'LAPSE_BEFORE_DUE');
    expect(message).toContain('条例第三十条');

    const csv = ['编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果', 'L-10,自然人,李四,,当面,2024-10-08,某文件,2024-10-09,,,2024-10-21,申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'].join('\n');
    const imported = await importLedger(ctx.db, agencyId, new TextEncoder().encode(csv), 'ledger.csv', who);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.value.warnings).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('补正期限未满') })]);
    const event = await ctx.db
      .selectFrom('applicationEvents as e')
      .innerJoin('applications as a', 'a.id', 'e.applicationId')
      .select('e.data')
      .where('a.number', '=', 'L-10')
      .where('e.type', '=', 'lapse_correction')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ beforeDue: true });
  });

  it('a ledger row 不属于本机关负责公开 imports as 第三十六条第（五）项, counted in row （四）1', async () => {
    const csv = ['编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果', 'L-11,自然人,李四,,当面,2024-10-08,某文件,,,,2024-10-21,不属于本机关负责公开'].join('\n');
    const imported = await importLedger(ctx.db, agencyId, new TextEncoder().encode(csv), 'ledger.csv', who);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const row = await ctx.db.selectFrom('applications').select(['outcome', 'outcomeRow', 'legalBasis']).where('agencyId', '=', agencyId).where('number', '=', 'L-11').executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome: 'NOT_RESPONSIBLE', outcomeRow: 'notHeld', legalBasis: '条例第三十六条第（五）项' });
  });

  it('the 征询函 is addressed to the party named, with its 15 working days from receipt', async () => {
    const id = await register('C-1');
    const r = await issueDocument(
      ctx.db,
      agencyId,
      id,
      {
        kind: 'consultation_letter',
        issuedOn: '2024-10-10',
        values: { reason: '申请人申请公开贵公司提交的用地申请材料' },
        step: { type: 'start_consultation', occurredOn: '2024-10-10', party: 'third_party', partyName: '示范市某某房地产开发有限公司', letterReceivedOn: '2024-10-11' },
      },
      who,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.html).toContain('<p class="gk-addressee">示范市某某房地产开发有限公司：</p>');
    expect(r.value.html).not.toContain('third_party');
    // 15 working days from 10-11 → 10-31
    expect(r.value.html).toContain('自收到本函之日起15个工作日内（即2024年10月31日前）');
  });

  it('a notice for a step recorded without one is issued once, filled from the step', async () => {
    const id = await register('C-2');
    const step = await recordEvent(ctx.db, agencyId, id, { type: 'start_consultation', occurredOn: '2024-10-10', party: 'other_agency', partyName: '示范市住房和城乡建设局' }, who);
    if (!step.ok) throw new Error(step.error.message);
    const r = await issueDocument(ctx.db, agencyId, id, { kind: 'consultation_letter', issuedOn: '2024-10-10', values: { reason: '该信息由两机关共同制作' } }, who);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.html).toContain('示范市住房和城乡建设局：');
    expect(r.value.title).toBe('政府信息公开征求意见函');
    // receipt not recorded: the period in words only, never a date counted from the dispatch
    expect(r.value.html).toContain('贵机关自收到本函之日起15个工作日内，以书面形式');
  });

  it('a correction of a reply replaces the outcome (table 三 follows it) and keeps the old notice, superseded', async () => {
    const id = await register('X-1');
    const first = await issueDocument(
      ctx.db,
      agencyId,
      id,
      { kind: 'reply', issuedOn: '2024-10-21', values: { reason: '经检索未找到' }, step: { type: 'reply', occurredOn: '2024-10-21', outcome: 'NOT_HELD' } },
      who,
    );
    if (!first.ok) throw new Error(first.error.message);
    const before = await computeTableThree(ctx.db, 2024, { agencyId });
    const notHeld = before.get(agencyId)?.unableToProvide.notHeld[0] ?? 0;
    await refusedUnchanged(
      () => issueDocument(ctx.db, agencyId, id, { kind: 'reply', issuedOn: '2024-10-25', values: {}, step: { type: 'correct_reply', occurredOn: '2024-10-25', outcome: 'NOT_RESPONSIBLE' } }, who),
      'CORRECTION_REASON_REQUIRED',
    );
    // 第三十六条第（五）项 needs the responsible organ when it can be determined
    await refusedUnchanged(
      () =>
        issueDocument(
          ctx.db,
          agencyId,
          id,
          { kind: 'reply', issuedOn: '2024-10-25', values: { reason: '该信息由其他机关制作' }, step: { type: 'correct_reply', occurredOn: '2024-10-25', outcome: 'NOT_RESPONSIBLE', note: '原答复依据有误' } },
          who,
        ),
      'RESPONSIBLE_ORGAN_REQUIRED',
    );
    const corrected = await issueDocument(
      ctx.db,
      agencyId,
      id,
      {
        kind: 'reply',
        issuedOn: '2024-10-25',
        values: { reason: '该信息由示范市住房和城乡建设局制作并保存', responsibleOrgan: '示范市住房和城乡建设局', responsibleContact: '0000-1234567' },
        step: { type: 'correct_reply', occurredOn: '2024-10-25', outcome: 'NOT_RESPONSIBLE', note: '原答复依据有误' },
      },
      who,
    );
    if (!corrected.ok) throw new Error(corrected.error.message);
    expect(corrected.value.supersedes).toBe(first.value.id);
    expect(corrected.value.html).toContain('该政府信息由示范市住房和城乡建设局负责公开，联系方式：0000-1234567');
    const app = await ctx.db.selectFrom('applications').select(['outcome', 'outcomeRow', 'closedOn']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(app).toEqual({ outcome: 'NOT_RESPONSIBLE', outcomeRow: 'notHeld', closedOn: '2024-10-21' });
    // NOT_HELD and NOT_RESPONSIBLE are one row of table 三: the count is unchanged
    const after = await computeTableThree(ctx.db, 2024, { agencyId });
    expect(after.get(agencyId)?.unableToProvide.notHeld[0]).toBe(notHeld);
    const view = await viewApplication(ctx.db, agencyId, { id }, { calendar, today: '2024-10-25' });
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.documents.map((d) => [d.id, d.supersededBy])).toEqual([
      [first.value.id, corrected.value.id],
      [corrected.value.id, null],
    ]);
    // the applicant's status page: both notices, the old one marked; the correction told in words
    const status = await publicStatusOf(ctx.db, { agency: { id: agencyId, code: 'x', name: 'x' }, applicationId: id }, '2024-10-25', calendar);
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.documents.map((d) => [d.id, d.superseded])).toEqual([
      [first.value.id, true],
      [corrected.value.id, false],
    ]);
    expect(status.value.timeline.map((t) => t.text).join('')).toContain('本机关更正了答复');
    expect(status.value.timeline.map((t) => t.text).join('')).not.toContain('办理进展已更新');
  });

  it('the fee window runs from the recorded receipt of the 收费通知', async () => {
    const id = await register('F-1');
    const sent = await recordEvent(ctx.db, agencyId, id, { type: 'send_fee_notice', occurredOn: '2024-10-10', delivery: 'post' }, who);
    if (!sent.ok) throw new Error(sent.error.message);
    const waiting = await viewApplication(ctx.db, agencyId, { id }, { calendar, today: '2024-10-15' });
    expect(waiting.ok && waiting.value.clocks?.find((c) => c.id === 'fee_payment')?.due).toBeNull();
    const signed = await recordEvent(ctx.db, agencyId, id, { type: 'receive_fee_notice', occurredOn: '2024-10-14' }, who);
    if (!signed.ok) throw new Error(signed.error.message);
    await refusedUnchanged(() => recordEvent(ctx.db, agencyId, id, { type: 'receive_fee_notice', occurredOn: '2024-10-15' }, who), 'FEE_NOTICE_ALREADY_RECEIVED');
    const running = await viewApplication(ctx.db, agencyId, { id }, { calendar, today: '2024-10-15' });
    // 20 working days from 10-14 → 11-11
    expect(running.ok && running.value.clocks?.find((c) => c.id === 'fee_payment')?.due).toBe('2024-11-11');
  });

  it('a due date in a year whose holiday notice is not loaded (2027): the extension is in time, the notice states the period in words', async () => {
    const id = await register('Y-1', '2026-12-15');
    const r = await issueDocument(
      ctx.db,
      agencyId,
      id,
      { kind: 'extension_notice', issuedOn: '2026-12-18', values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: '2026-12-18', workingDays: 20 } },
      on('2026-12-18'),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.html).toContain('本机关将在原答复期限届满后20个工作日内');
    expect(r.value.html).not.toMatch(/2027年/);
    expect(r.value.html).not.toContain('gongkai');
  });

  it('the agency’s settings: 复议机关 and court set once, the readings on by default', async () => {
    const s = await agencySettings(ctx.db, 'notices');
    expect(s.ok && s.value).toMatchObject({ reconsiderationBody: '示范市人民政府', court: '示范市示范区人民法院', extensionWithinPeriod: true, feeWindowFromReceipt: true, documentPrefix: '示范自然资规公开' });
  });
});
