// 年报素材 in the staff workspace, under /staff/:agency/report-facts/:year: the facts behind the annual
// report's prose (list, add, change, delete; last year's problems imported from its published report)
// and the draft of sections 一、五、六 with each sentence's sources, a sentence reworded or reverted, and
// the draft downloaded (DOCX, interchange JSON). Every member reads; entering facts and rewording is
// 'handle'. Thin routes: read the form, call one service, present; forms post-redirect-get and work
// without JavaScript; a refusal re-renders the form with the service's Chinese message.

import { Hono } from 'hono';
import { findSentence } from '../../domain/report/draft/compose.ts';
import { formValues, isFactKind, KIND_SPECS, type FactKind } from '../../domain/report/facts/kinds.ts';
import { renderDocx } from '../../domain/report/render/index.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { draftFor } from '../../services/report-draft.ts';
import { signoffOf } from '../../services/report-signoff-read.ts';
import { pendingRound } from '../../services/review/rounds.ts';
import { carryProblems, createFact, deleteFact, getFact, listFacts, revertEdit, saveEdit, updateFact, type FactsActor } from '../../services/report-facts.ts';
import { publishedReportOf } from '../../services/report-previous.ts';
import { problemsNamed } from '../../domain/report/facts/previous.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { confirmed, confirmPage } from '../views/staff/confirm.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { draftPage, sentenceEditPage } from '../views/staff/report-draft.tsx';
import { factEditPage, factsBase, factsPage, type FactsPageProps } from '../views/staff/report-facts.tsx';
import { badQuery, formOf, frameOf, idParam, notFound, reportYearOf, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = {
  added: '已登记。',
  saved: '已保存修改。',
  deleted: '已删除。',
  carried: '已导入上年度报告提出的问题，请逐条填写整改情况和整改状态。',
  edited: '已保存这句话。',
  reverted: '已恢复平台的写法。',
};

async function actorOf(c: C): Promise<FactsActor> {
  return { userId: (c.var.user as SessionUser).id, now: c.var.deps.now(), ip: await clientIp(c) };
}

/** The year of the path: 2008 to this year; otherwise not found. */
function yearOf(c: C): number | null {
  const text = c.req.param('year') ?? '';
  const year = /^[0-9]{4}$/.test(text) ? Number(text) : null;
  return year === null || year < 2008 || year > Number(today(c).slice(0, 4)) ? null : year;
}

/** The submitted fields of a kind (others ignored), each cut to a little more than its longest. */
function fieldsOf(kind: FactKind, form: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of KIND_SPECS[kind].fields) out[f.name] = (form[f.name] ?? '').slice(0, (f.max ?? 40) + 100);
  return out;
}

