// The year's 更正 requests as the annual report states them (the reading of docs/ARCHITECTURE.md, "更正
// requests in the annual report"): not 政府信息公开申请, so not in table 三; one sentence in section 六
// (其他需要报告的事项) with the number received in the year and what became of them. Pure.

import { AMENDMENT_DECISIONS, AMENDMENT_DECISION_SHORT } from './vocab.ts';
import type { AmendmentDecision } from './vocab.ts';

/** The requests received in a year, by what became of them as of the year's end. */
export interface AmendmentYear {
  year: number;
  received: number;
  /** decided by 31 December, by decision */
  decided: Record<AmendmentDecision, number>;
  /** still open at the year's end (decided later, or not yet) */
  open: number;
  /** the requests counted (the draft's source links) */
  ids: number[];
}

/** The sentence of section 六 (without the closing 。), or null when the year had none (nothing to report). */
export function amendmentSentence(y: AmendmentYear, self: string): string | null {
  if (y.received === 0) return null;
  const outcomes = AMENDMENT_DECISIONS.filter((d) => y.decided[d] > 0).map((d) => `${AMENDMENT_DECISION_SHORT[d]}${y.decided[d]}件`);
  const parts = [`${y.year}年，${self}收到公民、法人或者其他组织依据《中华人民共和国政府信息公开条例》第四十一条提出的政府信息更正申请${y.received}件（不属于政府信息公开申请，未计入本报告第三部分）`];
  if (outcomes.length > 0) parts.push(`其中${outcomes.join('、')}`);
  if (y.open > 0) parts.push(`截至年底尚在办理${y.open}件`);
  return parts.join('，');
}
