// What the demo's applicants ask and how the agency answers: the places and people a request names,
// the topics of a natural-resources bureau with their likely outcomes, and the reply notice's
// reasons and delivery details for each outcome.

import type { Outcome } from '../../domain/applications/types.ts';
import type { Consultee, DocumentKind } from '../../domain/documents/templates.ts';
import type { FeeQuote } from '../../domain/fees/fees.ts';
import { DELIVERY_FORM_LABELS } from '../public-applications.ts';
import type { DeliveryForm } from '../public-applications.ts';
import { DEMO_OFFICE, DEMO_REVIEW_BODY } from './agency.ts';

/** A notice the plan issues with a step. */
export interface PlannedDocument {
  kind: DocumentKind;
  values: Record<string, string>;
  outcome?: Outcome;
  consultee?: Consultee;
  fee?: FeeQuote;
}

export const VILLAGES = ['东湖村', '南岗村', '柳营村', '石桥村', '青山村', '河西村', '杨家坪村', '双井村', '白鹭村', '北塘村'];
export const PROJECTS = ['滨江花园三期', '锦绣华庭', '示范市第二中学扩建', '城北污水处理厂', '金桥物流园', '高新区人才公寓', '西湖路棚户区改造'];
export const MINES = ['西山石灰岩矿', '北岭建筑用砂石矿', '龙潭花岗岩矿', '东坡页岩矿'];
export const AREAS = ['滨江新城', '高新区', '老城区', '河西片区', '青山街道', '石桥镇'];
export const ROADS = ['人民路', '建设路', '解放路', '滨江大道', '文化路', '朝阳路', '新华街'];
export const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
export const GIVEN = ['建国', '秀英', '志强', '丽华', '海涛', '桂芳', '晓东', '玉兰', '文博', '春梅', '国庆', '红霞', '俊杰', '淑珍', '德明', '雪梅', '立新', '婷'];
export const FIRMS = ['恒信', '安澜', '鼎盛', '华岳', '瑞丰', '宏达', '兴业', '嘉禾'];

export interface Topic {
  request: (r: RequestParts) => string;
  /** outcome, weight */
  outcomes: readonly (readonly [Outcome, number])[];
  weight: number;
  /** may involve a third party (a consultation is plausible) */
  consult?: 'third_party' | 'other_agency';
  /** who holds it when this agency does not (NOT_HELD replies name them) */
  holder?: string;
}

/** What a request names: a village, a project, a mine, an area, a year, a person. */
export interface RequestParts {
  village: string;
  project: string;
  mine: string;
  area: string;
  year: number;
  person: string;
}

