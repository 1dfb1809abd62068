// What a citizen's cookies open (issue #10 §7, §6): the receipt (code and password) is shown once, by the
// server's record — a replayed receipt cookie shows nothing; 结束查询 revokes the status grant, so an old
// status cookie no longer opens the result; a sealed token is never honoured past its cap (receipt 600 s,
// status 900 s), whatever expiry it carries — the case of a token forged with a leaked secret.

import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { secretOf } from '../../src/web/auth.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { NOW, publicApp, validFields, Visitor } from './public-support.ts';

describe.each(webEngines())('citizens’ grants on %s', (engine) => {
  const t = useDatabase(engine);
  const code = 'grants';
  let clock = Date.parse(NOW);
  const now = () => new Date(clock).toISOString();
  const app = () => publicApp(t.db, now);

  beforeAll(async () => {
    const agency = await createAgency(t.db, { code, name: '某市回执局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
  });

  /** submits an application; the visitor holds the receipt cookie, not yet shown */
  async function submitted(visitor: Visitor) {
    const posted = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields(), true);
    expect(posted.status).toBe(303);
    const receipt = visitor.cookies.get('gk_receipt');
    expect(receipt).toBeDefined();
    return receipt ?? '';
  }

  const readReceipt = (html: string) => [...html.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');

  /** a visitor with an open status query for the application (its code and password) */
  async function querying(receiptCode: string, password: string): Promise<Visitor> {
    const visitor = new Visitor(app());
    const r = await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode, password });
    expect(r.status).toBe(303);
    expect(visitor.cookies.get('gk_status')).toBeDefined();
    return visitor;
  }

  it('shows the receipt once: the same cookie replayed shows neither the code nor the password', async () => {
    clock = Date.parse(NOW);
    const visitor = new Visitor(app());
    const cookie = await submitted(visitor);
    const first = await (await visitor.get(`/${code}/apply/receipt`)).text();
    const [receiptCode = '', password = ''] = readReceipt(first);
    expect(receiptCode).not.toBe('');
    // an attacker who copied the cookie before it was deleted, within its ten minutes
    clock += 60_000;
    const replay = new Visitor(app());
    replay.cookies.set('gk_receipt', cookie);
    const again = await replay.get(`/${code}/apply/receipt`);
    const html = await again.text();
    expect(again.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('回执已显示过');
    expect(html).not.toContain(password);
    expect(html).not.toContain(receiptCode);
    const access = await t.db.selectFrom('publicAccess').select(['receiptShownAt']).where('receiptCode', '=', receiptCode.replace(/-/g, '')).executeTakeFirstOrThrow();
    expect(access.receiptShownAt).not.toBeNull();
  });

  it('revokes the status grant on 结束查询: the old status cookie no longer opens the result', async () => {
    clock = Date.parse(NOW);
    const applicant = new Visitor(app());
    await submitted(applicant);
    const [receiptCode = '', password = ''] = readReceipt(await (await applicant.get(`/${code}/apply/receipt`)).text());
    const visitor = await querying(receiptCode, password);
    const old = visitor.cookies.get('gk_status') ?? '';
    const open = await visitor.get(`/${code}/status/result`);
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toBe('no-store');
    // 结束查询
    const ended = await visitor.submit(`/${code}/status/result`, `/${code}/status/end`, {});
    expect(ended.status).toBe(303);
    expect(visitor.cookies.get('gk_status')).toBeUndefined();
    // the cookie kept by someone else (a shared computer's history, a copied header)
    const replay = new Visitor(app());
    replay.cookies.set('gk_status', old);
    const result = await replay.get(`/${code}/status/result`);
    expect(result.status).toBe(303);
    expect(result.headers.get('location')).toBe(`/${code}/status`);
    // a new query with the code and password opens it again
    const again = await querying(receiptCode, password);
    expect((await again.get(`/${code}/status/result`)).status).toBe(200);
  });

  it('caps a sealed token’s life whatever expiry it carries (a token forged with the platform secret)', async () => {
    clock = Date.parse(NOW);
    const applicant = new Visitor(app());
    await submitted(applicant);
    const [receiptCode = '', password = ''] = readReceipt(await (await applicant.get(`/${code}/apply/receipt`)).text());
    const row = await t.db.selectFrom('publicAccess').select(['applicationId', 'grantVersion']).where('receiptCode', '=', receiptCode.replace(/-/g, '')).executeTakeFirstOrThrow();
    expect(password).not.toBe('');
    const key = Buffer.from(hkdfSync('sha256', await secretOf(t.db), 'gongkai', 'public-sealed-token-v1', 32));
    const forge = (expiresInMs: number): string => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const payload = { p: 'status', a: code, e: clock + expiresInMs, d: { id: row.applicationId, v: row.grantVersion } };
      const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    };
    const visit = async (token: string) => {
      const v = new Visitor(app());
      v.cookies.set('gk_status', token);
      return v.get(`/${code}/status/result`);
    };
    // within the cap, the forged token is the real thing: it opens (the test forges what the server seals)
    expect((await visit(forge(900_000))).status).toBe(200);
    // a year's expiry: refused at once
    expect((await visit(forge(365 * 24 * 3600_000))).status).toBe(303);
    expect((await visit(forge(900_000 + 60_000))).status).toBe(303);
    // and a real status cookie dies at 15 minutes
    const visitor = await querying(receiptCode, password);
    clock += 899_000;
    expect((await visitor.get(`/${code}/status/result`)).status).toBe(200);
    clock += 2_000;
    expect((await visitor.get(`/${code}/status/result`)).status).toBe(303);
  });
});
