// The date a report was published, when its text says so: a web page's 发布日期/发布时间 line (copied with
// the report, or in its HTML), e.g. “信息来源:兴化市大营镇 发布日期:2024-01-20 09:19”. Only a labelled
// date counts: the 落款 date at the end is the date the report was written, not when it went out, so an
// unlabelled date gives nothing (the office enters the date it establishes). Pure.

import { fromYmd, toIsoDate } from '../../calendar/dates.ts';

const LABELLED = /(?:发布日期|发布时间|发布于|公开日期|发文日期|信息时间|更新时间)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/u;

/** YYYY-MM-DD of the first labelled publication date in the head or tail of the text; null if none. */
export function findPublishedOn(text: string): string | null {
  const parts = text.length <= 8_000 ? [text] : [text.slice(0, 5_000), text.slice(-3_000)];
  for (const part of parts) {
    const m = LABELLED.exec(part.normalize('NFKC'));
    if (!m) continue;
    const day = fromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day !== null) return toIsoDate(day);
  }
  return null;
}