export const TOPICS: readonly Topic[] = [
  {
    request: (r) => `${r.village}集体土地征收补偿安置方案及征地补偿费用明细`,
    outcomes: [['OPEN_PROVIDE', 4], ['PARTIAL', 3], ['OPEN_ALREADY_PUBLIC', 2], ['NOT_HELD', 1]],
    weight: 14,
    holder: '示范市人民政府（征收实施单位为所在区人民政府）',
  },
  {
    request: (r) => `${r.year}年${r.village}土地征收的征地批复文件和征收土地预公告、征收土地公告`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 4], ['OPEN_PROVIDE', 3], ['NOT_HELD', 1]],
    weight: 10,
    holder: '所在区人民政府',
  },
  {
    request: (r) => `${r.project}项目的建设工程规划许可证及附图`,
    outcomes: [['OPEN_PROVIDE', 4], ['PARTIAL', 2], ['DENY_THIRD_PARTY', 1]],
    weight: 10,
    consult: 'third_party',
  },
  {
    request: (r) => `${r.project}项目的建设用地规划许可证、规划条件及总平面图`,
    outcomes: [['OPEN_PROVIDE', 3], ['OPEN_ALREADY_PUBLIC', 2], ['NOT_HELD', 1]],
    weight: 7,
    consult: 'third_party',
    holder: '示范市行政审批服务局',
  },
  {
    request: (r) => `${r.area}${r.person}名下房屋的不动产登记簿及登记原始资料`,
    outcomes: [['DENY_ADMIN_QUERY', 3], ['NOT_HELD', 2]],
    weight: 6,
    holder: '示范市不动产登记中心',
  },
  {
    request: (r) => `${r.mine}采矿权出让合同及采矿权出让收益评估报告`,
    outcomes: [['PARTIAL', 3], ['OPEN_PROVIDE', 2], ['DENY_THIRD_PARTY', 1], ['OPEN_THIRD_PARTY_OVERRIDE', 1]],
    weight: 7,
    consult: 'third_party',
  },
  {
    request: (r) => `${r.mine}矿业权出让公告及成交结果`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 3], ['OPEN_PROVIDE', 1]],
    weight: 4,
  },
  {
    request: (r) => `${r.area}${r.project}地块的国有建设用地使用权出让合同`,
    outcomes: [['OPEN_PROVIDE', 2], ['PARTIAL', 2]],
    weight: 5,
    consult: 'third_party',
  },
  {
    request: (r) => `${r.village}违法占用耕地建房的行政处罚决定书`,
    outcomes: [['OPEN_PROVIDE', 2], ['DENY_ENFORCEMENT_FILE', 1], ['NOT_HELD', 1]],
    weight: 5,
    holder: '所在镇人民政府（街道办事处）',
  },
  {
    request: (r) => `${r.area}控制性详细规划及其批复文件`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 3], ['OPEN_PROVIDE', 1]],
    weight: 5,
    consult: 'other_agency',
  },
  {
    request: (r) => `${r.village}${r.person}户的宅基地审批材料`,
    outcomes: [['NOT_HELD', 2], ['OPEN_PROVIDE', 2]],
    weight: 5,
    holder: '所在镇人民政府',
  },
  {
    request: (r) => `${r.project}地块的土壤污染状况调查报告`,
    outcomes: [['NOT_HELD', 3]],
    weight: 3,
    holder: '示范市生态环境局',
  },
  {
    request: () => '示范市国土空间总体规划（2021—2035年）的规划文本及图件',
    outcomes: [['OPEN_ALREADY_PUBLIC', 3]],
    weight: 3,
  },
  {
    request: (r) => `${r.village}地质灾害隐患点分布情况及防治方案`,
    outcomes: [['OPEN_ALREADY_PUBLIC', 2], ['OPEN_PROVIDE', 1]],
    weight: 3,
  },
  {
    request: (r) => `研究${r.village}征地拆迁问题的局党组会议纪要和向市政府的请示报告`,
    outcomes: [['DENY_PROCESS_INFO', 2], ['NOT_HELD', 1]],
    weight: 3,
  },
  {
    request: (r) => `要求查处${r.village}村干部违规出租集体土地的问题，并书面答复处理结果`,
    outcomes: [['REJECT_PETITION', 1]],
    weight: 2,
  },
  {
    request: () => '近五年全市各乡镇征收土地面积、补偿金额的统计汇总及分析报告',
    outcomes: [['NEEDS_CREATION', 2], ['NOT_HELD', 1]],
    weight: 2,
  },
  {
    request: (r) => `再次申请公开${r.village}集体土地征收补偿安置方案（本机关已于此前作出答复）`,
    outcomes: [['REJECT_REPEAT', 1]],
    weight: 1,
  },
  {
    request: (r) => `本人已获取的《${r.village}征地补偿协议》，要求重新出具并加盖本机关公章`,
    outcomes: [['REJECT_CONFIRM_REISSUE', 1]],
    weight: 1,
  },
  {
    request: (r) => `局机关${r.year}年度干部考核结果及公务接待费支出明细`,
    outcomes: [['DENY_INTERNAL_AFFAIRS', 1], ['PARTIAL', 1]],
    weight: 1,
  },
];

