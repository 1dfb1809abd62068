// Why an import is refused, in Chinese: a Refusal carries the message for the user; database errors are
// described by their SQLSTATE (db/errors.ts).

import { dbErrorCode } from '../../db/errors.ts';

/** An expected refusal: its message is shown as it is. */
export class Refusal extends Error {}

export function describeDbFailure(e: unknown): string {
  const err = dbErrorCode(e);
  switch (err?.code) {
    case 'UNIQUE_VIOLATION':
      return `归档中有重复的记录（违反唯一约束 ${err.constraint ?? ''}）`;
    case 'FOREIGN_KEY_VIOLATION':
      return `归档中有记录引用了不存在的上级记录（违反外键约束 ${err.constraint ?? ''}）`;
    case 'CHECK_VIOLATION':
      return `归档中有取值不合规定的记录（违反检查约束 ${err.constraint ?? ''}）`;
    case 'NOT_NULL_VIOLATION':
      return `归档中有必填字段为空（${err.table ?? ''}.${err.column ?? ''}）`;
    default:
      return `数据库拒绝写入：${e instanceof Error ? e.message : String(e)}`;
  }
}
