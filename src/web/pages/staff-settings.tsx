// 栏目与设置 (/staff/:agency/settings, the agency's 管理员): the agency's name and 文号 prefix (and its other
// settings: remedy bodies, readings, table 四, report scope, the contact e-mail reminders go to), and the
// column's 政府信息公开指南 and 政府信息公开制度. Post-redirect-get; a refusal re-renders the page with
// the service's message and what was typed; every change is in the audit log, and the public column
// shows it at once (the services touch the column).

import { Hono } from 'hono';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { agencySettings, defaultDocumentPrefix, updateAgency } from '../../services/agencies.ts';
import { recomputeAmendmentDueDates } from '../../services/amendments/due.ts';
import { COLUMN_PAGE_TITLES, COLUMN_PAGES, getPage, setPage } from '../../services/column.ts';
import type { ColumnPage, PageView } from '../../services/column.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { SETTINGS_FIELDS, settingsPage } from '../views/staff/settings.tsx';
import type { AgencyForm } from '../views/staff/settings.tsx';
import { auditAction, formOf, frameOf, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = {
  agency: '已保存机关信息。',
  guide: `已保存并发布${COLUMN_PAGE_TITLES.guide}。`,
  rules: `已保存并发布${COLUMN_PAGE_TITLES.rules}。`,
};

interface Typed {
  agency?: AgencyForm;
  page?: { page: ColumnPage; body: string };
}

async function show(c: C, typed: Typed, errors: FieldError[], status: 200 | 400 | 422 = 200): Promise<Response> {
  const { db } = c.var.deps;
  const code = c.var.agency.code;
  const settings = await agencySettings(db, code);
  if (!settings.ok) return notFound(c);
  const pages: PageView[] = [];
  for (const page of COLUMN_PAGES) {
    const view = await getPage(db, code, page);
    if (view.ok) pages.push(view.value);
  }
  const doneKey = c.req.method === 'GET' ? c.req.query('done') : undefined;
  const done = doneKey !== undefined ? DONE[doneKey] : undefined;
  const html = settingsPage(frameOf(c, 'settings'), {
    base: staffBase(code),
    agencyCode: code,
    csrf: c.var.csrf,
    agency: typed.agency ?? {
      name: settings.value.agency.name,
      documentPrefix: settings.value.documentPrefixSet ? settings.value.documentPrefix : '',
      reconsiderationBody: settings.value.reconsiderationBody ?? '',
      court: settings.value.court ?? '',
      extensionWithinPeriod: settings.value.extensionWithinPeriod ? '1' : '',
      feeWindowFromReceipt: settings.value.feeWindowFromReceipt ? '1' : '',
      reviewCountYear: settings.value.reviewCountYear,
      reviewRejectionUpheld: settings.value.reviewRejectionUpheld ? '1' : '',
      reportScope: settings.value.reportScopeSet ? settings.value.reportScope : '',
      contactEmail: settings.value.contactEmail ?? '',
      amendmentWorkingDays: String(settings.value.amendmentWorkingDays),
      withheldReviewMonths: String(settings.value.withheldReviewMonths),
      archiveRetentionYears: String(settings.value.archiveRetentionYears),
    },
    defaultPrefix: defaultDocumentPrefix(settings.value.agency.name),
    prefixInUse: settings.value.documentPrefix,
    year: Number(today(c).slice(0, 4)),
    mailConfigured: c.var.deps.config.mail !== undefined,
    pages,
    typed: typed.page ? { [typed.page.page]: typed.page.body } : {},
    errors,
    ...(done ? { done } : {}),
  });
  return c.html(html, status);
}

export function settingsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const admin = requireAgency('admin');
  const csrf = verifyCsrf();

  routes.get('/:agency/settings', admin, (c) => show(c, {}, []));

  routes.post('/:agency/settings/agency', admin, csrf, async (c) => {
    const form = await formOf(c);
    const typed: AgencyForm = {
      name: form['name'] ?? '',
      documentPrefix: form['documentPrefix'] ?? '',
      reconsiderationBody: form['reconsiderationBody'] ?? '',
      court: form['court'] ?? '',
      extensionWithinPeriod: form['extensionWithinPeriod'] === '1' ? '1' : '',
      feeWindowFromReceipt: form['feeWindowFromReceipt'] === '1' ? '1' : '',
      reviewCountYear: form['reviewCountYear'] === 'concluded' ? 'concluded' : 'received',
      reviewRejectionUpheld: form['reviewRejectionUpheld'] === '1' ? '1' : '',
      reportScope: form['reportScope'] === 'own' || form['reportScope'] === 'subtree' ? form['reportScope'] : '',
      contactEmail: form['contactEmail'] ?? '',
      amendmentWorkingDays: (form['amendmentWorkingDays'] ?? '').trim(),
      withheldReviewMonths: (form['withheldReviewMonths'] ?? '').trim(),
      archiveRetentionYears: (form['archiveRetentionYears'] ?? '').trim(),
    };
    const control = controlCharacterProblem({
      [SETTINGS_FIELDS.name]: { label: '机关名称', value: typed.name },
      [SETTINGS_FIELDS.documentPrefix]: { label: '文号前缀', value: typed.documentPrefix },
      [SETTINGS_FIELDS.reconsiderationBody]: { label: '行政复议机关', value: typed.reconsiderationBody },
      [SETTINGS_FIELDS.court]: { label: '人民法院', value: typed.court },
      [SETTINGS_FIELDS.contactEmail]: { label: '政务公开工作联系邮箱', value: typed.contactEmail },
    });
    if (control) return show(c, { agency: typed }, [control], 400);
    // '' (a form without the field): unchanged
    if (typed.amendmentWorkingDays !== '' && (!/^[1-9][0-9]?$/.test(typed.amendmentWorkingDays) || Number(typed.amendmentWorkingDays) > 60)) {
      return show(c, { agency: typed }, [{ field: SETTINGS_FIELDS.amendmentWorkingDays, message: '更正申请的办理期限应为1至60之间的整数（工作日数），例如 20。' }], 422);
    }
    if (typed.withheldReviewMonths !== '' && (!/^[1-9][0-9]?$/.test(typed.withheldReviewMonths) || Number(typed.withheldReviewMonths) > 60)) {
      return show(c, { agency: typed }, [{ field: SETTINGS_FIELDS.withheldReviewMonths, message: '不予公开信息的评估审查周期应为1至60之间的整数（月数），例如 12。' }], 422);
    }
    if (typed.archiveRetentionYears !== '' && (!/^[1-9][0-9]{0,2}$/.test(typed.archiveRetentionYears) || Number(typed.archiveRetentionYears) > 100)) {
      return show(c, { agency: typed }, [{ field: SETTINGS_FIELDS.archiveRetentionYears, message: '归档案卷的保管期限应为1至100之间的整数（年数），例如 10；永久保管的填写 100。' }], 422);
    }
    const before = await agencySettings(c.var.deps.db, c.var.agency.code);
    const updated = await updateAgency(c.var.deps.db, c.var.agency.code, {
      name: typed.name,
      documentPrefix: typed.documentPrefix,
      reconsiderationBody: typed.reconsiderationBody,
      court: typed.court,
      extensionWithinPeriod: typed.extensionWithinPeriod === '1',
      feeWindowFromReceipt: typed.feeWindowFromReceipt === '1',
      reviewCountYear: typed.reviewCountYear === 'concluded' ? 'concluded' : 'received',
      reviewRejectionUpheld: typed.reviewRejectionUpheld === '1',
      reportScope: typed.reportScope === 'own' || typed.reportScope === 'subtree' ? typed.reportScope : null,
      contactEmail: typed.contactEmail,
      ...(typed.amendmentWorkingDays === '' ? {} : { amendmentWorkingDays: Number(typed.amendmentWorkingDays) }),
      ...(typed.withheldReviewMonths === '' ? {} : { withheldReviewMonths: Number(typed.withheldReviewMonths) }),
      ...(typed.archiveRetentionYears === '' ? {} : { archiveRetentionYears: Number(typed.archiveRetentionYears) }),
    });
    if (!updated.ok) {
      const field =
        updated.error.field === 'documentPrefix' || updated.error.field === 'reconsiderationBody' || updated.error.field === 'court' || updated.error.field === 'contactEmail' || updated.error.field === 'amendmentWorkingDays' || updated.error.field === 'withheldReviewMonths' || updated.error.field === 'archiveRetentionYears'
          ? SETTINGS_FIELDS[updated.error.field]
          : SETTINGS_FIELDS.name;
      return show(c, { agency: typed }, [{ field, message: updated.error.message }], 422);
    }
    await auditAction(c, 'agency.update', c.var.agency.code, {
      name: updated.value.agency.name,
      documentPrefix: updated.value.documentPrefixSet ? updated.value.documentPrefix : null,
      reconsiderationBody: updated.value.reconsiderationBody,
      court: updated.value.court,
      extensionWithinPeriod: updated.value.extensionWithinPeriod,
      feeWindowFromReceipt: updated.value.feeWindowFromReceipt,
      reviewCountYear: updated.value.reviewCountYear,
      reviewRejectionUpheld: updated.value.reviewRejectionUpheld,
      reportScope: updated.value.reportScopeSet ? updated.value.reportScope : null,
      contactEmail: updated.value.contactEmail,
      amendmentWorkingDays: updated.value.amendmentWorkingDays,
      withheldReviewMonths: updated.value.withheldReviewMonths,
      archiveRetentionYears: updated.value.archiveRetentionYears,
      ...(before.ok ? { before: { name: before.value.agency.name, documentPrefix: before.value.documentPrefixSet ? before.value.documentPrefix : null } } : {}),
    });
    // the open 更正 requests' stored due dates follow a new period
    if (before.ok && before.value.amendmentWorkingDays !== updated.value.amendmentWorkingDays) await recomputeAmendmentDueDates(c.var.deps.db, await c.var.deps.calendar(), c.var.agency.id);
    return c.redirect(`${staffBase(c.var.agency.code)}/settings?done=agency`, 303);
  });

  routes.post('/:agency/settings/pages/:page', admin, csrf, async (c) => {
    const page = c.req.param('page') as ColumnPage;
    if (!COLUMN_PAGES.includes(page)) return notFound(c);
    const form = await formOf(c);
    const body = form['body'] ?? '';
    const user = c.var.user as SessionUser;
    const saved = await setPage(c.var.deps.db, c.var.agency.code, page, body, { userId: user.id, now: c.var.deps.now() });
    if (!saved.ok) return show(c, { page: { page, body } }, [{ field: SETTINGS_FIELDS.page(page), message: saved.error.message }], 422);
    await auditAction(c, 'column.page', `${c.var.agency.code}/${page}`, { page, restoredDefault: saved.value.isDefault, length: saved.value.body.length });
    return c.redirect(`${staffBase(c.var.agency.code)}/settings?done=${page}`, 303);
  });

  return routes;
}
