// The query password under the query key (public-grants.ts, query-key.ts), on both engines: the right
// password opens, a wrong one does not; an argon2id value of before still opens and is replaced by the
// HMAC on that check (and only on a right one); a value made under another key (a restore without the key
// file) opens nothing until the office resets the password (重置查询密码, audited); the key is in no archive.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { hash } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { afterAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../src/services/archive.ts';
import { createUser } from '../../src/services/accounts.ts';
import { list } from '../../src/services/audit.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { grantIsCurrent, otherQueryKey, resetQueryPassword } from '../../src/services/public-grants.ts';
import { openPublicAccess, submitOnline } from '../../src/services/public-applications.ts';
import type { OnlineApplicationInput } from '../../src/services/public-applications.ts';
import { loadQueryKey, QUERY_KEY_FILE, queryKeyOf } from '../../src/services/query-key.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { engines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY as KEY } from '../support/query-key.ts';

const NOW = '2024-11-20T10:00:00.000+08:00';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const input: OnlineApplicationInput = {
  applicantType: 'natural_person',
  applicantName: '王五',
  idKind: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: '',
  address: '',
  request: '某路段拓宽工程的立项批复',
  deliveryForm: 'on_site',
  identityProof: { bytes: PNG, type: 'image/png', name: '身份证.png' },
};
const OTHER_KEY = queryKeyOf(Buffer.alloc(32, 0x33));

const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-query-password-'));
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await closeInProcess();
});

