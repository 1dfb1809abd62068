// The public pages' static assets (CSP script-src 'self': no inline script anywhere) and each agency's
// emblem: the application form's draft script, the column's stylesheet, the site icon.

import { Hono } from 'hono';
import { emblemOf } from '../../services/agency-site.ts';
import type { AppEnv } from '../context.ts';
import { DRAFT_JS, PUBLIC_CSS } from '../views/public/assets.tsx';
import { publicAgencyOf } from './public-agency.ts';

/** The site icon: a red seal-like square with a white page (no text: no font needed to draw it). */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="5" fill="#a8170f"/><path d="M9 6h10l5 5v15H9z" fill="#fff"/><path d="M12 15h9M12 19h9M12 23h6" stroke="#a8170f" stroke-width="2"/></svg>';

function asset(body: string, type: string) {
  return (c: import('hono').Context<AppEnv>) => {
    c.header('Content-Type', type);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(body);
  };
}

export function assetRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/assets/draft.js', asset(DRAFT_JS, 'text/javascript; charset=utf-8'));
  r.get('/assets/public.css', asset(PUBLIC_CSS, 'text/css; charset=utf-8'));
  r.get('/assets/favicon.svg', asset(FAVICON_SVG, 'image/svg+xml'));
  r.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301));
  // the emblem: its digest is in the page's link (?v=), so it may be kept for long
  r.get('/:agency/emblem', async (c) => {
    const agency = await publicAgencyOf(c);
    const emblem = agency ? await emblemOf(c.var.deps.db, agency.id) : null;
    if (!emblem) return c.notFound();
    const etag = `"${emblem.sha256.slice(0, 32)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', c.req.query('v') === emblem.sha256.slice(0, 16) ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', emblem.type);
    return c.body(emblem.bytes as Uint8Array<ArrayBuffer>);
  });
  return r;
}