export function reportFactsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();

  const showFacts = async (c: C, year: number, extra: { errors?: FieldError[]; failed?: FactsPageProps['failed']; status?: number } = {}) => {
    const { db } = c.var.deps;
    const agency = c.var.agency;
    const [facts, previous] = await Promise.all([listFacts(db, agency.id, year), publishedReportOf(db, agency.id, year - 1)]);
    const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
    return c.html(
      factsPage(frameOf(c, 'report-facts'), {
        year,
        maxYear: Number(today(c).slice(0, 4)),
        facts,
        mayHandle: can(c.var.user as SessionUser, agency.id, 'handle'),
        csrf: c.var.csrf,
        errors: extra.errors ?? [],
        previous: previous ? { year: year - 1, problems: problemsNamed(previous.text?.problems) } : null,
        ...(done ? { done } : {}),
        ...(extra.failed ? { failed: extra.failed } : {}),
      }),
      (extra.status ?? 200) as 200,
    );
  };

  routes.get('/:agency/report-facts', read, (c) => {
    const y = c.req.query('year');
    if (y !== undefined && y !== '' && !/^[0-9]{4}$/.test(y)) return badQuery(c, '年度应为四位数年份，例如 2024');
    return c.redirect(`${staffBase(c.var.agency.code)}/report-facts/${y ? y : reportYearOf(today(c))}`, 303);
  });

  routes.get('/:agency/report-facts/:year', read, (c) => {
    const year = yearOf(c);
    return year === null ? notFound(c) : showFacts(c, year);
  });

  // --- a fact added, changed, deleted
  routes.post('/:agency/report-facts/:year/facts/:kind', handle, csrf, async (c) => {
    const year = yearOf(c);
    const kind = c.req.param('kind');
    if (year === null || !isFactKind(kind)) return notFound(c);
    const form = await formOf(c);
    const values = fieldsOf(kind, form);
    const parentId = KIND_SPECS[kind].parent === undefined ? null : idParam(form['parentId']);
    const r = await createFact(c.var.deps.db, c.var.agency.id, year, kind, values, parentId, await actorOf(c));
    if (!r.ok) {
      const prefix = parentId === null ? `add-${kind}` : `add-${kind}-${parentId}`;
      const field = r.error.field && KIND_SPECS[kind].fields.some((f) => f.name === r.error.field) ? `${prefix}-${r.error.field}` : `kind-${kind}`;
      return showFacts(c, year, { errors: [{ field, message: r.error.message }], failed: { kind, parentId, values }, status: statusOf(r.error) });
    }
    return c.redirect(`${factsBase(c.var.agency.code, year)}?done=added#fact-${r.value.id}`, 303);
  });

  const factOf = async (c: C) => {
    const year = yearOf(c);
    const id = idParam(c.req.param('id'));
    if (year === null || id === null) return null;
    const fact = await getFact(c.var.deps.db, c.var.agency.id, id);
    return fact && fact.year === year ? fact : null;
  };

  routes.get('/:agency/report-facts/:year/facts/:id/edit', handle, async (c) => {
    const fact = await factOf(c);
    if (!fact) return notFound(c);
    return c.html(factEditPage(frameOf(c, 'report-facts'), { year: fact.year, fact, values: formValues(fact.kind, fact.data), version: fact.version, errors: [], csrf: c.var.csrf }));
  });

  routes.post('/:agency/report-facts/:year/facts/:id/edit', handle, csrf, async (c) => {
    const fact = await factOf(c);
    if (!fact) return notFound(c);
    const form = await formOf(c);
    const values = fieldsOf(fact.kind, form);
    const version = Number(/^[0-9]{1,9}$/.test(form['version'] ?? '') ? form['version'] : -1);
    const r = await updateFact(c.var.deps.db, c.var.agency.id, fact.id, values, version, await actorOf(c));
    if (!r.ok) {
      if (r.error.code === 'NOT_FOUND') return notFound(c);
      const field = r.error.field && KIND_SPECS[fact.kind].fields.some((f) => f.name === r.error.field) ? `edit-${r.error.field}` : 'edit';
      return c.html(factEditPage(frameOf(c, 'report-facts'), { year: fact.year, fact, values, version, errors: [{ field, message: r.error.message }], csrf: c.var.csrf }), statusOf(r.error) as 200);
    }
    return c.redirect(`${factsBase(c.var.agency.code, fact.year)}?done=saved#fact-${fact.id}`, 303);
  });

  routes.post('/:agency/report-facts/:year/facts/:id/delete', handle, csrf, async (c) => {
    const fact = await factOf(c);
    if (!fact) return notFound(c);
    const base = factsBase(c.var.agency.code, fact.year);
    if (!confirmed(await formOf(c))) {
      const spec = KIND_SPECS[fact.kind];
      const children = fact.kind === 'event' ? (await listFacts(c.var.deps.db, c.var.agency.id, fact.year)).filter((f) => f.parentId === fact.id).length : 0;
      c.header('Cache-Control', 'no-store');
      return c.html(
        confirmPage(frameOf(c, 'report-facts'), {
          title: `删除${spec.label}`,
          consequences: [
            `删除后，年度报告草稿不再写入这条${spec.label}${children > 0 ? `，在该活动中收集的${children}条意见建议也一并删除` : ''}。`,
            '删除记入审计日志（含删除的内容）。',
          ],
          action: `${base}/facts/${fact.id}/delete`,
          fields: {},
          confirmLabel: '确认删除',
          cancel: { href: `${base}#fact-${fact.id}`, label: '不删除，返回' },
          csrf: c.var.csrf,
        }),
      );
    }
    const r = await deleteFact(c.var.deps.db, c.var.agency.id, fact.id, await actorOf(c));
    if (!r.ok) return notFound(c);
    return c.redirect(`${base}?done=deleted`, 303);
  });

  routes.post('/:agency/report-facts/:year/carry', handle, csrf, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const r = await carryProblems(c.var.deps.db, c.var.agency.id, year, await actorOf(c));
    if (!r.ok) return showFacts(c, year, { errors: [{ field: 'kind-problem', message: r.error.message }], status: statusOf(r.error) });
    return c.redirect(`${factsBase(c.var.agency.code, year)}?done=carried#problem`, 303);
  });

  // --- the draft: preview with sources, a sentence reworded or reverted, downloads
  const drafted = async (c: C, year: number) => {
    const r = await draftFor(c.var.deps.db, c.var.agency.code, year);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  routes.get('/:agency/report-facts/:year/draft', read, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const d = await drafted(c, year);
    const done = DONE[c.req.query('done') ?? ''];
    const row = await signoffOf(c.var.deps.db, c.var.agency.id, year);
    const round = row === null ? null : await pendingRound(c.var.deps.db, 'annual_report', row.id);
    return c.html(
      draftPage(frameOf(c, 'report-facts'), {
        year,
        maxYear: Number(today(c).slice(0, 4)),
        draft: d.draft,
        findings: d.findings,
        mayHandle: can(c.var.user as SessionUser, c.var.agency.id, 'handle'),
        csrf: c.var.csrf,
        ...(done ? { done } : {}),
        signoff: { state: row?.state ?? null, id: row?.id ?? null, waitingAt: round ? (round.stages[round.stage - 1]?.name ?? null) : null },
      }),
    );
  });

  routes.get('/:agency/report-facts/:year/draft.docx', read, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const d = await drafted(c, year);
    const name = `${d.agency.name}${year}年政府信息公开工作年度报告（草稿）.docx`;
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    c.header('Content-Disposition', `attachment; filename="draft-${year}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(await renderDocx(d.report)));
  });

  routes.get('/:agency/report-facts/:year/draft.json', read, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const d = await drafted(c, year);
    c.header('Content-Disposition', `attachment; filename="draft-${year}.json"`);
    c.header('Cache-Control', 'no-store');
    return c.json(d.report);
  });

  const sentenceOf = async (c: C, year: number, id: string) => findSentence((await drafted(c, year)).draft, id);

  routes.get('/:agency/report-facts/:year/draft/edit', handle, async (c) => {
    const year = yearOf(c);
    const id = (c.req.query('sentence') ?? '').slice(0, 300);
    if (year === null) return notFound(c);
    const sentence = await sentenceOf(c, year, id);
    if (!sentence) return notFound(c);
    return c.html(sentenceEditPage(frameOf(c, 'report-facts'), { year, sentence, value: sentence.text, errors: [], csrf: c.var.csrf }));
  });

  routes.post('/:agency/report-facts/:year/draft/edit', handle, csrf, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const form = await formOf(c);
    const id = (form['sentence'] ?? '').slice(0, 300);
    const sentence = await sentenceOf(c, year, id);
    if (!sentence) return notFound(c);
    const text = (form['text'] ?? '').slice(0, 20_000);
    // the generated wording the edit replaces, as the platform writes it now (never taken from the form)
    const r = await saveEdit(c.var.deps.db, c.var.agency.id, year, id, text, sentence.edited?.generated ?? sentence.text, await actorOf(c));
    if (!r.ok) {
      if (r.error.code === 'NOT_FOUND') return notFound(c);
      return c.html(sentenceEditPage(frameOf(c, 'report-facts'), { year, sentence, value: text, errors: [{ field: 'text', message: r.error.message }], csrf: c.var.csrf }), statusOf(r.error) as 200);
    }
    return c.redirect(`${factsBase(c.var.agency.code, year)}/draft?done=edited#s-${id.replace(/\./g, '-')}`, 303);
  });

  routes.post('/:agency/report-facts/:year/draft/revert', handle, csrf, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const id = ((await formOf(c))['sentence'] ?? '').slice(0, 300);
    const r = await revertEdit(c.var.deps.db, c.var.agency.id, year, id, await actorOf(c));
    if (!r.ok) return notFound(c);
    return c.redirect(`${factsBase(c.var.agency.code, year)}/draft?done=reverted#s-${id.replace(/\./g, '-')}`, 303);
  });

  return routes;
}
