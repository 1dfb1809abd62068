// An archived application is read-only (services/case-readonly.ts, 条例第四十五条): every write path —
// a step (更正答复, 撤回, 分配), a notice, a delivery (by staff and the applicant's online opening), a file
// kept with it, a query password reset — refuses with the one Chinese message and leaves the database
// unchanged (test/support/snapshot.ts). The same writes on a case not archived go through (the refusals
// are the archive's, not something else's). Archiving an open case is refused, nothing written; the
// retention setting and the line of the application page.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { archivedOnOf, retentionLine } from '../../src/domain/casefile/retention.ts';
import { createUser } from '../../src/services/accounts.ts';
import { agencySettings, createAgency, updateAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { APPLICATION_ARCHIVED } from '../../src/services/case-readonly.ts';
import { recordDelivery } from '../../src/services/deliveries.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { recordOnlineView } from '../../src/services/online-delivery.ts';
import { submitOnline } from '../../src/services/public-applications.ts';
import { resetQueryPassword } from '../../src/services/public-grants.ts';
import { Refused } from '../../src/services/transactions.ts';
import { storeUpload } from '../../src/services/uploads.ts';
import type { DomainResult } from '../../src/domain/applications/types.ts';
import { engines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY as KEY } from '../support/query-key.ts';
import { snapshot } from '../support/snapshot.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const TODAY = '2025-03-03';
const NOW = `${TODAY}T02:00:00.000Z`;
const who = { actor: 'tester', now: NOW, today: TODAY, calendar };
const REPLY_VALUES = { reason: '经审查', deliveryMethod: '邮寄', deliveryPlace: '申请人地址', deliveryTime: '与本告知书一并送达', reviewBody: '示范市人民政府' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const staff = { userId: 0, ip: '127.0.0.1', via: 'web' as const, now: NOW };

describe.each(engines())('an archived application is read-only on %s', (engine) => {
  const t = useDatabase(engine);
  const agency = { id: 0, code: 'ro', name: '示范市某局' };

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: agency.code, name: agency.name, level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    agency.id = a.value.id;
    const user = await createUser(t.db, { username: 'ro-admin', displayName: '管理员', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    staff.userId = user.value.id;
  });

  /** an online application answered (its reply notice issued, not yet delivered); archived when asked */
  const answered = async (archive: boolean) => {
    const s = await submitOnline(t.db, agency.code, { applicantType: 'natural_person', applicantName: '王五', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000', email: '', address: '', request: '某路段拓宽工程的立项批复', deliveryForm: 'on_site', identityProof: { bytes: PNG, type: 'image/png', name: '身份证.png' } }, '2024-11-20T10:00:00.000+08:00', KEY);
    if (!s.ok) throw new Error(s.error.message);
    const id = s.value.applicationId;
    const doc = await issueDocument(t.db, agency.id, id, { kind: 'reply', issuedOn: '2024-11-25', values: REPLY_VALUES, step: { type: 'reply', occurredOn: '2024-11-25', outcome: 'OPEN_PROVIDE' } }, who);
    if (!doc.ok) throw new Error(doc.error.message);
    if (archive) {
      const r = await recordEvent(t.db, agency.id, id, { type: 'archive', occurredOn: '2024-12-02' }, who);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.state).toBe('archived');
    }
    return { id, documentId: doc.value.id };
  };

  /** every write on the application, each answering its refusal (null: written) */
  const writes = (c: { id: number; documentId: number }): Record<string, () => Promise<{ code: string; message: string } | null>> => {
    const refusal = (r: DomainResult<unknown>) => (r.ok ? null : r.error);
    return {
      correct_reply: async () => refusal(await recordEvent(t.db, agency.id, c.id, { type: 'correct_reply', occurredOn: TODAY, outcome: 'PARTIAL', legalBasis: '条例第三十七条', note: '原答复适用条款有误' }, who)),
      assign: async () => refusal(await recordEvent(t.db, agency.id, c.id, { type: 'assign', occurredOn: TODAY, handler: '李四' }, who)),
      reply_notice: async () => refusal(await issueDocument(t.db, agency.id, c.id, { kind: 'reply', issuedOn: TODAY, values: REPLY_VALUES, step: { type: 'correct_reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' } }, who)),
      delivery: async () => refusal(await recordDelivery(t.db, agency.id, c.id, { method: 'in_person', deliveredOn: '2024-12-03', evidence: '申请人签收' }, who)),
      online_view: async () => {
        const d = await recordOnlineView(t.db, { agency, applicationId: c.id }, c.documentId, { now: NOW, ip: null, calendar });
        return d === null ? { code: 'NOT_RECORDED', message: '' } : null;
      },
      upload: async () => {
        try {
          await t.db.transaction().execute((trx) => storeUpload(trx, { agencyId: agency.id, applicationId: c.id, kind: 'application_scan', sniffed: { mediaType: 'image/png', fileName: 'scan.png', size: PNG.length }, bytes: PNG, now: NOW }));
          return null;
        } catch (e) {
          if (e instanceof Refused) return e.refusal;
          throw e;
        }
      },
      query_password: async () => refusal(await resetQueryPassword(t.db, KEY, agency.id, c.id, staff)),
    };
  };

  it('refuses every write with the one Chinese message, the database unchanged', async () => {
    const c = await answered(true);
    for (const [name, write] of Object.entries(writes(c))) {
      const before = await snapshot(t.db);
      const refused = await write();
      expect(refused, name).not.toBeNull();
      if (name !== 'online_view') {
        expect([name, refused?.code]).toEqual([name, APPLICATION_ARCHIVED]);
        expect(refused?.message).toMatch(/^申请\d{4}-\d{5}已归档，案卷只读/);
      }
      expect(await snapshot(t.db), name).toBe(before);
    }
  });

  it('lets the same writes through on a case not archived', async () => {
    const c = await answered(false);
    const all = writes(c);
    // the applicant's opening delivers the reply first (a staff delivery would then be refused as a second one)
    for (const name of ['online_view', 'upload', 'query_password', 'correct_reply'] as const) {
      expect([name, await all[name]!()]).toEqual([name, null]);
    }
  });

  it('refuses to archive an open case, nothing written', async () => {
    const r = await registerApplication(t.db, agency.id, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: '2024-12-02', request: '某文件' }, who);
    if (!r.ok) throw new Error(r.error.message);
    const before = await snapshot(t.db);
    const archived = await recordEvent(t.db, agency.id, r.value.id, { type: 'archive', occurredOn: '2024-12-05' }, who);
    expect(archived.ok ? 'archived' : archived.error.code).toBe('ILLEGAL_TRANSITION');
    expect(archived.ok ? '' : archived.error.message).toContain('不能“归档”');
    expect(await snapshot(t.db)).toBe(before);
  });

  it('keeps the retention period as a setting (default 10 years), shown from the archive step', async () => {
    const s = await agencySettings(t.db, agency.code);
    expect(s.ok && s.value.archiveRetentionYears).toBe(10);
    const refused = await updateAgency(t.db, agency.code, { archiveRetentionYears: 0 });
    expect(refused.ok ? '' : refused.error.message).toContain('至少1年');
    const changed = await updateAgency(t.db, agency.code, { archiveRetentionYears: 30 });
    expect(changed.ok && changed.value.archiveRetentionYears).toBe(30);
    const events = [{ type: 'reply', occurredOn: '2024-11-25' }, { type: 'archive', occurredOn: '2024-12-02' }];
    expect(archivedOnOf(events)).toBe('2024-12-02');
    expect(retentionLine('2024-12-02', 30)).toBe('已归档 · 保管期限至2054年');
    await updateAgency(t.db, agency.code, { archiveRetentionYears: 10 });
  });
});
