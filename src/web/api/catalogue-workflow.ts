// The catalogue's workflow in the JSON API (/api/v1, bearer tokens): an item's workflow state, 公开属性,
// 保密审查, submission, stage decisions, publication (now or scheduled), cancelling a schedule, 撤回,
// 更正; the person's review inbox; the agency's review chain. The same services as the staff pages, the
// same rights: 'handle' for drafting steps and publication, 'approve' for 撤回 and 更正, the stage's roles
// for a decision, 'admin' for the chain. Described in openapi-catalogue-workflow.ts.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { DomainError } from '../../domain/applications/types.ts';
import { chainInput } from '../../domain/review/chain.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { viewItem } from '../../services/catalogue/item-view.ts';
import type { ItemView } from '../../services/catalogue/item-view.ts';
import type { CatalogueActor, ItemRow } from '../../services/catalogue/items.ts';
import { correctItem, publishItem, unscheduleItem, withdrawItem } from '../../services/catalogue/publication.ts';
import { decideItem, recordSecrecyReview, setDisclosure, submitItem } from '../../services/catalogue/workflow.ts';
import { decodeCursor, pageSize } from '../../services/keyset.ts';
import { getChain, setChain } from '../../services/review/chain.ts';
import { inbox } from '../../services/review/inbox.ts';
import type { AppEnv } from '../context.ts';
import { agencyOf as agencyOfRequest } from './agency-of.ts';
import { apiError, statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';

type Action = 'read' | 'handle' | 'approve' | 'admin';
type C = Context<AppEnv>;

const NOT_FOUND: DomainError = { code: 'NOT_FOUND', message: '没有找到这条信息。' };
const refuse = (c: C, error: DomainError) => c.json(apiError(error), statusOf(error) as 401);
const agencyOf = (c: C, action: Action) => agencyOfRequest(c, c.get('user') as SessionUser, action);


const idOf = (text: string): number | null => (/^[1-9][0-9]{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null);

async function actorOf(c: C): Promise<CatalogueActor & { user: SessionUser }> {
  const user = c.get('user') as SessionUser;
  const now = c.get('deps').now();
  return { userId: user.id, name: user.displayName, now, today: now.slice(0, 10), ip: await clientIp(c), user };
}

async function body<T extends z.ZodType>(c: C, schema: T): Promise<{ ok: true; value: z.output<T> } | { ok: false; response: Response }> {
  const json: unknown = await c.req.json().catch(() => null);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, response: refuse(c, { code: 'INVALID_JSON', message: '请求体必须是 JSON 对象。' }) };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const r = inputRefusal(parsed.error);
    return { ok: false, response: c.json(apiError({ code: r.code, message: r.message, field: r.field }), r.status) };
  }
  return { ok: true, value: parsed.data };
}

/** An item's workflow as the API shows it. */
function workflowOf(view: ItemView) {
  const i = view.item;
  return {
    id: i.id,
    agency: view.agency.code,
    indexNumber: i.indexNumber,
    title: i.title,
    state: i.state,
    version: i.version,
    disclosure: i.disclosure,
    disclosureReason: i.disclosureReason,
    disclosureArticle: i.disclosureArticle,
    publishAt: i.publishAt,
    publishedAt: i.publishedAt,
    publishedOn: i.publishedOn,
    correctedAt: i.correctedAt,
    correctionNote: i.correctionNote,
    withdrawnAt: i.withdrawnAt,
    withdrawnReason: i.withdrawnReason,
    clock: view.clock === null ? null : { due: view.clock.due, state: view.clock.state, workingDaysLeft: view.clock.workingDaysLeft, provisional: view.clock.provisional ?? false },
    secrecyReviews: view.secrecy,
    review: {
      waiting: view.round === null ? null : { stage: view.round.stage, stageName: view.round.stages[view.round.stage - 1]?.name ?? '', stages: view.round.stages, since: view.round.waitingSince },
      history: view.history.map(({ stageAgencyId: _a, ...h }) => h),
    },
    actions: view.actions,
  };
}

const itemOut = (row: ItemRow) => {
  const { searchVector: _v, ...rest } = row;
  return rest;
};

const disclosureBody = z.object({ disclosure: z.string({ message: 'disclosure 应为文字' }).max(20), reason: z.string().max(1000).optional(), article: z.string().max(20).optional() });
const secrecyBody = z.object({ conclusion: z.string({ message: 'conclusion 应为文字' }).max(20), note: z.string().max(2000).optional(), version: z.number().int().min(1).optional() });
const decisionBody = z.object({ decision: z.enum(['approve', 'return'], { message: 'decision 应为 approve 或 return' }), comment: z.string().max(2000, 'comment 最长2000个字').optional(), stage: z.number().int().min(1).max(99).optional() });
const publishBody = z.object({ publishAt: z.string({ message: 'publishAt 应为时间（ISO 8601）' }).max(40).optional() });
const withdrawBody = z.object({ reason: z.string({ message: 'reason 应为文字' }).max(1000, 'reason 最长1000个字') });
const correctionBody = z.object({ fields: z.record(z.string(), z.string(), { message: 'fields 应为字段对象（与目录条目的字段相同）' }), note: z.string({ message: 'note 应为文字' }).max(1000, 'note 最长1000个字'), expectedVersion: z.number().int().min(1).optional() });

