// The office's board, reminders, settings, findings page and 汇总 (issue #13 items 4–5) on each engine,
// through the app: the board filtered and sorted by GET parameters and exported to XLSX (read back with
// exceljs, the same rows in the same order, Chinese headers and file name); reminders recorded with
// their audit entries, shown on the reminded agency's dashboard and gone once it publishes, refusals
// writing nothing; settings refused with Chinese messages and used by collectedReports once saved; one
// agency's findings marked in its tables; the 汇总's sums equal to a sum computed here, the excluded and
// the missing agencies listed, a chart beside its table.

import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { BOARD_COLUMNS } from '../../src/domain/oversight/board.ts';
import { reportFromHandEntry } from '../../src/domain/oversight/hand-entry.ts';
import { cellCatalogue, getAt } from '../../src/domain/report/layout.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { aggregateYear } from '../../src/services/oversight/aggregate.ts';
import { collectedReport, collectedReports } from '../../src/services/oversight/collected.ts';
import { enterReport, excludeAgency } from '../../src/services/oversight/entry.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, NOW, post, TODAY } from '../web/staff-support.ts';
import type { Staff } from '../web/staff-support.ts';
import { parseFixture } from './fixtures.ts';
import { fixtureZip, makeTree, YEAR, type Ids } from './support.ts';

afterAll(async () => {
  await closeParsePool();
});