describe.each(engines())('query passwords on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  let admin: { userId: number; ip: string; via: 'web'; now: string } | undefined;
  /** who resets: a member of staff (the audit entry names them) */
  const staff = async () => {
    if (admin === undefined) {
      const user = await createUser(t.db, { username: 'qp-admin', displayName: '管理员', password: 'correct horse battery' }, NOW);
      if (!user.ok) throw new Error(user.error.message);
      admin = { userId: user.value.id, ip: '127.0.0.1', via: 'web', now: NOW };
    }
    return admin;
  };
  async function submitted(key = KEY) {
    n += 1;
    const agency = await createAgency(t.db, { code: `qp${n}`, name: `某区${n}局`, level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const r = await submitOnline(t.db, agency.value.code, input, NOW, key);
    if (!r.ok) throw new Error(r.error.message);
    return { agency: agency.value, ...r.value };
  }
  const stored = async (applicationId: number) =>
    (await t.db.selectFrom('publicAccess').select(['passwordHash', 'grantVersion']).where('applicationId', '=', applicationId).executeTakeFirstOrThrow());

  it('keeps the HMAC of the password, which opens with the right password only (any case, spaces)', async () => {
    const s = await submitted();
    const kept = await stored(s.applicationId);
    expect(kept.passwordHash).toMatch(new RegExp(`^hmac-sha256:v1:${KEY.id}:[0-9a-f]{64}$`));
    expect(kept.passwordHash).not.toContain(s.password);
    const typed = ` ${s.password.slice(0, 5).toLowerCase()} ${s.password.slice(5)} `;
    const opened = await openPublicAccess(t.db, s.agency.code, s.receiptCode, typed, KEY);
    expect(opened.ok && opened.value.applicationId).toBe(s.applicationId);
    const last = s.password.at(-1) === '2' ? '3' : '2';
    for (const wrong of [`${s.password.slice(0, 9)}${last}`, '', s.password.slice(0, 9)]) {
      expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, wrong, KEY)).ok).toBe(false);
    }
    // the same password under another receipt code: the MAC binds the two
    const other = await submitted();
    await t.db.updateTable('publicAccess').set({ passwordHash: kept.passwordHash }).where('applicationId', '=', other.applicationId).execute();
    expect((await openPublicAccess(t.db, other.agency.code, other.receiptCode, s.password, KEY)).ok).toBe(false);
  });

  it('still opens an argon2id value of before, and replaces it by the HMAC on that check — not on a wrong one', async () => {
    const s = await submitted();
    const argon = await hash(s.password, { algorithm: 2 as Algorithm.Argon2id });
    await t.db.updateTable('publicAccess').set({ passwordHash: argon }).where('applicationId', '=', s.applicationId).execute();
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, 'WRONGPASS2', KEY)).ok).toBe(false);
    expect((await stored(s.applicationId)).passwordHash).toBe(argon);
    const opened = await openPublicAccess(t.db, s.agency.code, s.receiptCode, s.password.toLowerCase(), KEY);
    expect(opened.ok).toBe(true);
    const upgraded = (await stored(s.applicationId)).passwordHash;
    expect(upgraded).toMatch(/^hmac-sha256:v1:/);
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, s.password, KEY)).ok).toBe(true);
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, 'WRONGPASS2', KEY)).ok).toBe(false);
    // a malformed stored value opens nothing
    await t.db.updateTable('publicAccess').set({ passwordHash: '$argon2id$garbled' }).where('applicationId', '=', s.applicationId).execute();
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, s.password, KEY)).ok).toBe(false);
  });

  it('opens nothing made under another key until the office resets the password (audited, old grants revoked)', async () => {
    // the platform restored onto a machine without the key file: a new key was made there
    const s = await submitted(OTHER_KEY);
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, s.password, KEY)).ok).toBe(false);
    // what the server says at start: the newest password was made under another key
    expect(await otherQueryKey(t.db, KEY)).toBe(OTHER_KEY.id);
    expect(await otherQueryKey(t.db, OTHER_KEY)).toBeNull();
    const before = await stored(s.applicationId);
    const reset = await resetQueryPassword(t.db, KEY, s.agency.id, s.applicationId, await staff());
    if (!reset.ok) throw new Error(reset.error.message);
    expect(reset.value).toMatchObject({ applicationId: s.applicationId, number: s.number, receiptCode: s.receiptCode });
    expect(reset.value.password).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, reset.value.password, KEY)).ok).toBe(true);
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, s.password, OTHER_KEY)).ok).toBe(false);
    expect(await grantIsCurrent(t.db, s.agency.id, s.applicationId, before.grantVersion)).toBe(false);
    const [entry] = await list(t.db, s.agency.id);
    expect(entry).toMatchObject({ action: 'query_password.reset', target: `application:${s.applicationId}`, detail: { number: s.number, via: 'web' }, ip: '127.0.0.1' });
    expect(JSON.stringify(entry)).not.toContain(reset.value.password);
    await submitted(); // a new application under this key: the newest is this key's again
    expect(await otherQueryKey(t.db, KEY)).toBeNull();
  });

  it('resets only an online application of the agency', async () => {
    const s = await submitted();
    const elsewhere = await submitted();
    const notOurs = await resetQueryPassword(t.db, KEY, elsewhere.agency.id, s.applicationId, await staff());
    expect(!notOurs.ok && notOurs.error.code).toBe('APPLICATION_NOT_FOUND');
    const paper = await registerApplication(t.db, s.agency.id, { applicantType: 'natural_person', applicantName: '赵六', channel: 'in_person', submittedOn: '2024-11-20', request: '某文件' }, { actor: 't', now: NOW, today: '2024-11-20' });
    if (!paper.ok) throw new Error(paper.error.message);
    const refused = await resetQueryPassword(t.db, KEY, s.agency.id, paper.value.id, await staff());
    expect(!refused.ok && refused.error.code).toBe('NO_QUERY_PASSWORD');
    expect((await openPublicAccess(t.db, s.agency.code, s.receiptCode, s.password, KEY)).ok).toBe(true); // untouched
  });

  it('gongkai demo reads the data folder\'s key first: a key file that is not a key refuses it (exit 2), nothing loaded', async () => {
    const folder = join(dataDir, `cli-${engine}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, QUERY_KEY_FILE), 'not a key\n');
    const r = await gongkaiInProcess(['demo'], { dataDir: folder, database: () => t.database, now: () => '2025-03-12T02:00:00.000Z' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('查询密码密钥文件');
    expect(await t.db.selectFrom('agencies').select('id').where('code', '=', 'demo').executeTakeFirst()).toBeUndefined();
  });

  it('puts the key in no archive: the HMACs travel, the key stays in its file', async () => {
    const key = await loadQueryKey({ dataDir: join(dataDir, engine) });
    const hex = readFileSync(join(dataDir, engine, QUERY_KEY_FILE), 'utf8').trim();
    const s = await submitted(key);
    const archive = gunzipSync(await exportArchive(t.db));
    const text = archive.toString('utf8');
    expect(text).toContain(`hmac-sha256:v1:${key.id}:`);
    for (const form of [hex, hex.toUpperCase(), Buffer.from(hex, 'hex').toString('base64')]) expect(text).not.toContain(form);
    expect(archive.includes(Buffer.from(hex, 'hex'))).toBe(false);
    expect(text).not.toContain(s.password);
  });
});
