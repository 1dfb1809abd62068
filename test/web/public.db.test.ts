// The public 政府信息公开 column through createApp().request(): pages, the online application with its
// receipt shown once, the status query, refusals (wrong password, forged upload, markup, unknown agency,
// CSRF, rate limit), published annual reports.

import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/services/applications.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { validReport } from '../support/report-factory.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { expectAccessiblePage, NOW, PDF, publicApp, TODAY, validFields, Visitor } from './public-support.ts';

const CALENDAR = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: NOW, today: TODAY, calendar: CALENDAR };

describe.each(webEngines())('public column on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  /** a fresh agency (and a fresh app: rate limits are per app) */
  async function setup(name = '某市自然资源局') {
    n += 1;
    const code = `zr${n}`;
    const agency = await createAgency(t.db, { code, name, level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    return { code, id: agency.value.id, visitor: new Visitor(publicApp(t.db)) };
  }

  /** submits a valid application; returns the receipt code and password read from the receipt page */
  async function apply(visitor: Visitor, code: string, overrides: Record<string, string | File> = {}) {
    const posted = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields(overrides), true);
    expect(posted.status, await posted.clone().text()).toBe(303);
    expect(posted.headers.get('location')).toBe(`/${code}/apply/receipt`);
    const receipt = await visitor.get(`/${code}/apply/receipt`);
    const html = await receipt.text();
    expect(receipt.status).toBe(200);
    const values = [...html.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
    expect(values).toHaveLength(2);
    return { html, receiptCode: values[0] ?? '', password: values[1] ?? '' };
  }

  it('renders every page of the column with landmarks, one h1 and a label for every field', async () => {
    const { code, visitor } = await setup();
    for (const path of ['/', `/${code}/`, `/${code}/guide`, `/${code}/rules`, `/${code}/proactive`, `/${code}/reports`, `/${code}/apply`, `/${code}/status`]) {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expectAccessiblePage(await response.text());
    }
    const home = await (await visitor.get('/')).text();
    expect(home).toContain(`href="/${code}/"`);
    const column = await (await visitor.get(`/${code}/`)).text();
    for (const sub of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开']) expect(column).toContain(sub);
    expect((await visitor.get(`/${code}`)).headers.get('location')).toBe(`/${code}/`);
  });

  it('has a default guide with every item 条例第十二条 requires', async () => {
    const { code, visitor } = await setup('某县财政局');
    const guide = await (await visitor.get(`/${code}/guide`)).text();
    for (const item of ['分类', '编排体系', '获取方式', '名称', '办公地址', '办公时间', '联系电话', '传真', '互联网联系方式', '某县财政局']) expect(guide, item).toContain(item);
    expect(guide).toContain(`/${code}/apply`);
    const proactive = await (await visitor.get(`/${code}/proactive`)).text();
    expect(proactive).toContain('本栏目目前已有的内容');
    expect(proactive).toContain('尚未发布');
  });

  it('takes an application online, shows the receipt once, and opens the status with the code and password', async () => {
    const { code, id, visitor } = await setup();
    const form = await (await visitor.get(`/${code}/apply`)).text();
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain('<script src="/assets/draft.js" defer');
    const { html, receiptCode, password } = await apply(visitor, code);
    expect(receiptCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(password).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(html).toContain('第三十一条第（三）项');
    expect(html).toContain('2024年11月20日');
    expect(html).toContain('2024年12月18日'); // 20 working days after 2024-11-20
    expectAccessiblePage(html);
    // once: the second visit shows no code
    const again = await (await visitor.get(`/${code}/apply/receipt`)).text();
    expect(again).toContain('回执已显示过');
    expect(again).not.toContain(password);

    // stored: the application (online, received today), the upload, the code with a hashed password
    const app = await t.db.selectFrom('applications').selectAll().where('agencyId', '=', id).executeTakeFirstOrThrow();
    expect(app).toMatchObject({ channel: 'online', submittedOn: TODAY, receivedOn: TODAY, state: 'registered', applicantName: '张三', idKind: 'resident_id', idNumber: '11010519491231002X' });
    expect(app.contact).toContain('13800138000');
    expect(app.deliveryForm).toBe('纸质文本，邮寄');
    const upload = await t.db.selectFrom('uploads').selectAll().where('applicationId', '=', app.id).executeTakeFirstOrThrow();
    expect(upload).toMatchObject({ kind: 'identity_proof', mediaType: 'image/png', fileName: '身份证.png', size: 16 });
    const access = await t.db.selectFrom('publicAccess').selectAll().where('applicationId', '=', app.id).executeTakeFirstOrThrow();
    expect(access.receiptCode).toBe(receiptCode.replace(/-/g, ''));
    expect(access.passwordHash).toMatch(/^hmac-sha256:v1:[0-9a-f]{8}:[0-9a-f]{64}$/);
    expect(access.passwordHash).not.toContain(password);

    // the status: lower case, without hyphens, is fine
    const other = new Visitor(visitor.app);
    const query = await other.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode.replace(/-/g, '').toLowerCase(), password });
    expect(query.status).toBe(303);
    expect(query.headers.get('location')).toBe(`/${code}/status/result`);
    const status = await other.get(`/${code}/status/result`);
    const page = await status.text();
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-store');
    expect(page).toContain('已登记');
    expect(page).toContain('答复期限');
    expect(page).toContain('2024年12月18日');
    expect(page).toContain('20个工作日');
    expect(page).toContain('通过本平台在线提交申请');
    expect(page).not.toContain('tester');
    expect(page).not.toContain('11010519491231002X');
    expectAccessiblePage(page);
    // without the query's cookie the result is not shown
    expect((await new Visitor(visitor.app).get(`/${code}/status/result`)).headers.get('location')).toBe(`/${code}/status`);
    // the query's cookie is a sealed grant for this agency's application: it holds no password, and opens nothing elsewhere
    const grant = other.cookies.get('gk_status') ?? '';
    expect(grant).not.toBe('');
    expect(Buffer.from(grant, 'base64url').toString('latin1')).not.toContain(password);
    const elsewhere = await setup('另一机关');
    const foreign = await visitor.app.request(`/${elsewhere.code}/status/result`, { headers: { cookie: `gk_status=${grant}` } });
    expect(foreign.headers.get('location')).toBe(`/${elsewhere.code}/status`);
    // one character of the sealed part changed (never the same token again)
    const at = Math.floor(grant.length / 2);
    const tampered = `${grant.slice(0, at)}${grant[at] === 'A' ? 'B' : 'A'}${grant.slice(at + 1)}`;
    expect(tampered).not.toBe(grant);
    expect((await visitor.app.request(`/${code}/status/result`, { headers: { cookie: `gk_status=${tampered}` } })).headers.get('location')).toBe(`/${code}/status`);
  });

  it('shows the documents issued to the applicant, in plain words, and lets them be downloaded', async () => {
    const { code, id, visitor } = await setup('某市住房和城乡建设局');
    const { receiptCode, password } = await apply(visitor, code);
    const app = await t.db.selectFrom('applications').select('id').where('agencyId', '=', id).executeTakeFirstOrThrow();
    const assigned = await recordEvent(t.db, id, app.id, { type: 'assign', occurredOn: TODAY, handler: '李经办' }, who);
    expect(assigned.ok).toBe(true);
    const ext = await issueDocument(t.db, id, app.id, { kind: 'extension_notice', issuedOn: TODAY, values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: TODAY, workingDays: 20 } }, who);
    if (!ext.ok) throw new Error(ext.error.message);

    await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode, password });
    const page = await (await visitor.get(`/${code}/status/result`)).text();
    expect(page).toContain('已安排专人办理');
    expect(page).not.toContain('李经办');
    expect(page).toContain('答复期限延长20个工作日');
    expect(page).toContain(ext.value.number);
    expect(page).toContain(`/${code}/status/documents/${ext.value.id}.docx`);
    const html = await visitor.get(`/${code}/status/documents/${ext.value.id}`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain(ext.value.number);
    const docx = await visitor.get(`/${code}/status/documents/${ext.value.id}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')?.async('string');
    expect(xml).toContain('延期答复');
    // another visitor without the query's cookie gets nothing
    const stranger = await new Visitor(visitor.app).get(`/${code}/status/documents/${ext.value.id}`);
    expect(stranger.status).toBe(303);
    // ending the query closes it
    const ended = await visitor.submit(`/${code}/status/result`, `/${code}/status/end`, {});
    expect(ended.status).toBe(303);
    expect((await visitor.get(`/${code}/status/documents/${ext.value.id}`)).status).toBe(303);
  });

  it('answers a wrong password and an unknown code with the same generic message', async () => {
    const { code, visitor } = await setup();
    const { receiptCode, password } = await apply(visitor, code);
    const wrongPassword = await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode, password: password === 'AAAAAAAAAA' ? 'BBBBBBBBBB' : 'AAAAAAAAAA' });
    const unknownCode = await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode.startsWith('2') ? `3${receiptCode.slice(1)}` : `2${receiptCode.slice(1)}`, password });
    expect(wrongPassword.status).toBe(422);
    expect(unknownCode.status).toBe(422);
    const a = await wrongPassword.text();
    const b = await unknownCode.text();
    expect(a).toContain('回执码或查询密码不正确');
    expect(b).toContain('回执码或查询密码不正确');
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/, '').replace(/name="code" value="[^"]*"/, '');
    expect(strip(a)).toBe(strip(b));
    expect(a).not.toContain('已登记');
    expect(visitor.cookies.has('gk_status')).toBe(false);
    expectAccessiblePage(a);
  });

  it('rate-limits status queries', async () => {
    const { code, visitor } = await setup();
    const statuses: number[] = [];
    // a different code each time: the limit per receipt code is not what is tested here
    for (let i = 0; i < 11; i++) statuses.push((await visitor.submit(`/${code}/status`, `/${code}/status`, { code: `ABCDEFGHJK${'MNPQRSTUVWXY'[i]}M`, password: 'ABCDEFGHJK' })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
    expect(statuses[10]).toBe(429);
  });

  it('limits failed status queries per receipt code too: 5 an hour, besides the limit per address (issue #10)', async () => {
    const { code, visitor } = await setup();
    const query = (receipt: string) => visitor.submit(`/${code}/status`, `/${code}/status`, { code: receipt, password: 'ABCDEFGHJK' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await query('PQRS-TUVW-XYZ2')).status);
    expect(statuses).toEqual(Array(5).fill(422));
    // the same code, typed differently: the 6th failure is held back
    const held = await query('pqrstuvwxyz2');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await held.text()).toMatch(/该回执码的查询失败次数过多，请在 \d+ 分钟后再试/);
    // another code is still answered
    expect((await query('ABCDEFGHJKMN')).status).toBe(422);
  });

  it('rate-limits the application form', async () => {
    const { code, visitor } = await setup();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await visitor.submit(`/${code}/apply`, `/${code}/apply`, { applicantName: '' }, true)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
    expect(statuses[10]).toBe(429);
  });

  it('refuses a PNG upload whose bytes are a PDF, and writes nothing', async () => {
    const { code, id, visitor } = await setup();
    const forged = new File([PDF], 'id.png', { type: 'image/png' });
    const response = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields({ identityProof: forged }), true);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('文件内容必须与其类型和扩展名一致');
    expect(html).toContain('href="#identityProof"');
    expect(html).toContain('value="张三"'); // the values are kept
    expectAccessiblePage(html);
    expect(await t.db.selectFrom('applications').select('id').where('agencyId', '=', id).execute()).toEqual([]);
    expect(await t.db.selectFrom('uploads').select('id').where('agencyId', '=', id).execute()).toEqual([]);
    // a real PDF named .pdf is accepted
    await apply(visitor, code, { identityProof: new File([PDF], 'id.pdf', { type: 'application/pdf' }) });
  });

  it('refuses an identity proof over 5 MB: in the form when it can be read, with 413 when the request is too large', async () => {
    const { code, id, visitor } = await setup();
    const png = (size: number) => {
      const b = new Uint8Array(size);
      b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return new File([b], 'big.png', { type: 'image/png' });
    };
    const over = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields({ identityProof: png(5 * 1024 * 1024 + 100) }), true);
    expect(over.status).toBe(422);
    expect(await over.text()).toContain('不能超过 5 MB');
    const huge = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields({ identityProof: png(8 * 1024 * 1024) }), true);
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('5 MB');
    expect(await t.db.selectFrom('applications').select('id').where('agencyId', '=', id).execute()).toEqual([]);
  });

  it('names every missing field in the error summary, linked to the field', async () => {
    const { code, visitor } = await setup();
    const response = await visitor.submit(`/${code}/apply`, `/${code}/apply`, { applicantName: '', request: '' }, true);
    expect(response.status).toBe(422);
    const html = await response.text();
    for (const field of ['applicantType', 'applicantName', 'idKind', 'idNumber', 'identityProof', 'phone', 'request', 'deliveryForm']) expect(html, field).toContain(`href="#${field}"`);
    expect(html).toContain('请至少填写联系电话或电子邮箱中的一项');
    expect(html).toContain('<title>错误：');
    expectAccessiblePage(html);
  });

  it('shows markup typed into a field as text', async () => {
    const { code, id, visitor } = await setup();
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    // re-rendered after an error
    const refused = await (await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields({ applicantName: evil, request: evil, idNumber: '123' }), true)).text();
    expect(refused).not.toContain('<script>alert(1)');
    expect(refused).not.toContain('<img src=x');
    expect(refused).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // stored and shown on the status page
    const { receiptCode, password } = await apply(visitor, code, { applicantName: evil, request: evil });
    await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode, password });
    const page = await (await visitor.get(`/${code}/status/result`)).text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const stored = await t.db.selectFrom('applications').select('applicantName').where('agencyId', '=', id).executeTakeFirstOrThrow();
    expect(stored.applicantName).toBe(evil);
  });

  it('refuses a form without its CSRF token', async () => {
    const { code, visitor } = await setup();
    await visitor.get(`/${code}/apply`);
    const form = new FormData();
    for (const [k, v] of Object.entries(validFields())) form.set(k, v);
    const response = await visitor.post(`/${code}/apply`, form);
    expect(response.status).toBe(403);
  });

  it('answers 404 for an unknown agency', async () => {
    const { visitor } = await setup();
    for (const path of ['/no-such/', '/no-such', '/no-such/guide', '/no-such/apply', '/no-such/status', '/no-such/reports/2023', '/no-such/reports/2023.docx']) {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('页面不存在');
    }
  });

  it('shows a published annual report inside the column and downloads it as DOCX and XLSX', async () => {
    const { code, id, visitor } = await setup('某市统计局');
    const [report] = fc.sample(validReport('2021'), { numRuns: 1, seed: 42 });
    if (!report) throw new Error('no report');
    await t.db.insertInto('publishedReports').values({ agencyId: id, year: 2023, report: JSON.stringify({ ...report, year: 2023, agency: '某市统计局' }), publishedAt: NOW }).execute();
    const list = await (await visitor.get(`/${code}/reports`)).text();
    expect(list).toContain('某市统计局2023年政府信息公开工作年度报告');
    expect(list).toContain(`href="/${code}/reports/2023"`);
    expectAccessiblePage(list);
    const page = await visitor.get(`/${code}/reports/2023`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expectAccessiblePage(html);
    expect(html).toContain('class="gk-report"');
    expect(html).toContain('<caption>');
    expect(html).toContain(`/${code}/reports/2023.docx`);
    const docx = await visitor.get(`/${code}/reports/2023.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')?.async('string');
    expect(xml).toContain('政府信息公开工作年度报告');
    const xlsx = await visitor.get(`/${code}/reports/2023.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect((await visitor.get(`/${code}/reports/2022`)).status).toBe(404);
  });

  it('serves the draft script and the stylesheet from the site itself', async () => {
    const { visitor } = await setup();
    const js = await visitor.get('/assets/draft.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    const text = await js.text();
    expect(text).toContain('localStorage');
    expect(text).toContain('data-draft-skip');
    const css = await visitor.get('/assets/public.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    // the identity number is never put in the draft
    const form = await (await visitor.get('/zr1/apply')).text();
    expect(form).toMatch(/<input[^>]*name="idNumber"[^>]*data-draft-skip=""/);
  });
});
