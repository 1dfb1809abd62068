// `gongkai demo`: a demo agency (示范市自然资源和规划局, code `demo`) with a realistic year of work, so that
// a newcomer sees a living system in one command — staff accounts of each role, a filled 政府信息公开指南,
// about 120 applications over the 12 months before today (online with receipt codes, in person, by
// letter and fax; corrections, consultations, extensions approved by the leader, fees, withdrawals;
// replies spread over the rows of table 三) with their notices, a few still open (some due soon, one
// overdue) and last year's annual report published — drafted from the records behind it (table 二's
// figures, table 四's 复议/诉讼 cases, the facts of its prose), passing every check of publication. Above
// it, its government (示范市人民政府) with 29 more agencies and their reports of two years, and the
// 政务公开办's account that oversees them (demo/oversight.ts).
//
// Its parts (src/services/demo/): agency.ts (the agency, its accounts), topics.ts (what is asked and how
// it is answered), identity.ts (fictitious identity numbers and proof), plan.ts (the year as a plan),
// column-pages.ts (the guide and the rules), report-facts.ts and report-cases.ts (what the office enters
// for the report), report-records.ts (entering it and drafting the report), annual-report.ts (the trial
// format's item counts); this file loads it.
//
// The plan is deterministic (xorshift32, a fixed seed; dates are working days of the calendar; every
// step is dated on or after the one before and never after today) and every record is written through
// the services a user's action goes through, so the demo obeys the same rules as real work. Each step
// is recorded as of its own date (recorded_at in Beijing office hours), so the history and the "as of"
// recomputations read as if the year had really happened. All of it is one transaction: it is loaded
// completely or not at all, and refused (DEMO_EXISTS) once the demo agency exists.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { buildCalendar } from '../domain/calendar/index.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../domain/calendar/dates.ts';
import { addMembership, insertUser, prepareUser, ROLE_LABELS } from './accounts.ts';
import type { Role } from './accounts.ts';
import { createAgency } from './agencies.ts';
import { updateSite } from './agency-site.ts';
import { recordEvent, registerApplication } from './applications.ts';
import type { Actor } from './applications.ts';
import { setPage } from './column.ts';
import { bumpColumns, touchColumn } from './column-version.ts';
import { DEMO_AGENCY, DEMO_CITY_SITE, DEMO_PASSWORD, DEMO_SITE, DEMO_USERS } from './demo/agency.ts';
import { withTrialItemCounts } from './demo/annual-report.ts';
import { loadDemoAmendments } from './demo/amendments.ts';
import { loadDemoProactive } from './demo/proactive.ts';
import { loadDemoComplaints } from './demo/complaints.ts';
import { loadDemoCatalogue } from './demo/catalogue-load.ts';
import { demoGuide, demoRules } from './demo/column-pages.ts';
import { demoIdentityPdf } from './demo/identity.ts';
import { planDemo } from './demo/plan.ts';
import type { PlannedApplication, PlannedStep } from './demo/plan.ts';
import { demoReportFromRecords } from './demo/report-records.ts';
import { DEMO_CITY, DEMO_CITY_AGENCIES, DEMO_OVERSIGHT_USER, loadDemoCity } from './demo/oversight.ts';
import { issueDocument } from './documents.ts';
import { recordDelivery } from './deliveries.ts';
import { DELIVERY_FORM_LABELS, submitOnline } from './public-applications.ts';
import { formatReceiptCode } from './public-grants.ts';
import type { QueryKey } from './query-key.ts';
import { publishReport } from './report-publish.ts';
import { joined, Refused } from './transactions.ts';

export { DEMO_AGENCY, DEMO_PASSWORD, DEMO_REVIEW_BODY, DEMO_USERS } from './demo/agency.ts';
export { demoGuide, demoRules } from './demo/column-pages.ts';
export { planDemo } from './demo/plan.ts';
export type { PlannedApplication } from './demo/plan.ts';

export interface DemoSummary {
  agencyCode: string;
  agencyName: string;
  users: { username: string; password: string; role: Role; roleLabel: string; displayName: string }[];
  applications: number;
  /** of which submitted through the online form (with a receipt code) */
  online: number;
  /** still open on `today` */
  open: number;
  documents: number;
  /** catalogue items (主动公开), published and drafts */
  catalogueItems: number;
  /** the year of the published annual report */
  reportYear: number;
  /** the government above the demo agency, the agencies it oversees (the demo agency included) and their reports of the last two years */
  city: { code: string; name: string; agencies: number; reports: number };
  /** one online application the status page can be tried with */
  sample: { number: string; receiptCode: string; password: string } | null;
}

type PreparedUser = Extract<Awaited<ReturnType<typeof prepareUser>>, { ok: true }>['value'];

