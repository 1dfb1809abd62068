// The security walk of issue #10: every route of the app, taken from the router (createApp(…).routes),
// so a route added later is walked without editing this file. A seeded agency gives every path
// parameter a real value (an application, a document, a published report, a status query opened by
// the applicant); staff routes are signed in (a fresh session and its CSRF token per request), the
// API with a bearer token, the public forms with the visitor's CSRF token. For each route:
//
//   (a) a body just over the route's limit (web/limits.ts), declared and streamed without a
//       Content-Length, is refused with 413 — never accepted, never a 500
//   (b) NUL in each field the route reads — the fields of every form on the app's pages that posts to
//       it, or the API's request schema (openapi.json) — gives no 500 (a route no form reaches: every
//       form's fields, a dozen at a time)
//   (c) every query parameter the route reads (recorded as the app reads them), each garbled, gives no 500
//
// GET and HEAD carry no body: @hono/node-server builds their Request without one, so (a) is for the
// other methods.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { HonoRequest } from 'hono/request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { DOCUMENT_KINDS } from '../../src/domain/documents/templates.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { addMembership, createApiToken, createUser, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { publishReport } from '../../src/services/report-publish.ts';
import { OPENAPI } from '../../src/web/api/openapi.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { bodyLimitOf } from '../../src/web/limits.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { BODY_METHODS, formsOf, GARBLED, key, matches, routesOf } from '../support/route-walk-kit.ts';
import type { Fields, Route } from '../support/route-walk-kit.ts';
import { validFields, Visitor } from './public-support.ts';

/** January 2025 (Beijing): the 2024 annual report can be published. */
const NOW = '2025-01-20T10:00:00.000+08:00';
const TODAY = NOW.slice(0, 10);
const PASSWORD = 'correct horse battery staple';
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
/** the platform's files (the working calendar) in a folder of the test's own */
const config: Config = { dataDir: mkdtempSync(join(tmpdir(), 'gongkai-walk-')), databaseUrl: undefined, port: 3000, secureCookies: false };

// ---------------------------------------------------------------------------------------------
// The routes, from the router (support/route-walk-kit.ts)

const ROUTES = routesOf(createApp({ config, calendar: async () => calendar, now: () => NOW, secureCookies: false } as unknown as WebDeps));

// ---------------------------------------------------------------------------------------------
// The query parameters the app reads: c.req.query(name), and the names a schema reads of c.req.query()

const NOT_PARAMS = new Set(['then', 'toJSON', 'constructor', 'length', 'prototype', 'valueOf', 'toString', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName']);
let reading: Set<string> | null = null;
const original = HonoRequest.prototype.query;
function recordQueries(): void {
  HonoRequest.prototype.query = function (this: HonoRequest, name?: string) {
    const result = (original as (this: HonoRequest, name?: string) => unknown).call(this, name);
    if (typeof name === 'string') reading?.add(name);
    if (name !== undefined || result === null || typeof result !== 'object') return result;
    return new Proxy(result as Record<string, string>, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(prop) && !NOT_PARAMS.has(prop)) reading?.add(prop);
        return Reflect.get(target, prop, receiver);
      },
    });
  } as typeof original;
}

// ---------------------------------------------------------------------------------------------
// Good values for the fields of the forms on the pages (support/route-walk-kit.ts formsOf)

/** Good values for fields a page leaves empty: what a careful user would type. */
const GOOD: Record<string, string> = {
  applicantType: 'natural_person',
  applicantName: '张三',
  channel: 'in_person',
  submittedOn: TODAY,
  receivedOn: TODAY,
  request: '2023年某地块征收补偿方案',
  occurredOn: TODAY,
  issuedOn: TODAY,
  idKind: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  address: '某市某区某路1号',
  deliveryForm: 'paper_post',
  handler: '李经办',
  note: '备注',
  partyName: '某公司',
  username: 'walker-new',
  displayName: '新用户',
  password: PASSWORD,
  currentPassword: PASSWORD,
  newPassword: `${PASSWORD}!`,
  newPassword2: `${PASSWORD}!`,
  adminPassword: PASSWORD,
  adminPassword2: PASSWORD,
  name: '某名称',
  text: '国务院办公厅关于2026年部分节假日安排的通知',
  date: '2025-03-08',
  year: '2024',
  code: 'ABCD-EFGH-JKMN',
  body: '本机关政府信息公开指南。',
  explanation: '说明',
};

// ---------------------------------------------------------------------------------------------

