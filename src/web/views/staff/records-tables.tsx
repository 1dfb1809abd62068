// Table 二's 第二十条第（五）（六）（八）项 and table 四 as computed from the records (the 年报数据 page and
// the 年度报告 page), and the sentence saying how table 四 counts under the agency's settings. Pure.

import type { AnnualReport } from '../../../domain/report/model.ts';
import type { TableFourSettings } from '../../../domain/records/vocab.ts';

/** “按收到年度统计；驳回诉讼请求、驳回行政复议请求计入结果维持” */
export function settingsText(s: TableFourSettings): string {
  const year = s.countYear === 'received' ? '案件计入收到的年度，按当年12月31日的状态统计结果（次年结案的不再计入次年）' : '案件计入结案的年度，年末尚未审结的每年计入“尚未审结”';
  return `${year}；判决驳回原告诉讼请求、驳回行政复议请求计入“${s.rejectionUpheld ? '结果维持' : '其他结果'}”。`;
}

const cell = (v: number | null): string => (v === null ? '未录入' : String(v));

/** 第二十条第（五）（六）（八）项 of a computed report; an empty cell says 未录入. */
export function TableTwoFigures(props: { report: AnnualReport; caption: string; trial?: boolean }) {
  const ad = props.report.activeDisclosure;
  const rows: [string, string, string, number | null][] = [
    ['第二十条第（五）项', '行政许可', '本年处理决定数量（件）', ad.licensing],
    ['第二十条第（六）项', '行政处罚', '本年处理决定数量（件）', ad.punishment],
    ['第二十条第（六）项', '行政强制', '本年处理决定数量（件）', ad.enforcement],
    ['第二十条第（八）项', '行政事业性收费', props.trial ? '（试行格式为收费项目数量，不填金额）' : '本年收费金额（万元）', ad.feesWanYuan],
  ];
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">信息内容</th>
            <th scope="col">统计内容</th>
            <th scope="col">数字</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([item, label, measure, value]) => (
            <tr>
              <td>{item}</td>
              <th scope="row">{label}</th>
              <td>{measure}</td>
              <td>{props.trial && label === '行政事业性收费' ? '—' : cell(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const GROUPS: [keyof AnnualReport['review'], string, string][] = [
  ['reconsideration', '行政复议', ''],
  ['litigationDirect', '行政诉讼', '未经复议直接起诉'],
  ['litigationAfterReconsideration', '行政诉讼', '复议后起诉'],
];
const COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

/** Table 四, one row per group (the official table is one row of 15 cells; here it is read down). */
export function TableFour(props: { review: AnnualReport['review']; caption: string }) {
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">类别</th>
            {COLUMNS.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {GROUPS.map(([key, group, sub]) => (
            <tr>
              <th scope="row">{sub === '' ? group : `${group}（${sub}）`}</th>
              {props.review[key].map((v) => (
                <td>{cell(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
