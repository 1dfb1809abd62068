// What the demo's office enters on 年报素材 for its report year, and its figures of table 二 entered on
// 年报数据: the facts only a person can tell (the open day and the suggestions it collected, training,
// supervision, platforms, 建议提案, problems and measures, the opening words of 一) and 行政许可、处罚、
// 强制、收费 as the bureau's other systems would give them. All fictitious. Pure: the writes are
// report-records.ts's.

import type { FactKind } from '../../domain/report/facts/kinds.ts';

/** A fact as the 年报素材 form takes it (strings); `under`: the index of its event (a suggestion). */
export interface DemoFact {
  kind: FactKind;
  values: Record<string, string>;
  under?: number;
}

/** Table 二 第二十条第（五）（六）（八）项 of the year: decisions in 件, the fee in 万元 (exact decimal text). */
export const DEMO_COUNTS: readonly { kind: 'licensing' | 'punishment' | 'enforcement' | 'fees'; value: string }[] = [
  { kind: 'licensing', value: '86' },
  { kind: 'punishment', value: '35' },
  { kind: 'enforcement', value: '8' },
  { kind: 'fees', value: '0.35' },
];

/** The facts of `year`, in the order a clerk enters them (an event before its suggestions). */
export function demoFacts(year: number): DemoFact[] {
  const on = (md: string) => `${year}-${md}`;
  const facts: DemoFact[] = [
    { kind: 'profile', values: { selfName: '我局', shortName: '市自然资源和规划局', officeName: '局办公室' } },
    { kind: 'note', values: { section: 'overview', text: '围绕国土空间规划、土地征收、矿产资源管理等群众关注的重点领域，持续加大主动公开力度，规范办理政府信息公开申请' } },
    {
      kind: 'event',
      values: {
        name: '政府开放日',
        theme: '走进不动产登记大厅',
        date: on('05-20'),
        participants: '32',
        invitees: '人大代表、政协委员、企业和群众代表',
        forms: '实地参观、座谈交流',
        effect: '让群众进一步了解不动产登记和征地信息公开工作，现场听取意见建议',
      },
    },
  ];
  const event = facts.length - 1;
  facts.push(
    { kind: 'suggestion', under: event, values: { text: '征收土地公告应同时在村务公开栏张贴', rectification: '已在征收土地公告发布后同步张贴至所涉村务公开栏', state: '已整改' } },
    { kind: 'suggestion', under: event, values: { text: '不动产登记办事指南应提供一次性告知清单', rectification: '已在专栏和登记大厅提供一次性告知清单', state: '已整改' } },
    { kind: 'suggestion', under: event, values: { text: '矿业权出让结果应集中公开便于查询', rectification: '正在建设矿业权出让信息集中公开栏目', state: '整改中' } },
    { kind: 'training', values: { topic: '《中华人民共和国政府信息公开条例》和依申请公开答复规范', date: on('04-16'), participants: '45', note: '各科室和直属单位信息公开工作人员参加' } },
    { kind: 'supervision', values: { type: '制度建设', what: '落实公开属性源头认定和保密审查制度，公文在拟制时即确定公开属性', date: '', outcome: '涉及个人信息和商业秘密的作区分处理' } },
    { kind: 'supervision', values: { type: '监督检查', what: '每月检查政府信息公开专栏栏目更新情况', date: '', outcome: '对检查发现的问题当月通报、限期整改', found: '7', rectified: '7' } },
    { kind: 'supervision', values: { type: '工作考核', what: '将政府信息公开工作纳入科室年度考核', date: '', outcome: '考核结果作为科室评先评优的依据' } },
    { kind: 'platform', values: { name: '示范市人民政府门户网站', type: '政府网站', catalogue: '1', hosting: 'parent', purpose: '', description: '' } },
    {
      kind: 'platform',
      values: { name: '本局政府信息公开专栏', type: '政府网站', catalogue: '1', hosting: 'own', purpose: '', description: '设置法定主动公开内容、政府信息公开年报和依申请公开等栏目，申请人可在线提交申请并查询办理进度' },
    },
    {
      kind: 'platform',
      values: { name: '示范市自然资源局微信公众号', type: '政务新媒体', catalogue: '', purpose: '为及时解读自然资源政策', description: '由办公室专人维护，发布前经科室负责人初审、办公室复审', posts: '186' },
    },
    { kind: 'proposal', values: { type: '人大代表建议', title: '', handled: '6', disclosed: '6' } },
    { kind: 'proposal', values: { type: '政协提案', title: '', handled: '4', disclosed: '4' } },
    { kind: 'problem', values: { origin: 'current', text: '部分征地项目的补偿安置方案公开不够及时，个别项目在批复后超过20个工作日才公开', followUp: '', state: '' } },
    { kind: 'problem', values: { origin: 'current', text: '依申请公开答复中，区分处理和不予公开的理由说明还不够具体', followUp: '', state: '' } },
    { kind: 'problem', values: { origin: 'current', text: '部分申请需要征求第三方意见，办理周期偏长', followUp: '', state: '' } },
    { kind: 'measure', values: { text: '建立征地信息公开台账，由专人逐项跟踪公开时限' } },
    { kind: 'measure', values: { text: '制定依申请公开答复书写规范，对区分处理、不予公开的理由逐项说明依据' } },
    { kind: 'measure', values: { text: '对需要征求意见的申请，在收到申请后5个工作日内发出征求意见函' } },
  );
  return facts;
}

/** The clerk's words before the drafted opening of 一: the report says it is the demo's. */
export const DEMO_MARKER = '【示范数据】本报告由 gongkai demo 生成，机关、数据和事例均为虚构。';
