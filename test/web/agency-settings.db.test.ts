// Issue #9 deliverable 4: the agency's own settings instead of guesses. The 机关代字 is asked at setup with
// a suggestion never cut from the name; the 复议机关 and the court are set once on 栏目与设置 and used in
// every reply (editable per reply); the DERIVED readings are settings, the careful one by default. The
// contact e-mail reminders of the offices above go to (issue #13) is set there too.

import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { agencySettings, defaultDocumentPrefix, documentPrefixOf } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { setupPlatform } from '../../src/services/setup.ts';
import { webEngines, useDatabase, withDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, NOW, post, TODAY, world } from './staff-support.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

describe('the suggested 机关代字 is never a cut name', () => {
  it.each([
    ['示范市自然资源和规划局', '示范自然资规公开'],
    ['中卫市机关事务服务中心', '中卫机关事务公开'],
    ['示范市人民政府办公室', '示范政办公开'],
    ['某县农业农村局', '某农公开'],
    ['某市城市管理和综合执法局', '某城市管理和综合执法公开'],
  ])('%s → %s', (name, prefix) => {
    expect(defaultDocumentPrefix(name)).toBe(prefix);
    expect(documentPrefixOf({ name, documentPrefix: null })).toBe(prefix);
    expect(prefix).not.toBe('示范市自然资源和公开');
  });
});

describe.each(webEngines())('agency settings on %s', (engine) => {
  const t = useDatabase(engine);

  it('setup stores the 机关代字 confirmed (or the suggestion), and the setup page asks for it', async () => {
    const database = await withDatabase(engine);
    try {
      const r = await setupPlatform(
        database.db,
        { agency: { code: 'sfzrzy', name: '示范市自然资源和规划局', level: 'department' }, admin: { username: 'admin', displayName: '王管理', password: 'correct horse battery' } },
        NOW,
      );
      if (!r.ok) throw new Error(r.error.message);
      const s = await agencySettings(database.db, 'sfzrzy');
      expect(s.ok && s.value).toMatchObject({ documentPrefix: '示范自然资规公开', documentPrefixSet: true });
    } finally {
      await database.close();
    }
  });

  it('栏目与设置 saves the 复议机关, the court and the readings; a reply uses them and may name others', async () => {
    const w = await world(t.db, 'remedy');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/settings`;
    const page = await (await get(app, w.admin, base)).text();
    expect(page).toContain('name="reconsiderationBody"');
    expect(page).toContain('name="extensionWithinPeriod" value="1" checked');
    const saved = await post(app, w.admin, `${base}/agency`, { name: `甲市remedy局`, documentPrefix: '', reconsiderationBody: '甲市人民政府', court: '甲市甲区人民法院', feeWindowFromReceipt: '1' });
    expect(saved.status).toBe(303);
    const s = await agencySettings(t.db, w.a.code);
    expect(s.ok && s.value).toMatchObject({ reconsiderationBody: '甲市人民政府', court: '甲市甲区人民法院', extensionWithinPeriod: false, feeWindowFromReceipt: true });

    const who = { actor: 'tester', now: NOW, today: TODAY, calendar };
    const reg = await registerApplication(t.db, w.a.id, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: '2024-11-18', request: '某文件' }, who);
    if (!reg.ok) throw new Error(reg.error.message);
    const form = await (await get(app, w.handler, `/staff/${w.a.code}/applications/${reg.value.id}/documents?kind=reply`)).text();
    expect(form).toContain('value="甲市人民政府"');
    expect(form).toContain('value="甲市甲区人民法院"');
    const reply = await issueDocument(
      t.db,
      w.a.id,
      reg.value.id,
      { kind: 'reply', issuedOn: TODAY, values: { reason: '该信息属于过程性信息', court: '甲市中级人民法院' }, step: { type: 'reply', occurredOn: TODAY, outcome: 'DENY_PROCESS_INFO' } },
      who,
    );
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value.html).toContain('向甲市人民政府申请行政复议');
    expect(reply.value.html).toContain('依法向甲市中级人民法院提起行政诉讼');
    expect(reply.value.html).toContain('应当先申请行政复议');

    // the other reading of 第三十三条: a late extension is recorded, flagged 超期
    const late = await registerApplication(t.db, w.a.id, { applicantType: 'natural_person', applicantName: '李四', channel: 'in_person', submittedOn: '2024-10-08', request: '某文件' }, who);
    if (!late.ok) throw new Error(late.error.message);
    const ext = await recordEvent(t.db, w.a.id, late.value.id, { type: 'approve_extension', occurredOn: TODAY, workingDays: 20 }, who);
    expect(ext.ok).toBe(true);
    const event = await t.db.selectFrom('applicationEvents').select('data').where('applicationId', '=', late.value.id).where('type', '=', 'approve_extension').executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ afterDue: true });
  });

  it('栏目与设置 saves the contact e-mail reminders go to, refuses an invalid one in Chinese writing nothing, and clears it', async () => {
    const w = await world(t.db, 'mail');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/settings`;
    const page = await (await get(app, w.admin, base)).text();
    expect(page).toContain('name="contactEmail"');
    expect(page).toContain('本平台现未配置邮件服务器，只在工作台首页提醒');
    const fields = { name: `甲市mail局`, documentPrefix: '', reconsiderationBody: '', court: '' };

    const before = await snapshot(t.db);
    const bad = await post(app, w.admin, `${base}/agency`, { ...fields, contactEmail: '公开办 <gongkai@example.gov.cn>' });
    expect(bad.status).toBe(422);
    const refused = await bad.text();
    expect(refused).toContain('联系邮箱应为一个电子邮件地址（只写地址，不写姓名）');
    expect(refused).toContain('href="#agency-contact-email"');
    expect(refused).toContain('value="公开办 &lt;gongkai@example.gov.cn&gt;"');
    expect(await snapshot(t.db)).toBe(before);

    const saved = await post(app, w.admin, `${base}/agency`, { ...fields, contactEmail: ' gongkai@example.gov.cn ' });
    expect(saved.status).toBe(303);
    const s = await agencySettings(t.db, w.a.code);
    expect(s.ok && s.value.contactEmail).toBe('gongkai@example.gov.cn');
    expect(await (await get(app, w.admin, base)).text()).toContain('value="gongkai@example.gov.cn"');
    const audit = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'agency.update').where('agencyId', '=', w.a.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ contactEmail: 'gongkai@example.gov.cn' });

    expect((await post(app, w.admin, `${base}/agency`, { ...fields, contactEmail: '' })).status).toBe(303);
    const cleared = await agencySettings(t.db, w.a.code);
    expect(cleared.ok && cleared.value.contactEmail).toBeNull();
  });
});