export function catalogueWorkflowApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  const view = async (c: C, agencyId: number, id: number) => {
    const deps = c.get('deps');
    return viewItem(deps.db, agencyId, id, c.get('user') as SessionUser, { calendar: await deps.calendar(), today: deps.now().slice(0, 10) });
  };

  api.get('/catalogue/items/:id/workflow', async (c) => {
    const a = agencyOf(c, 'read');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c.req.param('id') ?? '');
    const v = id === null ? null : await view(c, a.agencyId, id);
    return v === null ? refuse(c, NOT_FOUND) : c.json({ item: workflowOf(v) });
  });

  // a write by the service, answered with the item's workflow afterwards
  const write = (action: Action, run: (c: C, agencyId: number, id: number) => Promise<{ ok: true; value: unknown } | { ok: false; error: DomainError } | Response>, status = 200) => async (c: C) => {
    const a = agencyOf(c, action);
    if ('message' in a) return refuse(c, a);
    const id = idOf(c.req.param('id') ?? '');
    if (id === null) return refuse(c, NOT_FOUND);
    const r = await run(c, a.agencyId, id);
    if (r instanceof Response) return r;
    if (!r.ok) return refuse(c, r.error.code === 'ITEM_NOT_FOUND' ? NOT_FOUND : r.error);
    const v = await view(c, a.agencyId, id);
    return v === null ? refuse(c, NOT_FOUND) : c.json({ item: workflowOf(v) }, status as 200);
  };

  api.put(
    '/catalogue/items/:id/disclosure',
    write('handle', async (c, agencyId, id) => {
      const b = await body(c, disclosureBody);
      return b.ok ? setDisclosure(c.get('deps').db, agencyId, id, b.value, await actorOf(c)) : b.response;
    }),
  );
  api.post(
    '/catalogue/items/:id/secrecy-reviews',
    write(
      'handle',
      async (c, agencyId, id) => {
        const b = await body(c, secrecyBody);
        return b.ok ? recordSecrecyReview(c.get('deps').db, agencyId, id, b.value, await actorOf(c)) : b.response;
      },
      201,
    ),
  );
  api.post('/catalogue/items/:id/submission', write('handle', async (c, agencyId, id) => submitItem(c.get('deps').db, agencyId, id, await actorOf(c))));
  api.post(
    '/catalogue/items/:id/decisions',
    write('read', async (c, agencyId, id) => {
      const b = await body(c, decisionBody);
      return b.ok ? decideItem(c.get('deps').db, agencyId, id, b.value, await actorOf(c)) : b.response;
    }),
  );
  api.post(
    '/catalogue/items/:id/publication',
    write('handle', async (c, agencyId, id) => {
      const b = await body(c, publishBody);
      return b.ok ? publishItem(c.get('deps').db, agencyId, id, b.value.publishAt ? { publishAt: b.value.publishAt } : {}, await actorOf(c)) : b.response;
    }),
  );
  api.delete('/catalogue/items/:id/schedule', write('handle', async (c, agencyId, id) => unscheduleItem(c.get('deps').db, agencyId, id, await actorOf(c))));
  api.post(
    '/catalogue/items/:id/withdrawal',
    write('approve', async (c, agencyId, id) => {
      const b = await body(c, withdrawBody);
      return b.ok ? withdrawItem(c.get('deps').db, agencyId, id, b.value, await actorOf(c)) : b.response;
    }),
  );
  api.post(
    '/catalogue/items/:id/correction',
    write('approve', async (c, agencyId, id) => {
      const b = await body(c, correctionBody);
      if (!b.ok) return b.response;
      const r = await correctItem(c.get('deps').db, agencyId, id, { fields: b.value.fields, note: b.value.note, ...(b.value.expectedVersion !== undefined ? { expectedVersion: b.value.expectedVersion } : {}) }, await actorOf(c));
      return r.ok ? { ok: true, value: itemOut(r.value) } : r;
    }),
  );

  api.get('/inbox', async (c) => {
    const a = agencyOf(c, 'read');
    if ('message' in a) return refuse(c, a);
    const after = decodeCursor(c.req.query('after'));
    const before = after === null ? decodeCursor(c.req.query('before')) : null;
    const page = await inbox(c.get('deps').db, c.get('user') as SessionUser, a.agencyId, { limit: pageSize(c.req.query('limit')), after, before });
    return c.json(page);
  });

  api.get('/catalogue/review-chain', async (c) => {
    const a = agencyOf(c, 'read');
    if ('message' in a) return refuse(c, a);
    return c.json({ chain: await getChain(c.get('deps').db, a.agencyId, 'catalogue') });
  });

  api.put('/catalogue/review-chain', async (c) => {
    const a = agencyOf(c, 'admin');
    if ('message' in a) return refuse(c, a);
    const b = await body(c, chainInput);
    if (!b.ok) return b.response;
    const user = c.get('user') as SessionUser;
    const r = await setChain(c.get('deps').db, a.agencyId, 'catalogue', b.value, { userId: user.id, now: c.get('deps').now(), ip: await clientIp(c) });
    return r.ok ? c.json({ chain: r.value }) : refuse(c, r.error);
  });

  return api;
}
