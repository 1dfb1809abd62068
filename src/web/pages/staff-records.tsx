// 年报数据 in the staff workspace, under /staff/:agency/records: the counts behind table 二 第二十条第（五）
// （六）（八）项 with their history and the form to enter a new figure, table 四 as computed, the year's
// 行政复议/行政诉讼 cases, a case's form (new, change, remove) with its documents (staff-case-documents.tsx),
// and the import/export of files. Every member reads; entering, registering and importing is 'handle'. Thin routes: read the form, call one service,
// present; forms post-redirect-get and work without JavaScript; refusals re-render with the service's
// Chinese message and what was typed.

import { Hono } from 'hono';
import { contentDisposition } from '../../domain/catalogue/attachments.ts';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { RECORD_KINDS } from '../../domain/records/files.ts';
import type { RecordKind } from '../../domain/records/files.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { listCaseDocuments } from '../../services/records/case-documents.ts';
import { caseVersions, deleteCase, getCase, listCases, saveCase } from '../../services/records/cases.ts';
import { countHistory, enterCounts, yearFigures } from '../../services/records/counts.ts';
import type { RecordsActor } from '../../services/records/counts.ts';
import { exportRecords, importRecords } from '../../services/records/import.ts';
import type { RecordsImportSummary } from '../../services/records/import.ts';
import { tableFourSettings } from '../../services/records/settings.ts';
import { computeAnnualReport } from '../../services/report-compute.ts';
import type { ImportError } from '../../domain/tabular/table-file.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { RECORDS_IMPORT_WEB_BYTES } from '../limits.ts';
import { clientIp } from '../rate-limit.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { CASE_FORM_FIELDS, caseFormOf, casePage, emptyCaseForm } from '../views/staff/records-case.tsx';
import type { CaseDocumentForm } from '../views/staff/records-case-documents.tsx';
import type { CaseForm } from '../views/staff/records-case.tsx';
import { recordsBase, recordsPage } from '../views/staff/records.tsx';
import type { CountForm } from '../views/staff/records.tsx';
import { caseDocumentRoutes } from './staff-case-documents.tsx';
import { badQuery, badRequest, formOf, frameOf, idParam, notFound, reportYearOf, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';
import { pageRequest } from './staff-register.tsx';

const DONE: Record<string, string> = {
  count: '已录入新数字；此前的数字保留在历史中。',
  unchanged: '录入的数字与现行数字相同，未重复录入。',
  created: '已登记案件。',
  updated: '已保存案件的修改。',
  same: '案件内容没有变化。',
  deleted: '已删除误登记的案件。',
  'document-added': '已上传文书。',
  'document-deleted': '已删除文书；删除已记入审计日志。',
};

const COUNT_FIELD: Record<string, string> = { kind: 'count-kind', value: 'count-value', note: 'count-note', year: 'count-value' };

async function actorOf(c: C): Promise<RecordsActor> {
  const user = c.var.user as SessionUser;
  const now = c.var.deps.now();
  return { userId: user.id, name: user.displayName, now, today: now.slice(0, 10), ip: await clientIp(c), source: 'page' };
}

const yearOf = (c: C, text: string | undefined): number | null => {
  if (text === undefined || !/^[0-9]{4}$/.test(text)) return null;
  const year = Number(text);
  return year < 2008 || year > Number(today(c).slice(0, 4)) ? null : year;
};

interface Shown {
  count?: CountForm;
  errors?: FieldError[];
  importErrors?: ImportError[];
  importKind?: string;
  status?: number;
}

async function showYear(c: C, year: number, shown: Shown = {}): Promise<Response> {
  const { db } = c.var.deps;
  const agency = c.var.agency;
  const user = c.var.user as SessionUser;
  const computed = await computeAnnualReport(db, agency.code, year);
  if (!computed.ok) return badRequest(c, computed.error.message);
  const [figures, history, settings, cases] = await Promise.all([
    yearFigures(db, agency.id, year),
    countHistory(db, agency.id, year),
    tableFourSettings(db, agency.id),
    listCases(db, agency.id, { year }, pageRequest({ after: c.req.query('after'), before: c.req.query('before') })),
  ]);
  const doneKey = c.req.method === 'GET' ? (c.req.query('done') ?? '') : '';
  const done = doneKey === 'imported' ? importedText(c.req.query('summary') ?? '') : DONE[doneKey];
  const html = recordsPage(frameOf(c, 'records'), {
    csrf: c.var.csrf,
    year,
    maxYear: Number(today(c).slice(0, 4)),
    report: computed.value,
    figures,
    history,
    settings,
    cases,
    mayHandle: can(user, agency.id, 'handle'),
    mayAdmin: can(user, agency.id, 'admin'),
    count: shown.count ?? { kind: '', value: '', note: '' },
    errors: shown.errors ?? [],
    ...(shown.importErrors ? { importErrors: shown.importErrors } : {}),
    ...(shown.importKind ? { importKind: shown.importKind } : {}),
    importMb: RECORDS_IMPORT_WEB_BYTES / 1024 / 1024,
    ...(done ? { done } : {}),
  });
  return c.html(html, (shown.status ?? 200) as 200);
}

/** “已导入：新录入2项，1项与现有数字相同” from the redirect's summary (kind.rows.created.updated.unchanged). */
function importedText(summary: string): string | undefined {
  const m = /^(counts|cases)\.(\d{1,6})\.(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/.exec(summary);
  if (!m) return '已导入。';
  const [, kind, rows, created, updated, unchanged] = m;
  return kind === 'counts' ? `已导入${rows}项数字：新录入${created}项，${unchanged}项与现行数字相同、未重复录入。` : `已导入${rows}件案件：新登记${created}件，修改${updated}件，${unchanged}件与登记相同。`;
}
const summaryOf = (s: RecordsImportSummary): string => `${s.kind}.${s.rows}.${s.created}.${s.updated}.${s.unchanged}`;

export function recordsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();

  routes.get('/:agency/records', read, (c) => {
    const y = c.req.query('year');
    if (y !== undefined && y !== '' && !/^[0-9]{4}$/.test(y)) return badQuery(c, '年度应为四位数年份，例如 2024');
    return c.redirect(`${recordsBase(c.var.agency.code)}/${y ? y : reportYearOf(today(c))}`, 303);
  });

  // --- export and import (fixed paths before /:year)
  routes.get('/:agency/records/export', read, async (c) => {
    const kind = c.req.query('kind') as RecordKind;
    if (!RECORD_KINDS.includes(kind)) return badQuery(c, 'kind 应为 counts 或 cases');
    const format = c.req.query('format') === 'xlsx' ? 'xlsx' : 'csv';
    const r = await exportRecords(c.var.deps.db, c.var.agency.id, kind, format);
    return c.body(r.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(`${c.var.agency.name}${kind === 'counts' ? '年报数字' : '行政复议行政诉讼案件'}.${format}`),
      'Cache-Control': 'no-store',
    });
  });

  routes.post('/:agency/records/import', handle, csrf, async (c) => {
    const year = yearOf(c, c.req.query('year')) ?? reportYearOf(today(c));
    const body = await c.req.parseBody();
    const kind = body['kind'];
    if (typeof kind !== 'string' || !RECORD_KINDS.includes(kind as RecordKind)) return showYear(c, year, { errors: [{ field: 'import-kind', message: '请选择导入的数据：表二的数字或表四的案件。' }], status: 422 });
    const file = body['file'];
    if (!(file instanceof File) || file.size === 0) return showYear(c, year, { importKind: kind, errors: [{ field: 'import-file', message: '请选择要导入的文件（CSV或XLSX）。' }], status: 422 });
    const r = await importRecords(c.var.deps.db, c.var.agency.id, kind as RecordKind, new Uint8Array(await file.arrayBuffer()), file.name, await actorOf(c), { maxBytes: RECORDS_IMPORT_WEB_BYTES });
    if (!r.ok) return showYear(c, year, { importKind: kind, importErrors: r.errors, status: 422 });
    return c.redirect(`${recordsBase(c.var.agency.code)}/${year}?done=imported&summary=${summaryOf(r.value)}#import`, 303);
  });

  // --- a case: new, view and change, remove (before /:year/…)
  const showCase = async (c: C, id: number | null, shown: { form?: CaseForm; documentForm?: CaseDocumentForm; errors?: FieldError[]; reason?: string; status?: number } = {}): Promise<Response> => {
    const { db } = c.var.deps;
    const agency = c.var.agency;
    const existing = id === null ? null : ((await getCase(db, agency.id, id)) ?? null);
    if (id !== null && existing === null) return notFound(c);
    const [versions, documents] = existing ? await Promise.all([caseVersions(db, agency.id, existing.id), listCaseDocuments(db, agency.id, existing.id)]) : [[], []];
    const doneKey = c.req.method === 'GET' ? (c.req.query('done') ?? '') : '';
    const prefilled = { ...emptyCaseForm(), applicationNumber: (c.req.query('application') ?? '').slice(0, 64) };
    const html = casePage(frameOf(c, 'records'), {
      csrf: c.var.csrf,
      existing,
      versions,
      documents,
      form: shown.form ?? (existing ? caseFormOf(existing) : prefilled),
      ...(shown.documentForm ? { documentForm: shown.documentForm } : {}),
      errors: shown.errors ?? [],
      mayHandle: can(c.var.user as SessionUser, agency.id, 'handle'),
      ...(shown.reason !== undefined ? { reason: shown.reason } : {}),
      ...(DONE[doneKey] ? { done: DONE[doneKey] } : {}),
    });
    return c.html(html, (shown.status ?? 200) as 200);
  };

  const caseForm = async (c: C): Promise<CaseForm> => {
    const form = await formOf(c);
    const typed = emptyCaseForm();
    for (const f of CASE_FORM_FIELDS) typed[f] = (form[f] ?? '').slice(0, f === 'notes' ? 4000 : 400);
    return typed;
  };
  const refusedField = (field: string | undefined): string => `case-${field && (CASE_FORM_FIELDS as readonly string[]).includes(field) ? field : 'caseNumber'}`;

  const saveFrom = async (c: C, id: number | null): Promise<Response> => {
    const typed = await caseForm(c);
    const control = controlCharacterProblem(Object.fromEntries(CASE_FORM_FIELDS.map((f) => [`case-${f}`, { label: '所填内容', value: typed[f], multiline: f === 'notes' }])));
    if (control) return showCase(c, id, { form: typed, errors: [control], status: 400 });
    const input = { ...typed, concludedOn: typed.concludedOn, result: typed.result };
    const r = await saveCase(c.var.deps.db, c.var.agency.id, input, id === null ? { mode: 'create' } : { mode: 'update', id }, await actorOf(c));
    if (!r.ok) {
      if (statusOf(r.error) === 404 && r.error.code === 'NOT_FOUND') return notFound(c);
      return showCase(c, id, { form: typed, errors: [{ field: refusedField(r.error.field), message: r.error.message }], status: statusOf(r.error) });
    }
    const done = r.value.status === 'created' ? 'created' : r.value.status === 'updated' ? 'updated' : 'same';
    return c.redirect(`${recordsBase(c.var.agency.code)}/cases/${r.value.case.id}?done=${done}`, 303);
  };

  routes.get('/:agency/records/cases/new', handle, (c) => showCase(c, null));
  routes.post('/:agency/records/cases/new', handle, csrf, (c) => saveFrom(c, null));
  routes.get('/:agency/records/cases/:id', read, (c) => {
    const id = idParam(c.req.param('id'));
    return id === null ? notFound(c) : showCase(c, id);
  });
  routes.post('/:agency/records/cases/:id', handle, csrf, (c) => {
    const id = idParam(c.req.param('id'));
    return id === null ? notFound(c) : saveFrom(c, id);
  });
  // its documents: upload, download, remove
  routes.route('/', caseDocumentRoutes((c, id, shown) => showCase(c, id, shown)));
  routes.post('/:agency/records/cases/:id/delete', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const reason = (form['reason'] ?? '').slice(0, 1000);
    const control = controlCharacterProblem({ 'case-reason': { label: '删除原因', value: reason } });
    if (control) return showCase(c, id, { errors: [control], reason, status: 400 });
    const existing = await getCase(c.var.deps.db, c.var.agency.id, id);
    const r = await deleteCase(c.var.deps.db, c.var.agency.id, id, reason, await actorOf(c));
    if (!r.ok) {
      if (r.error.code === 'NOT_FOUND') return notFound(c);
      return showCase(c, id, { errors: [{ field: 'case-reason', message: r.error.message }], reason, status: statusOf(r.error) });
    }
    const year = existing?.receivedOn.slice(0, 4) ?? String(reportYearOf(today(c)));
    return c.redirect(`${recordsBase(c.var.agency.code)}/${year}?done=deleted#cases`, 303);
  });

  // --- a year: its counts, table 四, its cases
  routes.get('/:agency/records/:year', read, (c) => {
    const year = yearOf(c, c.req.param('year'));
    return year === null ? notFound(c) : showYear(c, year);
  });

  routes.post('/:agency/records/:year/counts', handle, csrf, async (c) => {
    const year = yearOf(c, c.req.param('year'));
    if (year === null) return notFound(c);
    const form = await formOf(c);
    const count: CountForm = { kind: (form['kind'] ?? '').slice(0, 40), value: (form['value'] ?? '').slice(0, 80), note: (form['note'] ?? '').slice(0, 1000) };
    const r = await enterCounts(c.var.deps.db, c.var.agency.id, [{ year, ...count }], await actorOf(c));
    if (!r.ok) return showYear(c, year, { count, errors: [{ field: COUNT_FIELD[r.error.field ?? ''] ?? 'count-value', message: r.error.message }], status: r.error.message.includes('控制字符') ? 400 : 422 });
    const done = r.value.every((e) => e.status === 'unchanged') ? 'unchanged' : 'count';
    return c.redirect(`${recordsBase(c.var.agency.code)}/${year}?done=${done}#counts`, 303);
  });

  return routes;
}