/** The reason a reply gives, by outcome (the finding and decision are the template's). */
function replyReason(outcome: Outcome, topic: Topic): string {
  switch (outcome) {
    case 'PARTIAL':
      return '其中涉及其他权利人的姓名、身份证号码、银行账号及商业秘密等内容，公开会对第三方合法权益造成损害';
    case 'DENY_THIRD_PARTY':
      return '经书面征求第三方意见，第三方以涉及其商业秘密为由不同意公开且理由合理，不公开不会对公共利益造成重大影响';
    case 'DENY_PROCESS_INFO':
      return '您申请的会议纪要和请示报告是本机关内部研究、讨论形成的过程性信息，不属于应当公开的政府信息';
    case 'DENY_INTERNAL_AFFAIRS':
      return '干部考核结果属于本机关人事管理方面的内部事务信息';
    case 'DENY_ENFORCEMENT_FILE':
      return '您申请的材料属于行政执法案卷中的调查笔录、内部审批材料等，处罚决定书已依法主动公开';
    case 'DENY_ADMIN_QUERY':
      return '不动产登记资料的查询依照《不动产登记暂行条例》及其实施细则和《不动产登记资料查询暂行办法》办理，请持本人身份证明到示范市不动产登记中心申请查询';
    case 'NOT_HELD':
      return `经检索本机关档案和业务系统，未查找到您申请获取的政府信息；该信息可能由${topic.holder ?? '其他机关'}制作或者保存，您可以向其咨询`;
    case 'NEEDS_CREATION':
      return '本机关没有现成的统计汇总和分析报告，提供该信息需要对现有资料进行汇总、加工、分析';
    case 'UNCLEAR_AFTER_CORRECTION':
      return '补正后的申请仍未说明所需政府信息的名称、文号或者所涉地块、项目的位置等特征性描述';
    case 'REJECT_PETITION':
      return '您的申请实质是要求本机关查处违法行为并答复处理结果，属于信访、投诉、举报事项，请通过信访或者12345政务服务便民热线等渠道反映';
    case 'REJECT_REPEAT':
      return '本机关已就相同内容的申请作出答复，您本次申请的内容与此前相同';
    case 'REJECT_CONFIRM_REISSUE':
      return '您的申请系要求本机关对已获取的信息进行确认或者重新出具';
    default:
      return '（示范数据）';
  }
}

function deliveryValues(form: DeliveryForm, outcome: Outcome): Record<string, string> {
  if (outcome === 'OPEN_ALREADY_PUBLIC') {
    return { deliveryMethod: '自行查阅、下载', deliveryPlace: '示范市人民政府门户网站及本机关“政府信息公开”专栏', deliveryTime: '即时可查' };
  }
  const place: Record<DeliveryForm, string> = {
    email: '发送至您在申请中提供的电子邮箱',
    paper_post: '邮寄至您在申请中提供的通信地址',
    disc_post: '邮寄至您在申请中提供的通信地址',
    paper_pickup: DEMO_OFFICE,
    on_site: DEMO_OFFICE,
  };
  const time: Record<DeliveryForm, string> = {
    email: '与本告知书一并发送',
    paper_post: '与本告知书一并邮寄',
    disc_post: '与本告知书一并邮寄',
    paper_pickup: '自收到本告知书之日起10个工作日内的工作时间',
    on_site: '自收到本告知书之日起10个工作日内的工作时间',
  };
  return { deliveryMethod: DELIVERY_FORM_LABELS[form], deliveryPlace: place[form], deliveryTime: time[form] };
}

export function replyDocument(outcome: Outcome, topic: Topic, form: DeliveryForm): PlannedDocument {
  return {
    kind: 'reply',
    outcome,
    values: {
      reviewBody: DEMO_REVIEW_BODY,
      reason: replyReason(outcome, topic),
      ...deliveryValues(form, outcome),
      disclosedPart: '除下列不予公开的内容以外的其余部分',
      withheldPart: '其中涉及其他权利人的个人信息和商业秘密的内容',
      withheldBasis: '条例第十五条、第三十七条',
    },
  };
}