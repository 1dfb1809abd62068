// `gongkai demo`'s data (src/services/demo.ts and demo/): loaded whole in one call, plausible, refused a
// second time without a change, table 三 reconciling, last year's report drafted from its records
// (table 二's figures, table 四's cases, the facts of its prose) and passing every check of publication
// (in the trial format too), and a dashboard with something due on `today`.

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES } from '../../src/domain/applications/types.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { checkAll, checkReport } from '../../src/domain/report/checks.ts';
import { OUTCOMES } from '../../src/domain/applications/types.ts';
import type { OutcomeRow } from '../../src/domain/applications/types.ts';
import { reviewForPublication } from '../../src/domain/report/publication.ts';
import { login } from '../../src/services/accounts.ts';
import { getPage, publishedReport } from '../../src/services/column.ts';
import { agencyDashboard } from '../../src/services/agency-dashboard.ts';
import { DEMO_PASSWORD, loadDemo, planDemo } from '../../src/services/demo.ts';
import { publicStatus } from '../../src/services/public-applications.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { withheldRegister } from '../../src/services/withheld/register.ts';
import { draftFor } from '../../src/services/report-draft.ts';
import { collectedReports } from '../../src/services/oversight/collected.ts';
import { engines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';
import { publicApp, Visitor } from '../web/public-support.ts';

const TODAY = '2026-06-15';
const NOW = `${TODAY}T10:00:00.000Z`;
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

const counts = async (db: Parameters<typeof loadDemo>[0]) => {
  const tables = ['agencies', 'users', 'memberships', 'applications', 'application_events', 'documents', 'public_access', 'uploads', 'agency_pages', 'published_reports', 'report_counts', 'review_cases', 'report_facts', 'audit_log'];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db);
    out[t] = rows[0]?.n ?? -1;
  }
  return out;
};

describe('planDemo', () => {
  it('is deterministic, dated in order and never after today', () => {
    const a = planDemo(TODAY, calendar);
    const b = planDemo(TODAY, calendar);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(JSON.stringify(a.value)).toBe(JSON.stringify(b.value));
    expect(a.value.length).toBe(120);
    for (const p of a.value) {
      let last = p.receivedOn;
      expect(p.submittedOn <= p.receivedOn).toBe(true);
      expect(p.receivedOn >= '2025-06-15').toBe(true);
      for (const s of p.steps) {
        expect(s.on >= last).toBe(true);
        expect(s.on <= TODAY).toBe(true);
        last = s.on;
      }
    }
  });
});

