// The published annual reports through the JSON API (/api/v1/published-reports) on one engine (support/db.ts webEngines): the
// list, PUT (publish; replace=1 to correct) and DELETE (withdraw) — token-authenticated, scoped by
// ?agency=, publishing for the roles that sign off, errors in the API's shape with Chinese messages,
// and the OpenAPI document describing them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { list as auditList } from '../../src/services/audit.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';

const JSON_TEXT = readFileSync(join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json'), 'utf8');
const PROSE = { overview: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', problems: '主动公开的时效性还不够强。', other: '本机关全年未收取信息处理费。' };
/** The fixture's 2024 report with the prose sections 一、五、六 (a fresh copy). */
const model = (): AnnualReport => ({ ...(JSON.parse(JSON_TEXT) as AnnualReport), text: { ...PROSE } });

/** January 2025 (Beijing): the 2024 report is due. */
const NOW = '2025-01-20T10:00:00.000+08:00';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

interface ApiError {
  error: { code: string; message: string; field?: string; errors?: { rule: string }[]; crossYear?: { rule: string }[]; warnings?: { rule: string }[] };
}

describe.each(webEngines())('published reports API on %s', (engine) => {
  const ctx = useDatabase(engine);
  let app: Hono<AppEnv>;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  let agencyA = 0;

  const call = (token: string | null, method: string, path: string, body?: unknown, raw?: string) =>
    app.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
    const deps: WebDeps = { config, db: ctx.db, calendar: async () => calendar, now: () => NOW, secureCookies: false };
    app = createApp(deps);
    const agency = async (code: string) => {
      const a = await createAgency(ctx.db, { code, name: `${code}局`, level: 'department' }, NOW);
      if (!a.ok) throw new Error(a.error.message);
      return a.value.id;
    };
    agencyA = await agency('papia');
    const agencyB = await agency('papib');
    const make = async (name: string, agencyId: number, roles: Role[]) => {
      const user = await createUser(ctx.db, { username: name, displayName: name, password: 'correct horse battery' }, NOW);
      if (!user.ok) throw new Error(user.error.message);
      for (const role of roles) await addMembership(ctx.db, user.value.id, agencyId, role);
      const token = await createApiToken(ctx.db, user.value.id, 'test', NOW);
      if (!token.ok) throw new Error(token.error.message);
      tokens[name] = token.value.token;
      ids[name] = user.value.id;
    };
    await make('pleader', agencyA, ['leader']);
    await make('phandler', agencyA, ['handler']);
    await make('psupervisor', agencyA, ['supervisor']);
    await make('padminb', agencyB, ['admin']);
  });

  const token = (name: string): string => tokens[name] ?? '';

  it('publishes, lists, refuses a second time, corrects and withdraws', async () => {
    const empty = await call(token('psupervisor'), 'GET', '/api/v1/published-reports');
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ reports: [] });

    const put = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', model());
    expect(put.status).toBe(201);
    const { publication } = (await put.json()) as { publication: Record<string, unknown> };
    expect(publication).toMatchObject({ year: 2024, replaced: false, publishedAt: new Date(NOW).toISOString(), warnings: [], url: '/papia/reports/2024' });
    expect(publication['notes']).toEqual([expect.stringContaining('“中卫市机关事务服务中心”')]); // the fixture is another agency's report
    expect(publication['title']).toBe('papia局2024年政府信息公开工作年度报告');

    const listed = (await (await call(token('phandler'), 'GET', '/api/v1/published-reports?agency=papia')).json()) as { reports: Record<string, unknown>[] };
    expect(listed.reports).toEqual([{ year: 2024, title: 'papia局2024年政府信息公开工作年度报告', publishedAt: new Date(NOW).toISOString(), correctedAt: null, url: '/papia/reports/2024' }]);
    // the public column has it
    expect((await app.request('/papia/reports/2024')).status).toBe(200);

    const again = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', model());
    expect(again.status).toBe(409);
    const conflict = (await again.json()) as ApiError;
    expect(conflict.error.code).toBe('REPORT_ALREADY_PUBLISHED');
    expect(conflict.error.message).toContain('replace=1');

    const corrected = { ...model(), text: { ...PROSE, overview: '更正后的总体情况。' } };
    const unnoted = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024?replace=1', corrected);
    expect(unnoted.status).toBe(422);
    const missing = (await unnoted.json()) as ApiError;
    expect(missing.error.code).toBe('REPORT_CHANGE_NOTE_MISSING');
    expect(missing.error.message).toContain('"changeNote"');
    const byQuery = await call(token('pleader'), 'PUT', `/api/v1/published-reports/2024?replace=1&changeNote=${encodeURIComponent('更正总体情况。')}`, corrected);
    expect(byQuery.status).toBe(200);
    expect(((await byQuery.json()) as { publication: { replaced: boolean; version: number } }).publication).toMatchObject({ replaced: true, version: 2 });
    const byBody = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', { report: corrected, replace: true, changeNote: '再次更正。' });
    expect(byBody.status).toBe(200);
    const page = await (await app.request('/papia/reports/2024')).text();
    expect(page).toContain('更正后的总体情况。');
    expect(page).toContain('发布与更正记录');
    expect(page).toContain('更正（第2版）：更正总体情况。');
    expect(page).toContain('更正（第3版）：再次更正。');

    const removed = await call(token('pleader'), 'DELETE', '/api/v1/published-reports/2024');
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ withdrawn: { year: 2024, publishedAt: new Date(NOW).toISOString() } });
    expect((await app.request('/papia/reports/2024')).status).toBe(404);
    const gone = await call(token('pleader'), 'DELETE', '/api/v1/published-reports/2024');
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as ApiError).error.code).toBe('NOT_FOUND');

    const actions = (await auditList(ctx.db, agencyA)).map((e) => [e.action, e.userId]);
    expect(actions).toEqual([
      ['report.withdraw', ids['pleader']],
      ['report.replace', ids['pleader']],
      ['report.replace', ids['pleader']],
      ['report.publish', ids['pleader']],
    ]);
  });

  it('refuses a report with errors, invalid input, and the wrong year, in Chinese', async () => {
    const wrong = model();
    wrong.applications.rows.newReceived[0] = 5;
    const refused = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', wrong);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ApiError;
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('REPORT_CHECK_FAILED');
    expect(body.error.message).toMatch(/个错误，未发布：（1）R[13]：表三/);
    expect(body.error.errors?.map((f) => f.rule)).toContain('R1');
    const noSections = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', { ...model(), text: { ...PROSE, problems: '' } });
    expect(((await noSections.json()) as ApiError).error).toMatchObject({ code: 'REPORT_CHECK_FAILED', errors: [{ rule: 'SECTION' }] });

    const notJson = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', undefined, '{not json');
    expect(notJson.status).toBe(422);
    expect(((await notJson.json()) as ApiError).error.code).toBe('INVALID_JSON');
    const schema = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', { year: 2024 });
    expect(((await schema.json()) as ApiError).error.code).toBe('REPORT_INVALID');
    const envelope = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', { report: model(), replace: 'yes' });
    expect(envelope.status).toBe(422);
    expect(((await envelope.json()) as ApiError).error).toMatchObject({ code: 'INVALID_INPUT', field: 'replace' });
    const flag = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024?replace=maybe', model());
    expect(flag.status).toBe(400); // a query parameter the route does not take (issue #10)
    expect(((await flag.json()) as ApiError).error).toMatchObject({ code: 'INVALID_QUERY', field: 'replace' });
    const year = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2023', model());
    expect(((await year.json()) as ApiError).error.code).toBe('REPORT_YEAR_MISMATCH');
    const badYear = await call(token('pleader'), 'PUT', '/api/v1/published-reports/24', model());
    expect(((await badYear.json()) as ApiError).error).toMatchObject({ code: 'INVALID_INPUT', field: 'year' });
    const notOver = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2025', { ...model(), year: 2025 });
    expect(((await notOver.json()) as ApiError).error.code).toBe('REPORT_YEAR_NOT_OVER');
    expect((await (await call(token('pleader'), 'GET', '/api/v1/published-reports')).json()) as unknown).toEqual({ reports: [] });
  });

  it('lists the warnings until they are acknowledged; asks for an explanation of a disagreement with last year', async () => {
    const warned = { ...model(), text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' } };
    const refused = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', warned);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ApiError;
    expect(body.error).toMatchObject({ code: 'REPORT_WARNINGS_NOT_ACKNOWLEDGED', field: 'acknowledgeWarnings', warnings: [{ rule: 'P1' }] });
    expect(body.error.message).toContain('"acknowledgeWarnings": true');
    const acknowledged = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', { report: warned, acknowledgeWarnings: true });
    expect(acknowledged.status).toBe(201);
    expect((await call(token('pleader'), 'DELETE', '/api/v1/published-reports/2024')).status).toBe(200);

    const last = { ...model(), year: 2023 };
    last.applications.rows.newReceived = [1, 0, 0, 0, 0, 0, 1];
    last.applications.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
    expect((await call(token('pleader'), 'PUT', '/api/v1/published-reports/2023', last)).status).toBe(201);
    const unexplained = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', model());
    expect(unexplained.status).toBe(422);
    const why = (await unexplained.json()) as ApiError;
    expect(why.error).toMatchObject({ code: 'REPORT_CROSS_YEAR_UNEXPLAINED', field: 'explanation', crossYear: [{ rule: 'X1' }, { rule: 'X1' }] });
    expect(why.error.message).toContain('"explanation"');
    const explained = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', { report: model(), explanation: '2023年末结转的1件申请已由申请人撤回，于2024年1月2日办结前误计。' });
    expect(explained.status).toBe(201);
    const { publication } = (await explained.json()) as { publication: { crossYear: { explanation: string; findings: { rule: string }[] } } };
    expect(publication.crossYear.explanation).toContain('误计');
    expect(publication.crossYear.findings.map((f) => f.rule)).toEqual(['X1', 'X1']);
    expect(await (await app.request('/papia/reports/2024')).text()).toContain('与相邻年度报告衔接情况的说明');
    for (const year of [2023, 2024]) expect((await call(token('pleader'), 'DELETE', `/api/v1/published-reports/${year}`)).status).toBe(200);
  });

  it('allows publishing to the roles that sign off, in their own agency', async () => {
    for (const name of ['phandler', 'psupervisor']) {
      const put = await call(token(name), 'PUT', '/api/v1/published-reports/2024?agency=papia', model());
      expect(put.status).toBe(403);
      const body = (await put.json()) as ApiError;
      expect(body.error.code).toBe('FORBIDDEN');
      expect(body.error.message).toContain('分管领导');
      expect((await call(token(name), 'DELETE', '/api/v1/published-reports/2024?agency=papia')).status).toBe(403);
    }
    // another agency's code: not found, for reading as for writing
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', model()],
      ['DELETE', undefined],
    ] as const) {
      const path = method === 'GET' ? '/api/v1/published-reports?agency=papia' : '/api/v1/published-reports/2024?agency=papia';
      const res = await call(token('padminb'), method, path, body);
      expect(res.status, method).toBe(404);
      expect(((await res.json()) as ApiError).error.code).toBe('NOT_FOUND');
    }
    expect((await call(null, 'GET', '/api/v1/published-reports')).status).toBe(401);
    expect((await call(null, 'PUT', '/api/v1/published-reports/2024', model())).status).toBe(401);
  });

  it('refuses a body over 10 MB with 413', async () => {
    const res = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024', undefined, `{"pad":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ApiError).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('describes the routes in the OpenAPI document', async () => {
    const doc = (await (await call(null, 'GET', '/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/published-reports'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/published-reports/{year}'] ?? {}).sort()).toEqual(['delete', 'put']);
    // each schema compiles on its own (JSON Schema 2020-12), and a publication the API answers is valid
    const ajv = new Ajv2020({ strict: false });
    for (const name of ['PublishedReport', 'Finding', 'Publication']) expect(() => ajv.compile(doc.components.schemas[name] as object), name).not.toThrow();
    const validPublication = ajv.compile(doc.components.schemas['Publication'] as object);
    const warned = { ...model(), text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' } };
    const put = await call(token('pleader'), 'PUT', '/api/v1/published-reports/2024?acknowledgeWarnings=1', warned);
    expect(put.status).toBe(201);
    const answer = (await put.json()) as { publication: { warnings: unknown[] } };
    expect(answer.publication.warnings).toHaveLength(1);
    expect(validPublication(answer), JSON.stringify(validPublication.errors)).toBe(true);
    const validList = ajv.compile(doc.components.schemas['PublishedReport'] as object);
    const listed = (await (await call(token('pleader'), 'GET', '/api/v1/published-reports')).json()) as { reports: unknown[] };
    expect(listed.reports.every((r) => validList(r))).toBe(true);
    expect((await call(token('pleader'), 'DELETE', '/api/v1/published-reports/2024')).status).toBe(200);
  });
});
