// `gongkai demo`'s data (src/services/demo.ts): loaded whole in one call, plausible, refused a second
// time without a change, table 三 reconciling, and a dashboard with something due on `today`.

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES } from '../../src/domain/applications/types.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { checkReport } from '../../src/domain/report/checks.ts';
import { login } from '../../src/services/accounts.ts';
import { getPage, publishedReport } from '../../src/services/column.ts';
import { agencyDashboard } from '../../src/services/dashboard.ts';
import { DEMO_PASSWORD, loadDemo, planDemo } from '../../src/services/demo.ts';
import { publicStatus } from '../../src/services/public-applications.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { engines, useDatabase } from '../support/db.ts';

const TODAY = '2026-06-15';
const NOW = `${TODAY}T10:00:00.000Z`;
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

const counts = async (db: Parameters<typeof loadDemo>[0]) => {
  const tables = ['agencies', 'users', 'memberships', 'applications', 'application_events', 'documents', 'public_access', 'uploads', 'agency_pages', 'published_reports', 'audit_log'];
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
    const started = Date.now();
    const r = await loadDemo(t.db, { today: TODAY, now: NOW, calendar });
    const elapsed = Date.now() - started;
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    expect(elapsed).toBeLessThan(20_000);
    const v = r.value;
    expect(v.agencyCode).toBe('demo');
    expect(v.users.map((u) => [u.username, u.role])).toEqual([
      ['demo-admin', 'admin'],
      ['demo-handler', 'handler'],
      ['demo-leader', 'leader'],
      ['demo-supervisor', 'supervisor'],
    ]);
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
    expect(c['users']).toBe(4);
    expect(c['agency_pages']).toBe(2);
    expect(c['published_reports']).toBe(1);

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
      const status = await publicStatus(t.db, 'demo', v.sample.receiptCode, v.sample.password, TODAY, calendar);
      expect(status.ok, status.ok ? '' : status.error.message).toBe(true);
    }

    // a second time: refused, nothing changed
    const before = await counts(t.db);
    const again = await loadDemo(t.db, { today: TODAY, now: NOW, calendar });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('DEMO_EXISTS');
      expect(again.error.message).toMatch(/已经存在/);
    }
    expect(await counts(t.db)).toEqual(before);
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

  it('the dashboard is alive on today: one overdue, some due soon, some paused', async () => {
    const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    const d = await agencyDashboard(t.db, agency.id, { calendar, today: TODAY });
    expect(d.clockErrors.count).toBe(0);
    expect(d.counts.overdue).toBe(1);
    expect(d.counts.due_soon).toBeGreaterThanOrEqual(2);
    expect(d.counts.paused).toBeGreaterThanOrEqual(1);
    expect(d.open).toBeGreaterThanOrEqual(5);
  });
});
