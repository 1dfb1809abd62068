// Notices issued on an application: numbered per agency and year, from the agency's template, with
// the 复议前置 sentence on refusals; DOCX rendered from what the HTML was rendered from.

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { agencySettings, createAgency, updateAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { documentDocx, issueDocument, setTemplate } from '../../src/services/documents.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { engines, useDatabase } from '../support/db.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: '2024-10-25T09:00:00.000Z', today: '2024-10-25', calendar };

describe.each(engines())('documents on %s', (engine) => {
  const ctx = useDatabase(engine);

  it('numbers, renders and stores the notices of an application', async () => {
    const agency = await createAgency(ctx.db, { code: 'docs', name: '某市自然资源局', level: 'department' }, who.now);
    if (!agency.ok) throw new Error(agency.error.message);
    const app = await registerApplication(ctx.db, agency.value.id, { applicantType: 'natural_person', applicantName: '赵六<script>', channel: 'in_person', submittedOn: '2024-09-27', request: '某地块的征收批复' }, who);
    if (!app.ok) throw new Error(app.error.message);
    const ext = await issueDocument(
      ctx.db,
      agency.value.id,
      app.value.id,
      { kind: 'extension_notice', issuedOn: '2024-10-24', values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: '2024-10-24', workingDays: 20 } },
      who,
    );
    if (!ext.ok) throw new Error(ext.error.message);
    expect(ext.value.number).toMatch(/〔2024〕1号$/);
    expect(ext.value.html).toContain('赵六&lt;script&gt;');
    const replied = await recordEvent(ctx.db, agency.value.id, app.value.id, { type: 'reply', occurredOn: '2024-10-25', outcome: 'DENY_STATE_SECRET' }, who);
    if (!replied.ok) throw new Error(replied.error.message);
    const reply = await issueDocument(
      ctx.db,
      agency.value.id,
      app.value.id,
      { kind: 'reply', issuedOn: '2024-10-25', outcome: 'DENY_STATE_SECRET', values: { reason: '经审查，该信息已依法确定为国家秘密', reviewBody: '某市人民政府' } },
      who,
    );
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value.number).toMatch(/〔2024〕2号$/);
    expect(reply.value.html).toContain('应当先申请行政复议');
    expect(reply.value.html).toContain('条例第十四条');
    const docx = await documentDocx(ctx.db, agency.value.id, reply.value.id);
    if (!docx.ok) throw new Error(docx.error.message);
    const xml = await (await JSZip.loadAsync(docx.value.bytes)).file('word/document.xml')?.async('string');
    expect(xml).toContain('应当先申请行政复议');
    // another agency cannot read it
    expect((await documentDocx(ctx.db, agency.value.id + 1, reply.value.id)).ok).toBe(false);
  });

  it('an edited reply template must keep the remedy paragraph; a refused document takes no number', async () => {
    const agency = await createAgency(ctx.db, { code: 'docs2', name: '某县财政局', level: 'department' }, who.now);
    if (!agency.ok) throw new Error(agency.error.message);
    const bad = await setTemplate(ctx.db, agency.value.id, 'reply', '{{applicantName}}：你的申请已收悉。{{basis}}', who);
    expect(bad.ok).toBe(false);
    const app = await registerApplication(ctx.db, agency.value.id, { applicantType: 'commercial', applicantName: '某公司', channel: 'in_person', submittedOn: '2024-10-08', request: '某文件' }, who);
    if (!app.ok) throw new Error(app.error.message);
    const missing = await issueDocument(ctx.db, agency.value.id, app.value.id, { kind: 'reply', issuedOn: '2024-10-25', outcome: 'PARTIAL', values: {} }, who);
    expect(missing.ok).toBe(false);
    const counters = await ctx.db.selectFrom('counters').selectAll().where('agencyId', '=', agency.value.id).where('scope', '=', 'document').execute();
    expect(counters).toEqual([]);
  });

  it('numbers with the agency’s own 文号 prefix (机关代字) once set; the prefix is checked; clearing it derives it again', async () => {
    const agency = await createAgency(ctx.db, { code: 'docs3', name: '某市自然资源和规划局', level: 'department' }, who.now);
    if (!agency.ok) throw new Error(agency.error.message);
    const derived = await agencySettings(ctx.db, 'docs3');
    if (!derived.ok) throw new Error(derived.error.message);
    // suggested from the name, never cut: the place without 市 + the department's known short form
    expect(derived.value).toMatchObject({ documentPrefix: '某自然资规公开', documentPrefixSet: false });
    const app = await registerApplication(ctx.db, agency.value.id, { applicantType: 'natural_person', applicantName: '钱七', channel: 'in_person', submittedOn: '2024-09-27', request: '某规划许可' }, who);
    if (!app.ok) throw new Error(app.error.message);
    const issue = async () => {
      // a fresh application each time: its 补正告知书 issued with the step
      const fresh = await registerApplication(ctx.db, agency.value.id, { applicantType: 'natural_person', applicantName: '钱七', channel: 'in_person', submittedOn: '2024-10-21', request: '某规划许可' }, who);
      if (!fresh.ok) throw new Error(fresh.error.message);
      const r = await issueDocument(
        ctx.db,
        agency.value.id,
        fresh.value.id,
        { kind: 'correction_notice', issuedOn: '2024-10-24', values: { correctionItems: '请写明地块位置' }, step: { type: 'request_correction', occurredOn: '2024-10-24' } },
        who,
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value.number;
    };
    expect(await issue()).toBe('某自然资规公开〔2024〕1号');

    for (const bad of ['某市自规〔', '某市 自规', 'x'.repeat(21), '自规2024', '(自规)']) {
      const refused = await updateAgency(ctx.db, 'docs3', { documentPrefix: bad });
      expect(refused.ok, bad).toBe(false);
      if (!refused.ok) expect(refused.error).toMatchObject({ code: 'INVALID_INPUT', field: 'documentPrefix' });
    }
    const set = await updateAgency(ctx.db, 'docs3', { documentPrefix: ' 某自然资规公开 ' });
    if (!set.ok) throw new Error(set.error.message);
    expect(set.value).toMatchObject({ documentPrefix: '某自然资规公开', documentPrefixSet: true });
    expect(await issue()).toBe('某自然资规公开〔2024〕2号');
    // a new name leaves a set prefix alone; an empty prefix derives it from the (new) name
    const renamed = await updateAgency(ctx.db, 'docs3', { name: '某市规划局' });
    if (!renamed.ok) throw new Error(renamed.error.message);
    expect(renamed.value).toMatchObject({ agency: { name: '某市规划局' }, documentPrefix: '某自然资规公开' });
    const cleared = await updateAgency(ctx.db, 'docs3', { documentPrefix: '' });
    if (!cleared.ok) throw new Error(cleared.error.message);
    expect(cleared.value).toMatchObject({ documentPrefix: '某规划公开', documentPrefixSet: false });
    expect(await issue()).toBe('某规划公开〔2024〕3号');
    expect((await updateAgency(ctx.db, 'docs3', { name: '局' })).ok).toBe(false);
    expect((await updateAgency(ctx.db, 'nope', { name: '某局' })).ok).toBe(false);
  });
});
