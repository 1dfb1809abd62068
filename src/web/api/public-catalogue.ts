// The public, read-only JSON API of an agency's proactive disclosure, for 政务新媒体 re-publication
// (a 微信公众号's backend reads it): /api/v1/public/agencies/:code/items (keyset cursors, filters by
// category, year, 文号) and /items/:id. No token: it shows only what the public column shows —
// published items, and withdrawn ones with their 撤回 trace and without their body. Mounted in
// api/index.ts before the token check.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { findAgency } from '../../services/agencies.ts';
import type { AgencyView } from '../../services/agencies.ts';
import { getPublicItem, listPublicItems, publicCategories } from '../../services/catalogue/public.ts';
import type { PublicItem, PublicLink, PublicListItem } from '../../services/catalogue/public.ts';
import type { AppEnv } from '../context.ts';
import { apiError } from '../http-errors.ts';

const listQuery = z.object({
  category: z.string().max(80, '类别代码过长').optional(),
  year: z.string().regex(/^(19|20)\d{2}$/, 'year 应为四位年份').optional(),
  docNumber: z.string().max(100, '文号过长').optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'limit 应为 1–100 的整数').optional(),
  after: z.string().max(400).optional(),
  before: z.string().max(400).optional(),
});

const pagePath = (code: string, id: number): string => `/${encodeURIComponent(code)}/info/${id}`;

function listJson(code: string, r: PublicListItem) {
  return {
    id: r.id,
    indexNumber: r.indexNumber,
    title: r.title,
    summary: r.withdrawn ? '' : r.summary,
    docNumber: r.docNumber,
    publisher: r.publisher,
    writtenOn: r.writtenOn,
    publishedOn: r.publishedOn,
    category: r.category,
    docType: r.docType,
    validity: r.validity,
    state: r.withdrawn ? 'withdrawn' : 'published',
    corrected: r.corrected,
    updatedAt: r.updatedAt,
    url: pagePath(code, r.id),
  };
}

const linkJson = (code: string, l: PublicLink | null) => (l === null ? null : { id: l.id, indexNumber: l.indexNumber, title: l.title, state: l.withdrawn ? 'withdrawn' : 'published', url: pagePath(code, l.id) });

function itemJson(code: string, i: PublicItem) {
  return {
    ...listJson(code, i),
    topic: i.topic,
    repealedOn: i.repealedOn,
    lapsedOn: i.lapsedOn,
    revisedOn: i.revisedOn,
    withdrawal: i.withdrawn ? { at: i.withdrawnAt, reason: i.withdrawnReason ?? '' } : null,
    correction: i.correctedAt !== null ? { at: i.correctedAt, note: i.correctionNote ?? '' } : null,
    /** the guide's markup as blocks (plain text: render it escaped) */
    blocks: i.blocks,
    /** imported HTML, sanitised (empty when the body is blocks) */
    html: i.html,
    attachments: i.attachments.map((a) => ({ ...a, url: `${pagePath(code, i.id)}/files/${a.id}` })),
    interprets: linkJson(code, i.interprets),
    interpretations: i.interpretations.map((l) => linkJson(code, l)),
    supersededBy: linkJson(code, i.supersededBy),
    supersedes: i.supersedes.map((l) => linkJson(code, l)),
  };
}

async function agencyOf(c: Context<AppEnv>): Promise<AgencyView | null> {
  const code = c.req.param('code') ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(code)) return null;
  const found = await findAgency(c.var.deps.db, code);
  return found.ok ? found.value : null;
}

const notFound = (c: Context<AppEnv>, message: string) => c.json(apiError({ code: 'NOT_FOUND', message }), 404);

export function publicCatalogueApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.use('*', async (c, next) => {
    await next();
    // read-only and public: any site may read it from a browser
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'no-cache');
  });

  api.get('/agencies/:code/items', async (c) => {
    const agency = await agencyOf(c);
    if (!agency) return notFound(c, '没有找到该机关。');
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) {
      const issue = q.error.issues[0];
      return c.json(apiError({ code: 'INVALID_QUERY', message: `查询参数无效：${issue?.message ?? ''}`, field: issue?.path.join('.') ?? '' }), 400);
    }
    const { category, year, docNumber, limit, after, before } = q.data;
    if (category !== undefined && category !== '' && !(await publicCategories(c.var.deps.db, agency.id, { counts: false })).some((x) => x.code === category)) {
      return c.json(apiError({ code: 'INVALID_QUERY', message: '查询参数无效：没有这个信息类别。', field: 'category' }), 400);
    }
    const n = limit === undefined ? 20 : Math.min(Math.max(Number(limit), 1), 100);
    const page = await listPublicItems(c.var.deps.db, agency.id, { category, year: year === undefined ? undefined : Number(year), docNumber, limit: n, after, before });
    return c.json({ agency: { code: agency.code, name: agency.name }, items: page.rows.map((r) => listJson(agency.code, r)), next: page.next, prev: page.prev });
  });

  api.get('/agencies/:code/items/:id', async (c) => {
    const agency = await agencyOf(c);
    const id = /^[1-9]\d{0,14}$/.test(c.req.param('id')) ? Number(c.req.param('id')) : null;
    if (!agency) return notFound(c, '没有找到该机关。');
    const item = id === null ? null : await getPublicItem(c.var.deps.db, agency.id, id);
    if (!item) return notFound(c, '没有找到这条公开的信息。');
    return c.json({ item: itemJson(agency.code, item) });
  });

  return api;
}
