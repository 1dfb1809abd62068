// The steps of the handling in Chinese: for buttons, the history, and messages naming a step or its date.

import type { EventType } from './types.ts';

/** The steps in Chinese, for buttons, the history and messages. */
export const EVENT_LABELS: Record<EventType, string> = {
  register: '登记申请',
  assign: '分配承办人',
  request_correction: '发出补正告知',
  receive_correction: '收到补正材料',
  lapse_correction: '逾期未补正',
  start_consultation: '征求意见',
  end_consultation: '收到征求意见答复',
  approve_extension: '批准延期答复',
  send_fee_notice: '发出收费通知',
  receive_fee_notice: '登记收费通知送达',
  record_payment: '登记缴费',
  lapse_fee: '逾期未缴费',
  reply: '作出答复',
  correct_reply: '更正答复',
  withdraw: '申请人撤回申请',
  deliver: '送达答复',
  archive: '归档',
  suggest_proactive: '登记申请人关于纳入主动公开的建议',
};

/** The date of each step, named in Chinese for messages ("答复日期不能早于收到申请日期"). */
export const EVENT_DATE_LABELS: Record<EventType, string> = {
  register: '登记日期',
  assign: '分配日期',
  request_correction: '补正告知日期',
  receive_correction: '收到补正材料日期',
  lapse_correction: '逾期未补正的认定日期',
  start_consultation: '征求意见日期',
  end_consultation: '收到征求意见答复日期',
  approve_extension: '批准延期日期',
  send_fee_notice: '收费通知日期',
  receive_fee_notice: '申请人收到收费通知日期',
  record_payment: '缴费日期',
  lapse_fee: '逾期未缴费的认定日期',
  reply: '答复日期',
  correct_reply: '更正答复日期',
  withdraw: '撤回日期',
  deliver: '送达日期',
  archive: '归档日期',
  suggest_proactive: '收到建议日期',
};

