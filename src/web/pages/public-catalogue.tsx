// The proactive content of an agency's public column (services/catalogue/public.ts): 法定主动公开内容
// by category (/:agency/proactive, /:agency/proactive/:category), the 政府信息公开目录 with its filters
// (/:agency/catalogue), each item's page (/:agency/info/:id — by id: a 索引号 holds '/'), its
// attachments (/:agency/info/:id/files/:file, published items only), the search results
// (/:agency/search) and the Atom feeds (/:agency/feed.atom, /:agency/proactive/:category/feed.atom).
//
// Pages the same for every visitor come from the page cache (page-cache.ts): the overview, each
// category's first page, the 目录's unfiltered first page, each item page and the feeds (keyed by the
// origin too: their links are absolute, and a forged Host must not reach another visitor). They are
// invalidated by touchColumn() when an item is published, withdrawn or corrected. A page behind a
// cursor or a filter, and the search, are rendered per request.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { renderAtom } from '../../domain/catalogue/atom.ts';
import type { AtomEntry } from '../../domain/catalogue/atom.ts';
import { publicAgencyOf } from './public-agency.ts';
import { findAgency } from '../../services/agencies.ts';
import type { PublicAgency } from './public-agency.ts';
import { getPublicItem, listPublicItems, publicAttachment, publicCategories, publicCategory, publicYears } from '../../services/catalogue/public.ts';
import type { PublicListItem } from '../../services/catalogue/public.ts';
import { proactiveOverview } from '../../services/column.ts';
import { searchCatalogue } from '../../services/search/catalogue-search.ts';
import type { AppEnv } from '../context.ts';
import { GENERIC_MESSAGES } from '../http-errors.ts';
import type { CachedPageOptions, PageCache } from '../page-cache.ts';
import { messagePage } from '../views/message.tsx';
import { cataloguePage } from '../views/public/catalogue.tsx';
import { columnBase } from '../views/public/frame.tsx';
import { itemPage } from '../views/public/item.tsx';
import { categoryPage, categoryPath, itemPath, proactivePage } from '../views/public/proactive.tsx';
import { markTitle, plainSnippet, searchPage } from '../views/public/search.tsx';

/** Items per page of a list, and per feed. */
export const LIST_PAGE_SIZE = 20;
export const FEED_SIZE = 50;
const ATOM = 'application/atom+xml; charset=utf-8';
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
/** types a browser renders as a document or runs (not DOCX/XLSX: vnd.openxmlformats… are bytes) */
const ACTIVE_TYPES = /^(text\/(html|xml|javascript|ecmascript)|application\/(xml|xhtml\+xml|javascript|x-javascript|ecmascript)|image\/svg\+xml)$|\+xml$/;

function notFound(c: Context<AppEnv>): Response {
  return c.html(messagePage({ title: '页面不存在', message: GENERIC_MESSAGES[404] ?? '', home: '/' }), 404);
}

/** A positive id of a path segment, or null. */
const idOf = (text: string | undefined): number | null => (text !== undefined && /^[1-9]\d{0,14}$/.test(text) ? Number(text) : null);

/** The origin the feed's absolute links are made with (scheme and host of the request, checked). */
function originOf(c: Context<AppEnv>): string | null {
  const url = new URL(c.req.url);
  return /^https?:$/.test(url.protocol) && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(url.host) ? url.origin : null;
}

const str = (v: string | undefined, max: number): string => (v ?? '').trim().slice(0, max);
const yearOf = (text: string): number | undefined => (/^(19|20)\d{2}$/.test(text) ? Number(text) : undefined);

function feedEntries(origin: string, agency: PublicAgency, rows: readonly PublicListItem[], names: Map<string, string>): AtomEntry[] {
  return rows.map((r) => {
    const link = `${origin}${itemPath(agency.code, r.id)}`;
    return {
      id: link,
      title: r.withdrawn ? `【已撤回】${r.title}` : r.corrected ? `【已更正】${r.title}` : r.title,
      link,
      updated: r.updatedAt,
      published: r.publishedOn,
      summary: r.withdrawn ? '本信息已撤回。' : [r.docNumber ? `文号：${r.docNumber}` : '', `索引号：${r.indexNumber}`, r.summary].filter((s) => s !== '').join('　'),
      category: { term: r.category, label: names.get(r.category) ?? r.category },
      author: r.publisher,
    };
  });
}

