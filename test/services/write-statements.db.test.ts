// The statements of the write path, counted (test/support/statements.ts), on both engines: an online
// application was 14 statements with the agency looked up four times (issue #16); each bound below is the
// count reached, with what the statements are — a change that adds one fails here and says which.

import { hash } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { submitOnline } from '../../src/services/public-applications.ts';
import type { OnlineApplicationInput } from '../../src/services/public-applications.ts';
import { createUser } from '../../src/services/accounts.ts';
import { engines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY as KEY } from '../support/query-key.ts';
import { countStatements } from '../support/statements.ts';
import { NOW, publicApp, TODAY, validFields, Visitor } from '../web/public-support.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const input: OnlineApplicationInput = {
  applicantType: 'natural_person',
  applicantName: '张三',
  idKind: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: '',
  address: '',
  request: '某项目的环境影响评价批复',
  deliveryForm: 'on_site',
  identityProof: { bytes: PNG, type: 'image/png', name: '身份证.png' },
};

/**
 * A registration: the agency's counter of the year taken (its row locked until the commit), then one
 * statement — the application with its search document (which holds the 编号's terms, made in JS: so the
 * 编号 comes first) and its event as common table expressions.
 */
const NUMBER = 'insert into counters';
const REGISTER = 'select from a with a, e';

describe.each(engines())('statements of the write path on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  async function agency() {
    n += 1;
    const a = await createAgency(t.db, { code: `ws${n}`, name: `某县${n}局`, level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    return a.value;
  }

  it('writes an online application with two statements in one transaction', async () => {
    const a = await agency();
    const counted = countStatements(t.db);
    const r = await submitOnline(counted.db, a, input, NOW, KEY); // the agency found by the page, passed down
    expect(r.ok).toBe(true);
    // the counter ++; the application, its register event, the identity proof, the receipt code and password (HMAC)
    expect(counted.statements).toEqual(['begin', NUMBER, `${REGISTER}, u, p`, 'commit']);
    expect(counted.statements.filter((s) => s !== 'begin' && s !== 'commit').length).toBeLessThanOrEqual(2);
    // given its code instead, the service looks the agency up once
    counted.reset();
    expect((await submitOnline(counted.db, a.code, input, NOW, KEY)).ok).toBe(true);
    expect(counted.statements).toEqual(['select from agencies', 'begin', NUMBER, `${REGISTER}, u, p`, 'commit']);
  });

  it('answers the form POST with four statements (limits, agency, 编号, application), and shows the receipt with two more', async () => {
    const a = await agency();
    const counted = countStatements(t.db);
    const visitor = new Visitor(publicApp(counted.db));
    const form = await (await visitor.get(`/${a.code}/apply`)).text(); // the platform secret read once, cached after
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const body = new FormData();
    body.set('_csrf', token);
    for (const [k, v] of Object.entries(validFields())) body.set(k, v);
    counted.reset();
    const posted = await visitor.post(`/${a.code}/apply`, body);
    expect(posted.status).toBe(303);
    // 3: the limits in force (settings, read on each request so that a change made on one process holds
    // on every one), the agency with its site profile (one join), then the application as above
    expect(counted.statements).toEqual(['select from settings', 'select from agencies', 'begin', NUMBER, `${REGISTER}, u, p`, 'commit']);
    counted.reset();
    expect((await visitor.get(`/${a.code}/apply/receipt`)).status).toBe(200);
    // 2: the agency with its site profile, the receipt claimed (shown once)
    expect(counted.statements).toEqual(['select from agencies', 'update public_access']);
  });

  it('opens a status query with three statements (limits, agency, grant), four when an argon2 value is replaced', async () => {
    const a = await agency();
    const r = await submitOnline(t.db, a, input, NOW, KEY);
    if (!r.ok) throw new Error(r.error.message);
    const counted = countStatements(t.db);
    const visitor = new Visitor(publicApp(counted.db));
    await visitor.get(`/${a.code}/status`);
    counted.reset();
    const opened = await visitor.submit(`/${a.code}/status`, `/${a.code}/status`, { code: r.value.receiptCode, password: r.value.password });
    expect(opened.status).toBe(303);
    // the GET of the form (served from the page cache: no statement), then the POST: the agency, the grant
    expect(counted.statements).toEqual(['select from settings', 'select from agencies', 'select from public_access']);
    // a password kept as argon2id before: one more, its replacement by the HMAC
    await t.db.updateTable('publicAccess').set({ passwordHash: await hash(r.value.password, { algorithm: 2 as Algorithm.Argon2id }) }).where('applicationId', '=', r.value.applicationId).execute();
    const again = new Visitor(publicApp(counted.db));
    await again.get(`/${a.code}/status`);
    counted.reset();
    expect((await again.submit(`/${a.code}/status`, `/${a.code}/status`, { code: r.value.receiptCode, password: r.value.password })).status).toBe(303);
    expect(counted.statements).toEqual(['select from settings', 'select from agencies', 'select from public_access', 'update public_access']);
  });

  it('registers on the staff side with two statements in one transaction, its audit entry in the same', async () => {
    const a = await agency();
    const counted = countStatements(t.db);
    const paper = { applicantType: 'natural_person', applicantName: '李四', channel: 'in_person', submittedOn: TODAY, request: '某文件' } as const;
    expect((await registerApplication(counted.db, a.id, paper, { actor: 'import', now: NOW, today: TODAY })).ok).toBe(true);
    expect(counted.statements).toEqual(['begin', NUMBER, REGISTER, 'commit']);
    const user = await createUser(t.db, { username: `ws-user${n}`, displayName: '经办人', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    counted.reset();
    const audited = { actor: 'handler', now: NOW, today: TODAY, audit: { userId: user.value.id, ip: null, via: 'web' as const } };
    expect((await registerApplication(counted.db, a.id, paper, audited)).ok).toBe(true);
    expect(counted.statements).toEqual(['begin', NUMBER, REGISTER, 'insert into audit_log', 'commit']);
  });
});
