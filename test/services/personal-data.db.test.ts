// Who sees an applicant's full ID number and identity proof (issue #10 §5): the application's 承办人, the
// leaders (科室负责人, 分管领导), the agency's 管理员 and platform administrators — each full view audited;
// everyone else gets the masked number. The ledger export is masked unless one of them asks for it whole.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { exportLedgerFor, mayExportFullLedger, mayViewIdentity, openIdentityProof, revealIdNumber } from '../../src/services/personal-data.ts';
import type { Viewer } from '../../src/services/personal-data.ts';
import { engines, useDatabase } from '../support/db.ts';
import { person, submitWithProof } from '../support/people.ts';
import type { Person } from '../support/people.ts';

const NOW = '2024-11-20T10:00:00.000+08:00';
const TODAY = '2024-11-20';
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const ID = '11010519491231002X';
const MASKED = '1101**********002X';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe.each(engines())('personal data on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let otherAgencyId = 0;
  let people: Record<'handler' | 'byName' | 'clerk' | 'supervisor' | 'sectionHead' | 'leader' | 'admin' | 'platform' | 'otherAdmin', Person>;
  let applicationId = 0;
  let byNameApplicationId = 0;
  let onlineId = 0;
  let uploadId = 0;

  const viewer = (p: Person): Viewer => ({ user: p.user, ip: '192.0.2.7', now: NOW });
  const audits = (action: string) => t.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute();

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'pd', name: '某市个人信息局', level: 'department' }, NOW);
    const b = await createAgency(t.db, { code: 'pd-other', name: '某市另一局', level: 'department' }, NOW);
    if (!a.ok || !b.ok) throw new Error('agencies');
    agencyId = a.value.id;
    otherAgencyId = b.value.id;
    people = {
      handler: await person(t.db, NOW, agencyId, 'handler', { name: 'wang' }),
      byName: await person(t.db, NOW, agencyId, 'handler', { name: 'li', displayName: '李承办' }),
      clerk: await person(t.db, NOW, agencyId, 'handler', { name: 'zhao' }),
      supervisor: await person(t.db, NOW, agencyId, 'supervisor', { name: 'jian' }),
      sectionHead: await person(t.db, NOW, agencyId, 'section_head'),
      leader: await person(t.db, NOW, agencyId, 'leader'),
      admin: await person(t.db, NOW, agencyId, 'admin'),
      platform: await person(t.db, NOW, null, null, { platformAdmin: true }),
      otherAdmin: await person(t.db, NOW, otherAgencyId, 'admin'),
    };
    const who = { actor: 'tester', now: NOW, today: TODAY, calendar };
    const base = { applicantType: 'natural_person' as const, applicantName: '张三', idKind: 'resident_id' as const, idNumber: ID, channel: 'in_person' as const, submittedOn: TODAY, request: '某地块征收批复' };
    const r1 = await registerApplication(t.db, agencyId, { ...base, handler: people.handler.user.username }, who);
    const r2 = await registerApplication(t.db, agencyId, { ...base, handler: '李承办' }, who);
    if (!r1.ok || !r2.ok) throw new Error('register');
    applicationId = r1.value.id;
    byNameApplicationId = r2.value.id;
    onlineId = await submitWithProof(t.db, 'pd', ID, PNG, NOW);
    uploadId = (await t.db.selectFrom('uploads').select('id').where('applicationId', '=', onlineId).executeTakeFirstOrThrow()).id;
    // 李承办 handles the online one too; wang does not
    await t.db.updateTable('applications').set({ handler: '李承办' }).where('id', '=', onlineId).execute();
  }, 120_000); // users with argon2 hashes: slow on a busy machine

  it('lets the handler (by user name or name), the leaders and the administrators see the full number, nobody else', () => {
    const app = { handler: people.handler.user.username };
    expect(mayViewIdentity(people.handler.user, agencyId, app)).toBe(true);
    expect(mayViewIdentity(people.byName.user, agencyId, { handler: '李承办' })).toBe(true);
    for (const p of ['sectionHead', 'leader', 'admin', 'platform'] as const) expect(mayViewIdentity(people[p].user, agencyId, app), p).toBe(true);
    expect(mayViewIdentity(people.clerk.user, agencyId, app)).toBe(false);
    expect(mayViewIdentity(people.handler.user, agencyId, { handler: null })).toBe(false);
    expect(mayViewIdentity(people.supervisor.user, agencyId, app)).toBe(false);
    // a 监督 named as handler still only reads
    expect(mayViewIdentity(people.supervisor.user, agencyId, { handler: people.supervisor.user.username })).toBe(false);
    // roles count in their own agency only
    expect(mayViewIdentity(people.otherAdmin.user, agencyId, app)).toBe(false);
    expect(mayViewIdentity(people.admin.user, otherAgencyId, app)).toBe(false);
    // the whole ledger: the leaders and administrators only
    for (const p of ['sectionHead', 'leader', 'admin', 'platform'] as const) expect(mayExportFullLedger(people[p].user, agencyId), p).toBe(true);
    for (const p of ['handler', 'clerk', 'supervisor', 'otherAdmin'] as const) expect(mayExportFullLedger(people[p].user, agencyId), p).toBe(false);
  });

  it('reveals the number to whoever may see it, and writes who saw it in the audit log', async () => {
    const before = (await audits('id_number.view')).length;
    const shown = await revealIdNumber(t.db, agencyId, applicationId, viewer(people.handler));
    expect(shown).toMatchObject({ ok: true, value: { idNumber: ID, idKind: 'resident_id', applicantName: '张三' } });
    const byName = await revealIdNumber(t.db, agencyId, byNameApplicationId, viewer(people.byName));
    expect(byName.ok).toBe(true);
    const entries = await audits('id_number.view');
    expect(entries).toHaveLength(before + 2);
    expect(entries.at(-2)).toMatchObject({ userId: people.handler.user.id, agencyId, target: `application:${applicationId}`, ip: '192.0.2.7' });
    expect(entries.at(-2)?.detail).toMatchObject({ via: 'web' });
    expect(JSON.stringify(entries.at(-2)?.detail)).not.toContain(ID);
  });

  it('refuses the others, and another agency’s application is not found — nothing audited', async () => {
    const before = (await audits('id_number.view')).length;
    for (const p of ['clerk', 'supervisor'] as const) {
      const r = await revealIdNumber(t.db, agencyId, applicationId, viewer(people[p]));
      expect(r, p).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!r.ok) expect(r.error.message).toMatch(/承办人/);
    }
    expect(await revealIdNumber(t.db, otherAgencyId, applicationId, viewer(people.otherAdmin))).toMatchObject({ ok: false, error: { code: 'APPLICATION_NOT_FOUND' } });
    expect(await audits('id_number.view')).toHaveLength(before);
  });

  it('opens the identity proof for the roles that may, audited; refuses the others; finds no file of another application', async () => {
    const opened = await openIdentityProof(t.db, agencyId, onlineId, uploadId, viewer(people.byName));
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.value.mediaType).toBe('image/png');
      expect(opened.value.fileName).toBe('身份证.png');
      expect([...opened.value.bytes]).toEqual([...PNG]);
    }
    const entry = (await audits('identity_proof.view')).at(-1);
    expect(entry).toMatchObject({ userId: people.byName.user.id, agencyId, target: `upload:${uploadId}` });
    expect(entry?.detail).toMatchObject({ applicationId: onlineId });
    const before = (await audits('identity_proof.view')).length;
    expect(await openIdentityProof(t.db, agencyId, onlineId, uploadId, viewer(people.handler))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await openIdentityProof(t.db, agencyId, onlineId, uploadId, viewer(people.supervisor))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await openIdentityProof(t.db, agencyId, applicationId, uploadId, viewer(people.admin))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await openIdentityProof(t.db, otherAgencyId, onlineId, uploadId, viewer(people.otherAdmin))).toMatchObject({ ok: false, error: { code: 'APPLICATION_NOT_FOUND' } });
    expect(await audits('identity_proof.view')).toHaveLength(before);
  });

  it('exports the ledger masked, whole only for the leaders and administrators, each export audited', async () => {
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const masked = await exportLedgerFor(t.db, agencyId, 'csv', viewer(people.supervisor), { full: false });
    expect(masked.ok).toBe(true);
    if (masked.ok) {
      expect(masked.value.full).toBe(false);
      expect(decode(masked.value.bytes)).toContain(MASKED);
      expect(decode(masked.value.bytes)).not.toContain(ID);
    }
    expect(await exportLedgerFor(t.db, agencyId, 'csv', viewer(people.handler), { full: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const whole = await exportLedgerFor(t.db, agencyId, 'csv', viewer(people.leader), { full: true });
    expect(whole.ok).toBe(true);
    if (whole.ok) expect(decode(whole.value.bytes)).toContain(ID);
    const entries = await audits('ledger.export');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ userId: people.supervisor.user.id, agencyId });
    expect(entries[0]?.detail).toMatchObject({ format: 'csv', full: false, rows: 3 });
    expect(entries[1]?.detail).toMatchObject({ format: 'csv', full: true, rows: 3 });
  });
});
