// GET /api/v1/agencies/:code/catalogue/search?q=&category=&docType=&year=&limit=&after= — the catalogue
// search (services/search/catalogue-search.ts) in staff scope (drafts too) for a user of the agency with
// the read right; ranked hits with marked title and snippet segments, the cursor of the next page.
// Mounted by api/index.ts after its token check; errors as the rest of the API.

import { Hono } from 'hono';
import { z } from 'zod';
import { DOC_TYPES } from '../../domain/catalogue/vocab.ts';
import { QUERY_MAX } from '../../domain/search/query.ts';
import { plain } from '../../domain/text-rules.ts';
import { can, type SessionUser } from '../../services/accounts.ts';
import { searchCatalogue } from '../../services/search/catalogue-search.ts';
import type { AppEnv } from '../context.ts';
import { apiError } from '../http-errors.ts';

const query = z.object({
  q: plain(z.string({ message: 'q（检索词）必填' }).trim().min(1, 'q（检索词）必填').max(QUERY_MAX, `q 最长${QUERY_MAX}个字`), 'q（检索词）'),
  category: z.string().regex(/^(a20-(?:[1-9]|1[0-5])|own:[A-Za-z0-9_-]{1,40})$/, 'category 应为 a20-1 … a20-15 或 own:<代码>').optional(),
  docType: z.enum(DOC_TYPES, { message: `docType 应为：${DOC_TYPES.join('、')}` }).optional(),
  year: z.coerce.number({ message: 'year 应为四位年份' }).int('year 应为四位年份').min(1900, 'year 应为四位年份').max(2999, 'year 应为四位年份').optional(),
  limit: z.coerce.number({ message: 'limit 应为 1 到 100 的整数' }).int('limit 应为 1 到 100 的整数').min(1, 'limit 应为 1 到 100 的整数').max(100, 'limit 应为 1 到 100 的整数').default(20),
  after: z.string().max(400, 'after 无效').regex(/^[A-Za-z0-9_-]*$/, 'after 无效').optional(),
});

export function catalogueSearchApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/agencies/:code/catalogue/search', async (c) => {
    const user = c.get('user') as SessionUser;
    const code = c.req.param('code');
    const membership = user.memberships.find((m) => m.agencyCode === code);
    if (membership === undefined) return c.json(apiError({ code: 'NOT_FOUND', message: '没有找到该机关。' }), 404);
    if (!can(user, membership.agencyId, 'read')) return c.json(apiError({ code: 'FORBIDDEN', message: '没有权限进行此操作。' }), 403);
    const parsed = query.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.json(apiError({ code: 'INVALID_QUERY', message: `查询参数无效：${issue?.message ?? '查询参数无效'}`, field: issue?.path.join('.') ?? '' }), 400);
    }
    const p = parsed.data;
    const r = await searchCatalogue(c.get('deps').db, {
      agencyId: membership.agencyId,
      query: p.q,
      scope: 'staff',
      ...(p.category !== undefined ? { category: p.category } : {}),
      ...(p.docType !== undefined ? { docType: p.docType } : {}),
      ...(p.year !== undefined ? { year: p.year } : {}),
      limit: p.limit,
      after: p.after ?? null,
    });
    return c.json(r);
  });
  return api;
}
