// The demo's 投诉、举报 (条例第五十一条), dated back from `today`: filed on the demo agency's column against
// it, received by the city above it (示范市人民政府, whose 政务公开办 handles them) — one assigned and
// answered 部分属实 with a 责任追究, one still open — through the services the visitor and the office use.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import { answerComplaint, assignComplaint, fileComplaint } from '../complaints/write.ts';
import { Refused } from '../transactions.ts';

/** Files, assigns and answers the demo's complaints against the agency; returns how many. */
export async function loadDemoComplaints(
  db: Kysely<DB>,
  against: { id: number; name: string },
  options: { today: string; calendar: WorkingCalendar; stamp: (date: string, k: number) => string; officeUserId: number },
): Promise<number> {
  const today = parseIsoDate(options.today) as number;
  const day = (ago: number) => toIsoDate(today - ago);
  const office = (on: string, k: number) => ({ actor: 'demo-oversight', now: options.stamp(on, k), today: on, calendar: options.calendar, audit: { userId: options.officeUserId, ip: null, via: 'web' as const } });

  const answered = await fileComplaint(
    db,
    against,
    { kind: 'complaint', complainantName: '孙立', contact: '13900000055', text: '本人于今年向该局申请公开某地块的征收补偿方案，已超过20个工作日仍未收到答复，也没有收到延长答复期限的告知。' },
    { now: options.stamp(day(40), 32), calendar: options.calendar },
  );
  if (!answered.ok) throw new Refused(answered.error);
  const id = answered.value.complaint.id;
  const receiver = answered.value.complaint.receivingAgencyId;
  const assigned = await assignComplaint(db, receiver, id, { assignee: '政务公开办 周科长' }, office(day(39), 33));
  if (!assigned.ok) throw new Refused(assigned.error);
  const done = await answerComplaint(
    db,
    receiver,
    id,
    {
      answeredOn: day(28),
      answer: '经调查，该局收到申请后因经办人员调整未按期答复，投诉反映的情况部分属实；该局已于调查期间作出答复。已责令该局健全依申请公开办理台账和期限提醒。',
      result: 'partly',
      accountability: '对负有责任的经办人员进行约谈，责令作出书面检查。',
    },
    office(day(28), 34),
  );
  if (!done.ok) throw new Refused(done.error);

  const open = await fileComplaint(
    db,
    against,
    { kind: 'report', complainantName: '钱敏', contact: 'qianmin@example.com', text: '该局政府信息公开专栏的“法定主动公开内容”中，行政处罚结果已有半年未更新。' },
    { now: options.stamp(day(3), 35), calendar: options.calendar },
  );
  if (!open.ok) throw new Refused(open.error);
  return 2;
}
