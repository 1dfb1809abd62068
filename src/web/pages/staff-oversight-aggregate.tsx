// 政务公开监督 → the 汇总 of a year (issue #13 item 5), under /staff/:agency/oversight/:year:
//
//   GET …/aggregate[?agency=<code>]   tables 二、三、四 summed over the subtree's collected reports, the
//                                     agencies left out with their reasons, the trends of key cells over
//                                     five years for the whole (and the agency chosen), charts as SVG
//
// Read only; an agency outside the subtree is ignored (no trend shown).

import { Hono } from 'hono';
import { aggregateYear, trends, type Trends } from '../../services/oversight/aggregate.ts';
import { overseen } from '../../services/oversight/common.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { lineChartSvg } from '../views/charts.ts';
import { aggregatePage } from '../views/staff/oversight-aggregate.tsx';
import { frameOf, notFound, today } from './staff-common.tsx';
import { yearOf } from './staff-oversight.tsx';

/** The years a trend covers: the year and the four before it (not before 2008). */
export const trendYears = (year: number): number[] => Array.from({ length: 5 }, (_, i) => year - 4 + i).filter((y) => y >= 2008);

const chartOf = (subject: string, t: Trends) =>
  lineChartSvg({
    title: `${subject}：${t.series.map((s) => s.label).join('、')}的年度变化折线图，${t.years[0]}年至${t.years[t.years.length - 1]}年`,
    categories: t.years.map((y) => `${y}年`),
    series: t.series.map((s) => ({ name: s.label, data: s.points.map((p) => (typeof p.value === 'number' ? p.value : null)) })),
  });

export function oversightAggregateRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/:agency/oversight/:year/aggregate', requireAgency('oversee'), async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const { db } = c.var.deps;
    const office = c.var.agency;
    const asOf = today(c);
    const years = trendYears(year);
    const agencies = await overseen(db, office.id);
    const chosen = agencies.find((a) => a.code === (c.req.query('agency') ?? '').slice(0, 64));
    const [aggregate, whole, one] = await Promise.all([
      aggregateYear(db, office.id, year, asOf),
      trends(db, office.id, years, asOf),
      chosen ? trends(db, office.id, years, asOf, chosen.id) : Promise.resolve(null),
    ]);
    const subject = '全部下级机关（不含不纳入汇总的）';
    return c.html(
      aggregatePage(frameOf(c, 'oversight'), {
        year,
        aggregate,
        whole: { subject, trends: whole, svg: await chartOf(subject, whole) },
        agency: chosen && one ? { subject: chosen.name, trends: one, svg: await chartOf(chosen.name, one) } : null,
        agencies: agencies.map((a) => ({ code: a.code, name: a.name, level: a.level })),
        chosen: chosen?.code ?? '',
      }),
    );
  });
  return routes;
}
