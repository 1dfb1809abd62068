// 目录检索 for staff: GET /staff/:agency/catalogue/search?q=&category=&year=&after= — the catalogue search
// (services/search/catalogue-search.ts) in staff scope (drafts too), keyset pages by the cursor. Mounted
// in staff.tsx before any /:agency/catalogue/:id route. A query parameter no form sends is 400.

import { Hono } from 'hono';
import { z } from 'zod';
import { plain } from '../../domain/text-rules.ts';
import { QUERY_MAX } from '../../domain/search/query.ts';
import { catalogueVocab } from '../../services/catalogue/items.ts';
import { searchCatalogue } from '../../services/search/catalogue-search.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { catalogueSearchPage } from '../views/staff/catalogue-search.tsx';
import { badQuery, frameOf, today } from './staff-common.tsx';

export const PAGE_SIZE = 20;

export const searchQuery = z.object({
  q: plain(z.string().max(QUERY_MAX, `检索词最长${QUERY_MAX}个字`), '检索词').default(''),
  category: z.string().regex(/^(a20-(?:[1-9]|1[0-5])|own:[A-Za-z0-9_-]{1,40})?$/, '信息类别无效，请从列表中选择').default(''),
  year: z.string().regex(/^(?:(?:19|20)\d\d)?$/, '年份无效，请从列表中选择').default(''),
  after: z.string().max(400, '翻页参数无效').regex(/^[A-Za-z0-9_-]*$/, '翻页参数无效').optional(),
});

export function catalogueSearchRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/:agency/catalogue/search', requireAgency('read'), async (c) => {
    const parsed = searchQuery.safeParse(c.req.query());
    if (!parsed.success) return badQuery(c, parsed.error.issues[0]?.message ?? '');
    const p = parsed.data;
    const { db } = c.var.deps;
    const agencyId = c.var.agency.id;
    const vocab = await catalogueVocab(db, agencyId);
    const thisYear = Number(today(c).slice(0, 4));
    const years = Array.from({ length: 12 }, (_, i) => thisYear - i);
    const query = { q: p.q.trim(), category: p.category, year: p.year };
    const result =
      query.q === ''
        ? null
        : await searchCatalogue(db, {
            agencyId,
            query: query.q,
            scope: 'staff',
            ...(query.category !== '' ? { category: query.category } : {}),
            ...(query.year !== '' ? { year: Number(query.year) } : {}),
            limit: PAGE_SIZE,
            after: p.after ?? null,
          });
    return c.html(catalogueSearchPage(frameOf(c, 'catalogue'), { query, own: vocab.own, years, result, continued: p.after !== undefined && p.after !== '', errors: [] }));
  });
  return routes;
}
