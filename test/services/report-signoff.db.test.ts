// The annual report's sign-off (services/report-signoff.ts) on each engine: a draft written from records is
// submitted (frozen), goes through 初审 → 复审 → 签发 by the people of each stage's role, is published as
// signed (with its PDF when a browser is installed, re-read by the report parser to the same tables), and
// is corrected by the same path with its 更正说明 — the published report then has two versions and keeps
// the date of its first publication. Every refusal leaves the database as it was.

import { beforeAll, describe, expect, it } from 'vitest';
import { cellCatalogue, getAt } from '../../src/domain/report/layout.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { reportDue } from '../../src/services/report-due.ts';
import { enterCounts } from '../../src/services/records/counts.ts';
import { createFact, saveEdit } from '../../src/services/report-facts.ts';
import { draftFor } from '../../src/services/report-draft.ts';
import { reviewForPublication } from '../../src/domain/report/publication.ts';
import { reportFromFile } from '../../src/services/report-files.ts';
import { mayPrint } from '../../src/services/report-pdf.ts';
import { decideReport, publishSigned, recallReport, startCorrection, submitReport } from '../../src/services/report-signoff.ts';
import type { SignoffActor } from '../../src/services/report-signoff.ts';
import { changedSinceSubmission, sameReport, signoffOf, signoffView } from '../../src/services/report-signoff-read.ts';
import { reportVersions } from '../../src/services/report-versions.ts';
import { inbox } from '../../src/services/review/inbox.ts';
import { engines, useDatabase } from '../support/db.ts';
import { person, type Person } from '../support/people.ts';
import { snapshot } from '../support/snapshot.ts';

const built = buildCalendar([], [], { provisionalYears: 3 });
if (!built.ok) throw new Error(built.error.message);
const CALENDAR = built.value;
const BROWSER = { chromiumPath: process.env['CHROMIUM_PATH'], searchPath: process.env['PATH'] };
const at = (day: string) => `${day}T02:00:00.000Z`;

