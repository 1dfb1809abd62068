// The review chain in the staff workspace: 待我审核 (/staff/:agency/inbox, every member who handles or
// reviews: what waits for them here, keyset-paginated) and 审核流程设置 of each subject
// (/staff/:agency/catalogue/chain, /staff/:agency/report-chain: the administrator's; audited by the service). Thin routes.

import { Hono } from 'hono';
import type { SessionUser } from '../../services/accounts.ts';
import { can } from '../../services/accounts.ts';
import { decodeCursor, pageSize } from '../../services/keyset.ts';
import { getChain, parentOf, REVIEW_ROLES, setChain } from '../../services/review/chain.ts';
import { inbox } from '../../services/review/inbox.ts';
import { MAX_STAGES, REVIEW_SUBJECT_LABELS } from '../../domain/review/chain.ts';
import type { ChainStage } from '../../domain/review/chain.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { inboxPage } from '../views/staff/inbox.tsx';
import { chainPage } from '../views/staff/review-chain.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { formOf, frameOf } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

/** The stages a chain form sends: rows stageN_name, stageN_role_<role>, stageN_agency; an empty row is dropped. */
export function stagesOfForm(form: Record<string, string>): ChainStage[] {
  const stages: ChainStage[] = [];
  for (let n = 1; n <= MAX_STAGES; n++) {
    const name = (form[`stage${n}_name`] ?? '').trim();
    const roles = REVIEW_ROLES.filter((r) => (form[`stage${n}_role_${r}`] ?? '') !== '');
    if (name === '' && roles.length === 0) continue;
    stages.push({ name, roles, agency: form[`stage${n}_agency`] === 'parent' ? 'parent' : 'self' });
  }
  return stages;
}

/** Where each subject's chain is set. */
export const CHAIN_PATHS: Record<'catalogue' | 'annual_report', string> = { catalogue: 'catalogue/chain', annual_report: 'report-chain' };

export function reviewRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const admin = requireAgency('admin');
  const csrf = verifyCsrf();

  routes.get('/:agency/inbox', read, async (c) => {
    const user = c.var.user as SessionUser;
    const after = decodeCursor(c.req.query('after'));
    const before = after === null ? decodeCursor(c.req.query('before')) : null;
    const page = await inbox(c.var.deps.db, user, c.var.agency.id, { limit: pageSize(c.req.query('limit')), after, before });
    c.header('Cache-Control', 'no-store');
    return c.html(inboxPage(frameOf(c, 'inbox'), { entries: page.rows, total: page.total, next: page.next, prev: page.prev, mayConfigure: can(user, c.var.agency.id, 'admin') }));
  });

  const show = async (c: C, subject: 'catalogue' | 'annual_report', values: { stages: ChainStage[]; allowSamePerson: boolean } | null, errors: { field: string; message: string }[], status = 200) => {
    const { db } = c.var.deps;
    const chain = await getChain(db, c.var.agency.id, subject);
    const parent = await parentOf(db, c.var.agency.id);
    const done = c.req.method === 'GET' && c.req.query('done') === 'saved' ? '审核流程已保存，此后提交审核的按新流程审核。' : undefined;
    return c.html(
      chainPage(frameOf(c, 'inbox'), {
        subjectLabel: REVIEW_SUBJECT_LABELS[subject],
        path: CHAIN_PATHS[subject],
        stages: values?.stages ?? chain.stages,
        allowSamePerson: values?.allowSamePerson ?? chain.allowSamePerson,
        isDefault: chain.isDefault,
        roles: REVIEW_ROLES,
        parent,
        csrf: c.var.csrf,
        done,
        errors,
      }),
      status as 200,
    );
  };

  for (const subject of ['catalogue', 'annual_report'] as const) {
    const path = `/:agency/${CHAIN_PATHS[subject]}`;
    routes.get(path, admin, (c) => show(c, subject, null, []));
    routes.post(path, admin, csrf, async (c) => {
      const form = await formOf(c);
      const stages = stagesOfForm(form);
      const allowSamePerson = (form['allowSamePerson'] ?? '') !== '';
      const r = await setChain(c.var.deps.db, c.var.agency.id, subject, { stages, allowSamePerson }, { userId: (c.var.user as SessionUser).id, now: c.var.deps.now(), ip: await clientIp(c) });
      if (!r.ok) {
        const n = /^stages\.(\d+)\./.exec(r.error.field ?? '')?.[1];
        return show(c, subject, { stages, allowSamePerson }, [{ field: n !== undefined ? `stage${Number(n) + 1}-name` : 'stage1-name', message: r.error.message }], statusOf(r.error));
      }
      return c.redirect(`${staffBase(c.var.agency.code)}/${CHAIN_PATHS[subject]}?done=saved`, 303);
    });
  }

  return routes;
}
