// The demo's government and the agencies beside the demo agency (issue #13): 示范市人民政府 (code
// `demo-city`) with the demo agency and 29 more below it — 20 部门, 5 乡镇, 4 街道 — each with its annual
// reports of the last two years published in its column, as an office would see them: most on time,
// some late (published in February), one whose report is not on the platform but was sent to the city's
// 政务公开办 as a file with blank totals (collected by upload, its findings flagged), and one that has not
// published this year's at all. The 政务公开办's account (role 政务公开监督) sees them on its board.
// Every report is published through publishReport (so it passes every check) or uploaded through the
// office's upload; all inside the demo's one transaction.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { setAt } from '../../domain/report/layout.ts';
import { renderText } from '../../domain/report/render/index.ts';
import type { AgencyLevel } from '../../domain/applications/types.ts';
import type { AnnualReport } from '../../domain/report/model.ts';
import { createAgency } from '../agencies.ts';
import { uploadReports } from '../oversight/upload.ts';
import { publishReport } from '../report-publish.ts';
import { Refused } from '../transactions.ts';
import { demoAgencyReport } from './oversight-reports.ts';

export const DEMO_CITY = { code: 'demo-city', name: '示范市人民政府', level: 'government' } as const;

/** The 政务公开办's account: role 政务公开监督 at the city. */
export const DEMO_OVERSIGHT_USER = { username: 'demo-oversight', displayName: '演示政务公开办', role: 'oversight' } as const;

const DEPARTMENTS = [
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水务局',
  '农业农村局',
  '商务局',
  '文化广电旅游局',
  '卫生健康委员会',
  '应急管理局',
  '审计局',
  '市场监督管理局',
];
const TOWNSHIPS = ['城关镇', '东山镇', '西河镇', '南湖乡', '北塬乡'];
const SUBDISTRICTS = ['新华街道', '人民街道', '和平街道', '滨河街道'];

export interface DemoAgencySpec {
  code: string;
  name: string;
  level: AgencyLevel;
}

/** The 29 agencies beside the demo agency, in the order the city lists them. */
export const DEMO_CITY_AGENCIES: readonly DemoAgencySpec[] = [
  ...DEPARTMENTS.map((n, i) => ({ code: `demo-d${String(i + 1).padStart(2, '0')}`, name: `示范市${n}`, level: 'department' as const })),
  ...TOWNSHIPS.map((n, i) => ({ code: `demo-t${i + 1}`, name: `示范市${n}`, level: 'township' as const })),
  ...SUBDISTRICTS.map((n, i) => ({ code: `demo-s${i + 1}`, name: `示范市${n}`, level: 'subdistrict' as const })),
];

/** This year's exceptions: the agency that sent a file with blank totals, and the one that has not published. */
export const DEMO_BLANK_TOTALS = 'demo-d19';
export const DEMO_MISSING = 'demo-s4';
/** Published late (in February): every seventh agency from the fourth. */
const isLate = (i: number): boolean => i % 7 === 3;

export interface DemoCityContext {
  /** the demo's "today" (YYYY-MM-DD): nothing is dated after it */
  today: string;
  /** the reporting year of the demo (last year) */
  reportYear: number;
  /** a timestamp on a date in office hours, never after now */
  stamp: (date: string, k: number) => string;
  setupAt: string;
  /** the city's 政务公开办 user, the uploader of the file */
  officeUserId: number | null;
}

const day = (year: number, month: number, d: number): string => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Creates the 29 agencies under the city and their reports (tx: inside the demo's transaction). */
export async function loadDemoCity(tx: Kysely<DB>, ctx: DemoCityContext): Promise<{ agencies: number; reports: number }> {
  let reports = 0;
  const { reportYear } = ctx;
  for (const [i, spec] of DEMO_CITY_AGENCIES.entries()) {
    const created = await createAgency(tx, { ...spec, parentCode: DEMO_CITY.code }, ctx.setupAt);
    if (!created.ok) throw new Refused(created.error);
    const scale = spec.level === 'department' ? { applications: 6 + (i % 5) * 3, decisions: 40 + i * 7 } : { applications: 2, decisions: 5 };
    let previous: AnnualReport | null = null;
    for (const year of [reportYear - 1, reportYear]) {
      const report = demoAgencyReport(spec.name, year, 1300 + i * 17 + year, scale, previous);
      previous = structuredClone(report);
      const thisYear = year === reportYear;
      if (thisYear && spec.code === DEMO_MISSING) continue;
      const planned = thisYear && isLate(i) ? day(year + 1, 2, 3 + (i % 10)) : day(year + 1, 1, 8 + (i % 20));
      const on = planned < ctx.today ? planned : ctx.today;
      if (thisYear && spec.code === DEMO_BLANK_TOTALS) {
        // sent to the 政务公开办 as a file, its 总计 column left blank: collected by upload, flagged on the board
        setAt(report, ['applications', 'rows', 'totalHandled', 6], null);
        setAt(report, ['applications', 'rows', 'newReceived', 6], null);
        const bytes = new TextEncoder().encode(renderText(report));
        const city = await tx.selectFrom('agencies').select('id').where('code', '=', DEMO_CITY.code).executeTakeFirstOrThrow();
        const uploaded = await uploadReports(tx, Number(city.id), year, [{ name: `${spec.name}${year}年政府信息公开工作年度报告.txt`, bytes }], { userId: ctx.officeUserId, now: ctx.stamp(on, 3) });
        if (!uploaded.ok) throw new Refused(uploaded.error);
        reports += 1;
        continue;
      }
      const published = await publishReport(tx, spec.code, { year, report, source: 'gongkai demo' }, { userId: null, now: ctx.stamp(on, 2 + (i % 5)) });
      if (!published.ok) throw new Refused({ ...published.error, message: `${spec.name}${year}年度报告：${published.error.message}` });
      reports += 1;
    }
  }
  return { agencies: DEMO_CITY_AGENCIES.length, reports };
}