const demoExists = (): DomainError => ({
  code: 'DEMO_EXISTS',
  message: `演示机关“${DEMO_AGENCY.code}”（${DEMO_AGENCY.name}）已经存在，演示数据已载入过，未做任何改动。如需重新体验，请换一个空的数据目录（GONGKAI_DATA_DIR）或数据库。`,
  field: 'agency',
});

/**
 * Loads the demo agency as of `today` (YYYY-MM-DD) and `now` (ISO timestamp, on or after today): refused
 * with DEMO_EXISTS, changing nothing, if the agency `demo` exists already. `calendar`: the agency's
 * working calendar (the built-in national one when omitted).
 */
/** `queryKey`: the key the online applications' query passwords are kept under (the server's: query-key.ts), so the sample password opens its status. */
export async function loadDemo(db: Kysely<DB>, options: { today: string; now: string; calendar?: WorkingCalendar; queryKey: QueryKey }): Promise<DomainResult<DemoSummary>> {
  const { today, now } = options;
  if (parseIsoDate(today) === null) return { ok: false, error: { code: 'INVALID_DATE', message: `今天的日期“${today}”无效。`, field: 'today' } };
  if (Number.isNaN(Date.parse(now)) || now.slice(0, 10) < today) {
    return { ok: false, error: { code: 'INVALID_DATE', message: `当前时间“${now}”无效或早于今天（${today}）。`, field: 'now' } };
  }
  let calendar = options.calendar;
  if (calendar === undefined) {
    const built = buildCalendar();
    if (!built.ok) return { ok: false, error: { code: built.error.code, message: built.error.message, field: 'calendar' } };
    calendar = built.value;
  }
  const existing = await db.selectFrom('agencies').select('id').where('code', '=', DEMO_AGENCY.code).executeTakeFirst();
  if (existing) return { ok: false, error: demoExists() };
  const planned = planDemo(today, calendar);
  if (!planned.ok) return planned;
  const plans = planned.value;

  const start = plans[0]?.receivedOn ?? today;
  /** a timestamp on `date` in Beijing office hours (the k-th action of the day), never after now */
  const stamp = (date: string, k: number): string => {
    const minutes = 60 + Math.min(k * 7, 8 * 60 + 59);
    const t = `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;
    return t < now ? t : now;
  };
  const setupAt = stamp(start, 0);
  // hashing is slow: before the transaction
  const prepared: { username: string; role: Role; prepared: PreparedUser }[] = [];
  for (const u of DEMO_USERS) {
    const p = await prepareUser({ username: u.username, displayName: u.displayName, password: DEMO_PASSWORD });
    if (!p.ok) return p;
    prepared.push({ ...u, prepared: p.value });
  }
  const overseer = await prepareUser({ username: DEMO_OVERSIGHT_USER.username, displayName: DEMO_OVERSIGHT_USER.displayName, password: DEMO_PASSWORD });
  if (!overseer.ok) return overseer;
  const identity = demoIdentityPdf();

  try {
    const summary = await db.transaction().execute(async (trx) => {
      const tx = joined(trx);
      // the agency (its unique code: a second load at the same time fails here and rolls back)
      if (await trx.selectFrom('agencies').select('id').where('code', '=', DEMO_AGENCY.code).executeTakeFirst()) throw new Refused(demoExists());
      // its government first (示范市人民政府, with the 政务公开办 that oversees the agencies below it)
      const city = await createAgency(tx, { ...DEMO_CITY }, setupAt);
      if (!city.ok) throw new Refused(city.error.code === 'AGENCY_CODE_TAKEN' ? demoExists() : city.error);
      const agency = await createAgency(tx, { ...DEMO_AGENCY, parentCode: DEMO_CITY.code }, setupAt);
      if (!agency.ok) throw new Refused(agency.error.code === 'AGENCY_CODE_TAKEN' ? demoExists() : agency.error);
      const agencyId = agency.value.id;
      // the staff
      const userIds = new Map<string, number>();
      for (const u of prepared) {
        const created = await insertUser(tx, u.prepared, setupAt, { userId: null, agencyId });
        if (!created.ok) {
          throw new Refused({ code: created.error.code, message: `演示账号“${u.username}”已被占用（${created.error.message}），未载入演示数据。`, field: 'username' });
        }
        userIds.set(u.username, created.value.id);
        const member = await addMembership(tx, created.value.id, agencyId, u.role, setupAt);
        if (!member.ok) throw new Refused(member.error);
      }
      const office = await insertUser(tx, overseer.value, setupAt, { userId: null, agencyId: city.value.id });
      if (!office.ok) throw new Refused({ code: office.error.code, message: `演示账号“${DEMO_OVERSIGHT_USER.username}”已被占用（${office.error.message}），未载入演示数据。`, field: 'username' });
      const oversees = await addMembership(tx, office.value.id, city.value.id, DEMO_OVERSIGHT_USER.role, setupAt);
      if (!oversees.ok) throw new Refused(oversees.error);
      const adminId = userIds.get('demo-admin') ?? null;
      // the column's pages
      for (const [page, body] of [
        ['guide', demoGuide()],
        ['rules', demoRules()],
      ] as const) {
        const written = await setPage(tx, DEMO_AGENCY.code, page, body, { userId: adminId, now: setupAt });
        if (!written.ok) throw new Refused(written.error);
      }
      // the site's footer and the notices' contact line (fictitious 备案 numbers: 示 is no province)
      for (const [code, site] of [
        [DEMO_AGENCY.code, DEMO_SITE],
        [DEMO_CITY.code, DEMO_CITY_SITE],
      ] as const) {
        const saved = await updateSite(tx, code, site, { userId: adminId }, setupAt);
        if (!saved.ok) throw new Refused(saved.error);
      }
      // the catalogue (主动公开): the 规范性文件 register, interpretations, every category, two drafts
      const catalogueItems = await loadDemoCatalogue(trx, agencyId, today, { adminId, handlerId: userIds.get('demo-handler') ?? null }, stamp);

      // every action of the year, in the order of its date (so numbers of applications and documents run with the dates)
      type Action = { on: string; app: number; seq: number; step: PlannedStep | null };
      const actions: Action[] = [];
      plans.forEach((p, app) => {
        actions.push({ on: p.receivedOn, app, seq: 0, step: null });
        p.steps.forEach((s, i) => actions.push({ on: s.on, app, seq: i + 1, step: s }));
      });
      actions.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.app - b.app || a.seq - b.seq));
      const ids = new Map<number, number>();
      const receipts = new Map<number, { number: string; receiptCode: string; password: string }>();
      let documents = 0;
      let online = 0;
      let perDay = { on: '', k: 0 };
      for (const action of actions) {
        perDay = perDay.on === action.on ? { on: action.on, k: perDay.k + 1 } : { on: action.on, k: 0 };
        const at = stamp(action.on, perDay.k);
        const p = plans[action.app] as PlannedApplication;
        if (action.step === null) {
          if (p.channel === 'online' && at.slice(0, 10) === p.receivedOn) {
            const submitted = await submitOnline(
              tx,
              DEMO_AGENCY.code,
              {
                applicantType: p.applicantType,
                applicantName: p.applicantName,
                idKind: p.idKind,
                idNumber: p.idNumber,
                phone: p.phone,
                email: p.email,
                address: p.address,
                request: p.request,
                deliveryForm: p.deliveryForm,
                identityProof: { bytes: identity, type: 'application/pdf', name: '身份证明（示范）.pdf' },
              },
              at,
              options.queryKey,
              { calendar },
            );
            if (!submitted.ok) throw new Refused(submitted.error);
            ids.set(action.app, submitted.value.applicationId);
            receipts.set(action.app, { number: submitted.value.number, receiptCode: formatReceiptCode(submitted.value.receiptCode), password: submitted.value.password });
            online += 1;
          } else {
            const who: Actor = { actor: 'demo-handler', now: at, today: action.on, calendar };
            const registered = await registerApplication(
              tx,
              agencyId,
              {
                applicantType: p.applicantType,
                applicantName: p.applicantName,
                idKind: p.idKind,
                idNumber: p.idNumber,
                contact: [p.phone ? `电话：${p.phone}` : '', p.email ? `电子邮箱：${p.email}` : ''].filter((s) => s !== '').join('；'),
                address: p.address,
                channel: p.channel === 'online' ? 'in_person' : p.channel,
                submittedOn: p.submittedOn,
                receivedOn: p.receivedOn,
                request: p.request,
                deliveryForm: DELIVERY_FORM_LABELS[p.deliveryForm],
              },
              who,
            );
            if (!registered.ok) throw new Refused(registered.error);
            ids.set(action.app, registered.value.id);
          }
          continue;
        }
        const id = ids.get(action.app) as number;
        const who: Actor = { actor: action.step.actor, now: at, today: action.on, calendar };
        const delivery = action.step.delivery;
        // the reply's delivery records its deliver step with it (services/deliveries.ts)
        const recorded = delivery
          ? await recordDelivery(tx, agencyId, id, { method: delivery.method, deliveredOn: action.on, evidence: delivery.evidence, ...(delivery.trackingNumber ? { trackingNumber: delivery.trackingNumber } : {}) }, who)
          : await recordEvent(tx, agencyId, id, action.step.event, who);
        if (!recorded.ok) throw new Refused(recorded.error);
        const d = action.step.document;
        if (d) {
          const issued = await issueDocument(
            tx,
            agencyId,
            id,
            { kind: d.kind, issuedOn: action.on, values: d.values, ...(d.outcome ? { outcome: d.outcome } : {}), ...(d.consultee ? { consultee: d.consultee } : {}), ...(d.fee ? { fee: d.fee } : {}) },
            who,
          );
          if (!issued.ok) throw new Refused(issued.error);
          documents += 1;
        }
      }

      // last year's annual report, published in January (条例第四十九条: a department's by 31 January):
      // drafted from the records the office enters for it (table 二's figures, table 四's cases, the
      // facts of 一、五、六; demo/report-records.ts) and published through the service a user publishes
      // with — it passes every check, or the demo is not loaded
      const reportYear = Number(today.slice(0, 4)) - 1;
      const published = calendar.addWorkingDays(parseIsoDate(`${reportYear + 1}-01-10`) as number, 5);
      const publishedOn = published.ok ? toIsoDate(published.value) : `${reportYear + 1}-01-20`;
      const preparedOn = publishedOn < today ? publishedOn : today;
      const closed = plans.flatMap((p, app) => {
        const id = ids.get(app);
        return id !== undefined && p.outcome !== null && p.closedOn !== null ? [{ id, outcome: p.outcome, closedOn: p.closedOn }] : [];
      });
      const clerk = DEMO_USERS.find((u) => u.role === 'office') as (typeof DEMO_USERS)[number];
      // 转主动公开 and the review of withheld information (条例第四十四条、第十八条; demo/proactive.ts): before the
      // report is drafted, so that the records it states are all there
      await loadDemoProactive(tx, agencyId, { today, calendar, stamp, userId: userIds.get(clerk.username) ?? null });
      const drafted = await demoReportFromRecords(tx, agencyId, reportYear, { today, preparedOn, calendar, clerk: { userId: userIds.get(clerk.username) ?? null, name: clerk.displayName }, closed, stamp });
      const report = withTrialItemCounts(drafted);
      const publication = await publishReport(tx, DEMO_AGENCY.code, { year: reportYear, report, source: 'gongkai demo' }, { userId: adminId, now: stamp(preparedOn, 20) });
      if (!publication.ok) throw new Refused(publication.error);
      // its 更正 requests (条例第四十一条): one corrected, one transferred, one open (demo/amendments.ts)
      await loadDemoAmendments(tx, agencyId, { today, calendar, stamp });
      // 投诉、举报 against it, received by the city above (条例第五十一条): one answered with a 责任追究, one open (demo/complaints.ts)
      await loadDemoComplaints(tx, { id: agencyId, name: DEMO_AGENCY.name }, { today, calendar, stamp, officeUserId: office.value.id });
      // the agencies beside it under the city, with two years of reports (demo/oversight.ts)
      const beside = await loadDemoCity(tx, { today, reportYear, stamp, setupAt, officeUserId: office.value.id });

      // a receipt to try the status page with: the latest online application that has a reply
      let sample: DemoSummary['sample'] = null;
      plans.forEach((p, app) => {
        const r = receipts.get(app);
        if (r && p.steps.some((s) => s.event.type === 'reply')) sample = r;
      });
      const value: DemoSummary = {
        agencyCode: DEMO_AGENCY.code,
        agencyName: DEMO_AGENCY.name,
        users: [...DEMO_USERS, DEMO_OVERSIGHT_USER].map((u) => ({ username: u.username, password: DEMO_PASSWORD, role: u.role, roleLabel: ROLE_LABELS[u.role], displayName: u.displayName })),
        city: { code: DEMO_CITY.code, name: DEMO_CITY.name, agencies: beside.agencies + 1, reports: beside.reports },
        applications: plans.length,
        online,
        open: plans.filter((p) => p.closedOn === null).length,
        documents,
        reportYear,
        catalogueItems,
        sample,
      };
      await bumpColumns(trx, [DEMO_AGENCY.code, DEMO_CITY.code, ...DEMO_CITY_AGENCIES.map((a) => a.code)]);
      return value;
    });
    touchColumn(DEMO_AGENCY.code); // committed: its pages and report are new
    for (const code of [DEMO_CITY.code, ...DEMO_CITY_AGENCIES.map((a) => a.code)]) touchColumn(code);
    return { ok: true, value: summary };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    // the agency created by a second load running at the same time
    const again = await db.selectFrom('agencies').select('id').where('code', '=', DEMO_AGENCY.code).executeTakeFirst();
    if (again) return { ok: false, error: demoExists() };
    throw e;
  }
}
