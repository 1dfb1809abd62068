// A person's search query → what the index is asked: the tsquery text (each CJK run as the AND of its
// character pairs, so "补助资金" finds 补助资金 and not 补助…资金 far apart only by rank; Latin words and
// numbers as themselves), the terms to highlight, and an exact 文号 or 索引号 to look up on its own
// b-tree index. Pure.

import { docNumberKey, extractDocNumber } from '../catalogue/doc-number.ts';
import { cjkPairs, normalizeText } from './segment.ts';

export interface ParsedQuery {
  /** to_tsquery('simple', …) text; '' when the query has no searchable term */
  tsquery: string;
  /** the query's words as typed (NFKC, lower case), longest first: what a snippet marks */
  highlight: string[];
  /** the 文号 key to look up exactly (or as the tail of a 文号: 〔2024〕3号), or null; its terms are not in tsquery */
  docNumberKey: string | null;
  /** the query as a whole, for an exact 索引号 lookup */
  exact: string;
  /** single CJK characters (no pair to look up): matched in titles only */
  singles: string[];
}

export const QUERY_MAX = 100;

/** Escapes nothing: terms hold only letters and digits (the tsquery syntax characters cannot appear). */
function term(t: string): string {
  return t.replace(/[^\p{L}\p{N}]/gu, '');
}

export function parseQuery(text: string): ParsedQuery {
  const raw = text.slice(0, QUERY_MAX).trim();
  const doc = extractDocNumber(raw);
  const norm = normalizeText(doc === null ? raw : doc.rest);
  const groups: string[] = [];
  const highlight: string[] = [];
  const singles: string[] = [];
  for (const token of norm.match(/[\p{L}\p{N}]+/gu) ?? []) {
    // a token mixes scripts ('2024年'): its CJK runs as pairs, the rest as words
    for (const part of token.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (/\p{Script=Han}/u.test(part)) {
        const pairs = cjkPairs(part);
        if (pairs.length === 0) singles.push(part);
        else groups.push(pairs.map(term).join(' & '));
        highlight.push(part);
      } else {
        const t = term(part);
        if (t !== '') {
          groups.push(t);
          highlight.push(t);
        }
      }
    }
  }
  const unique = [...new Set(groups)].filter((g) => g !== '');
  return {
    tsquery: unique.map((g) => (g.includes('&') ? `(${g})` : g)).join(' & '),
    highlight: [...new Set(highlight)].sort((a, b) => b.length - a.length),
    docNumberKey: doc === null ? null : docNumberKey(doc.docNumber),
    exact: raw,
    singles,
  };
}

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * A snippet of `text` around the first of the terms, about `width` characters, split into marked and
 * plain segments (the view renders <mark>; no HTML is made here). Case- and width-insensitive.
 */
export function snippet(text: string, terms: readonly string[], width = 120): Segment[] {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (plain === '') return [];
  const folded = normalizeText(plain);
  // NFKC can change lengths (rare: ligatures, ㈱); when it does, mark nothing rather than mark wrongly
  const aligned = folded.length === plain.length;
  let first = -1;
  if (aligned) for (const t of terms) {
    const i = folded.indexOf(t);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(plain.length, start + width);
  const window = plain.slice(start, end);
  const foldedWindow = folded.slice(start, end);
  const marks = new Array<boolean>(window.length).fill(false);
  if (aligned) for (const t of terms) {
    if (t === '') continue;
    for (let i = foldedWindow.indexOf(t); i >= 0; i = foldedWindow.indexOf(t, i + 1)) for (let k = i; k < i + t.length && k < marks.length; k++) marks[k] = true;
  }
  const out: Segment[] = [];
  if (start > 0) out.push({ text: '…', mark: false });
  let i = 0;
  while (i < window.length) {
    let j = i;
    while (j < window.length && marks[j] === marks[i]) j++;
    out.push({ text: window.slice(i, j), mark: marks[i]! });
    i = j;
  }
  if (end < plain.length) out.push({ text: '…', mark: false });
  return out;
}
