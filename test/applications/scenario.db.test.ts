// Three years of one agency's applications (2023–2025) driven through the services on each engine:
// table 三 computed by the database equals table 三 counted independently from the plan, it
// reconciles, it carries over from year to year, and it can be recomputed as of a past date.

import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../src/domain/applications/types.ts';
import type { Outcome } from '../../src/domain/applications/types.ts';
import { checkReport } from '../../src/domain/report/checks.ts';
import { APPLICATION_ROWS, getAt } from '../../src/domain/report/layout.ts';
import { emptyReport } from '../../src/domain/report/model.ts';
import type { ApplicationRows } from '../../src/domain/report/model.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { CELL_PAGE_SIZE, cellApplications, computeTableThree } from '../../src/services/table-three.ts';
import { viewApplication } from '../../src/services/application-view.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { exportArchive, importArchive } from '../../src/services/archive.ts';
import { engines, useDatabase, withDatabase } from '../support/db.ts';

const CALENDAR = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
import { expectedTableThree, planScenario } from '../support/scenario.ts';
import type { PlannedApplication } from '../support/scenario.ts';

const TODAY = '2026-01-20';
const YEARS = [2023, 2024, 2025];

/** The rows of a computed table as key → 7 cells, for comparison with the plan's counts. */
function flatten(rows: ApplicationRows): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const spec of APPLICATION_ROWS) out[spec.key] = getAt({ applications: { rows } }, spec.path) as number[];
  return out;
}
const zeros = () => [0, 0, 0, 0, 0, 0, 0];
function expectedFlat(plans: readonly PlannedApplication[], year: number): Record<string, number[]> {
  const counted = expectedTableThree(plans, year);
  return Object.fromEntries(APPLICATION_ROWS.map((s) => [s.key, counted[s.key] ?? zeros()]));
}