export function catalogueRoutes(pages: PageCache): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const cached = (page: string, render: CachedPageOptions['render'], contentType?: string) => {
    const options: CachedPageOptions = { load: publicAgencyOf, render, missing: notFound, ...(contentType ? { contentType } : {}) };
    return (c: Context<AppEnv>) => pages.serve(c, page, options);
  };
  const names = async (c: Context<AppEnv>, agency: PublicAgency) => new Map((await publicCategories(c.var.deps.db, agency.id, { counts: false })).map((x) => [x.code, x.name]));

  // --- 法定主动公开内容
  r.get('/:agency/proactive', (c) =>
    cached('proactive', async (agency) => {
      const db = c.var.deps.db;
      const [overview, categories] = await Promise.all([proactiveOverview(db, agency.code), publicCategories(db, agency.id, { counts: true })]);
      return overview.ok ? proactivePage({ ...overview.value, agency, categories }) : null;
    })(c),
  );

  const category = async (c: Context<AppEnv>, agency: PublicAgency, after?: string, before?: string): Promise<string | null> => {
    const db = c.var.deps.db;
    const found = await publicCategory(db, agency.id, c.req.param('category') ?? '');
    if (!found) return null;
    const list = await listPublicItems(db, agency.id, { category: found.code, limit: LIST_PAGE_SIZE, after, before });
    return categoryPage({ agency, category: found, items: list.rows, next: list.next, prev: list.prev });
  };
  r.get('/:agency/proactive/:category', async (c) => {
    const after = c.req.query('after');
    const before = c.req.query('before');
    const code = c.req.param('category');
    if (code.length > 80) return notFound(c);
    if (after === undefined && before === undefined) return cached(`proactive/${code}`, (agency) => category(c, agency))(c);
    const agency = await publicAgencyOf(c);
    const html = agency ? await category(c, agency, after, before) : null;
    return html === null ? notFound(c) : c.html(html);
  });

  // --- 政府信息公开目录
  const catalogue = async (c: Context<AppEnv>, agency: PublicAgency): Promise<string> => {
    const db = c.var.deps.db;
    const filter = { category: str(c.req.query('category'), 80), year: str(c.req.query('year'), 4), docNumber: str(c.req.query('docNumber'), 100) };
    const [categories, years] = await Promise.all([publicCategories(db, agency.id, { counts: false }), publicYears(db, agency.id)]);
    const list = await listPublicItems(db, agency.id, {
      category: filter.category,
      year: yearOf(filter.year),
      docNumber: filter.docNumber,
      limit: LIST_PAGE_SIZE,
      after: c.req.query('after'),
      before: c.req.query('before'),
    });
    return cataloguePage({ agency, categories, years, filter, rows: list.rows, next: list.next, prev: list.prev });
  };
  r.get('/:agency/catalogue', async (c) => {
    if (new URL(c.req.url).search === '') return cached('catalogue', (agency) => catalogue(c, agency))(c);
    const agency = await publicAgencyOf(c);
    return agency ? c.html(await catalogue(c, agency)) : notFound(c);
  });

  // --- one item and its attachments
  r.get('/:agency/info/:id', (c) => {
    const id = idOf(c.req.param('id'));
    if (id === null) return notFound(c);
    return cached(`info/${id}`, async (agency) => {
      const db = c.var.deps.db;
      const item = await getPublicItem(db, agency.id, id);
      if (!item) return null;
      const cat = await publicCategory(db, agency.id, item.category);
      return itemPage({ agency, item, category: cat ? { code: cat.code, name: cat.name } : null });
    })(c);
  });

  r.get('/:agency/info/:id/files/:file', async (c) => {
    const id = idOf(c.req.param('id'));
    const file = idOf(c.req.param('file'));
    const agency = await publicAgencyOf(c);
    if (id === null || file === null || !agency) return notFound(c);
    const found = await publicAttachment(c.var.deps.db, agency.id, id, file);
    if (!found) return notFound(c);
    // the stored type, unless it is not one or is one a browser would run (markup, script): then plain bytes
    const stored = found.mediaType.toLowerCase();
    const type = MEDIA_TYPE.test(stored) && !ACTIVE_TYPES.test(stored) ? stored : 'application/octet-stream';
    const ascii = found.fileName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^_+$/, '') || `attachment-${file}`;
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(found.fileName)}`);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(found.content));
  });

  // --- search
  r.get('/:agency/search', async (c) => {
    const agency = await publicAgencyOf(c);
    if (!agency) return notFound(c);
    const db = c.var.deps.db;
    const query = { q: str(c.req.query('q'), 200), category: str(c.req.query('category'), 80), year: str(c.req.query('year'), 4) };
    const [categories, years] = await Promise.all([publicCategories(db, agency.id, { counts: false }), publicYears(db, agency.id)]);
    const after = c.req.query('after') ?? null;
    const categoryKnown = categories.some((x) => x.code === query.category);
    const year = yearOf(query.year);
    const result =
      query.q === ''
        ? null
        : await searchCatalogue(db, {
            agencyId: agency.id,
            query: query.q,
            scope: 'public',
            ...(categoryKnown ? { category: query.category } : {}),
            ...(year !== undefined ? { year } : {}),
            limit: LIST_PAGE_SIZE,
            after,
          });
    c.header('Cache-Control', 'no-cache');
    return c.html(
      searchPage({
        agency,
        categories,
        years,
        query,
        continued: after !== null,
        result:
          result === null
            ? null
            : {
                total: result.total,
                capped: result.capped,
                empty: result.empty,
                next: result.next,
                hits: result.hits.map((h) => ({ id: h.id, indexNumber: h.indexNumber, titleMarked: markTitle(h.title, h.titleMarked), snippet: plainSnippet(h.snippet), docNumber: h.docNumber, publishedOn: h.publishedOn, withdrawn: h.state === 'withdrawn' })),
              },
      }),
    );
  });

  // --- Atom feeds
  r.get('/:agency/feed.atom', (c) => {
    const origin = originOf(c);
    if (origin === null) return notFound(c);
    return cached(
      `feed.atom\u0000${origin}`,
      async (agency) => {
        const list = await listPublicItems(c.var.deps.db, agency.id, { limit: FEED_SIZE });
        const base = `${origin}${columnBase(agency.code)}`;
        const entries = feedEntries(origin, agency, list.rows, await names(c, agency));
        return renderAtom({
          id: `${base}/feed.atom`,
          title: `${agency.name} · 主动公开的政府信息`,
          self: `${base}/feed.atom`,
          alternate: `${base}/catalogue`,
          updated: newest(entries),
          author: agency.name,
          entries,
        });
      },
      ATOM,
    )(c);
  });

  r.get('/:agency/proactive/:category/feed.atom', (c) => {
    const origin = originOf(c);
    const code = c.req.param('category');
    if (origin === null || code.length > 80) return notFound(c);
    return cached(
      `proactive/${code}/feed.atom\u0000${origin}`,
      async (agency) => {
        const db = c.var.deps.db;
        const found = await publicCategory(db, agency.id, code);
        if (!found) return null;
        const list = await listPublicItems(db, agency.id, { category: found.code, limit: FEED_SIZE });
        const page = `${origin}${categoryPath(agency.code, found.code)}`;
        const entries = feedEntries(origin, agency, list.rows, new Map([[found.code, found.name]]));
        return renderAtom({ id: `${page}/feed.atom`, title: `${agency.name} · ${found.name}`, subtitle: found.label, self: `${page}/feed.atom`, alternate: page, updated: newest(entries), author: agency.name, entries });
      },
      ATOM,
    )(c);
  });

  return r;
}

/** The feed's 'updated': its newest entry's, or the start of the epoch for an empty feed (no clock read). */
const newest = (entries: readonly AtomEntry[]): string =>
  entries.reduce((a, e) => (Date.parse(e.updated) > Date.parse(a) ? e.updated : a), '1970-01-01T00:00:00.000Z');
