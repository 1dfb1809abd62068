// 政务公开监督 (issue #13), the office's pages under /staff/:agency/oversight/:year (the agency is the
// office above; its 政务公开监督 role — action 'oversee' — or a platform administrator):
//
//   GET  …/oversight/:year                 the year's collection: every agency of the subtree, the upload form
//   POST …/oversight/:year/upload          report files or ZIPs (multipart) → the upload's results
//   GET  …/oversight/:year/review          the files waiting for the office
//   POST …/oversight/:year/files/:id/assign|discard
//   GET  …/oversight/:year/files/:id       an uploaded file as it was uploaded
//   …/oversight/:year/agencies/:code…      one agency's report (staff-oversight-report.tsx)
//   …/oversight/:year/board, board.xlsx, reminders   the board (staff-oversight-board.tsx)
//   …/oversight/:year/settings             the rubric and the 乡镇/街道 due date (staff-oversight-settings.tsx)
//   …/oversight/:year/aggregate            the 汇总 and trends with charts (staff-oversight-aggregate.tsx)
//
// A member whose only role in the agency is 政务公开监督 is sent from the agency's dashboard to these pages.
// Thin routes: read the form, call one service (it writes the audit entry in its transaction), post-
// redirect-get; another office's file or an agency outside the subtree is not found.