let n = 0;
async function person(db: Kysely<DB>, memberships: [number, Role][]): Promise<Staff> {
  n += 1;
  const user = await createUser(db, { username: `board${n}`, displayName: `公开办${n}`, password: 'correct horse battery' }, NOW);
  if (!user.ok) throw new Error(user.error.message);
  for (const [agencyId, role] of memberships) await addMembership(db, user.value.id, agencyId, role);
  const s = await startSession(db, user.value.id, NOW);
  return { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

/** The agencies' names in the board's rows, in order. */
const rowNames = (html: string): string[] => [...html.matchAll(/<th scope="row"><a href="[^"]*\/agencies\/[^"]*">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');

const actor = { userId: null, ip: '127.0.0.1', now: NOW };

describe.each(engines())('the oversight board on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  let ids: Ids;
  let code: (k: string) => string;
  let office: Staff;
  let clerk: Staff;
  let base = '';

  beforeAll(async () => {
    app = appFor(t.db);
    ({ ids, code } = await makeTree(t.db, `b${engine}`, NOW));
    office = await person(t.db, [[ids.city, 'oversight']]);
    clerk = await person(t.db, [[ids.cjj, 'handler']]);
    base = `/staff/${code('city')}/oversight/${YEAR}`;
    const form = new FormData();
    form.set('_csrf', office.csrf);
    form.append('files', new File([(await fixtureZip()) as Uint8Array<ArrayBuffer>], '年报.zip'));
    const uploaded = await app.request(`${base}/upload`, { method: 'POST', headers: { cookie: office.cookie }, body: form });
    expect(uploaded.status).toBe(200);
  }, 120_000);

  it('the board: counts, filters and order by GET parameters', async () => {
    const page = await (await get(app, office, `${base}/board`)).text();
    const all = rowNames(page);
    expect(all).toHaveLength(7);
    const entries = await collectedReports(t.db, ids.city, YEAR, { asOf: TODAY });
    const none = entries.filter((e) => e.source === null).map((e) => e.agency.name);
    expect(page).toContain(`未发布${none.length}个`);
    expect(page).toContain(`已发布（已收集）${7 - none.length}个`);

    const unpublished = rowNames(await (await get(app, office, `${base}/board?source=none`)).text());
    expect(unpublished.sort()).toEqual([...none].sort());
    expect(rowNames(await (await get(app, office, `${base}/board?q=${encodeURIComponent('大营')}`)).text())).toEqual(['兴化市大营镇人民政府']);
    expect(rowNames(await (await get(app, office, `${base}/board?level=township`)).text())).toEqual(['兴化市大营镇人民政府']);
    const failing = rowNames(await (await get(app, office, `${base}/board?status=${encodeURIComponent('未通过')}`)).text());
    expect(failing.sort()).toEqual(entries.filter((e) => e.assessment.result.status === '未通过').map((e) => e.agency.name).sort());

    const asc = rowNames(await (await get(app, office, `${base}/board?sort=name&dir=asc`)).text());
    const desc = rowNames(await (await get(app, office, `${base}/board?sort=name&dir=desc`)).text());
    expect(desc).toEqual([...asc].reverse());
    expect(asc).toEqual([...all].sort(new Intl.Collator('zh-CN-u-co-pinyin').compare));
    const byScore = rowNames(await (await get(app, office, `${base}/board?sort=score&dir=desc`)).text());
    const scores = byScore.map((name) => entries.find((e) => e.agency.name === name)?.assessment.result.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // a parameter that is not one of the choices is ignored, not an error
    expect((await get(app, office, `${base}/board?sort=evil&status=x`)).status).toBe(200);
  });

  it('exports the filtered, sorted rows to XLSX, read back with exceljs', async () => {
    const query = '?sort=score&dir=desc&source=upload';
    const names = rowNames(await (await get(app, office, `${base}/board${query}`)).text());
    expect(names.length).toBeGreaterThan(0);
    const r = await get(app, office, `${base}/board.xlsx${query}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(r.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('示范市人民政府2023年度报告看板.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await r.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(BOARD_COLUMNS.map((c) => c.header));
    const col = (h: string) => BOARD_COLUMNS.findIndex((c) => c.header === h) + 1;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    expect(rows.map((row) => row.getCell(col('机关')).value)).toEqual(names);
    const entry = await collectedReport(t.db, ids.city, ids.dyz, YEAR, { asOf: TODAY });
    const dyz = rows.find((row) => row.getCell(col('机关')).value === '兴化市大营镇人民政府');
    expect(dyz?.getCell(col('得分')).value).toBe(entry?.assessment.result.score);
    expect(dyz?.getCell(col('错误')).value).toBe(entry?.assessment.result.errors);
    expect(dyz?.getCell(col('来源')).value).toBe('上传文件');
    // the shared XLSX layout: the header on every printed page, page numbers, wrapped text
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    expect(dyz?.getCell(col('机关')).alignment?.wrapText).toBe(true);
  });

  it('reminders: refused with nothing written, recorded and audited, shown to the agency until it publishes', async () => {
    const before = await snapshot(t.db);
    const published = await post(app, office, `${base}/reminders`, { agency: code('tyjr'), text: '请发布' });
    expect(published.status).toBe(409);
    expect(await published.text()).toContain('长春市退役军人事务局的2023年度报告已收集，不需要催报');
    const empty = await post(app, office, `${base}/reminders`, { agency: '*', text: ' ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请填写催报内容');
    expect((await post(app, office, `${base}/reminders`, { agency: code('odept'), text: '请发布' })).status).toBe(422);
    expect(await snapshot(t.db)).toBe(before);

    const sent = await post(app, office, `${base}/reminders`, { agency: '*', text: '请于本周内发布2023年度报告。' });
    expect(sent.status).toBe(303);
    const none = (await collectedReports(t.db, ids.city, YEAR, { asOf: TODAY })).filter((e) => e.source === null && e.exclusion === null);
    const rows = await t.db.selectFrom('oversightReminders').selectAll().where('overseerId', '=', ids.city).execute();
    expect(rows.map((r) => r.agencyId).sort()).toEqual(none.map((e) => e.agency.id).sort());
    expect(rows.every((r) => r.text === '请于本周内发布2023年度报告。' && r.sentBy === office.id && r.year === YEAR)).toBe(true);
    const audits = await t.db.selectFrom('auditLog').select(['target', 'userId']).where('action', '=', 'oversight.remind').where('agencyId', '=', ids.city).execute();
    expect(audits.map((a) => a.target).sort()).toEqual(none.map((e) => `agency:${e.agency.code}`).sort());
    expect(await (await get(app, office, sent.headers.get('location') ?? '')).text()).toContain(`已向${none.length}个机关催报`);
    // one agency again
    expect((await post(app, office, `${base}/reminders`, { agency: code('cjj') })).status).toBe(303);

    const dashboard = await (await get(app, clerk, `/staff/${code('cjj')}`)).text();
    expect(dashboard).toContain('示范市人民政府催报2023年度报告');
    expect(dashboard).toContain('共催报2次');
    // published on the platform: the reminder is gone
    const { report } = await parseFixture('excerpt-002');
    await t.db.insertInto('publishedReports').values({ agencyId: ids.cjj, year: YEAR, report: JSON.stringify({ ...report, agency: '示范县财政局' }), publishedAt: '2024-11-19T02:00:00Z', publishedBy: null }).execute();
    expect(await (await get(app, clerk, `/staff/${code('cjj')}`)).text()).not.toContain('催报2023年度报告');
  });

  it('settings: refused in Chinese with nothing written; once saved, collectedReports scores with them', async () => {
    const settings = `${base}/settings`;
    const page = await (await get(app, office, settings)).text();
    const json = /<textarea[^>]*name="rubric"[^>]*>([\s\S]*?)<\/textarea>/.exec(page)?.[1] ?? '';
    const rubric = JSON.parse(json.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as { title: string; vetoes: { codes: string[] }[] };
    const before = await snapshot(t.db);
    const broken = await post(app, office, settings, { townshipDue: '01-31', rubric: '{ "version": 1, ' });
    expect(broken.status).toBe(422);
    expect(await broken.text()).toContain('评分细则不是有效的JSON');
    const noVeto = await post(app, office, settings, { townshipDue: '01-31', rubric: JSON.stringify({ ...rubric, vetoes: [] }) });
    expect(noVeto.status).toBe(422);
    expect(await noVeto.text()).toContain('必须列入单项否决规则');
    const badDay = await post(app, office, settings, { townshipDue: '02-30', rubric: JSON.stringify(rubric) });
    expect(badDay.status).toBe(422);
    expect(await badDay.text()).toContain('不是每年都有的日期');
    expect(await snapshot(t.db)).toBe(before);

    const saved = await post(app, office, settings, { townshipDue: '03-31', rubric: JSON.stringify({ ...rubric, title: '示范市评分细则' }) });
    expect(saved.status).toBe(303);
    expect(await (await get(app, office, saved.headers.get('location') ?? '')).text()).toContain('现用评分细则：示范市评分细则（本办设置）');
    const township = await collectedReport(t.db, ids.city, ids.dyz, YEAR, { asOf: TODAY });
    expect(township?.assessment.dueOn).toBe('2024-03-31');
    expect((await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'oversight.settings').execute()).map((a) => a.detail)).toEqual([{ rubric: '示范市评分细则', townshipDue: '03-31' }]);
    // back to the default rubric
    expect((await post(app, office, settings, { townshipDue: '01-31', useDefault: '1', rubric: '' })).status).toBe(303);
    expect(await (await get(app, office, settings)).text()).toContain('（默认评分细则）');
  });

  it("one agency's findings: the cells concerned marked in the report's tables, each finding linked to them", async () => {
    const { report } = reportFromHandEntry(YEAR, '示范区统计局', { 'applications.rows.newReceived[0]': '2', 'applications.rows.newReceived[6]': '5' });
    expect((await enterReport(t.db, ids.city, ids.tjj, YEAR, { report, publishedOn: '2024-01-20' }, actor)).ok).toBe(true);
    const entry = await collectedReport(t.db, ids.city, ids.tjj, YEAR, { asOf: TODAY });
    const withCells = entry?.assessment.findings.filter((f) => f.cells.length > 0) ?? [];
    expect(withCells.length).toBeGreaterThan(0);
    const page = await (await get(app, office, `${base}/agencies/${code('tjj')}`)).text();
    for (const f of withCells.slice(0, 5)) {
      const anchor = `cell-${(f.cells[0]?.path ?? '').replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
      expect(page).toContain(`id="${anchor}"`);
      expect(page).toContain(`href="#${anchor}"`);
      expect(page).toContain(`<a href="#finding-${f.id}">`);
    }
    expect(page).toMatch(/class="gk-mark gk-mark-(error|warning|info)"/);
    expect(page).toMatch(/【(错误|警告|提示) /);
  });

  it('the 汇总: sums equal to an independent sum, excluded and missing agencies listed, charts beside tables', async () => {
    expect((await excludeAgency(t.db, ids.city, ids.dfz, YEAR, '原件为扫描件，数字无法辨认', actor)).ok).toBe(true);
    const r = await get(app, office, `${base}/aggregate?agency=${code('dyz')}`);
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toContain('原件为扫描件，数字无法辨认');
    expect(page).toContain('湛江市人民政府地方志办公室');
    expect(page).toMatch(/示范县人民政府<\/a>：未收集到报告/);
    expect(page).toMatch(/示范市审计局<\/a>：报告无法读取/);
    expect(page.match(/<svg role="img" aria-label="[^"]+"/g)?.length).toBe(2);
    expect(page).toContain('全部下级机关（不含不纳入汇总的）：主要数字');
    expect(page).toContain('兴化市大营镇人民政府：主要数字');

    // 示范县财政局 is below 示范县人民政府, whose report states its whole county: not summed on its own
    expect(page).toContain('已含在上级机关报告中的机关（1个，不重复汇总）');
    expect(page).toMatch(/示范县财政局<\/a>：已含在示范县人民政府的报告中/);

    // independently: the reports summed are the collected, readable ones of the year not excluded, but
    // for the county's department
    const entries = (await collectedReports(t.db, ids.city, YEAR, { asOf: TODAY })).filter(
      (e) => e.exclusion === null && e.report !== null && (e.report.year ?? YEAR) === YEAR && e.agency.id !== ids.cjj,
    );
    expect(entries.map((e) => e.agency.id)).not.toContain(ids.dfz);
    const aggregate = await aggregateYear(t.db, ids.city, YEAR, TODAY);
    expect(aggregate.covered).toEqual([{ code: code('cjj'), name: '示范县财政局', by: { code: code('county'), name: '示范县人民政府' } }]);
    expect(aggregate.included.map((i) => i.code).sort()).toEqual(entries.map((e) => e.agency.code).sort());
    expect(aggregate.excluded).toEqual([{ code: code('dfz'), name: '湛江市人民政府地方志办公室', reason: '原件为扫描件，数字无法辨认' }]);
    const [group] = aggregate.groups;
    expect(aggregate.groups).toHaveLength(1);
    let known = 0;
    for (const cell of cellCatalogue('2021').filter((c) => !c.text)) {
      const values = entries.map((e) => getAt(e.report, cell.at));
      const expected = values.every((v) => typeof v === 'number') ? (values as number[]).reduce((a, b) => a + b, 0) : null;
      if (expected !== null) known += 1;
      expect(getAt(group?.report, cell.at), cell.path).toBe(expected);
    }
    expect(known).toBeGreaterThan(0);
    const total = getAt(group?.report, ['applications', 'rows', 'newReceived', 6]);
    if (typeof total === 'number') expect(page).toMatch(new RegExp(`<th scope="row">新收申请总数</th>(<td>[^<]*</td>){4}<td>${total}</td>`));
  });
});
