// 政务公开监督 → one agency of the subtree, under /staff/:agency/oversight/:year/agencies/:code:
//
//   GET  …/agencies/:code                 its report: source, date, findings, score and deductions, tables
//   GET  …/agencies/:code/entry           the hand entry of its figures (from what was read, if anything)
//   POST …/agencies/:code/entry           saved as its report, marked as entered (audited)
//   POST …/agencies/:code/published-on    the publication date the office established
//   POST …/agencies/:code/exclude|include the exclusion from the 汇总, with its reason
//
// An agency outside the office's subtree is not found. Each write is one service call (its transaction
// writes the audit entry); a refusal re-renders the page with the message at its field.

import { Hono } from 'hono';
import { articleForStaff } from '../views/report-article.ts';
import { AGENCY_KIND_LABELS } from '../../domain/oversight/index.ts';
import { HAND_ENTRY_SECTIONS, handEntryCells, handEntryFields, reportFromHandEntry } from '../../domain/oversight/hand-entry.ts';
import { renderHtml } from '../../domain/report/render/index.ts';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { collectedReport, type CollectedEntry } from '../../services/oversight/collected.ts';
import { overseen } from '../../services/oversight/common.ts';
import { enterReport, excludeAgency, includeAgency, setPublishedOn } from '../../services/oversight/entry.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { oversightBase } from '../views/staff/oversight.tsx';
import { entryFieldId, entryPage, findingMarks, oversightReportPage, REPORT_FIELDS } from '../views/staff/oversight-report.tsx';
import { formOf, frameOf, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';
import { oversightActor, yearOf } from './staff-oversight.tsx';

const DONE: Record<string, string> = {
  entered: '已保存录入的报告，标为“据原件录入”。',
  date: '已保存发布日期。',
  excluded: '已设为不纳入汇总，理由将在汇总中列明。',
  included: '已重新纳入汇总。',
};

/** The agency of the URL in the office's subtree, and its entry for the year; null: not found. */
async function entryOf(c: C, year: number): Promise<CollectedEntry | null> {
  const code = c.req.param('code') ?? '';
  const agency = (await overseen(c.var.deps.db, c.var.agency.id)).find((a) => a.code === code);
  if (!agency) return null;
  return collectedReport(c.var.deps.db, c.var.agency.id, agency.id, year, { asOf: today(c) });
}

const READERS: Record<string, string> = { text: '文本', html: '网页', docx: 'Word', pdf: 'PDF', json: '交换格式' };

function sourceDetail(e: CollectedEntry): string {
  if (e.source === 'platform' && e.platform) return `第${e.platform.version}版${e.platform.version > 1 ? '（已更正）' : ''}`;
  if (e.source === 'upload' && e.file) return `${e.file.fileName}（${e.file.reader ? (READERS[e.file.reader] ?? e.file.reader) : '无法读取'}，上传于${e.file.uploadedAt.slice(0, 10)}）`;
  if (e.source === 'manual') return `政务公开办据原件录入${e.updatedAt ? `，${e.updatedAt.slice(0, 10)}` : ''}${e.file ? `，原件：${e.file.fileName}` : ''}`;
  return '';
}

async function showReport(c: C, year: number, e: CollectedEntry, errors: FieldError[] = [], status: 200 | 404 | 409 | 422 = 200, values: Record<string, string> = {}): Promise<Response> {
  const a = e.assessment;
  const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
  return c.html(
    oversightReportPage(frameOf(c, 'oversight'), {
      year,
      agency: { code: e.agency.code, name: e.agency.name, kindLabel: AGENCY_KIND_LABELS[e.kind] },
      source: e.source,
      sourceDetail: sourceDetail(e) + (e.shadowed ? '；政务公开办另有上传或录入的报告，以平台发布的为准' : ''),
      file: e.file ? { id: e.file.id, fileName: e.file.fileName } : null,
      unreadable: e.unreadable,
      publishedOn: e.publishedOn,
      publishedOnHow: e.publishedOnHow,
      held: e.source === 'upload' || e.source === 'manual',
      dueOn: a.dueOn,
      daysLate: a.daysLate,
      result: a.result,
      findings: a.findings,
      exclusion: e.exclusion,
      articleHtml: e.report ? articleForStaff(renderHtml(e.report, { standalone: false, marks: findingMarks(a.findings) })) : null,
      csrf: c.var.csrf,
      errors,
      values,
      done,
    }),
    status,
  );
}

const here = (c: C, year: number, e: CollectedEntry) => `${oversightBase(c.var.agency.code, year)}/agencies/${encodeURIComponent(e.agency.code)}`;

export function oversightReportRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const oversee = requireAgency('oversee');
  const csrf = verifyCsrf();
  const base = '/:agency/oversight/:year/agencies/:code';

  routes.get(base, oversee, async (c) => {
    const year = yearOf(c);
    const e = year === null ? null : await entryOf(c, year);
    return year === null || !e ? notFound(c) : showReport(c, year, e);
  });

  routes.get(`${base}/entry`, oversee, async (c) => {
    const year = yearOf(c);
    const e = year === null ? null : await entryOf(c, year);
    if (year === null || !e) return notFound(c);
    const values = { ...handEntryFields(e.report, year), ...(e.publishedOn && e.source !== 'platform' ? { publishedOn: e.publishedOn } : {}) };
    return c.html(entryPage(frameOf(c, 'oversight'), { year, agency: e.agency, cells: handEntryCells(year), sections: HAND_ENTRY_SECTIONS, values, fromFile: e.file?.fileName ?? null, csrf: c.var.csrf, errors: [] }));
  });

  routes.post(`${base}/entry`, oversee, csrf, async (c) => {
    const year = yearOf(c);
    const e = year === null ? null : await entryOf(c, year);
    if (year === null || !e) return notFound(c);
    const form = await formOf(c);
    const again = (errors: FieldError[], status: 400 | 422) =>
      c.html(entryPage(frameOf(c, 'oversight'), { year, agency: e.agency, cells: handEntryCells(year), sections: HAND_ENTRY_SECTIONS, values: form, fromFile: e.file?.fileName ?? null, csrf: c.var.csrf, errors }), status);
    const texts = Object.fromEntries(HAND_ENTRY_SECTIONS.map((s) => [entryFieldId(s.field), { label: s.label, value: form[s.field] ?? '', multiline: true }]));
    const control = controlCharacterProblem(texts);
    if (control) return again([control], 400);
    const { report, problems } = reportFromHandEntry(year, e.agency.name, form);
    if (problems.length > 0) return again(problems.map((p) => ({ field: entryFieldId(p.path), message: p.message })), 422);
    const publishedOn = (form['publishedOn'] ?? '').trim();
    const r = await enterReport(c.var.deps.db, c.var.agency.id, e.agency.id, year, { report, publishedOn: publishedOn === '' ? null : publishedOn }, await oversightActor(c));
    if (!r.ok) return again([{ field: 'entry-published-on', message: r.error.message }], 422);
    return c.redirect(`${here(c, year, e)}?done=entered`, 303);
  });

  routes.post(`${base}/published-on`, oversee, csrf, async (c) => {
    const year = yearOf(c);
    const e = year === null ? null : await entryOf(c, year);
    if (year === null || !e) return notFound(c);
    const value = ((await formOf(c))['publishedOn'] ?? '').trim().slice(0, 20);
    const r = await setPublishedOn(c.var.deps.db, c.var.agency.id, e.agency.id, year, value === '' ? null : value, await oversightActor(c));
    if (!r.ok) return showReport(c, year, e, [{ field: REPORT_FIELDS.publishedOn, message: r.error.message }], 422, { publishedOn: value });
    return c.redirect(`${here(c, year, e)}?done=date`, 303);
  });

  routes.post(`${base}/exclude`, oversee, csrf, async (c) => {
    const year = yearOf(c);
    const e = year === null ? null : await entryOf(c, year);
    if (year === null || !e) return notFound(c);
    const reason = ((await formOf(c))['reason'] ?? '').slice(0, 2000);
    const control = controlCharacterProblem({ [REPORT_FIELDS.reason]: { label: '理由', value: reason, multiline: true } });
    if (control) return showReport(c, year, e, [control], 422, { reason });
    const r = await excludeAgency(c.var.deps.db, c.var.agency.id, e.agency.id, year, reason, await oversightActor(c));
    if (!r.ok) return showReport(c, year, e, [{ field: REPORT_FIELDS.reason, message: r.error.message }], 422, { reason });
    return c.redirect(`${here(c, year, e)}?done=excluded`, 303);
  });

  routes.post(`${base}/include`, oversee, csrf, async (c) => {
    const year = yearOf(c);
    const e = year === null ? null : await entryOf(c, year);
    if (year === null || !e) return notFound(c);
    const r = await includeAgency(c.var.deps.db, c.var.agency.id, e.agency.id, year, await oversightActor(c));
    if (!r.ok) return showReport(c, year, e, [{ field: REPORT_FIELDS.reason, message: r.error.message }], 409);
    return c.redirect(`${here(c, year, e)}?done=included`, 303);
  });

  return routes;
}
