// Charts rendered on the server to SVG with ECharts (issue #13 item 5): no DOM, no client JavaScript —
// echarts.init(null, null, { renderer: 'svg', ssr: true }) and renderToSVGString(). The SVG is an image
// with a name (role="img", aria-label and a <title>); every chart is shown beside its data table, which
// is the accessible equivalent. ECharts is loaded on first use (its import takes a few hundred ms); a
// chart takes ~15 ms to draw (measured once on the 2-CPU machine: the first chart of a process 1.8 s with
// the import, the next ones ~15 ms), so the SVG of the same data is kept (a small bounded cache) rather
// than drawn again on every request; only the aggregate page draws charts.

import { escapeHtml } from '../../domain/report/render/html.ts';

export interface LineChart {
  /** what the chart shows, in Chinese: its aria-label and <title> */
  title: string;
  categories: string[];
  /** a null point is a gap in the line (a value not known), never drawn as 0 */
  series: { name: string; data: (number | null)[] }[];
  width?: number;
  height?: number;
}

const CACHE_MAX = 200;
const cache = new Map<string, string>();
let drawn = 0;
let loading: Promise<typeof import('echarts')> | undefined;

/** High-contrast colours that stay apart for colour-blind readers (Okabe–Ito), with dashes as a second cue. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00'];
const DASHES = ['solid', 'dashed', 'dotted', 'dashed', 'solid'] as const;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin'];

/** The chart as an SVG string with role="img", aria-label and a <title>. */
export async function lineChartSvg(chart: LineChart): Promise<string> {
  const key = JSON.stringify(chart);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const echarts = await (loading ??= import('echarts'));
  const width = chart.width ?? 520;
  const height = chart.height ?? 320;
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      color: COLOURS,
      textStyle: { fontFamily: 'sans-serif', fontSize: 13, color: '#1a1a1a' },
      legend: { top: 0, type: 'plain', textStyle: { color: '#1a1a1a' } },
      grid: { left: 48, right: 16, top: 24 + 20 * Math.ceil(chart.series.length / 3), bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: chart.categories, axisLabel: { color: '#1a1a1a' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1a1a1a' } },
      series: chart.series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: s.data,
        connectNulls: false,
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 8,
        lineStyle: { width: 2, type: DASHES[i % DASHES.length] },
      })),
    });
    const label = escapeHtml(chart.title);
    drawn += 1;
    // ECharts names its classes and clip paths zr<n>-…: made unique per chart, for two charts on one page
    const svg = instance
      .renderToSVGString()
      .replace(/\bzr\d+-/g, `gkc${drawn}-`)
      .replace(/^<svg /, `<svg role="img" aria-label="${label}" focusable="false" `)
      .replace(/(<svg[^>]*>)/, `$1<title>${label}</title>`);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(key, svg);
    return svg;
  } finally {
    instance.dispose();
  }
}
