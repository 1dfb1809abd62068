// Notices issued on an application: numbered per agency and year, from the agency's template, with
// the 复议前置 sentence on refusals; DOCX rendered from what the HTML was rendered from; the contact line
// and the agency's name as they were when the notice was issued.

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { agencySettings, createAgency, updateAgency } from '../../src/services/agencies.ts';
import { updateSite } from '../../src/services/agency-site.ts';
import { noticePage } from '../../src/services/notices.ts';
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

  it('prints the contact line of the site profile as it was when issued; none when the profile has none', async () => {
    const agency = await createAgency(ctx.db, { code: 'docs4', name: '示范市人民政府办公室', level: 'government' }, who.now);
    if (!agency.ok) throw new Error(agency.error.message);
    const id = agency.value.id;
    const fresh = async () => {
      const app = await registerApplication(ctx.db, id, { applicantType: 'natural_person', applicantName: '孙八', channel: 'in_person', submittedOn: '2024-10-21', request: '某规划许可' }, who);
      if (!app.ok) throw new Error(app.error.message);
      return app.value.id;
    };
    const issue = async (applicationId: number) => {
      const r = await issueDocument(
        ctx.db,
        id,
        applicationId,
        { kind: 'correction_notice', issuedOn: '2024-10-24', values: { correctionItems: '请写明地块位置' }, step: { type: 'request_correction', occurredOn: '2024-10-24' } },
        who,
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const docxText = async (documentId: number) => {
      const docx = await documentDocx(ctx.db, id, documentId);
      if (!docx.ok) throw new Error(docx.error.message);
      return (await (await JSZip.loadAsync(docx.value.bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    };
    const page = async (applicationId: number) => {
      const p = await noticePage(ctx.db, id, applicationId, 'correction_notice', { calendar, today: who.today, approve: true });
      if (!p.ok) throw new Error(p.error.message);
      return p.value;
    };
    const actor = { userId: null };

    // no profile: no contact line anywhere, and the form is told
    const before = await fresh();
    expect((await page(before)).contactLine).toBeNull();
    const bare = await issue(before);
    expect(bare.html).not.toContain('gk-contact');
    expect(bare.html).not.toContain('联系机构');
    expect(await docxText(bare.id)).not.toContain('联系');
    expect(bare.inputs).toMatchObject({ contactLine: null, agencyName: '示范市人民政府办公室' });

    // a profile: the line is printed and stored with the notice
    const set = await updateSite(ctx.db, 'docs4', { officeName: '示范市人民政府办公室', address: '示范市人民路1号', postcode: '755000', phone: '0955-7012345' }, actor, who.now);
    if (!set.ok) throw new Error(set.error.message);
    const line = '联系机构：示范市人民政府办公室；地址：示范市人民路1号（邮政编码：755000）；联系电话：0955-7012345';
    const first = await fresh();
    expect((await page(first)).contactLine).toBe(line);
    const issued = await issue(first);
    expect(issued.html).toContain(`<p class="gk-contact">${line}</p>`);
    expect(issued.inputs).toMatchObject({ contactLine: line });
    expect(await docxText(issued.id)).toContain(line);

    // the office moves and the agency is renamed: the notice issued before keeps its line and its name,
    // in the stored HTML and in the DOCX rendered now; a new notice prints the new line
    const moved = await updateSite(ctx.db, 'docs4', { address: '示范市新区政务服务中心3楼', phone: '0955-7099999' }, actor, who.now);
    if (!moved.ok) throw new Error(moved.error.message);
    const renamed = await updateAgency(ctx.db, 'docs4', { name: '示范市人民政府' });
    if (!renamed.ok) throw new Error(renamed.error.message);
    const stored = await ctx.db.selectFrom('documents').select('html').where('id', '=', issued.id).executeTakeFirstOrThrow();
    expect(stored.html).toBe(issued.html);
    const old = await docxText(issued.id);
    expect(old).toContain(line);
    expect(old).not.toContain('新区');
    expect(old).toContain('示范市人民政府办公室2024年10月24日');
    const later = await issue(await fresh());
    const newLine = '联系机构：示范市人民政府办公室；地址：示范市新区政务服务中心3楼（邮政编码：755000）；联系电话：0955-7099999';
    expect(later.html).toContain(`<p class="gk-contact">${newLine}</p>`);
    expect(await docxText(later.id)).toContain(newLine);

    // the profile emptied: no line again (never a placeholder)
    const cleared = await updateSite(ctx.db, 'docs4', { officeName: '', address: '', postcode: '', phone: '' }, actor, who.now);
    if (!cleared.ok) throw new Error(cleared.error.message);
    const none = await issue(await fresh());
    expect(none.html).not.toContain('gk-contact');
    expect(await docxText(none.id)).not.toContain('联系');
  });
});
