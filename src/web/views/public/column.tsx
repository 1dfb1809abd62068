// The portal's list of columns, an agency's column home, its editable pages (指南, 制度) and
// 法定主动公开内容. Pure: functions of their view models.

import type { PageBlock } from '../../../services/column.ts';
import { columnBase, columnPage, PORTAL_NAME, portalPage, SECTIONS } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { DateText } from './fields.tsx';

export function portalHome(agencies: readonly (ColumnAgency & { levelLabel: string })[]): string {
  return portalPage(
    PORTAL_NAME,
    <>
      <h1>{PORTAL_NAME}</h1>
      <p>依据《中华人民共和国政府信息公开条例》，各机关在本平台设立“政府信息公开”专栏，公开政府信息公开指南、制度、法定主动公开内容和年度报告，并受理政府信息公开申请。</p>
      <h2>各机关政府信息公开专栏</h2>
      {agencies.length === 0 ? (
        <p>目前还没有机关开设专栏。</p>
      ) : (
        <ul>
          {agencies.map((a) => (
            <li>
              <a href={`${columnBase(a.code)}/`}>{a.name}</a>
              {a.levelLabel ? <span class="hint">（{a.levelLabel}）</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

export function columnHome(agency: ColumnAgency): string {
  const base = columnBase(agency.code);
  return columnPage(
    agency,
    'home',
    '政府信息公开',
    <>
      <h1>{agency.name}政府信息公开</h1>
      <ul class="column-links">
        {SECTIONS.map((s) => (
          <li>
            <h2>
              <a href={`${base}${s.path}`}>{s.label}</a>
            </h2>
            <p>{s.summary}</p>
          </li>
        ))}
      </ul>
      <p>
        已提交申请的，可以<a href={`${base}/status`}>查询申请办理进度</a>。
      </p>
    </>,
  );
}

function Blocks(props: { blocks: readonly PageBlock[] }) {
  return (
    <>
      {props.blocks.map((b) => {
        if (b.kind === 'heading') return b.level === 2 ? <h2>{b.text}</h2> : <h3>{b.text}</h3>;
        if (b.kind === 'list')
          return (
            <ul>
              {b.items.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          );
        return <p>{b.text}</p>;
      })}
    </>
  );
}

export interface PageViewModel {
  agency: ColumnAgency;
  page: 'guide' | 'rules';
  title: string;
  blocks: readonly PageBlock[];
  updatedAt: string | null;
}

export function columnTextPage(vm: PageViewModel): string {
  return columnPage(
    vm.agency,
    vm.page,
    vm.title,
    <>
      <h1>
        {vm.agency.name}
        {vm.title}
      </h1>
      {vm.updatedAt ? (
        <p class="hint">
          更新日期：<DateText date={vm.updatedAt.slice(0, 10)} />
        </p>
      ) : null}
      <Blocks blocks={vm.blocks} />
    </>,
  );
}

export interface ProactiveViewModel {
  agency: ColumnAgency;
  categories: readonly { title: string; items: number }[];
  guideIsDefault: boolean;
  rulesIsDefault: boolean;
  reportYears: readonly number[];
}

export function proactivePage(vm: ProactiveViewModel): string {
  const base = columnBase(vm.agency.code);
  return columnPage(
    vm.agency,
    'proactive',
    '法定主动公开内容',
    <>
      <h1>法定主动公开内容</h1>
      <p>本栏目按《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的类别公开本机关应当主动公开的政府信息。属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内公开（条例第二十六条）。</p>
      <h2>本栏目目前已有的内容</h2>
      <ul>
        <li>
          <a href={`${base}/guide`}>政府信息公开指南</a>
          {vm.guideIsDefault ? '（平台生成的通用文本，待本机关补充完善）' : ''}
        </li>
        <li>
          <a href={`${base}/rules`}>政府信息公开制度</a>
          {vm.rulesIsDefault ? '（平台生成的通用文本，待本机关补充完善）' : ''}
        </li>
        <li>
          <a href={`${base}/reports`}>政府信息公开工作年度报告</a>
          {vm.reportYears.length > 0 ? `（已发布${vm.reportYears.length}份：${vm.reportYears.map((y) => `${y}年`).join('、')}）` : '（尚未发布）'}
        </li>
      </ul>
      <h2>主动公开的信息类别</h2>
      <p>以下各类别的具体信息正在整理，将陆续在本栏目发布。</p>
      <div class="table-wrap">
        <table>
          <caption>条例第二十条规定的主动公开类别</caption>
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">类别</th>
              <th scope="col">已发布信息</th>
            </tr>
          </thead>
          <tbody>
            {vm.categories.map((c, i) => (
              <tr>
                <td>{i + 1}</td>
                <th scope="row">{c.title}</th>
                <td>{c.items > 0 ? `${c.items}条` : '暂无'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>,
  );
}
