// A database with rows in EVERY table the archive catalog knows (test/db/archive.db.test.ts checks that it
// does: a migration that adds a table makes that test fail until the seed grows), with the awkward cases:
// a parent agency with a larger id than its child, Chinese text, jsonb, bytea, gaps in ids, text keys whose
// order depends on the collation, a session and the platform secret (which must not travel).

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { applicationDocument } from '../../src/services/search/application-index.ts';

/** the platform secret the seed stores (never in an archive) */
export const SEEDED_SECRET = 'f'.repeat(64);

/** Something of everything: a parent agency with a larger id than its child, Chinese text, jsonb, gaps in ids. */
export async function seedEveryTable(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('agencies')
    .values([
      { id: 3, code: 'A-03', name: '某市教育局', level: 'department', parentId: null, createdAt: '2024-01-02T03:04:05.678Z' },
      { id: 7, code: 'A-07', name: '某市人民政府', level: 'government', parentId: null, createdAt: '2024-01-01T00:00:00.000Z' },
    ])
    .execute();
  await db.updateTable('agencies').set({ parentId: 7 }).where('id', '=', 3).execute();
  await sql`select setval(pg_get_serial_sequence('agencies', 'id'), 7)`.execute(db);
  const base = {
    applicantType: 'natural_person',
    applicantName: '张三',
    channel: 'online',
    request: '请公开2023年度“三公”经费预算执行情况（含明细）\n第二行',
    state: 'received',
    createdAt: '2024-10-08T00:30:00+08:00',
    updatedAt: '2024-10-08T09:30:00.123456Z',
  };
  await db
    .insertInto('applications')
    .values(
      [
        { ...base, agencyId: 3, number: '2024-001', submittedOn: '2024-10-08', receivedOn: '2024-10-09', idKind: 'resident_id', idNumber: '110101199001011234' },
        { ...base, agencyId: 3, number: '2024-002', submittedOn: '2024-12-31', applicantType: 'commercial', applicantName: '某某科技有限公司', extended: true },
        { ...base, agencyId: 7, number: '2024-001', submittedOn: '2024-02-29', closedOn: '2024-03-20', outcome: 'granted', outcomeRow: '三（一）', state: 'closed' },
      ].map((a) => ({ ...a, searchDocument: applicationDocument(a) })),
    )
    .execute();
  await db
    .insertInto('applicationEvents')
    .values([
      { applicationId: 1, seq: 1, type: 'submitted', occurredOn: '2024-10-08', recordedAt: '2024-10-08T01:00:00Z', actor: '李四', stateAfter: 'received', data: {} },
      {
        applicationId: 1,
        seq: 2,
        type: 'correction_requested',
        occurredOn: '2024-10-10',
        recordedAt: '2024-10-10T08:00:00.001Z',
        actor: '李四',
        stateBefore: 'received',
        stateAfter: 'awaiting_correction',
        data: { snake_case_key: '补正内容', list: [1, 2.5, null, true, { 嵌套: '值' }], zeta: 1, a: 2 },
      },
    ])
    .execute();
  await db
    .insertInto('counters')
    .values([
      { agencyId: 3, scope: 'application', year: 2024, last: 2 },
      { agencyId: 3, scope: 'Zeta', year: 2024, last: 1 },
      { agencyId: 3, scope: 'correction_notice', year: 2024, last: 1 },
      { agencyId: 7, scope: 'application', year: 2023, last: 9 },
    ])
    .execute();
  await db
    .insertInto('documents')
    .values({
      applicationId: 1,
      agencyId: 3,
      kind: 'correction_notice',
      year: 2024,
      seq: 1,
      number: '某教公开〔2024〕1号',
      issuedOn: '2024-10-10',
      title: '补正申请告知书',
      html: '<p>请于15个工作日内补正。</p>',
      inputs: { fields: ['内容描述'] },
      createdAt: '2024-10-10T08:00:00Z',
      // migration 0024: the kept PDF (every byte value travels)
      pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0x80, 0xff]),
    })
    .execute();
  await db
    .insertInto('templates')
    .values([
      { agencyId: 3, kind: 'reply', body: '答复书模板', updatedAt: '2024-05-01T00:00:00Z' },
      { agencyId: 3, kind: 'Extension_notice', body: '延期答复', updatedAt: '2024-05-01T00:00:00Z' },
    ])
    .execute();
  // the platform's tables (0002)
  await db
    .insertInto('users')
    .values([
      { id: 2, username: 'zhang.san', displayName: '张三', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', platformAdmin: true, createdAt: '2024-01-01T00:00:00Z' },
      { id: 5, username: 'li_si', displayName: '李四', passwordHash: '$argon2id$x', disabled: true, failedLogins: 3, lockedUntil: '2024-02-01T08:15:00+08:00', createdAt: '2024-01-02T00:00:00Z' },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('users', 'id'), 5)`.execute(db);
  await db
    .insertInto('memberships')
    .values([
      { userId: 5, agencyId: 3, role: 'supervisor' },
      { userId: 2, agencyId: 3, role: 'admin' },
      { userId: 5, agencyId: 3, role: 'Handler' },
    ])
    .execute();
  await db
    .insertInto('sessions')
    .values([
      { id: 'b'.repeat(64), userId: 2, csrfToken: 'csrf-b', createdAt: '2024-10-08T00:00:00Z', expiresAt: '2024-10-08T12:00:00Z' },
      { id: 'A'.repeat(64), userId: 5, csrfToken: 'csrf-a', createdAt: '2024-10-08T00:00:00Z', expiresAt: '2024-10-08T12:00:00Z' },
    ])
    .execute();
  await db.insertInto('knownAddresses').values({ userId: 2, address: '203.0.113.7', lastSeenAt: '2024-03-02T08:00:00Z' }).execute();
  await db.insertInto('apiTokens').values({ userId: 2, name: '台账同步', tokenHash: 'c'.repeat(64), createdAt: '2024-03-01T00:00:00Z', lastUsedAt: '2024-03-02T00:00:00Z' }).execute();
  await db
    .insertInto('auditLog')
    .values([
      { at: '2024-10-08T00:00:00Z', userId: 2, agencyId: null, action: 'login', target: 'user:zhang.san', detail: {}, ip: '10.0.0.1' },
      { at: '2024-10-08T00:01:00Z', userId: null, agencyId: 3, action: 'application.reply', target: null, detail: { number: '2024-001', 说明: ['甲', 1] }, ip: null },
    ])
    .execute();
  await db.insertInto('publicAccess').values({ applicationId: 2, receiptCode: 'RC-0002', passwordHash: '$argon2id$y', createdAt: '2024-12-31T00:00:00Z' }).execute();
  await db
    .insertInto('uploads')
    .values([
      {
        agencyId: 3,
        applicationId: 2,
        kind: 'identity_proof',
        mediaType: 'image/png',
        fileName: '身份证.png',
        size: 260,
        sha256: 'd'.repeat(64),
        content: new Uint8Array(Array.from({ length: 260 }, (_, i) => (i * 7) % 256)),
        createdAt: '2024-12-31T00:00:00Z',
      },
      { agencyId: 7, applicationId: null, kind: 'identity_proof', mediaType: 'application/pdf', fileName: 'empty.pdf', size: 0, sha256: 'e'.repeat(64), content: new Uint8Array(), createdAt: '2024-12-31T00:00:00Z' },
    ])
    .execute();
  await db
    .insertInto('agencyPages')
    .values([
      { agencyId: 3, page: 'rules', body: '# 政府信息公开制度', updatedAt: '2024-06-01T00:00:00Z', updatedBy: 2 },
      { agencyId: 3, page: 'guide', body: '# 政府信息公开指南', updatedAt: '2024-06-01T00:00:00Z', updatedBy: null },
    ])
    .execute();
  await db
    .insertInto('agencySites')
    .values([
      { agencyId: 3, sponsor: '某市人民政府办公室', officeName: '办公室', address: '某市某路1号', postcode: '755000', phone: '0955-1234567', fax: null, hours: '工作日9:00—17:00', icp: '宁ICP备05000612号-1', policeRecord: '宁公网安备64050202000123号', siteCode: '6405000001', emblem: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), emblemType: 'image/png', emblemSha256: 'c'.repeat(64), updatedAt: '2024-06-01T00:00:00Z', updatedBy: 2 },
      { agencyId: 7, sponsor: null, officeName: null, address: null, postcode: null, phone: null, fax: null, hours: null, icp: null, policeRecord: null, siteCode: null, emblem: null, emblemType: null, emblemSha256: null, updatedAt: '2024-06-01T00:00:00Z', updatedBy: null },
    ])
    .execute();
  const report = await db
    .insertInto('publishedReports')
    .values({ agencyId: 7, year: 2023, report: { year: 2023, agency: '某市人民政府' }, publishedAt: '2024-01-31T00:00:00Z', publishedBy: 2 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('publishedReportVersions')
    .values([
      { reportId: Number(report.id), version: 1, report: { year: 2023, agency: '某市人民政府' }, changeNote: null, publishedAt: '2024-01-31T00:00:00Z', publishedBy: 2, pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff]) },
      { reportId: Number(report.id), version: 2, report: { year: 2023, agency: '某市人民政府' }, changeNote: '更正了表三的一处数字。', publishedAt: '2024-02-05T00:00:00Z', publishedBy: 2 },
    ])
    .execute();
  await db
    .insertInto('settings')
    .values([
      { key: 'trust_proxy', value: { enabled: false } },
      { key: 'csrf_secret', value: { secret: SEEDED_SECRET } },
    ])
    .execute();
  await seedCatalogue(db);
  await seedReportFacts(db);
  await seedRecords(db);
  await seedOversight(db);
  await seedCitizen(db);
  await seedAmendments(db);
  await seedWithheld(db);
  await seedComplaints(db);
  await seedSharedState(db);
}

/** Issue #16's shared state (migration 0027): the working calendar travels; a column version and a rate counter do not. */
async function seedSharedState(db: Kysely<DB>): Promise<void> {
  const calendar = JSON.stringify({ format: 'gongkai-calendar', version: 1, years: [], localRestDays: [{ date: '2024-05-06', name: '本地休息日' }] }, null, 2);
  await db.insertInto('workingCalendar').values({ id: 1, version: 3, calendar, updatedAt: '2024-05-01T00:00:00.25Z' }).execute();
  await db.insertInto('columnVersions').values({ agencyCode: 'A-03', version: 4 }).execute();
  await db.insertInto('rateCounters').values({ key: 'apply:203.0.113.7', count: 2, sinceMs: 1_714_521_600_000, lastMs: 1_714_521_660_000, expiresMs: 1_714_525_200_000 }).execute();
}

/** Issue #14's online 补正 (migration 0024): one with its text only, one with a file (the upload of 0002's seed) and a multi-line text. */
async function seedCitizen(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('applicationCorrections')
    .values([
      { agencyId: 3, applicationId: 2, eventSeq: 3, text: '所需信息为2023年度“三公”经费预算执行情况\n第二行', uploadId: 1, receivedOn: '2025-01-02', createdAt: '2025-01-02T01:00:00.5Z' },
      { agencyId: 3, applicationId: 1, eventSeq: 2, text: '补正：文号为某政发〔2024〕1号', uploadId: null, receivedOn: '2024-10-12', createdAt: '2024-10-12T02:00:00Z' },
    ])
    .execute();
  // issue #17's delivery of a notice (migration 0028): by post, with its tracking number and evidence
  const notice = await db.selectFrom('documents').select('id').where('applicationId', '=', 1).orderBy('id').executeTakeFirstOrThrow();
  await db
    .insertInto('documentDeliveries')
    .values({ agencyId: 3, applicationId: 1, documentId: notice.id, method: 'post', trackingNumber: 'XA123456789CN', deliveredOn: '2024-10-12', evidence: '邮政挂号信签收记录\n签收人：张三', recordedBy: 'clerk', recordedAt: '2024-10-12T03:00:00Z' })
    .execute();
}

/** Issue #17's 更正 requests (migration 0029): one open with a multi-line text, one transferred. */
async function seedAmendments(db: Kysely<DB>): Promise<void> {
  const base = { agencyId: 3, requesterName: '张三', record: '某登记簿中的住址记录', inaccuracy: '门牌号有误\n第二行', requested: '改为某路1号', evidence: '户口簿复印件', createdAt: '2025-01-02T01:00:00.5Z', updatedAt: '2025-01-02T01:00:00.5Z' };
  await db
    .insertInto('recordAmendments')
    .values([
      { ...base, number: '更正2025-0001', receivedOn: '2025-01-02', dueOn: '2025-02-06' },
      { ...base, number: '更正2025-0002', receivedOn: '2025-01-03', state: 'decided', decision: 'transferred', decidedOn: '2025-01-10', authority: '某市不动产登记中心', noticeNumber: '某公开〔2025〕3号' },
    ])
    .execute();
}

/** Issue #17's 转主动公开 and review of withheld information (migration 0030): an item made from an application, two reviews. */
async function seedWithheld(db: Kysely<DB>): Promise<void> {
  await db.updateTable('catalogueItems').set({ sourceApplicationId: 1, disclosureOn: '2024-06-01' }).where('id', '=', 4).execute();
  await db
    .insertInto('withheldReviews')
    .values([
      { agencyId: 3, source: 'application', sourceId: 2, reviewedOn: '2025-01-03', outcome: 'still_withheld', note: '情势未变\n第二行', reviewedBy: 2, createdAt: '2025-01-03T01:00:00.5Z' },
      { agencyId: 3, source: 'application', sourceId: 1, reviewedOn: '2025-01-04', outcome: 'released', catalogueItemId: 4, createdAt: '2025-01-04T01:00:00Z' },
    ])
    .execute();
}

/** Issue #17's complaints (migration 0031): one received with a multi-line text, one answered with 责任追究. */
async function seedComplaints(db: Kysely<DB>): Promise<void> {
  // against agency 3, received by its parent 7
  const base = { againstAgencyId: 3, receivingAgencyId: 7, complainantName: '李四', contact: '13900000033', text: '逾期未答复\n第二行', createdAt: '2025-01-02T01:00:00.5Z', updatedAt: '2025-01-02T01:00:00.5Z' };
  await db
    .insertInto('complaints')
    .values([
      { ...base, number: '投诉2025-0001', kind: 'complaint', receivedOn: '2025-01-02', dueOn: '2025-02-06' },
      { ...base, number: '举报2025-0002', kind: 'report', receivedOn: '2025-01-03', state: 'answered', assignee: '张科长', assignedOn: '2025-01-04', answeredOn: '2025-01-20', answer: '经调查属实。', result: 'substantiated', accountability: '约谈经办人。' },
    ])
    .execute();
}

/** Issue #13's collection (migration 0019): a filed file (bytea, jsonb, a date), one unreadable in review, a hand entry, an exclusion. */
async function seedOversight(db: Kysely<DB>): Promise<void> {
  const file = { overseerId: 7, year: 2024, size: 4, uploadedAt: '2025-02-01T02:03:04.5Z', uploadedBy: 2, matchHow: 'exact' };
  await db
    .insertInto('oversightFiles')
    .values([
      {
        ...file,
        id: 4,
        fileName: '某市教育局2024年政府信息公开工作年度报告.html',
        reader: 'html',
        sha256: 'c'.repeat(64),
        content: new Uint8Array([0x3c, 0x70, 0x3e, 0x00]),
        report: JSON.stringify({ year: 2024, agency: '某市教育局' }),
        cellStatus: JSON.stringify({ 'applications.newReceived[6]': 'blank' }),
        diagnostics: JSON.stringify([{ code: 'FORMAT_ASSUMED', severity: 'info', message: '按2021格式处理' }]),
        foundName: '某市教育局',
        foundOn: '2025-01-20',
        suggestedAgencyId: 3,
        matchScore: 100,
        state: 'filed',
        agencyId: 3,
        decidedAt: '2025-02-01T02:03:04.5Z',
        decidedBy: 2,
      },
      { ...file, id: 9, fileName: 'scan 扫描件.pdf', sha256: 'd'.repeat(64), content: new Uint8Array([0x25, 0x50, 0x44, 0x46]), error: '“scan 扫描件.pdf”是扫描件', errorCode: 'PDF_NO_TEXT', matchHow: 'none', state: 'review', reviewNote: '没有找到名称相符的机关' },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('oversight_files', 'id'), 9)`.execute(db);
  await db
    .insertInto('oversightReports')
    .values([
      { id: 2, overseerId: 7, agencyId: 3, year: 2024, source: 'upload', fileId: 4, publishedOn: '2025-01-20', publishedOnHow: 'text', updatedAt: '2025-02-01T02:03:04.5Z', updatedBy: 2 },
      { id: 6, overseerId: 7, agencyId: 3, year: 2023, source: 'manual', fileId: 9, report: JSON.stringify({ year: 2023, agency: '某市教育局', 录入: true }), updatedAt: '2025-02-02T00:00:00Z', updatedBy: null },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('oversight_reports', 'id'), 6)`.execute(db);
  await db.insertInto('oversightExclusions').values({ overseerId: 7, agencyId: 3, year: 2022, reason: '报告为扫描件，原件无法辨认\n第二行', excludedAt: '2025-03-01T00:00:00Z', excludedBy: 5 }).execute();
  // 0020: the office's settings (a rubric as jsonb, a due date) and a reminder
  await db.insertInto('oversightSettings').values({ overseerId: 7, rubric: JSON.stringify({ version: 1, title: '某市评分细则' }), townshipDue: '02-28', updatedAt: '2025-01-02T03:04:05Z', updatedBy: 2 }).execute();
  // 0022: the agency's contact e-mail; a reminder from before (no e-mail) and one whose e-mail failed
  await db.updateTable('agencies').set({ contactEmail: 'gongkai@jyj.example.gov.cn' }).where('id', '=', 3).execute();
  await db
    .insertInto('oversightReminders')
    .values([
      { id: 3, overseerId: 7, agencyId: 3, year: 2024, text: '请尽快发布2024年度报告。\n第二行', sentAt: '2025-02-03T00:00:00Z', sentBy: 2 },
      { id: 5, overseerId: 7, agencyId: 3, year: 2024, text: '再次催报。', sentAt: '2025-02-10T00:00:00Z', sentBy: 2, dueOn: '2025-01-31', emailStatus: 'failed', emailedTo: 'gongkai@jyj.example.gov.cn', emailError: '邮件服务器 mail.example.gov.cn:465 拒绝连接（服务未运行或端口不对）。', emailedAt: '2025-02-10T00:00:01.5Z' },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('oversight_reminders', 'id'), 5)`.execute(db);
}

/** Issue #12's records (migration 0014): counts with an exact decimal, a 复议 and the lawsuit after it (a reference to a smaller id), versions with jsonb; the cases' documents (0018). */
async function seedRecords(db: Kysely<DB>): Promise<void> {
  await db.updateTable('agencies').set({ reviewCountYear: 'concluded', reviewRejectionUpheld: false }).where('id', '=', 7).execute();
  await db
    .insertInto('reportCounts')
    .values([
      { agencyId: 3, year: 2024, kind: 'licensing', value: '12', enteredAt: '2025-01-05T01:00:00Z', enteredBy: 2, enteredByName: '李四', source: 'page', note: '' },
      { agencyId: 3, year: 2024, kind: 'fees', value: '0.35', enteredAt: '2025-01-05T01:00:01Z', enteredBy: null, enteredByName: 'import', source: 'import', note: '收费系统导出\n第二行' },
    ])
    .execute();
  await db
    .insertInto('reviewCases')
    .values([
      { id: 2, agencyId: 3, caseNumber: '某复〔2024〕12号', type: 'reconsideration', body: '某市人民政府', applicationId: 1, receivedOn: '2024-11-01', concludedOn: '2024-12-20', result: 'rejected', createdAt: '2024-11-02T00:00:00Z', updatedAt: '2024-12-21T00:00:00Z', version: 2 },
      { id: 5, agencyId: 3, caseNumber: '（2025）宁0502行初3号', type: 'litigation_after_reconsideration', reconsiderationId: 2, applicationId: 1, receivedOn: '2025-01-03', createdAt: '2025-01-04T00:00:00Z', updatedAt: '2025-01-04T00:00:00Z' },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('review_cases', 'id'), 5)`.execute(db);
  await db
    .insertInto('reviewCaseVersions')
    .values([
      { caseId: 2, version: 1, agencyId: 3, snapshot: JSON.stringify({ caseNumber: '某复〔2024〕12号', type: 'reconsideration', receivedOn: '2024-11-01', concludedOn: null, result: null }), recordedAt: '2024-11-02T00:00:00Z', recordedBy: 2, recordedByName: '李四', source: 'page' },
      { caseId: 2, version: 2, agencyId: 3, snapshot: JSON.stringify({ caseNumber: '某复〔2024〕12号', type: 'reconsideration', receivedOn: '2024-11-01', concludedOn: '2024-12-20', result: 'rejected' }), recordedAt: '2024-12-21T00:00:00Z', recordedBy: null, recordedByName: 'api', source: 'api' },
      { caseId: 9, version: 2, agencyId: 3, snapshot: JSON.stringify({ caseNumber: '重复登记', deleted: true }), recordedAt: '2024-12-22T00:00:00Z', recordedBy: null, recordedByName: 'import', source: 'import' },
    ])
    .execute();
  // migration 0018: a case's documents — bytea with every byte value, a Chinese kind and name, a date and none, a gap in ids
  await db
    .insertInto('reviewCaseDocuments')
    .values([
      { id: 3, agencyId: 3, caseId: 2, kind: '行政复议决定书', title: '某复〔2024〕12号行政复议决定书', documentDate: '2024-12-20', fileName: '复议决定书（盖章）.pdf', mediaType: 'application/pdf', size: 256, sha256: 'a'.repeat(64), content: Uint8Array.from({ length: 256 }, (_, i) => 255 - i), uploadedAt: '2024-12-21T01:02:03.456Z', uploadedBy: 2, uploadedByName: '李四' },
      { id: 8, agencyId: 3, caseId: 5, kind: '起诉状', documentDate: null, fileName: 'scan.ofd', mediaType: 'application/ofd', size: 4, sha256: 'b'.repeat(64), content: new Uint8Array([0x50, 0x4b, 0x03, 0x04]), uploadedAt: '2025-01-04T00:00:00Z', uploadedBy: null, uploadedByName: 'api' },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('review_case_documents', 'id'), 8)`.execute(db);
}

/** Issue #11's tables: an item that a newer item supersedes (a reference to a larger id), a tsvector, bytea, jsonb. */
async function seedCatalogue(db: Kysely<DB>): Promise<void> {
  await db.updateTable('agencies').set({ creditCode: '11640500MB1234567X', indexFormat: '{org}/{year}-{seq:5}' }).where('id', '=', 3).execute();
  await db
    .insertInto('catalogueVocab')
    .values([
      { agencyId: 3, kind: 'topic', code: 't1', name: '科技、教育', position: 1 },
      { agencyId: 3, kind: 'category', code: 'gzdt', name: '工作动态', position: 1 },
    ])
    .execute();
  const item = { agencyId: 3, publisher: '某市教育局', formedOn: '2024-03-01', category: 'a20-1', docType: '行政规范性文件', createdAt: '2024-03-01T00:00:00Z', updatedAt: '2024-03-02T00:00:00Z' };
  await db
    .insertInto('catalogueItems')
    .values([
      { ...item, id: 4, indexNumber: '11640500MB1234567X/2024-00002', title: '某市校外培训机构管理办法（修订）', docNumber: '某教规〔2024〕2号', docNumberKey: '某教规[2024]2号', writtenOn: '2024-06-01', state: 'published', validity: '有效', publishedOn: '2024-06-03', publishedAt: '2024-06-03T01:00:00Z', disclosure: '主动公开' },
      { ...item, id: 9, indexNumber: '11640500MB1234567X/2024-00001', title: '某市校外培训机构管理办法', docNumber: '某教规〔2024〕1号', docNumberKey: '某教规[2024]1号', writtenOn: '2024-03-01', state: 'published', validity: '已修订', revisedOn: '2024-06-01', supersededBy: 4, body: '## 第一章 总则\n- 第一条', disclosure: '主动公开' },
    ])
    .execute();
  await sql`update catalogue_items set search_vector = setweight(to_tsvector('simple', '校外 培训 外培'), 'A') where id = 9`.execute(db);
  await sql`select setval(pg_get_serial_sequence('catalogue_items', 'id'), 9)`.execute(db);
  await db.insertInto('catalogueItemVersions').values({ itemId: 9, version: 1, snapshot: { title: '某市校外培训机构管理办法' }, reason: '新建', savedBy: 2, savedAt: '2024-03-01T00:00:00Z' }).execute();
  await db
    .insertInto('catalogueAttachments')
    .values({ itemId: 9, position: 1, fileName: '附件1：培训机构名单.pdf', mediaType: 'application/pdf', size: 5, sha256: 'd'.repeat(64), content: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00]), text: '名单', createdAt: '2024-03-01T00:00:00Z' })
    .execute();
  await db.insertInto('secrecyReviews').values({ itemId: 9, version: 1, conclusion: '不涉密', reviewerId: 2, reviewerName: '李审查', reviewedAt: '2024-03-01T02:00:00Z' }).execute();
  const round = await db.insertInto('cleanupRounds').values({ agencyId: 3, title: '2024年行政规范性文件清理', asOf: '2024-12-31', createdAt: '2024-12-01T00:00:00Z' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('cleanupEntries').values({ roundId: round.id, itemId: 4, conclusion: '继续有效' }).execute();
  // the review chain (migration 0009) and its decisions, one of them at the parent's stage (0010's column)
  await db
    .insertInto('reviewChains')
    .values({ agencyId: 3, subject: 'catalogue', stages: JSON.stringify([{ name: '初审', roles: ['section_head'], agency: 'self' }, { name: '审核发布', roles: ['office'], agency: 'parent' }]), allowSamePerson: false, updatedAt: '2024-11-01T00:00:00Z' })
    .execute();
  await db
    .insertInto('reviewDecisions')
    .values([
      { subject: 'catalogue', subjectId: 41, agencyId: 3, version: 2, stage: 0, stageName: '提交审核', decision: 'submit', comment: '', actorId: null, actorName: '李四', decidedAt: '2024-11-20T01:00:00Z', stageAgencyId: 3 },
      { subject: 'catalogue', subjectId: 41, agencyId: 3, version: 2, stage: 2, stageName: '审核发布', decision: 'return', comment: '标题请写全称\n第二行', actorId: null, actorName: '王五', decidedAt: '2024-11-20T01:30:00Z', stageAgencyId: 7 },
      { subject: 'annual_report', subjectId: 2023, agencyId: 7, version: 1, stage: 1, stageName: '签发', decision: 'approve', comment: '', actorId: null, actorName: '赵六', decidedAt: '2024-01-30T01:30:00Z', stageAgencyId: null },
    ])
    .execute();
  // migration 0010: an open review round of a department's item, waiting at the parent's stage
  await db
    .insertInto('reviewPending')
    .values({
      subject: 'catalogue',
      subjectId: 41,
      agencyId: 3,
      version: 2,
      title: '关于印发某项办法的通知',
      stages: JSON.stringify([{ name: '初审', roles: ['section_head'], agency: 'self' }, { name: '审核发布', roles: ['office'], agency: 'parent' }]),
      allowSamePerson: false,
      stage: 2,
      stageAgencyId: 7,
      stageRoles: ',office,',
      roundStart: 5,
      submittedBy: null,
      submittedByName: '李四',
      waitingSince: '2024-11-20T02:00:00.123Z',
    })
    .execute();
}

/** Issue #12's report facts (migration 0015): an event with a suggestion under it (a self-reference), an edit of a drafted sentence. */
async function seedReportFacts(db: Kysely<DB>): Promise<void> {
  const at = { createdAt: '2025-01-05T01:00:00Z', updatedAt: '2025-01-06T01:00:00.5Z' };
  await db
    .insertInto('reportFacts')
    .values([
      { id: 3, agencyId: 3, year: 2024, kind: 'event', data: { name: '政府开放日', theme: '勤俭节约作表率', date: '2024-05-15', participants: 25, invitees: '', forms: '', effect: '' }, createdBy: 2, updatedBy: 5, version: 2, ...at },
      { id: 8, agencyId: 3, year: 2024, kind: 'suggestion', parentId: 3, data: { text: '公务用车\n使用情况应定期公开', rectification: '', state: '整改中' }, createdBy: null, updatedBy: null, ...at },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('report_facts', 'id'), 8)`.execute(db);
  await db.insertInto('reportDraftEdits').values({ agencyId: 3, year: 2024, sentenceId: 'overview.opening', text: '2024年，某局认真贯彻落实《条例》。', original: '2024年，某市教育局认真贯彻落实《中华人民共和国政府信息公开条例》。', updatedBy: 2, updatedAt: '2025-01-06T02:00:00Z' }).execute();
  await db
    .insertInto('reportDrafts')
    .values({
      agencyId: 3,
      year: 2024,
      state: 'in_review',
      version: 2,
      snapshot: JSON.stringify({ year: 2024, agency: '某市教育局' }),
      explanation: null,
      changeNote: '补充了改进措施。',
      submittedAt: '2025-01-07T02:00:00Z',
      submittedBy: 2,
      updatedAt: '2025-01-07T02:00:00Z',
    })
    .execute();
}
