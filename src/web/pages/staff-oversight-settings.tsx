// 政务公开监督 → the office's settings (issue #13), under /staff/:agency/oversight/:year/settings (the year
// only to come back to; the settings hold for every year):
//
//   GET  …/settings   the rubric as JSON and the 乡镇/街道 due date
//   POST …/settings   rubric=<JSON> | useDefault=1, townshipDue=MM-DD → saved (audited), or refused with
//                     every problem in Chinese and nothing written
//
// Thin routes: parse the JSON (a syntax error is told in Chinese), call saveOfficeSettings, post-redirect-get.

import { Hono } from 'hono';
import { officeSettings, saveOfficeSettings } from '../../services/oversight/settings.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { oversightBase } from '../views/staff/oversight.tsx';
import { SETTINGS_FIELDS, settingsPage } from '../views/staff/oversight-settings.tsx';
import { formOf, frameOf, notFound } from './staff-common.tsx';
import type { C } from './staff-common.tsx';
import { oversightActor, yearOf } from './staff-oversight.tsx';

export const RUBRIC_JSON_MAX = 20_000;

/** JSON.parse with a Chinese message: where the text stops being JSON. */
export function parseRubricJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const at = /position (\d+)/.exec(String((e as Error).message))?.[1];
    const where = at === undefined ? '' : `（第${text.slice(0, Number(at)).split('\n').length}行附近）`;
    return { ok: false, message: `评分细则不是有效的JSON${where}：请检查括号、引号（应为英文双引号）和逗号（最后一项后不加逗号）。` };
  }
}

async function show(c: C, year: number, form?: { rubric: string; townshipDue: string; useDefault: boolean }, errors: FieldError[] = [], problems: string[] = [], status: 200 | 400 | 422 = 200): Promise<Response> {
  const settings = await officeSettings(c.var.deps.db, c.var.agency.id);
  const done = c.req.method === 'GET' && c.req.query('done') === 'saved' ? '已保存设置。' : undefined;
  return c.html(
    settingsPage(frameOf(c, 'oversight'), {
      year,
      rubricJson: form?.rubric ?? JSON.stringify(settings.rubric, null, 2),
      customRubric: settings.customRubric,
      rubricTitle: settings.rubric.title,
      townshipDue: form?.townshipDue ?? settings.timeliness.townshipDue,
      useDefault: form?.useDefault ?? false,
      updatedAt: settings.updatedAt,
      csrf: c.var.csrf,
      errors,
      problems,
      done,
    }),
    status,
  );
}

export function oversightSettingsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const oversee = requireAgency('oversee');

  routes.get('/:agency/oversight/:year/settings', oversee, (c) => {
    const year = yearOf(c);
    return year === null ? notFound(c) : show(c, year);
  });

  routes.post('/:agency/oversight/:year/settings', oversee, verifyCsrf(), async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const form = await formOf(c);
    const given = { rubric: form['rubric'] ?? '', townshipDue: (form['townshipDue'] ?? '').trim().slice(0, 20), useDefault: form['useDefault'] === '1' };
    const refuse = (field: string, message: string, problems: string[] = [], status: 400 | 422 = 422) => show(c, year, given, [{ field, message }], problems, status);
    if (given.rubric.length > RUBRIC_JSON_MAX) return refuse(SETTINGS_FIELDS.rubric, `评分细则不能超过${RUBRIC_JSON_MAX}个字符，现有${given.rubric.length}个。`);
    const control = controlCharacterProblem({ [SETTINGS_FIELDS.rubric]: { label: '评分细则', value: given.rubric, multiline: true } });
    if (control) return refuse(control.field, control.message, [], 400);
    let rubric: unknown = null;
    if (!given.useDefault && given.rubric.trim() !== '') {
      const parsed = parseRubricJson(given.rubric);
      if (!parsed.ok) return refuse(SETTINGS_FIELDS.rubric, parsed.message);
      rubric = parsed.value;
    }
    const r = await saveOfficeSettings(c.var.deps.db, c.var.agency.id, { rubric, townshipDue: given.townshipDue }, await oversightActor(c));
    if (!r.ok) {
      const field = r.error.field === 'townshipDue' ? SETTINGS_FIELDS.townshipDue : SETTINGS_FIELDS.rubric;
      const problems = 'problems' in r && field === SETTINGS_FIELDS.rubric ? r.problems.map((p) => p.message) : [];
      return refuse(field, r.error.message, problems);
    }
    return c.redirect(`${oversightBase(c.var.agency.code, year)}/settings?done=saved`, 303);
  });

  return routes;
}
