// The demo's annual report on its last full year, complete as a real one must be to be published:
// table 三 as computed from the demo's records, tables 二 and 四 with plausible figures of a city's
// natural-resources bureau (the platform does not hold them), and the prose of 一、五、六 stating the
// figures of the tables — so it passes every check of publication (domain/report/publication.ts).

import type { AnnualReport, ApplicantRow, ReviewRow } from '../../domain/report/model.ts';
import { DEMO_AGENCY } from './agency.ts';
import type { PlannedApplication } from './plan.ts';

/** 总计 of a row of 三 (7 columns) */
const total = (row: ApplicantRow | null): number => row?.[6] ?? 0;
/** 总计 of a group of 四 (5 columns) */
const reviewTotal = (row: ReviewRow): number => row[4] ?? 0;
const sum = (rows: Record<string, ApplicantRow | null>): number => Object.values(rows).reduce((s, r) => s + total(r), 0);

/** The fee notices sent and the fees paid in `year`, from the plan (信息处理费, 国办函〔2020〕109号). */
function feesOf(plans: readonly PlannedApplication[], year: number): { notices: number; noticed: number; paid: number; received: number } {
  const inYear = (on: string) => on.startsWith(`${year}-`);
  let notices = 0;
  let noticed = 0;
  let paid = 0;
  let received = 0;
  for (const p of plans) {
    const fee = p.steps.find((s) => s.event.type === 'send_fee_notice')?.document?.fee?.yuan ?? 0;
    for (const s of p.steps) {
      if (s.event.type === 'send_fee_notice' && inYear(s.on)) {
        notices += 1;
        noticed += fee;
      }
      if (s.event.type === 'record_payment' && inYear(s.on)) {
        paid += 1;
        received += fee;
      }
    }
  }
  return { notices, noticed, paid, received };
}

/**
 * Tables 二 and 四 of the demo: 第二十条第（一）项 as computed from the demo's register (no 规章 of its
 * own), the rest fictitious and plausible for a city bureau until those records exist on the platform.
 */
function fillTables(report: AnnualReport): void {
  const computed = report.activeDisclosure;
  report.activeDisclosure = {
    regulations: computed?.regulations ?? { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: computed?.normativeDocuments ?? { issued: 0, repealed: 0, inForce: 0 },
    licensing: 1268,
    punishment: 57,
    enforcement: 6,
    feesWanYuan: 386.52,
  };
  // a report on 2019 or 2020 is in the trial format, whose table 二 counts items too
  if (report.trial2019) {
    report.trial2019 = {
      regulationsPublished: 0,
      normativeDocumentsPublished: 4,
      licensing: { previousYear: 86, change: -3 },
      otherServices: { previousYear: 12, change: 1, decisions: 240 },
      punishment: { previousYear: 35, change: 0 },
      enforcement: { previousYear: 8, change: 0 },
      fees: { previousYear: 3, change: 0 },
      procurement: { projects: 6, amount: '186.4万元' },
    };
  }
  report.review = {
    reconsideration: [2, 1, 1, 1, 5],
    litigationDirect: [1, 0, 0, 1, 2],
    litigationAfterReconsideration: [1, 0, 0, 0, 1],
  };
}

/**
 * The complete report on `year`: `computed` (computeAnnualReport: table 三 from the records) with
 * tables 二 and 四 and the prose of 一、五、六 added.
 */
export function demoAnnualReport(computed: AnnualReport, plans: readonly PlannedApplication[], year: number): AnnualReport {
  const report: AnnualReport = structuredClone(computed);
  report.year = year;
  report.agency = DEMO_AGENCY.name;
  fillTables(report);
  const rows = report.applications.rows;
  const ad = report.activeDisclosure;
  const rv = report.review;
  const fees = feesOf(plans, year);
  const denied = sum({ ...rows.denied });
  const unable = sum({ ...rows.unableToProvide });
  const notProcessed = sum({ ...rows.notProcessed });
  const other = sum({ ...rows.otherHandling });
  const litigation = reviewTotal(rv.litigationDirect) + reviewTotal(rv.litigationAfterReconsideration);

  const overview = [
    `【示范数据】本报告由 gongkai demo 生成，机关、数据和事例均为虚构。${year}年，示范市自然资源和规划局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕国土空间规划、土地征收、矿产资源管理等群众关注的重点领域，持续加大主动公开力度，规范办理政府信息公开申请。`,
    `（一）主动公开政府信息情况。本年制发行政规范性文件${ad.normativeDocuments.issued}件，清理废止${ad.normativeDocuments.repealed}件，现行有效${ad.normativeDocuments.inForce}件，均在本机关政府信息公开专栏公开并同步发布政策解读。依法公开行政许可决定${ad.licensing}项、行政处罚决定${ad.punishment}项，征地批复、征收土地公告和矿业权出让结果在作出后20个工作日内公开。`,
    `（二）依申请公开政府信息情况。本年新收政府信息公开申请${total(rows.newReceived)}件，上年结转${total(rows.carriedOver)}件。本年度办结${total(rows.totalHandled)}件，其中予以公开${total(rows.granted)}件，部分公开${total(rows.partlyGranted)}件，不予公开${denied}件，无法提供${unable}件，不予处理${notProcessed}件，其他处理${other}件；结转下年度继续办理${total(rows.carriedForward)}件。需要征求第三方意见的，均书面征求意见并在法定期限内作出答复。`,
    `（三）政府信息管理。落实公开属性源头认定和保密审查制度，公文在拟制时即确定公开属性；对拟公开的信息逐件进行保密审查，涉及个人信息和商业秘密的作区分处理。`,
    `（四）平台建设。依托示范市人民政府门户网站和本机关政府信息公开专栏发布信息，专栏设置法定主动公开内容、政府信息公开年报和依申请公开等栏目，申请人可在线提交申请并查询办理进度。`,
    `（五）监督保障。本年度因政府信息公开工作被申请行政复议${reviewTotal(rv.reconsideration)}件，被提起行政诉讼${litigation}件，对复议、诉讼中指出的问题逐项整改。政府信息公开工作纳入科室年度考核，并接受社会评议。`,
  ].join('\n');

  const problems = [
    `一是部分征地项目的补偿安置方案公开不够及时，个别项目在批复后超过20个工作日才公开。二是依申请公开答复中，区分处理的理由说明还不够具体。三是部分申请需要征求第三方意见，办理周期偏长。`,
    `改进措施：建立征地信息公开台账，由专人逐项跟踪公开时限；制定依申请公开答复书写规范，对区分处理、不予公开的理由逐项说明依据；对需要征求意见的申请，在收到申请后5个工作日内发出征求意见函。上一年度指出的“主动公开栏目更新不及时”问题已通过月度检查整改到位。`,
  ].join('\n');

  const otherText = [
    fees.notices === 0
      ? `本年度未发出信息处理费收费通知，未收取信息处理费。`
      : `依照《政府信息公开信息处理费管理办法》按量计收信息处理费：本年度发出收费通知${fees.notices}份，金额合计${fees.noticed}元；实际收取信息处理费${fees.paid}份，金额合计${fees.received}元，全额缴入国库。`,
    `本年度认真落实上级政务公开工作要点，对人大代表建议和政协提案的办理结果全部公开；开展“政府开放日”活动，邀请群众代表走进不动产登记大厅，现场听取意见建议。`,
  ].join('\n');

  report.text = { overview, problems, other: otherText };
  return report;
}