describe.each(engines())('loadDemo (%s)', (engine) => {
  const t = useDatabase(engine);

  it('loads a year of an agency, then refuses a second time without changing anything', async () => {
    const r = await loadDemo(t.db, { today: TODAY, now: NOW, calendar, queryKey: TEST_QUERY_KEY });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.agencyCode).toBe('demo');
    expect(v.users.map((u) => [u.username, u.role])).toEqual([
      ['demo-admin', 'admin'],
      ['demo-handler', 'handler'],
      ['demo-head', 'section_head'],
      ['demo-office', 'office'],
      ['demo-leader', 'leader'],
      ['demo-supervisor', 'supervisor'],
      ['demo-oversight', 'oversight'],
    ]);
    expect(v.city).toEqual({ code: 'demo-city', name: '示范市人民政府', agencies: 30, reports: 57 });
    expect(v.applications).toBeGreaterThanOrEqual(100);
    expect(v.applications).toBeLessThanOrEqual(140);
    expect(v.online).toBeGreaterThan(20);
    expect(v.documents).toBeGreaterThan(v.applications * 0.7);
    expect(v.open).toBeGreaterThanOrEqual(5);
    expect(v.sample).not.toBeNull();

    const c = await counts(t.db);
    expect(c['applications']).toBe(v.applications);
    expect(c['documents']).toBe(v.documents);
    expect(c['public_access']).toBe(v.online);
    expect(c['uploads']).toBe(v.online);
    expect(c['users']).toBe(v.users.length);
    // every application it made is searchable: its search document written with it (migration 0026)
    const unindexed = await sql<{ n: number }>`select count(*)::int as n from applications where search_document is null or length(search_document) = 0`.execute(t.db);
    expect(unindexed.rows[0]?.n).toBe(0);
    expect(c['agency_pages']).toBe(2);
    // the demo agency's, and 29 agencies' two years less the one missing and the one sent as a file
    expect(c['published_reports']).toBe(1 + 29 * 2 - 2);

    // every replied application has its reply notice; the extensions were approved by the leader
    const replied = await t.db.selectFrom('applicationEvents').select('applicationId').where('type', '=', 'reply').execute();
    const replies = await t.db.selectFrom('documents').select('applicationId').where('kind', '=', 'reply').execute();
    expect(replied.length).toBeGreaterThan(60);
    expect(new Set(replies.map((d) => d.applicationId))).toEqual(new Set(replied.map((e) => e.applicationId)));
    const extensions = await t.db.selectFrom('applicationEvents').select('actor').where('type', '=', 'approve_extension').execute();
    expect(extensions.length).toBeGreaterThan(3);
    expect(new Set(extensions.map((e) => e.actor))).toEqual(new Set(['demo-leader']));
    const kinds = await t.db.selectFrom('documents').select('kind').distinct().execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['consultation_letter', 'correction_notice', 'extension_notice', 'fee_notice', 'reply']);
    // every 送达 step is a reply's delivery with its method and evidence (issue #17): all four methods, post with its number
    const delivered = await t.db.selectFrom('applicationEvents').select('applicationId').where('type', '=', 'deliver').execute();
    const deliveries = await t.db.selectFrom('documentDeliveries').select(['applicationId', 'method', 'trackingNumber', 'evidence', 'eventSeq']).execute();
    expect(delivered.length).toBeGreaterThan(30);
    expect(deliveries.map((d) => d.applicationId).sort()).toEqual(delivered.map((e) => e.applicationId).sort());
    expect([...new Set(deliveries.map((d) => d.method))].sort()).toEqual(['email', 'in_person', 'online', 'post']);
    expect(deliveries.filter((d) => d.evidence === '' || d.eventSeq === null || (d.method === 'post') !== /^XA\d{9}CN$/.test(d.trackingNumber ?? ''))).toEqual([]);
    // mostly 予以公开, 部分公开, 不掌握
    const rows = await t.db.selectFrom('applications').select(['outcomeRow', sql<number>`count(*)::int`.as('n')]).where('outcomeRow', 'is not', null).groupBy('outcomeRow').execute();
    const n = (row: string) => rows.find((x) => x.outcomeRow === row)?.n ?? 0;
    const total = rows.reduce((s, x) => s + x.n, 0);
    expect(n('granted') + n('partlyGranted') + n('notHeld')).toBeGreaterThan(total * 0.6);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    // every applicant type, several channels
    const types = await t.db.selectFrom('applications').select('applicantType').distinct().execute();
    expect(types.map((x) => x.applicantType).sort()).toEqual([...APPLICANT_TYPES].sort());
    const channels = await t.db.selectFrom('applications').select('channel').distinct().execute();
    expect(channels.length).toBeGreaterThanOrEqual(4);
    // no event after today, none recorded after now
    const latest = await t.db.selectFrom('applicationEvents').select([sql<string>`max(occurred_on)::text`.as('on'), sql<string>`max(recorded_at)`.as('at')]).executeTakeFirstOrThrow();
    expect(latest.on <= TODAY).toBe(true);
    expect(Date.parse(latest.at) <= Date.parse(NOW)).toBe(true);

    // the accounts work, the guide is filled, the report is readable, the sample receipt opens
    const session = await login(t.db, { username: 'demo-handler', password: DEMO_PASSWORD }, NOW);
    expect(session.ok).toBe(true);
    const guide = await getPage(t.db, 'demo', 'guide');
    expect(guide.ok && !guide.value.isDefault && guide.value.placeholders === 0 && guide.value.body.includes('示范数据')).toBe(true);
    const report = await publishedReport(t.db, 'demo', 2025);
    expect(report.ok, report.ok ? '' : report.error.message).toBe(true);
    if (v.sample) {
      const status = await publicStatus(t.db, 'demo', v.sample.receiptCode, v.sample.password, TEST_QUERY_KEY, TODAY, calendar);
      expect(status.ok, status.ok ? '' : status.error.message).toBe(true);
    }

    // a second time: refused, nothing changed
    const before = await counts(t.db);
    const again = await loadDemo(t.db, { today: TODAY, now: NOW, calendar, queryKey: TEST_QUERY_KEY });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('DEMO_EXISTS');
      expect(again.error.message).toMatch(/已经存在/);
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it('(loaded above) has 30 agencies under 示范市人民政府 with two years of reports: on time, late, blank totals by file, one missing', async () => {
    const city = await t.db.selectFrom('agencies').select('id').where('code', '=', 'demo-city').executeTakeFirstOrThrow();
    const board = await collectedReports(t.db, Number(city.id), 2025, { asOf: TODAY });
    expect(board.length).toBe(30);
    const byCode = new Map(board.map((e) => [e.agency.code, e]));
    const status = (code: string) => byCode.get(code)?.assessment.result.status ?? null;
    expect(status('demo-s4')).toBe('未发布'); // has not published
    expect(status('demo-d19')).toBe('未通过'); // the file with blank totals
    expect(byCode.get('demo-d19')?.assessment.findings.some((f) => f.code === 'BLANK' || f.code === 'R1')).toBe(true);
    expect(byCode.get('demo-d04')?.assessment.daysLate).toBeGreaterThan(0); // late: published in February
    const passed = board.filter((e) => e.assessment.result.status.startsWith('通过'));
    expect(passed.length).toBeGreaterThanOrEqual(20);
    // last year: all 29 and the city's own agency published, every one consistent with this year's (X1)
    const lastYear = await collectedReports(t.db, Number(city.id), 2024, { asOf: TODAY });
    expect(lastYear.filter((e) => e.assessment.result.status === '未发布').map((e) => e.agency.code)).toEqual(['demo']);
  });

  it('table 三 of this year and of last year reconciles (no R1, R3, R4)', async () => {
    for (const year of [2025, 2026]) {
      const r = await computeAnnualReport(t.db, 'demo', year);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const findings = checkReport(r.value).filter((f) => f.rule === 'R1' || f.rule === 'R3' || f.rule === 'R4');
      expect(findings).toEqual([]);
      expect(r.value.applications.rows.totalHandled[6]).toBeGreaterThan(0);
    }
    // carried forward from 2025 = carried over into 2026
    const a = await computeAnnualReport(t.db, 'demo', 2025);
    const b = await computeAnnualReport(t.db, 'demo', 2026);
    if (a.ok && b.ok) expect(b.value.applications.rows.carriedOver).toEqual(a.value.applications.rows.carriedForward);
  });

  it('publishes a complete 2025 report that passes every check of publication', async () => {
    const published = await publishedReport(t.db, 'demo', 2025);
    expect(published.ok).toBe(true);
    if (!published.ok) return;
    const report = published.value.report;
    expect(report.format).toBe('2021');
    const review = reviewForPublication(report);
    expect(review).toEqual({ errors: [], crossYear: [], warnings: [] });
    expect(checkAll(report).filter((f) => f.rule === 'BLANK' || f.severity === 'error')).toEqual([]);
    // six sections: the prose of 一、五、六 drafted, tables 二、三、四 computed from the records
    for (const text of [report.text?.overview, report.text?.problems, report.text?.other]) expect(text?.length ?? 0).toBeGreaterThan(80);
    expect(report.text?.overview?.startsWith('【示范数据】')).toBe(true);
    expect(report.text?.other).toContain('信息处理费');
    // the report as the draft gives it, tables and prose
    const drafted = await draftFor(t.db, 'demo', 2025);
    if (!drafted.ok) throw new Error(drafted.error.message);
    expect(report.activeDisclosure).toEqual(drafted.value.report.activeDisclosure);
    expect(report.review).toEqual(drafted.value.report.review);
    expect(report.text).toEqual(drafted.value.report.text);
    expect(drafted.value.findings).toEqual([]);
    // table 三 is the one computed from the demo's records, and the prose states its figures
    const computed = await computeAnnualReport(t.db, 'demo', 2025);
    expect(computed.ok && report.applications).toEqual(computed.ok ? computed.value.applications : null);
    expect(report.text?.overview).toContain(`新收政府信息公开申请${report.applications.rows.newReceived[6]}件`);
    // published through the publication service: audited like a user's publication
    const demoAgency = await t.db.selectFrom('agencies').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    const audit = await t.db.selectFrom('auditLog').select(['action', 'target']).where('action', '=', 'report.publish').where('agencyId', '=', demoAgency.id).execute();
    expect(audit).toEqual([{ action: 'report.publish', target: 'report:2025' }]);
    const page = await (await new Visitor(publicApp(t.db, () => NOW)).get('/demo/reports/2025')).text();
    expect(page).toContain('一、总体情况');
    expect(page).not.toMatch(/<td[^>]*>\s*<\/td>/); // no empty table cell
  });

  it("states table 二's figures as entered on 年报数据 (their history: one entry each, by the office)", async () => {
    const published = await publishedReport(t.db, 'demo', 2025);
    if (!published.ok) throw new Error(published.error.message);
    const entries = await t.db.selectFrom('reportCounts').select(['kind', sql<string>`value::text`.as('value'), 'year', 'enteredByName', 'source']).orderBy('id').execute();
    expect(entries.map((e) => [e.year, e.kind, e.enteredByName, e.source])).toEqual(
      ['licensing', 'punishment', 'enforcement', 'fees'].map((kind) => [2025, kind, '演示办公室', 'page']),
    );
    const value = (kind: string) => Number(entries.find((e) => e.kind === kind)?.value);
    const ad = published.value.report.activeDisclosure;
    expect([ad.licensing, ad.punishment, ad.enforcement, ad.feesWanYuan]).toEqual([value('licensing'), value('punishment'), value('enforcement'), value('fees')]);
    expect(ad.licensing).toBe(86);
    expect(ad.feesWanYuan).toBe(0.35);
  });

  it('has table 四 from the cases registered: brought against refusals, dated in 2025, every result column, one lawsuit after its 复议', async () => {
    const published = await publishedReport(t.db, 'demo', 2025);
    if (!published.ok) throw new Error(published.error.message);
    const review = published.value.report.review;
    const cases = await t.db
      .selectFrom('reviewCases as c')
      .innerJoin('applications as a', 'a.id', 'c.applicationId')
      .select(['c.id', 'c.caseNumber', 'c.type', 'c.receivedOn', 'c.concludedOn', 'c.result', 'c.reconsiderationId', 'c.version', 'a.outcomeRow'])
      .execute();
    expect(await t.db.selectFrom('reviewCases').select('id').execute()).toHaveLength(cases.length); // every case names its application
    const ofType = (type: string) => cases.filter((c) => c.type === type).length;
    expect(review.reconsideration[4]).toBe(ofType('reconsideration'));
    expect(review.litigationDirect[4]).toBe(ofType('litigation_direct'));
    expect(review.litigationAfterReconsideration[4]).toBe(ofType('litigation_after_reconsideration'));
    expect(cases.length).toBe(5);
    // 维持, 纠正, 其他 and 尚未审结 each hold a case
    const columns = [0, 1, 2, 3].map((i) => review.reconsideration[i]! + review.litigationDirect[i]! + review.litigationAfterReconsideration[i]!);
    expect(columns.every((n) => n > 0)).toBe(true);
    expect(columns[3]).toBe(cases.filter((c) => c.concludedOn === null).length);
    for (const c of cases) {
      expect(c.receivedOn.startsWith('2025-'), c.caseNumber).toBe(true);
      expect(c.concludedOn === null || (c.concludedOn.startsWith('2025-') && c.concludedOn >= c.receivedOn), c.caseNumber).toBe(true);
      // against a refusal: never an application granted in full
      expect(['granted', 'partlyGranted'].includes(c.outcomeRow as string), c.caseNumber).toBe(false);
      // a 不予公开 reply goes to 复议 first: only other refusals are sued directly
      if (c.type === 'litigation_direct') expect(Object.values(OUTCOMES).some((o) => o.row === (c.outcomeRow as OutcomeRow) && o.reconsiderationFirst)).toBe(false);
      // concluded cases were registered on receipt and completed on conclusion
      expect(c.version, c.caseNumber).toBe(c.concludedOn === null ? 1 : 2);
    }
    const after = cases.find((c) => c.type === 'litigation_after_reconsideration');
    const linked = cases.find((c) => c.id === after?.reconsiderationId);
    expect(linked?.type).toBe('reconsideration');
    expect(after!.receivedOn > linked!.concludedOn!).toBe(true);
  });

  it('states the open day, the suggestions and the cases in its prose, from the facts and the register', async () => {
    const published = await publishedReport(t.db, 'demo', 2025);
    if (!published.ok) throw new Error(published.error.message);
    const overview = published.value.report.text?.overview ?? '';
    const event = await t.db.selectFrom('reportFacts').select('data').where('kind', '=', 'event').executeTakeFirstOrThrow();
    const suggestions = await t.db.selectFrom('reportFacts').select('id').where('kind', '=', 'suggestion').execute();
    const participants = (event.data as { participants: number }).participants;
    expect(overview).toContain(`共计${participants}人，开展了以“走进不动产登记大厅”为主题的“政府开放日”活动`);
    expect(overview).toContain(`收集意见建议${suggestions.length}条`);
    expect(overview).toContain('培训');
    const cases = await t.db.selectFrom('reviewCases').select('type').execute();
    const litigation = cases.filter((c) => c.type !== 'reconsideration').length;
    expect(overview).toContain(`2025年因政府信息公开工作被申请行政复议${cases.length - litigation}件，被提起行政诉讼${litigation}件`);
    expect(published.value.report.text?.problems).toMatch(/一是部分征地项目[\s\S]*下一步/);
    // 一（四）、一（五） from records with numbers (issue #17): the 公众号's posts, the inspections' findings
    const platforms = (await t.db.selectFrom('reportFacts').select('data').where('kind', '=', 'platform').execute()).map((r) => r.data as { type: string; posts: number });
    const posts = platforms.find((p) => p.type === '政务新媒体')?.posts ?? 0;
    expect(posts).toBeGreaterThan(0);
    expect(overview).toContain(`全年发布信息${posts}条`);
    const inspection = (await t.db.selectFrom('reportFacts').select('data').where('kind', '=', 'supervision').execute()).map((r) => r.data as { type: string; found: number; rectified: number }).find((d) => d.type === '监督检查');
    expect(inspection?.found).toBeGreaterThan(0);
    expect(overview).toContain(`发现问题${inspection?.found}个`);
  });

  it('has three 更正 requests (条例第四十一条): one corrected, one transferred, one open; this year’s draft states them in 六', async () => {
    const rows = await t.db.selectFrom('recordAmendments as r').innerJoin('agencies as g', 'g.id', 'r.agencyId').select(['r.state', 'r.decision', 'r.authority', 'r.noticeNumber']).where('g.code', '=', 'demo').orderBy('r.id').execute();
    expect(rows.map((r) => [r.state, r.decision])).toEqual([
      ['decided', 'amended'],
      ['decided', 'transferred'],
      ['open', null],
    ]);
    expect(rows[1]?.authority).toBe('示范市不动产登记中心');
    expect(rows.every((r) => (r.state === 'open') === (r.noticeNumber === null))).toBe(true);
    const drafted = await draftFor(t.db, 'demo', 2026);
    expect(drafted.ok && drafted.value.report.text?.other).toContain('政府信息更正申请3件（不属于政府信息公开申请，未计入本报告第三部分），其中予以更正1件、转送有权机关1件，截至年底尚在办理1件');
  });

  it('has an application made proactive, a suggestion, and withheld information with a review (条例第四十四条、第十八条)', async () => {
    const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    const made = await t.db.selectFrom('catalogueItems').select(['sourceApplicationId', 'disclosure', 'state']).where('agencyId', '=', agency.id).where('sourceApplicationId', 'is not', null).execute();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ disclosure: '主动公开', state: 'draft' });
    const suggestions = await t.db.selectFrom('applicationEvents as e').innerJoin('applications as a', 'a.id', 'e.applicationId').select('e.id').where('a.agencyId', '=', agency.id).where('e.type', '=', 'suggest_proactive').execute();
    expect(suggestions).toHaveLength(1);
    const register = await withheldRegister(t.db, agency.id, { today: TODAY });
    expect(new Set(register.entries.map((e) => e.source))).toEqual(new Set(['application', 'catalogue']));
    expect(register.entries.filter((e) => e.lastOutcome === 'still_withheld')).toHaveLength(1);
    // the catalogue item decided 400 days ago is due; the dashboard says so
    expect(register.due).toBeGreaterThanOrEqual(1);
    expect((await agencyDashboard(t.db, agency.id, { calendar, today: TODAY })).withheldDue).toBe(register.due);
    const drafted = await draftFor(t.db, 'demo', 2026);
    expect(drafted.ok && drafted.value.report.text?.overview).toContain('本年度将1件依申请公开的政府信息转为主动公开，登记申请人关于纳入主动公开范围的建议1件');
  });

  it('has two 投诉、举报 against the agency received by the city (条例第五十一条): one answered with a 责任追究, one open; the city’s draft states them in 一（五）', async () => {
    const rows = await t.db
      .selectFrom('complaints as c')
      .innerJoin('agencies as a', 'a.id', 'c.againstAgencyId')
      .innerJoin('agencies as r', 'r.id', 'c.receivingAgencyId')
      .select(['a.code as against', 'r.code as receiver', 'c.kind', 'c.state', 'c.result', 'c.accountability', 'c.dueOn'])
      .orderBy('c.id')
      .execute();
    expect(rows.map((r) => [r.against, r.receiver, r.kind, r.state, r.result, r.accountability !== null])).toEqual([
      ['demo', 'demo-city', 'complaint', 'answered', 'partly', true],
      ['demo', 'demo-city', 'report', 'received', null, false],
    ]);
    expect(rows.every((r) => r.dueOn !== null)).toBe(true);
    const drafted = await draftFor(t.db, 'demo-city', Number(TODAY.slice(0, 4)));
    expect(drafted.ok && drafted.value.report.text?.overview).toContain('投诉、举报2件（投诉1件、举报1件），已调查答复1件，其中部分属实1件，截至年底尚在办理1件，依法依规追究责任1件');
  });

  it('the dashboard is alive on today: one overdue, some due soon, some paused', async () => {
    const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    const d = await agencyDashboard(t.db, agency.id, { calendar, today: TODAY });
    expect(d.clockErrors.count).toBe(0);
    expect(d.counts.overdue).toBe(1);
    expect(d.counts.due_soon).toBeGreaterThanOrEqual(2);
    expect(d.counts.paused).toBeGreaterThanOrEqual(1);
    expect(d.open).toBeGreaterThanOrEqual(5);
  });

  it("has a catalogue: every category of 第二十条, interpretations linked, last year's register at 4 / 2 / 31", async () => {
    const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    const items = await t.db.selectFrom('catalogueItems').selectAll().where('agencyId', '=', agency.id).execute();
    const published = items.filter((i) => i.state === 'published');
    expect(new Set(published.map((i) => i.category))).toEqual(new Set([...Array.from({ length: 14 }, (_, i) => `a20-${i + 1}`), 'own:gzdt']));
    // the editor's draft (the others: one made from an application, one found 不予公开 — demo/proactive.ts)
    expect(items.filter((i) => i.state === 'draft' && i.sourceApplicationId === null && i.disclosure !== '不予公开')).toHaveLength(1);
    // the newest draft was sent to review: 主动公开, 不涉密, waiting at 初审
    const waiting = items.filter((i) => i.state === 'in_review');
    expect(waiting.map((i) => [i.disclosure, i.title])).toEqual([['主动公开', '关于开展耕地保护专项检查的通知']]);
    const pending = await t.db.selectFrom('reviewPending').selectAll().execute();
    expect(pending.map((p) => [p.subjectId, p.stage])).toEqual([[waiting[0]!.id, 1]]);
    expect(new Set(items.map((i) => i.indexNumber)).size).toBe(items.length);
    expect(published.every((i) => i.disclosure === '主动公开' && i.publishedOn !== null && i.publishedOn <= TODAY)).toBe(true);
    const interpretations = published.filter((i) => i.docType === '政策解读');
    expect(interpretations.length).toBeGreaterThanOrEqual(5);
    for (const i of interpretations) expect(items.find((d) => d.id === i.interpretsId)?.docType).toBe('行政规范性文件');
    // counted here by hand, independently of the register's SQL
    const reg = published.filter((i) => i.docType === '行政规范性文件');
    const ended = (i: (typeof reg)[number], d: string) => [i.repealedOn, i.lapsedOn, i.revisedOn].some((x) => x !== null && x <= d);
    expect(reg.filter((i) => i.writtenOn?.startsWith('2025')).length).toBe(4);
    expect(reg.filter((i) => i.repealedOn?.startsWith('2025')).length).toBe(2);
    expect(reg.filter((i) => i.writtenOn! <= '2025-12-31' && !ended(i, '2025-12-31')).length).toBe(31);
    const revised = reg.find((i) => i.validity === '已修订');
    expect(revised?.supersededBy).toBe(reg.find((i) => i.title.includes('临时用地管理实施细则（修订）'))?.id);
  });
});

describe.each(engines())('loadDemo in the trial format (%s)', (engine) => {
  const t = useDatabase(engine);

  it('publishes a complete 2020 report in the 2019 trial format (the demo loaded in 2021)', async () => {
    const r = await loadDemo(t.db, { today: '2021-03-01', now: '2021-03-01T10:00:00.000Z', calendar, queryKey: TEST_QUERY_KEY });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    const published = await publishedReport(t.db, 'demo', 2020);
    if (!published.ok) throw new Error(published.error.message);
    const report = published.value.report;
    expect(report.format).toBe('2019');
    expect(reviewForPublication(report)).toEqual({ errors: [], crossYear: [], warnings: [] });
    expect(report.activeDisclosure.licensing).toBe(86);
    expect(report.activeDisclosure.feesWanYuan).toBeNull(); // the trial format counts fee items, not money
    expect(report.text?.overview?.startsWith('【示范数据】')).toBe(true);
  });
});
