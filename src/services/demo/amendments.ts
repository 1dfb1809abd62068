// The demo agency's 更正 requests (条例第四十一条), dated back from `today`: one corrected (a 宗地 record's
// 权利人 name), one transferred to the competent 不动产登记 agency, one still open — registered and
// decided through the services a user works with.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import { decideAmendment, registerAmendment } from '../amendments/write.ts';
import type { AmendmentInput, DecisionInput } from '../../domain/amendments/inputs.ts';
import { Refused } from '../transactions.ts';

interface Planned {
  daysAgo: number;
  input: Omit<AmendmentInput, 'receivedOn'>;
  decision?: { daysAgo: number } & Omit<DecisionInput, 'decidedOn'>;
}

const PLANNED: readonly Planned[] = [
  {
    daysAgo: 45,
    input: {
      requesterName: '王建国',
      requesterContact: '电话：13900000011',
      record: '本局主动公开的《2025年第3批次集体土地征收补偿安置公告》附表中被征收人名单',
      inaccuracy: '附表第12行被征收人姓名写作“王建囯”',
      requested: '更正为“王建国”',
      evidence: '居民身份证复印件1份；村民委员会出具的证明1份',
      handler: '演示经办人',
    },
    decision: { daysAgo: 35, decision: 'amended', note: '已在公开目录中发布更正后的附表，原附表标注“已更正”' },
  },
  {
    daysAgo: 30,
    input: {
      requesterName: '示范市某置业有限公司',
      requesterContact: '联系人：李女士，电话：0951-0000000',
      record: '不动产登记簿中某小区3号楼的抵押登记信息',
      inaccuracy: '抵押登记已于2025年注销，查询结果仍显示抵押',
      requested: '更正为已注销',
      evidence: '抵押权注销登记证明复印件1份',
    },
    decision: { daysAgo: 26, decision: 'transferred', authority: '示范市不动产登记中心', note: '' },
  },
  {
    daysAgo: 4,
    input: {
      requesterName: '赵丽',
      requesterContact: '电子邮箱：zhaoli@example.com',
      record: '本局公开的《示范村村庄规划（2021—2035年）》批复文件所附的权属调查表',
      inaccuracy: '表中申请人家庭宅基地面积记为120平方米',
      requested: '更正为156平方米',
      evidence: '2019年宅基地使用权证复印件1份',
    },
  },
];

/** Registers (and decides) the demo's 更正 requests; returns how many. */
export async function loadDemoAmendments(db: Kysely<DB>, agencyId: number, options: { today: string; calendar: WorkingCalendar; stamp: (date: string, k: number) => string }): Promise<number> {
  const today = parseIsoDate(options.today) as number;
  const day = (ago: number) => toIsoDate(today - ago);
  for (const p of PLANNED) {
    const receivedOn = day(p.daysAgo);
    const registered = await registerAmendment(db, agencyId, { ...p.input, receivedOn }, { actor: 'demo-handler', now: options.stamp(receivedOn, 30), today: receivedOn, calendar: options.calendar });
    if (!registered.ok) throw new Refused(registered.error);
    if (p.decision) {
      const { daysAgo, ...decision } = p.decision;
      const on = day(daysAgo);
      const decided = await decideAmendment(db, agencyId, registered.value.id, { ...decision, decidedOn: on }, { actor: 'demo-handler', now: options.stamp(on, 31), today: on, calendar: options.calendar });
      if (!decided.ok) throw new Refused(decided.error);
    }
  }
  return PLANNED.length;
}