// On one engine, as every test of the web layer (support/db.ts webEngines): what the walk tests is the
// HTTP edge — body limits, NUL in fields, garbled queries; that PostgreSQL also refuses NUL in text
// makes it the stricter of the two.
describe.each(webEngines())('route walk on %s', (engine) => {
  const t = useDatabase(engine);
  const seed = { code: '', userId: 0, applicationId: 0, documentId: 0, onlineDocumentId: 0, year: 2024, token: '' };
  let citizen: Visitor;
  let citizenCsrf = '';
  /** fields by route (method + pattern), from the forms of every page */
  const formFields = new Map<string, Fields>();
  /** query parameters read, by route, and by any route */
  const queries = new Map<string, Set<string>>();
  const allQueries = new Set<string>();
  const walked = { a: new Set<string>(), b: new Set<string>(), c: new Set<string>() };

  // one app for the walk, as a server has one: a new app per request rebuilt the router on its first
  // match, nearly half of the walk's time
  let built: Hono<AppEnv> | undefined;
  const app = (): Hono<AppEnv> => (built ??= createApp({ config, db: t.db, calendar: async () => calendar, now: () => NOW, secureCookies: false }));

  /** The route's path with real values for its parameters. */
  function fill(route: Route): string {
    const byRoute: Record<string, Record<string, string>> = {
      '/staff/:agency/documents/:file': { file: String(seed.documentId) },
      '/:agency/status/documents/:file': { file: String(seed.onlineDocumentId) },
      '/:agency/reports/:file': { file: String(seed.year) },
    };
    const byName: Record<string, string> = { agency: seed.code, id: String(seed.applicationId), year: String(seed.year), page: 'guide', row: 'granted', column: '0', file: '1' };
    return route.path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => byRoute[route.path]?.[name] ?? byName[name] ?? '1');
  }

  const area = (route: Route): 'api' | 'staff' | 'public' => (route.path.startsWith('/api/') ? 'api' : route.path.startsWith('/staff') || route.path.startsWith('/setup') ? 'staff' : 'public');

  /** One request to the route as its user: signed in, with the CSRF token in a form body. */
  async function send(route: Route, options: { query?: string; fields?: Fields; json?: unknown; csrf?: string; raw?: { body: string | ReadableStream<Uint8Array>; headers?: Record<string, string> } } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    const where = area(route);
    let csrf = '';
    if (where === 'api') headers['authorization'] = `Bearer ${seed.token}`;
    else if (where === 'staff') {
      const s = await startSession(t.db, seed.userId, NOW);
      headers['cookie'] = `gk_session=${s.sessionToken}`;
      csrf = s.csrfToken;
    } else {
      headers['cookie'] = [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      csrf = citizenCsrf;
    }
    const path = `${fill(route)}${options.query ? `?${options.query}` : ''}`;
    const init: RequestInit & { duplex?: 'half' } = { method: route.method, headers };
    if (options.raw) {
      init.body = options.raw.body;
      Object.assign(headers, options.raw.headers ?? {});
      if (options.raw.body instanceof ReadableStream) init.duplex = 'half';
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.json);
    } else if (BODY_METHODS.has(route.method) && where !== 'api') {
      const form = new URLSearchParams([...(options.fields ?? new Map<string, string>())]);
      if (csrf) form.set('_csrf', options.csrf ?? csrf);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = form.toString();
    }
    return app().request(path, init);
  }

  /** The route's fields as a browser or an API client sends them, with good values. */
  function baseFields(route: Route): Fields {
    const scraped = formFields.get(key(route));
    const names = scraped ? [...scraped.keys()] : [...new Set([...formFields.values()].flatMap((f) => [...f.keys()]))];
    return new Map(names.filter((n) => n !== '_csrf').map((n) => [n, scraped?.get(n) || GOOD[n] || '']));
  }

  /** The properties of the API's request body (openapi.json), with good values; nested objects hold one value. */
  function apiBody(route: Route): Record<string, unknown> | null {
    const openapiPath = route.path.replace(/^\/api\/v1/, '').replace(/:([A-Za-z_]+)/g, '{$1}');
    const op = (OPENAPI.paths as unknown as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>)[openapiPath]?.[route.method.toLowerCase()];
    const ref = op?.requestBody?.content['application/json']?.schema.$ref;
    if (!ref) return null;
    const schema = (OPENAPI.components.schemas as unknown as Record<string, { properties?: Record<string, { type?: string | string[] }> }>)[ref.split('/').pop() ?? ''];
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
      const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
      out[name] = type === 'object' ? { reason: '理由' } : type === 'integer' || type === 'number' ? 1 : type === 'boolean' ? false : (GOOD[name] ?? 'x');
    }
    return out;
  }

  beforeAll(async () => {
    recordQueries();
    const db = t.db;
    const agency = await createAgency(db, { code: `walk-${engine}`, name: '巡检市某某局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    seed.code = agency.value.code;
    const user = await createUser(db, { username: 'walker', displayName: '巡检员', password: PASSWORD, platformAdmin: true }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    seed.userId = user.value.id;
    await addMembership(db, user.value.id, agency.value.id, 'admin');
    const member = await createUser(db, { username: 'walked', displayName: '被管理的用户', password: PASSWORD }, NOW);
    if (!member.ok) throw new Error(member.error.message);
    await addMembership(db, member.value.id, agency.value.id, 'handler');
    const token = await createApiToken(db, user.value.id, 'walk', NOW);
    if (!token.ok) throw new Error(token.error.message);
    seed.token = token.value.token;
    const who = { actor: 'walker', now: NOW, today: TODAY, calendar };
    const made = await registerApplication(db, agency.value.id, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: TODAY, request: '某文件' }, who);
    if (!made.ok) throw new Error(made.error.message);
    seed.applicationId = made.value.id;
    const noticeOf = async (applicationId: number) => {
      await recordEvent(db, agency.value.id, applicationId, { type: 'assign', occurredOn: TODAY, handler: '李经办' }, who);
      const doc = await issueDocument(db, agency.value.id, applicationId, { kind: 'extension_notice', issuedOn: TODAY, values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: TODAY, workingDays: 20 } }, who);
      if (!doc.ok) throw new Error(doc.error.message);
      return doc.value.id;
    };
    seed.documentId = await noticeOf(made.value.id);
    const fixture = readFileSync(join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json'), 'utf8');
    const report = { ...(JSON.parse(fixture) as AnnualReport), text: { overview: '本机关认真贯彻落实条例。', problems: '时效性不够强。', other: '未收取信息处理费。' } };
    const published = await publishReport(db, seed.code, { year: seed.year, report, acknowledgeWarnings: true, source: 'walk' }, { userId: user.value.id, now: NOW, ip: null });
    if (!published.ok) throw new Error(published.error.message);
    // the applicant: an online application, its receipt, a status query left open
    citizen = new Visitor(app());
    const applied = await citizen.submit(`/${seed.code}/apply`, `/${seed.code}/apply`, validFields(), true);
    if (applied.status !== 303) throw new Error(`apply: ${applied.status}`);
    const receipt = await (await citizen.get(`/${seed.code}/apply/receipt`)).text();
    const code = /[23456789A-HJKMNP-Z]{4}-[23456789A-HJKMNP-Z]{4}-[23456789A-HJKMNP-Z]{4}/.exec(receipt)?.[0] ?? '';
    const online = await db.selectFrom('applications').select('id').where('agencyId', '=', agency.value.id).where('channel', '=', 'online').executeTakeFirstOrThrow();
    seed.onlineDocumentId = await noticeOf(online.id);
    const password = /[23456789A-HJKMNP-Z]{10}/.exec(receipt.replace(code, ''))?.[0] ?? '';
    const opened = await citizen.submit(`/${seed.code}/status`, `/${seed.code}/status`, { code, password });
    if (opened.status !== 303 || !citizen.cookies.has('gk_status')) throw new Error(`status query: ${opened.status}`);
    citizenCsrf = /name="_csrf" value="([^"]+)"/.exec(await (await citizen.get(`/${seed.code}/status/result`)).text())?.[1] ?? '';

    // every page as its user: the forms on it, the query parameters it reads
    const pages: { route: Route; query?: string }[] = ROUTES.filter((r) => r.method === 'GET').map((route) => ({ route }));
    const documents = ROUTES.find((r) => r.method === 'GET' && r.path === '/staff/:agency/applications/:id/documents');
    if (documents) for (const kind of DOCUMENT_KINDS) pages.push({ route: documents, query: `kind=${kind}` });
    for (const { route, query } of pages) {
      reading = new Set();
      const res = await send(route, query ? { query } : {});
      queries.set(key(route), new Set([...(queries.get(key(route)) ?? []), ...reading]));
      for (const q of reading) allQueries.add(q);
      reading = null;
      if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
      for (const form of formsOf(await res.text())) {
        const target = ROUTES.find((r) => r.method === 'POST' && matches(r.path, form.action));
        if (!target) continue;
        const fields = formFields.get(key(target)) ?? new Map<string, string>();
        for (const [name, value] of form.fields) if (!fields.get(name)) fields.set(name, value);
        formFields.set(key(target), fields);
      }
    }
  });

  afterAll(() => {
    HonoRequest.prototype.query = original;
    rmSync(config.dataDir, { recursive: true, force: true });
  });

  describe('(a) a body just over the route’s limit is refused with 413', () => {
    it.each(ROUTES.filter((r) => BODY_METHODS.has(r.method)).map((r) => [key(r), r] as const))('%s', async (_name, route) => {
      walked.a.add(key(route));
      const { maxSize } = bodyLimitOf(route.method, fill(route));
      const declared = await send(route, { raw: { body: 'x', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(maxSize + 1) } } });
      expect(declared.status, 'declared').toBe(413);
      const sent = await send(route, { raw: { body: 'a'.repeat(maxSize + 1), headers: { 'content-type': 'application/x-www-form-urlencoded' } } });
      expect(sent.status, 'streamed').toBe(413);
    });
  });

  describe('(b) NUL in each field the route reads: no 500', () => {
    it.each(ROUTES.filter((r) => BODY_METHODS.has(r.method)).map((r) => [key(r), r] as const))('%s', async (_name, route) => {
      walked.b.add(key(route));
      const failures: string[] = [];
      if (area(route) === 'api') {
        const body = apiBody(route) ?? {};
        for (const name of Object.keys(body)) {
          const value = body[name];
          const nul = typeof value === 'object' && value !== null ? { reason: 'a\u0000b' } : `${typeof value === 'string' ? value : 'x'}\u0000`;
          const res = await send(route, { json: { ...body, [name]: nul } });
          if (res.status >= 500 && res.status !== 503) failures.push(`${name}: ${res.status} ${await res.text()}`);
        }
        if (Object.keys(body).length === 0) {
          const res = await send(route, { json: { x: '\u0000' } });
          if (res.status >= 500 && res.status !== 503) failures.push(`body: ${res.status}`);
        }
      } else {
        const base = baseFields(route);
        // every form route reads the CSRF token
        const token = await send(route, { fields: base, csrf: 'a\u0000b' });
        if (token.status >= 500 && token.status !== 503) failures.push(`_csrf: ${token.status} ${await token.text()}`);
        // a field at a time where a page's form posts to the route; a route no page's form reaches (its
        // record is not in the seed) is sent every form's fields, NUL in a dozen at a time — one at a time
        // cost ~185 requests a route for fields it does not read
        const names = [...base.keys()];
        const groups = formFields.has(key(route)) ? names.map((n) => [n]) : Array.from({ length: Math.ceil(names.length / 12) }, (_, i) => names.slice(i * 12, i * 12 + 12));
        for (const group of groups) {
          const fields = new Map(base);
          for (const name of group) fields.set(name, `${base.get(name) || 'x'}\u0000`);
          const res = await send(route, { fields });
          if (res.status >= 500 && res.status !== 503) failures.push(`${group.join(',')}: ${res.status} ${await res.text()}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('(c) every query parameter garbled: no 500', () => {
    it.each(ROUTES.map((r) => [key(r), r] as const))('%s', async (_name, route) => {
      walked.c.add(key(route));
      const own = [...(queries.get(key(route)) ?? [])];
      const names = [...new Set([...own, ...allQueries])];
      const body = (): { fields?: Fields; json?: unknown } => (!BODY_METHODS.has(route.method) ? {} : area(route) === 'api' ? { json: apiBody(route) ?? {} } : { fields: baseFields(route) });
      const failures: string[] = [];
      const attempt = async (query: string) => {
        const res = await send(route, { query, ...body() });
        if (res.status >= 500 && res.status !== 503) failures.push(`${query.slice(0, 80)}: ${res.status}`);
      };
      for (const value of GARBLED) {
        if (names.length > 0) await attempt(names.map((n) => `${n}=${value}`).join('&'));
        for (const n of own) await attempt(`${n}=${value}`);
      }
      for (const n of own) await attempt(`${n}=1&${n}=2`);
      expect(failures).toEqual([]);
    });
  });

  it('walked every route of the app', () => {
    const all = new Set(routesOf(app()).map(key));
    expect(new Set(ROUTES.map(key))).toEqual(all);
    expect(walked.a).toEqual(new Set(ROUTES.filter((r) => BODY_METHODS.has(r.method)).map(key)));
    expect(walked.b).toEqual(new Set(ROUTES.filter((r) => BODY_METHODS.has(r.method)).map(key)));
    expect(walked.c).toEqual(all);
    // the pages were reached (a path parameter filled wrongly would answer 404 and walk nothing)
    expect(formFields.size).toBeGreaterThan(20);
    expect(allQueries.size).toBeGreaterThan(5);
  });
});