import { Hono } from 'hono';
import { REPORT_FILE_LIMITS } from '../../domain/zip/report-limits.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { streamCollected } from '../../services/oversight/collected.ts';
import { complaintsWaiting } from '../../services/complaints/read.ts';
import { overseen, yearProblem, type OversightActor } from '../../services/oversight/common.ts';
import { assignFile, discardFile, fileContent, fileOf, filesOf } from '../../services/oversight/review.ts';
import { uploadReports } from '../../services/oversight/upload.ts';
import { ensureSession, requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { contentDisposition } from '../../domain/uploads/file-kind.ts';
import { clientIp } from '../rate-limit.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { oversightBase, oversightHomePage, reviewFieldId, reviewPage, uploadResultPage } from '../views/staff/oversight.tsx';
import type { OversightRow, ReviewRow } from '../views/staff/oversight.tsx';
import { formOf, frameOf, idParam, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';
import { oversightReportRoutes } from './staff-oversight-report.tsx';
import { oversightBoardRoutes } from './staff-oversight-board.tsx';
import { oversightSettingsRoutes } from './staff-oversight-settings.tsx';
import { oversightAggregateRoutes } from './staff-oversight-aggregate.tsx';

const MB = 1024 * 1024;

export async function oversightActor(c: C): Promise<OversightActor> {
  return { userId: (c.var.user as SessionUser).id, ip: await clientIp(c), now: c.var.deps.now() };
}

/** The year of the URL, when it is one the office may collect; else null (not found). */
export function yearOf(c: C): number | null {
  const raw = c.req.param('year') ?? '';
  if (!/^\d{4}$/.test(raw)) return null;
  const year = Number(raw);
  return yearProblem(year, c.var.deps.now()) === null ? year : null;
}

const DONE: Record<string, string> = { assigned: '已归入所选机关。', discarded: '已舍弃这个文件。' };

/** What a file's download is sent as: its kind for PDF and DOCX, bytes to save for anything else. */
const MEDIA: Record<string, string> = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', json: 'application/json' };

async function showReview(c: C, year: number, errors: FieldError[] = [], status: 200 | 404 | 409 | 422 = 200, chosen: Record<number, string> = {}): Promise<Response> {
  const { db } = c.var.deps;
  const office = c.var.agency;
  const [files, agencies] = await Promise.all([filesOf(db, office.id, year, 'review'), overseen(db, office.id)]);
  const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
  const rows: ReviewRow[] = files.map((f) => ({
    id: f.id,
    fileName: f.fileName,
    note: f.reviewNote,
    error: f.error,
    foundName: f.foundName,
    reportYear: f.reportYear,
    suggested: f.suggested ? { code: codeOf.get(f.suggested.id) ?? '', name: f.suggested.name, score: f.matchScore } : null,
  }));
  const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
  return c.html(reviewPage(frameOf(c, 'oversight'), { year, rows, agencies: agencies.map((a) => ({ code: a.code, name: `${'　'.repeat(a.depth - 1)}${a.name}` })), csrf: c.var.csrf, errors, done, chosen }), status);
}

async function showHome(c: C, year: number, errors: FieldError[] = [], status: 200 | 400 | 413 | 422 | 503 = 200): Promise<Response> {
  const { db } = c.var.deps;
  const office = c.var.agency;
  const waiting = await filesOf(db, office.id, year, 'review');
  // the collected reports streamed: each entry dropped once its row is made
  const rows: OversightRow[] = [];
  for await (const e of streamCollected(db, office.id, year, { asOf: today(c) })) {
    rows.push({
      code: e.agency.code,
      name: e.agency.name,
      level: e.agency.level,
      depth: e.agency.depth,
      source: e.source,
      publishedOn: e.publishedOn,
      status: e.assessment.result.status,
      score: e.assessment.result.score,
      errors: e.assessment.result.errors,
      unreadable: e.unreadable !== null,
      excluded: e.exclusion !== null,
    });
  }
  const limits = { maxFiles: REPORT_FILE_LIMITS.maxFiles, maxFileMb: REPORT_FILE_LIMITS.maxFileBytes / MB, maxUploadMb: REPORT_FILE_LIMITS.maxUploadBytes / MB };
  const complaints = await complaintsWaiting(db, office.id, today(c));
  return c.html(oversightHomePage(frameOf(c, 'oversight'), { year, latestYear: Number(today(c).slice(0, 4)), rows, waiting: waiting.length, complaints, csrf: c.var.csrf, errors, limits }), status);
}

export function oversightRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const oversee = requireAgency('oversee');
  const csrf = verifyCsrf();

  // the dashboard of a member who only oversees: the oversight pages are all there is for them
  routes.get('/:agency', async (c, next) => {
    await ensureSession(c);
    const user = c.var.user;
    const m = user?.memberships.find((x) => x.agencyCode === c.req.param('agency'));
    if (user && m && !user.platformAdmin && can(user, m.agencyId, 'oversee') && !can(user, m.agencyId, 'read')) {
      return c.redirect(`${staffBase(m.agencyCode)}/oversight/${Number(today(c).slice(0, 4)) - 1}`, 303);
    }
    await next();
  });

  routes.get('/:agency/oversight', oversee, (c) => c.redirect(oversightBase(c.var.agency.code, Number(today(c).slice(0, 4)) - 1), 303));

  routes.get('/:agency/oversight/:year', oversee, (c) => {
    const year = yearOf(c);
    return year === null ? notFound(c) : showHome(c, year);
  });

  routes.post('/:agency/oversight/:year/upload', oversee, csrf, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const body = await c.req.parseBody({ all: true });
    const given = ([] as unknown[]).concat(body['files'] ?? []).filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''));
    const files = await Promise.all(given.map(async (f) => ({ name: f.name || '未命名文件', bytes: new Uint8Array(await f.arrayBuffer()) })));
    const r = await uploadReports(c.var.deps.db, c.var.agency.id, year, files, await oversightActor(c));
    if (!r.ok) return showHome(c, year, [{ field: 'oversight-files', message: r.error.message }], r.error.code === 'PARSE_BUSY' ? 503 : r.error.code === 'UPLOAD_TOO_LARGE' ? 413 : 422);
    const agencies = await overseen(c.var.deps.db, c.var.agency.id);
    const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
    c.header('Cache-Control', 'no-store');
    return c.html(
      uploadResultPage(frameOf(c, 'oversight'), {
        year,
        files: r.value.files.map((f) => ({ ...f, agency: f.agency ? { name: f.agency.name, code: f.outcome === 'filed' ? (codeOf.get(f.agency.id) ?? null) : null } : null })),
        skipped: r.value.skipped,
      }),
    );
  });

  routes.get('/:agency/oversight/:year/review', oversee, (c) => {
    const year = yearOf(c);
    return year === null ? notFound(c) : showReview(c, year);
  });

  routes.post('/:agency/oversight/:year/files/:id/assign', oversee, csrf, async (c) => {
    const year = yearOf(c);
    const id = idParam(c.req.param('id'));
    if (year === null || id === null) return notFound(c);
    const form = await formOf(c);
    const code = (form['agency'] ?? '').slice(0, 64);
    const { db } = c.var.deps;
    if (!(await fileOf(db, c.var.agency.id, id))) return notFound(c);
    const agency = (await overseen(db, c.var.agency.id)).find((a) => a.code === code);
    if (!agency) return showReview(c, year, [{ field: reviewFieldId(id), message: '请从列表中选择所属机关。' }], 422, { [id]: code });
    const r = await assignFile(db, c.var.agency.id, id, agency.id, await oversightActor(c));
    if (!r.ok) return showReview(c, year, [{ field: reviewFieldId(id), message: r.error.message }], 409);
    return c.redirect(`${oversightBase(c.var.agency.code, year)}/review?done=assigned`, 303);
  });

  routes.post('/:agency/oversight/:year/files/:id/discard', oversee, csrf, async (c) => {
    const year = yearOf(c);
    const id = idParam(c.req.param('id'));
    if (year === null || id === null) return notFound(c);
    const r = await discardFile(c.var.deps.db, c.var.agency.id, id, await oversightActor(c));
    if (!r.ok) return r.error.code === 'FILE_NOT_FOUND' ? notFound(c) : showReview(c, year, [{ field: reviewFieldId(id), message: r.error.message }], 409);
    return c.redirect(`${oversightBase(c.var.agency.code, year)}/review?done=discarded`, 303);
  });

  routes.get('/:agency/oversight/:year/files/:id', oversee, async (c) => {
    const id = idParam(c.req.param('id'));
    if (yearOf(c) === null || id === null) return notFound(c);
    const file = await fileContent(c.var.deps.db, c.var.agency.id, id);
    if (!file) return notFound(c);
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': MEDIA[file.reader ?? ''] ?? (file.fileName.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream'),
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  routes.route('/', oversightReportRoutes());
  routes.route('/', oversightBoardRoutes());
  routes.route('/', oversightSettingsRoutes());
  routes.route('/', oversightAggregateRoutes());
  return routes;
}
