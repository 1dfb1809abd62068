// The pieces of test/web/route-walk.db.test.ts that know nothing of its seed: the app's routes from its
// router and how a path matches a route's pattern, the garbled query values, and the forms of a page as a
// browser would post them (action and fields with the values the page fills in).

import type { Hono } from 'hono';
import type { AppEnv } from '../../src/web/context.ts';

export interface Route {
  method: string;
  path: string;
}
export const key = (r: Route) => `${r.method} ${r.path}`;

export function routesOf(app: Hono<AppEnv>): Route[] {
  const out = new Map<string, Route>();
  for (const r of app.routes) if (r.method !== 'ALL') out.set(key(r), { method: r.method, path: r.path });
  return [...out.values()];
}

export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((s, i) => (s.startsWith(':') ? (got[i] ?? '') !== '' : s === got[i]));
}

/** Garbled values, as they appear in a URL. */
export const GARBLED = ['%00', 'garbage', '-1', '99999999999999999999', '2024-02-30', '%E4%B8', '%FF%FE', 'a'.repeat(3000), '%0D%0Aset-cookie:x=1'];

/** A form's fields by name, as a browser would post them. */
export type Fields = Map<string, string>;

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1] ?? '') : undefined;
};

/** Every `<form method="post">` of a page: its action (path only) and its fields with the values the page fills in. */
export function formsOf(html: string): { action: string; fields: Fields }[] {
  const out: { action: string; fields: Fields }[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const tag = m[1] ?? '';
    if ((attr(tag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = (attr(tag, 'action') ?? '').split('?')[0] ?? '';
    const body = m[2] ?? '';
    const fields: Fields = new Map();
    for (const input of body.matchAll(/<input\b[^>]*>/g)) {
      const name = attr(input[0], 'name');
      const type = attr(input[0], 'type') ?? 'text';
      if (!name || type === 'file' || type === 'submit') continue;
      const value = attr(input[0], 'value') ?? '';
      if ((type === 'radio' || type === 'checkbox') && fields.has(name) && !/\schecked/.test(input[0])) continue;
      fields.set(name, value);
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(area[1] ?? '', 'name');
      if (name) fields.set(name, unescape(area[2] ?? ''));
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(select[1] ?? '', 'name');
      const options = [...(select[2] ?? '').matchAll(/<option\b([^>]*)>/g)].map((o) => ({ value: attr(o[1] ?? '', 'value') ?? '', selected: /\sselected/.test(o[1] ?? '') }));
      if (name) fields.set(name, (options.find((o) => o.selected) ?? options.find((o) => o.value !== '') ?? options[0])?.value ?? '');
    }
    out.push({ action, fields });
  }
  return out;
}