describe.each(engines())('the annual report signed off and published on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let clerk: Person;
  let head: Person;
  let office: Person;
  let leader: Person;
  const as = (p: Person, day: string): SignoffActor & { user: Person['user'] } => ({ userId: p.user.id, name: p.user.displayName, now: at(day), user: p.user });

  beforeAll(async () => {
    const db = t.db;
    const a = await createAgency(db, { code: 'qxcz', name: '某县财政局', level: 'department' }, at('2024-01-02'));
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    clerk = await person(db, at('2024-01-02'), agencyId, 'handler', { displayName: '经办人甲' });
    head = await person(db, at('2024-01-02'), agencyId, 'section_head', { displayName: '科长乙' });
    office = await person(db, at('2024-01-02'), agencyId, 'office', { displayName: '综合科丙' });
    leader = await person(db, at('2024-01-02'), agencyId, 'leader', { displayName: '副局长丁' });
    const counts = await enterCounts(db, agencyId, ['licensing', 'punishment', 'enforcement', 'fees'].map((kind) => ({ year: '2024', kind, value: '0' })), {
      userId: clerk.user.id,
      name: '经办人甲',
      now: at('2025-01-05'),
      today: '2025-01-05',
      source: 'page',
    });
    if (!counts.ok) throw new Error(counts.error.message);
    for (const [kind, values] of [
      ['problem', { origin: 'current', text: '主动公开信息的时效性还不够强' }],
      ['measure', { text: '加强信息发布的统筹协调，提高公开时效' }],
    ] as const) {
      const f = await createFact(db, agencyId, 2024, kind, values, null, { userId: clerk.user.id, now: at('2025-01-05') });
      if (!f.ok) throw new Error(f.error.message);
    }
  });

  it('refuses a year not over, a draft with errors, and a decision out of turn — writing nothing', async () => {
    const db = t.db;
    const before = await snapshot(db);
    const early = await submitReport(db, 'qxcz', 2025, {}, as(clerk, '2025-12-20'));
    expect(early.ok || early.error.code).toBe('REPORT_YEAR_NOT_OVER');
    // 2023 has no section 五 and no table 二 records: the checks of publication refuse it now
    const broken = await submitReport(db, 'qxcz', 2023, {}, as(clerk, '2025-01-06'));
    expect(broken.ok || broken.error.code).toBe('REPORT_CHECK_FAILED');
    if (!broken.ok) expect(broken.error.message).toContain('不能提交审核');
    const publish = await publishSigned(db, 'qxcz', 2024, {}, as(clerk, '2025-01-06'), BROWSER);
    expect(publish.ok || publish.error.code).toBe('REPORT_SIGNOFF_STATE');
    const correct = await startCorrection(db, agencyId, 2024, as(clerk, '2025-01-06'));
    expect(correct.ok || correct.error.code).toBe('REPORT_SIGNOFF_STATE');
    expect(await snapshot(db)).toBe(before);
  });

  it('submits the draft frozen, through 初审 → 复审 → 签发, and publishes what was signed with its PDF', async () => {
    const db = t.db;
    const submitted = await submitReport(db, 'qxcz', 2024, {}, as(clerk, '2025-01-06'));
    if (!submitted.ok) throw new Error(submitted.error.message);
    expect(submitted.value).toMatchObject({ state: 'in_review', version: 1 });
    const signed = submitted.value.snapshot;
    if (signed === null) throw new Error('no snapshot');
    expect(signed.text?.problems).toContain('时效性还不够强');

    // the section head's inbox has it; the leader's does not (not the leader's stage)
    const headInbox = await inbox(db, head.user, agencyId, { limit: 10 });
    expect(headInbox.rows.map((e) => [e.subject, e.subjectId, e.stageName])).toEqual([['annual_report', submitted.value.id, '初审']]);
    expect((await inbox(db, leader.user, agencyId, { limit: 10 })).total).toBe(0);
    // the dashboard's reminder says where the report stands
    expect((await reportDue(db, agencyId, { calendar: CALENDAR, today: '2025-01-06' }))?.signoff).toEqual({ state: 'in_review', waitingAt: '初审' });

    // a record entered after submission changes the draft, not what is being reviewed
    const later = await createFact(db, agencyId, 2024, 'measure', { text: '开展政务公开业务培训' }, null, { userId: clerk.user.id, now: at('2025-01-07') });
    if (!later.ok) throw new Error(later.error.message);
    const row = await signoffOf(db, agencyId, 2024);
    expect(row && (await changedSinceSubmission(db, 'qxcz', row))).toBe(true);

    // out of turn, then each stage by its role; the same person may not approve two stages
    const before = await snapshot(db);
    const outOfTurn = await decideReport(db, agencyId, submitted.value.id, { decision: 'approve', stage: 1 }, as(leader, '2025-01-08'));
    expect(outOfTurn.ok || outOfTurn.error.code).toBe('REVIEW_NOT_ALLOWED');
    expect(await snapshot(db)).toBe(before);
    const first = await decideReport(db, agencyId, submitted.value.id, { decision: 'approve', stage: 1, comment: '同意' }, as(head, '2025-01-08'));
    expect(first.ok && first.value.outcome).toBe('advanced');
    const stale = await decideReport(db, agencyId, submitted.value.id, { decision: 'approve', stage: 1 }, as(office, '2025-01-08'));
    expect(stale.ok || stale.error.code).toBe('REVIEW_STALE');
    const second = await decideReport(db, agencyId, submitted.value.id, { decision: 'approve', stage: 2 }, as(office, '2025-01-09'));
    expect(second.ok && second.value.outcome).toBe('advanced');
    const third = await decideReport(db, agencyId, submitted.value.id, { decision: 'approve', stage: 3, comment: '同意发布' }, as(leader, '2025-01-10'));
    expect(third.ok && third.value.outcome).toBe('approved');
    expect(third.ok && third.value.row.state).toBe('approved');

    // the print does not depend on the engine: printed once, on PGlite (where a browser is installed)
    const browser = engine === 'pglite' ? BROWSER : { chromiumPath: '/nonexistent/chromium' };
    const published = await publishSigned(db, 'qxcz', 2024, {}, as(clerk, '2025-01-13'), browser);
    if (!published.ok) throw new Error(published.error.message);
    expect(published.value.row).toMatchObject({ state: 'published', publishedVersion: 1 });
    const stored = await db.selectFrom('publishedReports').select(['id', 'report', 'publishedAt']).where('agencyId', '=', agencyId).where('year', '=', 2024).executeTakeFirstOrThrow();
    // what was published is what was signed, not the draft as it is now (the later measure is not in it)
    expect(sameReport(stored.report as never, signed)).toBe(true);
    expect(JSON.stringify(stored.report)).not.toContain('业务培训');

    const history = (await signoffView(db, agencyId, submitted.value.id))?.history.map((h) => [h.stageName, h.decision, h.actorName]);
    expect(history).toEqual([
      ['提交审核', 'submit', '经办人甲'],
      ['初审', 'approve', '科长乙'],
      ['复审', 'approve', '综合科丙'],
      ['签发', 'approve', '副局长丁'],
    ]);
    const audit = await db.selectFrom('auditLog').select('action').where('agencyId', '=', agencyId).where('target', '=', 'report:2024').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['report.submit', 'report.review.approve', 'report.review.approve', 'report.review.approve', 'report.publish']);

    const version = await db.selectFrom('publishedReportVersions').select(['pdf']).where('reportId', '=', stored.id).where('version', '=', 1).executeTakeFirstOrThrow();
    if (!mayPrint(browser)) {
      expect(version.pdf).toBeNull();
      expect(published.value.pdfProblem).toBeTruthy();
      return;
    }
    // the PDF issued, read back by the report parser: the same tables
    expect(published.value.pdfProblem).toBeNull();
    const pdf = version.pdf as Uint8Array;
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const reread = await reportFromFile(pdf, 'report.pdf');
    if (!reread.ok) throw new Error(reread.error.message);
    for (const cell of cellCatalogue('2021').filter((c) => !c.text)) {
      expect([cell.at.join('.'), getAt(reread.value.report, cell.at)]).toEqual([cell.at.join('.'), getAt(signed, cell.at)]);
    }
  });

  it('corrects the published report by the same path: 更正说明 required, returned once, signed again, version 2', async () => {
    const db = t.db;
    const started = await startCorrection(db, agencyId, 2024, as(clerk, '2025-02-03'));
    expect(started.ok && started.value.state).toBe('drafting');
    const before = await snapshot(db);
    const noNote = await submitReport(db, 'qxcz', 2024, {}, as(clerk, '2025-02-03'));
    expect(noNote.ok || noNote.error.code).toBe('REPORT_CHANGE_NOTE_MISSING');
    expect(await snapshot(db)).toBe(before);
    const resubmit = await submitReport(db, 'qxcz', 2024, { changeNote: '补充了下一步的改进措施。' }, as(clerk, '2025-02-03'));
    if (!resubmit.ok) throw new Error(resubmit.error.message);
    expect(resubmit.value).toMatchObject({ state: 'in_review', version: 2, changeNote: '补充了下一步的改进措施。' });
    const titles = (await inbox(db, head.user, agencyId, { limit: 10 })).rows.map((e) => e.title);
    expect(titles).toEqual(['某县财政局2024年政府信息公开工作年度报告（更正）']);

    const noComment = await decideReport(db, agencyId, resubmit.value.id, { decision: 'return', stage: 1 }, as(head, '2025-02-04'));
    expect(noComment.ok || noComment.error.code).toBe('RETURN_COMMENT_REQUIRED');
    const returned = await decideReport(db, agencyId, resubmit.value.id, { decision: 'return', stage: 1, comment: '请核对培训的表述' }, as(head, '2025-02-04'));
    expect(returned.ok && returned.value.row.state).toBe('drafting');

    // submitted again, recalled (撤回送审), submitted again and signed
    const again = await submitReport(db, 'qxcz', 2024, { changeNote: '补充了下一步的改进措施。' }, as(clerk, '2025-02-05'));
    expect(again.ok && again.value.version).toBe(3);
    const recalled = await recallReport(db, agencyId, 2024, '', as(clerk, '2025-02-05'));
    expect(recalled.ok && recalled.value.state).toBe('drafting');
    expect((await inbox(db, head.user, agencyId, { limit: 10 })).total).toBe(0);
    const drafted = await draftFor(db, 'qxcz', 2024);
    if (!drafted.ok) throw new Error(drafted.error.message);
    const sentence = drafted.value.draft.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).find((s) => s.text.includes('未收到任何形式的政府信息公开申请'));
    if (!sentence) throw new Error('no sentence on applications');
    const edit = await saveEdit(db, agencyId, 2024, sentence.id, '我局全年共收到政府信息公开申请5件。', sentence.text, { userId: clerk.user.id, now: at('2025-02-05') });
    if (!edit.ok) throw new Error(edit.error.message);
    const last = await submitReport(db, 'qxcz', 2024, { changeNote: '补充了下一步的改进措施。' }, as(clerk, '2025-02-05'));
    if (!last.ok) throw new Error(last.error.message);
    for (const [p, stage] of [[head, 1], [office, 2], [leader, 3]] as const) {
      const d = await decideReport(db, agencyId, last.value.id, { decision: 'approve', stage }, as(p, '2025-02-06'));
      if (!d.ok) throw new Error(d.error.message);
    }
    // giving up a sign-off needs a reason
    const noReason = await recallReport(db, agencyId, 2024, ' ', as(clerk, '2025-02-06'));
    expect(noReason.ok || noReason.error.code).toBe('REASON_REQUIRED');

    // the last submission carries a sentence with a figure the tables contradict (P1, a warning):
    // publishing asks for it to be acknowledged, and refuses before printing, writing nothing
    const signedRow = await signoffOf(db, agencyId, 2024);
    const beforePublish = await snapshot(db);
    expect(signedRow?.state).toBe('approved');
    const unacknowledged = await publishSigned(db, 'qxcz', 2024, {}, as(clerk, '2025-02-07'), { chromiumPath: '/nonexistent/chromium' });
    expect(signedRow?.snapshot && reviewForPublication(signedRow.snapshot).warnings.map((w) => w.rule)).toEqual(['P1']);
    expect(unacknowledged.ok || unacknowledged.error.code).toBe('REPORT_WARNINGS_NOT_ACKNOWLEDGED');
    expect(await snapshot(db)).toBe(beforePublish);
    const published = await publishSigned(db, 'qxcz', 2024, { acknowledgeWarnings: true }, as(clerk, '2025-02-07'), { chromiumPath: '/nonexistent/chromium' });
    if (!published.ok) throw new Error(published.error.message);
    // no browser here: published all the same, the PDF printed on its first request
    expect(published.value.pdfProblem).toContain('CHROMIUM_PATH');
    expect(published.value.publication).toMatchObject({ replaced: true, version: 2 });
    const report = await db.selectFrom('publishedReports').select(['id', 'publishedAt', 'report']).where('agencyId', '=', agencyId).where('year', '=', 2024).executeTakeFirstOrThrow();
    expect(report.publishedAt).toBe(at('2025-01-13'));
    expect(JSON.stringify(report.report)).toContain('业务培训');
    expect(JSON.stringify(report.report)).toContain('共收到政府信息公开申请5件');
    const versions = await reportVersions(db, report.id);
    expect(versions.map((v) => [v.version, v.publishedAt, v.changeNote])).toEqual([
      [1, at('2025-01-13'), null],
      [2, at('2025-02-07'), '补充了下一步的改进措施。'],
    ]);
  });
});
