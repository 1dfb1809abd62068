// Issue #14, the citizen's journey through createApp().request() on one engine (support/db.ts webEngines): 补正 online from the
// status page (the receive_correction step dated the day it arrives, the reply period running from it, the
// file and text kept, audited; refusals writing nothing; no form once the period has ended), the wording of
// the deadlines while the 补正 is awaited, the progress view, 撤回 online after its confirmation page, and
// the staff's view of the online 补正. The clock of the app moves from day to day (a `now` of the test's).

import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../../src/domain/calendar/dates.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { submitOnlineCorrection } from '../../src/services/public-correction.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { expectAccessiblePage, PDF, pngFile, validFields, Visitor } from './public-support.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

/** YYYY-MM-DD plus n working days (the calendar the app is given). */
function plusWorkingDays(date: string, n: number): string {
  const d = calendar.addWorkingDays(parseIsoDate(date) as number, n);
  if (!d.ok) throw new Error(d.error.message);
  return toIsoDate(d.value);
}

const at = (day: string, time = '10:00:00') => `${day}T${time}.000+08:00`;
const cn = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

describe.each(webEngines())('the citizen’s journey on %s', (engine) => {
  const t = useDatabase(engine);
  let clock = at('2024-11-20');
  let n = 0;

  function appOf(): Hono<AppEnv> {
    const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
    const deps: WebDeps = { config, db: t.db, calendar: async () => calendar, now: () => clock, secureCookies: false, queryKey: TEST_QUERY_KEY };
    return createApp(deps);
  }

  /** A fresh agency, a citizen who applied online on 2024-11-20 (Wednesday) and has the status query open. */
  async function applied(name = '某市自然资源局') {
    n += 1;
    clock = at('2024-11-20');
    const code = `cj${n}`;
    const agency = await createAgency(t.db, { code, name, level: 'department' }, clock);
    if (!agency.ok) throw new Error(agency.error.message);
    const visitor = new Visitor(appOf());
    const posted = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields(), true);
    expect(posted.status).toBe(303);
    const receipt = await (await visitor.get(`/${code}/apply/receipt`)).text();
    const [receiptCode = '', password = ''] = [...receipt.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
    const app = await t.db.selectFrom('applications').select(['id', 'number']).where('agencyId', '=', agency.value.id).executeTakeFirstOrThrow();
    const open = async () => {
      const q = await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode, password });
      expect(q.status).toBe(303);
    };
    await open();
    return { code, agencyId: agency.value.id, applicationId: app.id, number: app.number, visitor, receiptCode, password, open };
  }

  /** The office asks for a 补正 on `day` (15 working days), with its notice. */
  async function askCorrection(agencyId: number, applicationId: number, day: string): Promise<void> {
    const asked = await issueDocument(
      t.db,
      agencyId,
      applicationId,
      { kind: 'correction_notice', issuedOn: day, values: { correctionItems: '请写明所需信息的文号或者地块位置' }, step: { type: 'request_correction', occurredOn: day, workingDays: 15 } },
      { actor: 'tester', now: at(day), today: day, calendar },
    );
    if (!asked.ok) throw new Error(asked.error.message);
  }

  const status = async (visitor: Visitor, code: string) => (await visitor.get(`/${code}/status/result`)).text();

  /** The app's clock moves on; the status query (15 minutes) is opened again. */
  async function moveTo(a: { open: () => Promise<void> }, when: string): Promise<void> {
    clock = when;
    await a.open();
  }

  it('shows the 补正期限 while the 补正 is awaited, the reply period as not counted (never 已结束), and the progress at 补正', async () => {
    const a = await applied();
    await askCorrection(a.agencyId, a.applicationId, '2024-11-21');
    await moveTo(a, at('2024-11-25'));
    const page = await status(a.visitor, a.code);
    expectAccessiblePage(page);
    const due = plusWorkingDays('2024-11-21', 15);
    // the progress view: an ordered list, 补正 the current step, the 补正期限 as its deadline
    expect(page).toContain('<ol class="progress-steps">');
    expect(page).toMatch(/<li class="progress-step current" aria-current="step">[\s\S]*?补正<\/strong>/);
    expect(page.match(/aria-current="step"/g)).toHaveLength(1);
    expect(page).toContain(`补正期限（条例第三十条）：<span class="due"><time datetime="${due}">`);
    expect(page).toContain('补正期间不计算答复期限');
    // the reply period: not counted yet, said so
    expect(page).toContain('暂不计算：自本机关收到补正后的申请之日起重新计算');
    expect(page).toContain('待定：自本机关收到补正后的申请之日起20个工作日');
    expect(page).not.toContain('已结束');
    // the form
    expect(page).toContain(`action="/${a.code}/status/correction"`);
    expect(page).toContain('enctype="multipart/form-data"');
  });

  it('takes the 补正 online: the step dated the day it arrives, the reply period from that day, the file and text kept, audited', async () => {
    const a = await applied();
    await askCorrection(a.agencyId, a.applicationId, '2024-11-21');
    await moveTo(a, at('2024-11-27', '16:45:00'));
    const text = '所需信息为某地块（编号A-12）的征收补偿方案\n文号：某政发〔2023〕12号';
    const posted = await a.visitor.submit(`/${a.code}/status/result`, `/${a.code}/status/correction`, { text, file: pngFile() }, true);
    expect(posted.status, await posted.clone().text()).toBe(303);
    expect(posted.headers.get('location')).toBe(`/${a.code}/status/result?done=correction`);

    // the record: the step on the day it arrived, by the applicant online
    const events = await t.db.selectFrom('applicationEvents').selectAll().where('applicationId', '=', a.applicationId).orderBy('seq').execute();
    const step = events.at(-1);
    expect(step).toMatchObject({ type: 'receive_correction', occurredOn: '2024-11-27', actor: 'online', stateBefore: 'awaiting_correction', stateAfter: 'in_progress' });
    const app = await t.db.selectFrom('applications').select('state').where('id', '=', a.applicationId).executeTakeFirstOrThrow();
    expect(app.state).toBe('in_progress');
    const kept = await t.db.selectFrom('applicationCorrections').selectAll().where('applicationId', '=', a.applicationId).execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ agencyId: a.agencyId, eventSeq: step?.seq, text, receivedOn: '2024-11-27' });
    const file = await t.db.selectFrom('uploads').selectAll().where('id', '=', kept[0]?.uploadId ?? 0).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ kind: 'correction', applicationId: a.applicationId, mediaType: 'image/png', fileName: '身份证.png' });
    const audit = await t.db.selectFrom('auditLog').selectAll().where('agencyId', '=', a.agencyId).where('target', '=', `application:${a.applicationId}`).execute();
    const entry = audit.find((r) => (r.detail as { type?: string }).type === 'receive_correction');
    expect(entry).toMatchObject({ userId: null, action: 'application.event' });
    expect(entry?.detail).toMatchObject({ via: 'online', occurredOn: '2024-11-27', uploadId: file.id, textLength: [...text].length });

    // the page: done, the progress at 办理, the reply due 20 working days from the day the 补正 arrived
    const page = await status(a.visitor, `${a.code}`);
    const replyDue = plusWorkingDays('2024-11-27', 20);
    expect(replyDue).not.toBe(plusWorkingDays('2024-11-20', 20));
    expect(page).toContain(`答复期限（条例第三十三条）：<span class="due"><time datetime="${replyDue}">${cn(replyDue)}</time></span><span class="tag">确定</span>`);
    expect(page).toContain(`自收到补正后的申请之日${cn('2024-11-27')}（周三）起算（条例第三十条）`);
    expect(page).toMatch(/<li class="progress-step current" aria-current="step">[\s\S]*?办理<\/strong>/);
    expect(page).toContain('答复期限自收到补正之日起重新计算：<time datetime="2024-11-27">');
    expect(page).toContain('您通过本平台在线补正，平台当即确认收到');
    expect(page).toContain('您在线提交的补正');
    expect(page).toContain('文号：某政发〔2023〕12号');
    expect(page).not.toContain(`action="/${a.code}/status/correction"`);
    const done = await (await a.visitor.get(`/${a.code}/status/result?done=correction`)).text();
    expect(done).toContain(`已收到您的补正（收到日期：${cn('2024-11-27')}）`);

    // a second 补正 is refused: nothing is awaited any more
    const before = await snapshot(t.db);
    const again = await a.visitor.submit(`/${a.code}/status/result`, `/${a.code}/status/correction`, { text: '再补充一点' }, true);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('本申请现在不需要补正');
    expect(await snapshot(t.db)).toBe(before);
  });

  it('dates the 补正 by the day in Beijing, whatever the time zone of the clock', async () => {
    const a = await applied();
    await askCorrection(a.agencyId, a.applicationId, '2024-11-21');
    // 17:30 UTC on 26 November is 01:30 on 27 November in Beijing
    const r = await submitOnlineCorrection(t.db, { agency: { id: a.agencyId, code: a.code, name: '' }, applicationId: a.applicationId }, { text: '补正内容', file: null }, { now: '2024-11-26T17:30:00.000Z', calendar, ip: null });
    expect(r.ok && r.value.receivedOn).toBe('2024-11-27');
    const step = await t.db.selectFrom('applicationEvents').select('occurredOn').where('applicationId', '=', a.applicationId).where('type', '=', 'receive_correction').executeTakeFirstOrThrow();
    expect(step.occurredOn).toBe('2024-11-27');
  });

  it('refuses an empty 补正, a forged file, an over-long text or control characters, and writes nothing', async () => {
    const a = await applied();
    await askCorrection(a.agencyId, a.applicationId, '2024-11-21');
    await moveTo(a, at('2024-11-25'));
    const before = await snapshot(t.db);
    const cases: [Record<string, string | File>, number, string][] = [
      [{ text: '   ' }, 422, '两者至少填写一项'],
      [{ text: '', file: new File([PDF], '材料.png', { type: 'image/png' }) }, 422, '补正文件只接受 JPG、PNG 图片或 PDF 文件'],
      [{ text: '补'.repeat(5001) }, 422, '补正内容不能超过5000个字'],
      [{ text: '补正\u0000内容' }, 400, '补正内容含有不可见的控制字符'],
    ];
    for (const [fields, code, message] of cases) {
      const r = await a.visitor.submit(`/${a.code}/status/result`, `/${a.code}/status/correction`, fields, true);
      const html = await r.text();
      expect(r.status, message).toBe(code);
      expect(html).toContain(message);
      expect(html).toContain('请改正以下问题');
      expectAccessiblePage(html);
    }
    expect(await snapshot(t.db)).toBe(before);
    // without the query, nothing is taken either
    const stranger = await new Visitor(a.visitor.app).submit(`/${a.code}/status`, `/${a.code}/status/correction`, { text: '补正' }, true);
    expect(stranger.status).toBe(303);
    expect(stranger.headers.get('location')).toBe(`/${a.code}/status`);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('offers no form once the 补正 period has ended, says why, and refuses a late post', async () => {
    const a = await applied();
    await askCorrection(a.agencyId, a.applicationId, '2024-11-21');
    const due = plusWorkingDays('2024-11-21', 15);
    // on the last day the form is still there
    await moveTo(a, at(due, '23:00:00'));
    expect(await status(a.visitor, a.code)).toContain(`action="/${a.code}/status/correction"`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await status(a.visitor, a.code))?.[1] ?? '';
    // the next day it is not
    await moveTo(a, at(plusWorkingDays(due, 1)));
    const page = await status(a.visitor, a.code);
    expect(page).not.toContain(`action="/${a.code}/status/correction"`);
    expect(page).toContain(`补正期限已于<strong>${cn(due)}</strong>届满，本页不再提供在线补正`);
    expect(page).toContain('视为放弃申请');
    const before = await snapshot(t.db);
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('text', '迟到的补正');
    const late = await a.visitor.post(`/${a.code}/status/correction`, form);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain(`补正期限已于${cn(due)}届满，不能再在线补正`);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('withdraws online after a page that says what it means, with the reason, audited; only while the table allows it', async () => {
    const a = await applied();
    await moveTo(a, at('2024-11-22'));
    const result = await status(a.visitor, a.code);
    expect(result).toContain(`href="/${a.code}/status/withdraw"`);
    const confirm = await a.visitor.get(`/${a.code}/status/withdraw`);
    const html = await confirm.text();
    expect(confirm.status).toBe(200);
    expectAccessiblePage(html);
    expect(html).toContain('撤回不能取消');
    expect(html).toContain('不会再就这份申请作出答复');
    expect(html).toContain(`撤回日期为您确认撤回的当日（${cn('2024-11-22')}）`);
    expect(html).toContain('确认撤回申请');

    // a reason too long is refused, nothing written
    const before = await snapshot(t.db);
    const long = await a.visitor.submit(`/${a.code}/status/withdraw`, `/${a.code}/status/withdraw`, { reason: '因'.repeat(501) });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('撤回理由不能超过500个字');
    expect(await snapshot(t.db)).toBe(before);

    const done = await a.visitor.submit(`/${a.code}/status/withdraw`, `/${a.code}/status/withdraw`, { reason: '已从其他渠道取得该信息' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/${a.code}/status/result?done=withdrawn`);
    const app = await t.db.selectFrom('applications').select(['state', 'outcome', 'closedOn']).where('id', '=', a.applicationId).executeTakeFirstOrThrow();
    expect(app).toEqual({ state: 'concluded', outcome: 'OTHER', closedOn: '2024-11-22' });
    const step = await t.db.selectFrom('applicationEvents').select(['type', 'occurredOn', 'actor', 'data']).where('applicationId', '=', a.applicationId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(step).toMatchObject({ type: 'withdraw', occurredOn: '2024-11-22', actor: 'online' });
    expect((step.data as { note?: string }).note).toContain('撤回理由：已从其他渠道取得该信息');
    const audit = await t.db.selectFrom('auditLog').select(['userId', 'action', 'detail']).where('agencyId', '=', a.agencyId).where('target', '=', `application:${a.applicationId}`).execute();
    expect(audit.filter((r) => (r.detail as { type?: string }).type === 'withdraw')).toEqual([{ userId: null, action: 'application.event', detail: expect.objectContaining({ via: 'online', reasonGiven: true }) }]);

    const page = await (await a.visitor.get(`/${a.code}/status/result?done=withdrawn`)).text();
    expect(page).toContain('您已撤回申请');
    expect(page).toMatch(/<li class="progress-step current" aria-current="step">[\s\S]*?办结<\/strong><span class="progress-status">（已办结）<\/span>/);
    expect(page).toContain('您撤回了申请，本申请办结。');
    expect(page).not.toContain(`href="/${a.code}/status/withdraw"`);
    // no second withdrawal: the page sends back to the status, a post is refused and writes nothing
    const again = await a.visitor.get(`/${a.code}/status/withdraw`);
    expect(again.status).toBe(303);
    const after = await snapshot(t.db);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const second = await a.visitor.post(`/${a.code}/status/withdraw`, new URLSearchParams({ _csrf: csrf, reason: '' }));
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('本申请已经办结，不能再撤回');
    expect(await snapshot(t.db)).toBe(after);
  });

  it('withdraws while a 补正 is awaited: the 补正 step ends with the withdrawal and 办理 is never reached', async () => {
    const a = await applied();
    await askCorrection(a.agencyId, a.applicationId, '2024-11-21');
    await moveTo(a, at('2024-11-22'));
    const done = await a.visitor.submit(`/${a.code}/status/withdraw`, `/${a.code}/status/withdraw`, { reason: '' });
    expect(done.status).toBe(303);
    const page = await status(a.visitor, a.code);
    expect(page).toMatch(/<li class="progress-step skipped">[\s\S]*?办理<\/strong><span class="progress-status">（未进行）<\/span>/);
    expect(page).toContain('撤回申请：<time datetime="2024-11-22">');
    expect(page).not.toContain(`action="/${a.code}/status/correction"`);
  });

  it('shows the staff the online 补正 and opens its file', async () => {
    const a = await applied('某市住房和城乡建设局');
    await askCorrection(a.agencyId, a.applicationId, '2024-11-21');
    await moveTo(a, at('2024-11-26'));
    const posted = await a.visitor.submit(`/${a.code}/status/result`, `/${a.code}/status/correction`, { text: '补正：地块位于某区某路', file: pngFile() }, true);
    expect(posted.status).toBe(303);
    const user = await createUser(t.db, { username: `staff${n}`, displayName: '张经办', password: 'correct horse battery' }, clock);
    if (!user.ok) throw new Error(user.error.message);
    await addMembership(t.db, user.value.id, a.agencyId, 'handler');
    const session = await startSession(t.db, user.value.id, clock);
    const headers = { cookie: `gk_session=${session.sessionToken}` };
    const page = await (await a.visitor.app.request(`/staff/${a.code}/applications/${a.applicationId}`, { headers })).text();
    expect(page).toContain('申请人在线补正');
    expect(page).toContain('补正：地块位于某区某路');
    const link = new RegExp(`href="(/staff/${a.code}/applications/${a.applicationId}/corrections/\\d+)"`).exec(page)?.[1];
    expect(link).toBeDefined();
    const file = await a.visitor.app.request(link ?? '', { headers });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    // who opened it is in the audit log
    const opened = await t.db.selectFrom('auditLog').select(['action', 'userId']).where('action', '=', 'application_correction.view').execute();
    expect(opened).toEqual([{ action: 'application_correction.view', userId: user.value.id }]);
    // the identity panel still lists the identity proof only
    expect(page.match(/identity-proof\/\d+/g)?.length ?? 0).toBeLessThanOrEqual(1);
    // a correction file is not an identity proof, and an identity proof is not a correction file
    const kept = await t.db.selectFrom('uploads').select(['id', 'kind']).where('applicationId', '=', a.applicationId).orderBy('id').execute();
    const proof = kept.find((u) => u.kind === 'identity_proof');
    expect((await a.visitor.app.request(`/staff/${a.code}/applications/${a.applicationId}/corrections/${proof?.id}`, { headers })).status).toBe(404);
    // without a session: sign in first
    expect((await a.visitor.app.request(link ?? '')).status).not.toBe(200);
  });
});
