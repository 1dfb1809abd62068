// 政务公开监督 → the 汇总 of a year (issue #13 item 5): which agencies are summed, which are left out and
// why (excluded with the office's reason; not published; unreadable — never counted as 0), tables 二、三、四
// summed in the report's own layout (a cell left blank when an agency lacks it, with that agency's gaps
// listed), and the trends of a few key cells across years for the whole and for one agency: each chart an
// SVG drawn on the server, beside the table of its figures (the accessible equivalent). Pure JSX.

import { raw } from 'hono/html';
import { AGENCY_LEVEL_LABELS } from '../../../domain/applications/types.ts';
import type { AggregateGroup } from '../../../domain/report/aggregate.ts';
import { buildGrids } from '../../../domain/report/render/grid.ts';
import { tableHtml } from '../../../domain/report/render/html.ts';
import type { Trends, YearAggregate } from '../../../services/oversight/aggregate.ts';
import { scrollableTables } from '../report-article.ts';
import { Select } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { oversightBase, OversightNav, SOURCE_LABELS } from './oversight.tsx';

const FORMAT_LABELS: Record<string, string> = { '2021': '2021年格式', '2019': '2019年试行格式', mixed: '混合格式' };

export interface TrendView {
  /** what the trend is of: 全部下级机关 / an agency's name */
  subject: string;
  trends: Trends;
  svg: string;
}

export interface AggregatePageProps {
  year: number;
  aggregate: YearAggregate;
  whole: TrendView;
  agency: TrendView | null;
  agencies: { code: string; name: string; level: string }[];
  chosen: string;
}

function Names(props: { items: { code: string; name: string; text: string }[]; base: string }) {
  return (
    <ul>
      {props.items.map((i) => (
        <li>
          <a href={`${props.base}/agencies/${encodeURIComponent(i.code)}`}>{i.name}</a>：{i.text}
        </li>
      ))}
    </ul>
  );
}

function GroupTables(props: { group: AggregateGroup; several: boolean }) {
  const g = props.group;
  const html = scrollableTables(buildGrids(g.report).map((t) => tableHtml(t)).join('\n'));
  return (
    <section aria-label={`${FORMAT_LABELS[g.format] ?? g.format}的报告汇总`}>
      {props.several ? <h3>{FORMAT_LABELS[g.format] ?? g.format}的报告（{g.sources.length}个机关）</h3> : null}
      <div class="item-body">{raw(html)}</div>
    </section>
  );
}

/** A chart and the table of its figures side by side (stacked on a phone). */
function TrendPair(props: { id: string; view: TrendView }) {
  const t = props.view.trends;
  return (
    <div class="chart-pair">
      <figure aria-labelledby={`${props.id}-caption`}>
        {raw(props.view.svg)}
        <figcaption id={`${props.id}-caption`}>
          {props.view.subject}：主要数字的年度变化（图中断开处为数字空缺，不按0计）。数字见右侧（窄屏为下方）表格。
        </figcaption>
      </figure>
      <div class="table-wrap" role="region" aria-label={`${props.view.subject}主要数字（可横向滚动）`} tabindex={0}>
        <table>
          <caption>{props.view.subject}：主要数字</caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              {t.years.map((y) => (
                <th scope="col">{y}年</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.series.map((s) => (
              <tr>
                <th scope="row">{s.label}</th>
                {s.points.map((p) => (
                  <td>{p.value !== null ? p.value : p.reports === 0 ? '无报告' : `空缺（${p.reports - p.known}个机关缺少）`}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function aggregatePage(frame: StaffFrame, p: AggregatePageProps): string {
  const office = frame.agency as { code: string; name: string };
  const base = oversightBase(office.code, p.year);
  const a = p.aggregate;
  const several = a.groups.length > 1;
  return staffPage(
    frame,
    `${p.year}年度汇总`,
    <>
      <h1>政务公开监督：{p.year}年度汇总</h1>
      <OversightNav base={base} current="aggregate" />
      <p>
        纳入汇总{a.included.length}个机关；不纳入汇总{a.excluded.length}个；未能汇总{a.missing.length}个{a.covered.length > 0 ? `；已含在上级人民政府报告中的${a.covered.length}个` : ''}。某个机关缺少的格子，在合计中留空（空白不等于0），并在下面列明。
      </p>
      {a.excluded.length > 0 ? (
        <section aria-labelledby="excluded-title">
          <h2 id="excluded-title">不纳入汇总的机关（{a.excluded.length}个）</h2>
          <Names base={base} items={a.excluded.map((x) => ({ ...x, text: x.reason }))} />
        </section>
      ) : null}
      {a.missing.length > 0 ? (
        <section aria-labelledby="missing-title">
          <h2 id="missing-title">未能汇总的机关（{a.missing.length}个，未按0计）</h2>
          <Names base={base} items={a.missing.map((x) => ({ ...x, text: x.why }))} />
        </section>
      ) : null}
      {a.covered.length > 0 ? (
        <section aria-labelledby="covered-title">
          <h2 id="covered-title">已含在上级机关报告中的机关（{a.covered.length}个，不重复汇总）</h2>
          <p>以下机关所属的上级机关，其年度报告的数字已包含所属下级机关的数字（机关设置中的“年度报告的数据范围”），为免重复计算，不再单独汇总：</p>
          <Names base={base} items={a.covered.map((x) => ({ ...x, text: `已含在${x.by.name}的报告中` }))} />
        </section>
      ) : null}
      <section aria-labelledby="sum-title">
        <h2 id="sum-title">表二、表三、表四合计</h2>
        {several ? <p>各机关的报告格式不同，不能逐格相加，按格式分别汇总。</p> : null}
        {a.groups.length === 0 ? <p>没有可以汇总的报告。</p> : a.groups.map((g) => <GroupTables group={g} several={several} />)}
      </section>
      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">缺少数字的机关（{a.gaps.length}个）</h2>
        {a.gaps.length === 0 ? (
          <p>纳入汇总的机关的报告都没有空缺。</p>
        ) : (
          <ul>
            {a.gaps.map((g) => (
              <li>
                <a href={`${base}/agencies/${encodeURIComponent(g.code)}`}>{g.name}</a>：{g.tables.length > 0 ? `缺少表${g.tables.join('、表')}；` : ''}
                {g.cells.length > 0 ? `缺少${g.cells.length}格：${g.cells.slice(0, 8).join('；')}${g.cells.length > 8 ? '等' : ''}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="included-title">
        <h2 id="included-title">纳入汇总的机关（{a.included.length}个）</h2>
        <p>{a.included.map((i) => `${i.name}（${SOURCE_LABELS[i.source] ?? i.source}）`).join('、') || '无'}</p>
      </section>
      <section aria-labelledby="trend-title">
        <h2 id="trend-title">年度变化</h2>
        <TrendPair id="trend-whole" view={p.whole} />
        <h3 id="trend-agency-title">单个机关的年度变化</h3>
        <form method="get" action={`${base}/aggregate`} aria-labelledby="trend-agency-title">
          <Select
            id="trend-agency"
            name="agency"
            label="机关"
            value={p.chosen}
            placeholder="（请选择）"
            options={p.agencies.map((x) => [x.code, `${x.name}（${AGENCY_LEVEL_LABELS[x.level as keyof typeof AGENCY_LEVEL_LABELS] ?? x.level}）`] as const)}
          />
          <button type="submit">查看</button>
        </form>
        {p.agency ? <TrendPair id="trend-agency" view={p.agency} /> : null}
      </section>
    </>,
  );
}
