// The public column under test: createApp (as src/server.ts builds it) on a test database, today fixed
// at 2024-11-20 (a Wednesday), a cookie jar per visitor, form posts with the CSRF token of the page,
// and checks of a page's structure (landmarks, one h1, a label for every control).

import type { Kysely } from 'kysely';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';

export const TODAY = '2024-11-20';
export const NOW = `${TODAY}T10:00:00.000+08:00`;

export const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

export function publicApp(db: Kysely<DB>, now: () => string = () => NOW): Hono<AppEnv> {
  const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
  const deps: WebDeps = { config, db, calendar: async () => calendar, now, secureCookies: false, queryKey: TEST_QUERY_KEY };
  return createApp(deps);
}

/** A browser: keeps cookies (name → value; path and expiry ignored, deletions honoured). */
export class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: Hono<AppEnv>) {}

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  async get(path: string): Promise<Response> {
    const response = await this.app.request(path, { headers: this.cookieHeader() });
    this.keep(response);
    return response;
  }

  async post(path: string, body: FormData | URLSearchParams): Promise<Response> {
    const response = await this.app.request(path, { method: 'POST', body, headers: this.cookieHeader() });
    this.keep(response);
    return response;
  }

  /** GET the page of the form, then POST the fields with its CSRF token. */
  async submit(formPage: string, action: string, fields: Record<string, string | File>, multipart = false): Promise<Response> {
    const page = await (await this.get(formPage)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`no CSRF token on ${formPage}`);
    if (multipart) {
      const form = new FormData();
      form.set('_csrf', token);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return this.post(action, form);
    }
    const form = new URLSearchParams({ _csrf: token });
    for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') form.set(k, v);
    return this.post(action, form);
  }
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

export const pngFile = (): File => new File([PNG], '身份证.png', { type: 'image/png' });

/** A valid application of a natural person (居民身份证 11010519491231002X is the standard's example). */
export function validFields(overrides: Record<string, string | File> = {}): Record<string, string | File> {
  return {
    applicantType: 'natural_person',
    applicantName: '张三',
    idKind: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    email: '',
    address: '某市某区某路1号',
    request: '2023年某地块征收补偿方案（文号：某政发〔2023〕12号）',
    deliveryForm: 'paper_post',
    identityProof: pngFile(),
    ...overrides,
  };
}

/** header, nav, main, footer; exactly one h1; a <label for> (or a fieldset legend for radios) for every control. */
export function expectAccessiblePage(html: string): void {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toContain('<html lang="zh-CN">');
  for (const landmark of ['<header', '<nav', '<main', '<footer']) expect(html, landmark).toContain(landmark);
  expect(html.match(/<h1[\s>]/g)?.length, 'one h1').toBe(1);
  const labels = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
  for (const m of html.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
    const attrs = m[2] ?? '';
    const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
    if (type === 'hidden' || type === 'submit') continue;
    const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
    expect(id, `${m[0]} has an id`).toBeDefined();
    expect(labels.has(id), `label for ${id}`).toBe(true);
  }
  // no inline script (CSP script-src 'self')
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
}
