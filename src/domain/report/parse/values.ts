// Reading one table cell's figure. A cell is a number, a blank (empty, '/', '-', '—', 无), or not a
// figure at all (a label or prose). Nothing here guesses: a cell that is not plainly a figure is text.

export type CellValue =
  | { kind: 'number'; value: number; raw: string; unit: string | null; signed: boolean }
  | { kind: 'blank'; raw: string };

const BLANK = /^(?:[\/／\\＼\-－—–‐‑_＿~～·.。…]+|无|空|暂无|N\/?A)$/i;
/** The common case, read without normalising: a plain count. */
const PLAIN = /^(?:0|[1-9][0-9]{0,8})$/;
const NUMBER = /^([+\-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(件|个|项|条|次|起|宗|人次|万元|元)?$/;

/** The figure in a cell's text, a blank, or null when the text is not a figure. */
export function readValue(text: string): CellValue | null {
  if (PLAIN.test(text)) return { kind: 'number', value: Number(text), raw: text, unit: null, signed: false };
  const t = text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
  if (t.length === 0 || BLANK.test(t)) return { kind: 'blank', raw: t };
  if (t.length > 24) return null;
  const m = NUMBER.exec(t);
  if (!m) return null;
  const digits = (m[2] ?? '').replace(/,/g, '') + (m[3] ?? '');
  const value = Number(digits) * (m[1] === '-' ? -1 : 1);
  if (!Number.isFinite(value)) return null;
  return { kind: 'number', value: value === 0 ? 0 : value, raw: t, unit: m[4] ?? null, signed: m[1] !== '' };
}