describe.each(engines())('a year of applications on %s', (engine) => {
  const ctx = useDatabase(engine);
  const plans = planScenario(540, TODAY);

  it('the plan covers what the issue asks for', () => {
    const types = new Set(plans.flatMap((p) => p.events.map((e) => e.type)));
    for (const t of ['request_correction', 'receive_correction', 'lapse_correction', 'start_consultation', 'end_consultation', 'approve_extension', 'send_fee_notice', 'record_payment', 'lapse_fee', 'reply', 'withdraw', 'deliver', 'archive']) {
      expect(types, t).toContain(t);
    }
    const rows = new Set(plans.map((p) => p.row));
    for (const o of Object.keys(OUTCOMES) as Outcome[]) expect(rows, o).toContain(OUTCOMES[o].row);
    expect(plans.some((p) => p.closedOn === null)).toBe(true);
    const received = plans.map((p) => p.receivedOn);
    expect(received.some((d) => d >= '2024-09-20' && d <= '2024-09-30')).toBe(true); // before 国庆
    expect(received.some((d) => d >= '2025-01-20' && d <= '2025-01-27')).toBe(true); // before 春节
  });

  it('540 applications through every step; table 三 equals the independent count, reconciles and carries over', async () => {
    const { db } = ctx;
    const agency = await createAgency(db, { code: 'scenario', name: '某市某局', level: 'department' }, '2023-01-01T00:00:00.000Z');
    if (!agency.ok) throw new Error(agency.error.message);
    for (const [i, p] of plans.entries()) {
      // recorded on the day each step happened, so the tables can be recomputed as of any past day
      const app = await registerApplication(
        db,
        agency.value.id,
        { applicantType: p.applicantType, applicantName: `申请人${i}`, channel: 'in_person', submittedOn: p.receivedOn, request: `关于某事项的政府信息（第${i}件）` },
        { actor: 'tester', now: `${p.receivedOn}T09:00:00.000Z`, today: p.receivedOn },
      );
      if (!app.ok) throw new Error(`${i}: ${app.error.message}`);
      for (const e of p.events) {
        const r = await recordEvent(db, agency.value.id, app.value.id, e, { actor: 'tester', now: `${e.occurredOn}T10:00:00.000Z`, today: e.occurredOn, calendar: CALENDAR });
        if (!r.ok) throw new Error(`${i} ${e.type} ${e.occurredOn}: ${r.error.message}`);
      }
    }

    const computed = new Map<number, ApplicationRows>();
    for (const year of YEARS) {
      const tables = await computeTableThree(db, year, { agencyId: agency.value.id });
      const rows = tables.get(agency.value.id) as ApplicationRows;
      computed.set(year, rows);
      expect(flatten(rows), `table 三 ${year}`).toEqual(expectedFlat(plans, year));
      const report = emptyReport('2021');
      report.applications.rows = rows;
      const arithmetic = checkReport(report).filter((f) => ['R1', 'R3', 'R4', 'R7'].includes(f.rule));
      expect(arithmetic, `checks ${year}`).toEqual([]);
    }
    for (const year of YEARS.slice(0, -1)) {
      expect(computed.get(year)?.carriedForward, `四(${year}) = 二(${year + 1})`).toEqual(computed.get(year + 1)?.carriedOver);
    }
    expect(computed.get(2025)?.carriedForward[6]).toBeGreaterThan(0);

    // every cell lists the applications behind it, as many as it counts
    const table2024 = computed.get(2024) as ApplicationRows;
    for (const spec of APPLICATION_ROWS) {
      const cells = getAt({ applications: { rows: table2024 } }, spec.path) as number[];
      for (let c = 0; c < 7; c++) {
        const behind = await cellApplications(db, agency.value.id, 2024, spec.key, c);
        expect(behind?.total, `${spec.key}[${c}]`).toBe(cells[c]);
        expect(behind?.applications.length, `${spec.key}[${c}]`).toBe(Math.min(cells[c] ?? 0, CELL_PAGE_SIZE));
      }
    }

    // the clocks are live on an open application, stopped on a concluded one
    const calendar = buildCalendar();
    if (!calendar.ok) throw new Error(calendar.error.message);
    const openOne = await db.selectFrom('applications').select('id').where('closedOn', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const view = await viewApplication(db, agency.value.id, { id: openOne.id }, { calendar: calendar.value, today: TODAY });
    if (!view.ok) throw new Error(view.error.message);
    const reply = view.value.clocks?.find((c) => c.id === 'reply');
    expect(['running', 'due_soon', 'overdue', 'paused']).toContain(reply?.state);
    expect(view.value.events[0]?.type).toBe('register');
    const closedOne = await db.selectFrom('applications').select('id').where('state', '=', 'replied').orderBy('id').executeTakeFirstOrThrow();
    const closedView = await viewApplication(db, agency.value.id, { id: closedOne.id }, { calendar: calendar.value, today: TODAY });
    if (!closedView.ok) throw new Error(closedView.error.message);
    expect(closedView.value.clocks?.find((c) => c.id === 'reply')?.state).toBe('stopped');

    // the whole report through the service: 三 from the records; 二's 行政许可 not entered (null, never 0);
    // 四 from the register of cases, which holds none (zeros)
    const report = await computeAnnualReport(db, 'scenario', 2024);
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value).toMatchObject({ year: 2024, agency: '某市某局', format: '2021' });
    expect(report.value.activeDisclosure.licensing).toBeNull();
    expect(report.value.review.reconsideration).toEqual([0, 0, 0, 0, 0]);
    expect(report.value.applications.rows).toEqual(computed.get(2024));

    // as the records stood on 2024-06-30: only what had been recorded by then
    const asOf = '2024-06-30';
    const past = plans
      .filter((p) => p.receivedOn <= asOf)
      .map((p) => (p.closedOn !== null && p.closedOn > asOf ? { ...p, closedOn: null, row: null } : p));
    const then = await computeTableThree(db, 2024, { agencyId: agency.value.id, asOf });
    expect(flatten(then.get(agency.value.id) as ApplicationRows)).toEqual(expectedFlat(past, 2024));

    // the whole agency moves to the other engine and back, losslessly
    const archive = await exportArchive(db);
    const other = await withDatabase(engine === 'pglite' && engines().includes('postgres') ? 'postgres' : 'pglite');
    try {
      const imported = await importArchive(other.db, archive);
      if (!imported.ok) throw new Error(imported.error);
      expect(Buffer.from(await exportArchive(other.db)).equals(Buffer.from(archive))).toBe(true);
      const moved = await computeTableThree(other.db, 2024, { agencyId: agency.value.id });
      expect(moved.get(agency.value.id)).toEqual(computed.get(2024));
    } finally {
      await other.close();
    }
  }, 600_000);
});
