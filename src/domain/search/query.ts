// A person's search query → what the index is asked (plan-notes 6; generic: the catalogue now, applications
// later). Each CJK run is cut into words (jieba); common words (关于, 的, 通知 …: STOP_WORDS) split it into
// units, and each unit must be found as the AND of its character pairs (so 危房改造 needs 危房, 房改 and
// 改造, not 危…房 apart); Latin words and numbers stand as themselves. Besides the match: a phrase form
// (the pairs of a unit adjacent, `危房 <-> 房改 <-> 改造`) that ranks contiguous text first, a rank form
// (every unit, stop words too, OR-ed), the words to highlight, and an exact 文号 (or its tail 〔2024〕3号)
// or 索引号 to look up on their own b-tree indexes. A query of single characters only (桥) is looked up
// among titles' characters. Shared by every search (plan-notes 6): the catalogue ranks (tsquery, phrase,
// rank); a list that is not ranked, such as the applications (#16), filters with filterQuery (contiguous
// units, prefixes of numbers); both look up an exact key (exactKey) on a b-tree first. Pure.

import { docNumberKey, extractDocNumber } from '../catalogue/doc-number.ts';
import { cjkPairs, cutWords, normalizeText } from './segment.ts';

export interface ParsedQuery {
  /** to_tsquery('simple', …) text that an item must match; '' when the query has no searchable term */
  tsquery: string;
  /** the same units with their pairs adjacent (`a <-> b`): a match of it ranks higher; '' when none */
  phrase: string;
  /** every unit, common words too, OR-ed: what ts_rank weighs; '' when none */
  rank: string;
  /** `tsquery` holds single characters (no pair to look up): match titles only (their characters are indexed) */
  titleOnly: boolean;
  /** the query's words (NFKC, lower case), longest first: what a snippet marks */
  highlight: string[];
  /** the whole 文号's key when the query holds one (示范农发[2024]3号), else null */
  docNumberKey: string | null;
  /** the key of the 文号's tail from the year's bracket on ([2024]3号): matched as the end of a 文号 */
  docTailKey: string | null;
  /** the query as a whole, for an exact 索引号 lookup */
  exact: string;
  /** single CJK characters of the query that are not part of a longer unit */
  singles: string[];
  /** the CJK units (two characters or more) a match requires (stop words only when nothing else) */
  units: string[];
  /** the Latin words and numbers a match requires */
  latin: string[];
  /** the single characters a match requires among a document's indexed characters (titles, names) */
  chars: string[];
}

export interface ParseOptions {
  /** take a 文号 out of the query for its own lookup (default true: the catalogue); false: its words are searched */
  docNumbers?: boolean;
}

export const QUERY_MAX = 100;

/**
 * Words too common to require (they still add to the rank): function words, and the boilerplate of
 * official documents' titles. A query of only these is searched for them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '和', '与', '及', '或', '在', '对', '为', '是', '等', '之', '其', '于', '年', '月', '日', '号', '第',
  '关于', '有关', '印发', '通知', '公告', '进一步', '做好', '开展', '工作', '我', '县', '市', '省', '请', '问',
]);

/** Keeps letters and digits only (the tsquery syntax characters cannot appear). */
function term(t: string): string {
  return t.replace(/[^\p{L}\p{N}]/gu, '');
}

function andOf(unit: string): string {
  const pairs = cjkPairs(unit).map(term);
  return pairs.length === 1 ? pairs[0]! : `(${pairs.join(' & ')})`;
}

function phraseOf(unit: string): string {
  const pairs = cjkPairs(unit).map(term);
  return pairs.length === 1 ? pairs[0]! : `(${pairs.join(' <-> ')})`;
}

export function parseQuery(text: string, options: ParseOptions = {}): ParsedQuery {
  const raw = text.slice(0, QUERY_MAX).trim();
  const doc = options.docNumbers === false ? null : extractDocNumber(raw);
  const norm = normalizeText(doc === null ? raw : doc.rest);
  const units: string[] = [];
  const stops: string[] = [];
  const latin: string[] = [];
  const parts: string[] = [];
  // a 文号's prefix (示范农发 of 示范农发〔2024〕3号) is not required (the 文号 lookup finds the item), it ranks
  const prefix = doc === null ? [] : (normalizeText(doc.prefix).match(/\p{Script=Han}{2,}/gu) ?? []);
  for (const token of norm.match(/[\p{L}\p{N}]+/gu) ?? []) {
    // a token mixes scripts ('2024年'): its CJK runs cut into units, the rest as words
    for (const part of token.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (!/\p{Script=Han}/u.test(part)) {
        const t = term(part);
        if (t !== '') latin.push(t);
        continue;
      }
      parts.push(part);
      let current = '';
      for (const w of cutWords(part)) {
        if (STOP_WORDS.has(w)) {
          if (current !== '') units.push(current);
          current = '';
          stops.push(w);
        } else current += w;
      }
      if (current !== '') units.push(current);
    }
  }
  let long = [...new Set(units.filter((u) => [...u].length >= 2))];
  const singles = [...new Set(units.filter((u) => [...u].length === 1))];
  let titleOnly = false;
  let match: string[];
  if (long.length === 0 && latin.length === 0) {
    // only common words, or single characters: search for what there is
    const stopLong = [...new Set(stops.filter((u) => [...u].length >= 2))];
    if (singles.length > 0) {
      match = singles;
      titleOnly = true;
    } else if (stopLong.length > 0) {
      long = stopLong;
      match = long.map(andOf);
    } else {
      match = [...new Set(stops)];
      titleOnly = match.length > 0;
    }
  } else match = [...long.map(andOf), ...new Set(latin)];
  const phraseUnits = titleOnly ? [] : long.filter((u) => [...u].length >= 3);
  const rankUnits = titleOnly ? match : [...new Set([...long, ...prefix, ...stops.filter((u) => [...u].length >= 2)])].map(phraseOf).concat([...new Set(latin)]);
  const highlight = titleOnly ? match : [...parts, ...long, ...latin, ...prefix];
  return {
    tsquery: [...new Set(match)].join(' & '),
    phrase: phraseUnits.length === 0 ? '' : [...phraseUnits.map(phraseOf), ...new Set(latin)].join(' & '),
    rank: [...new Set(rankUnits)].join(' | '),
    titleOnly,
    highlight: [...new Set(highlight)].filter((h) => h !== '').sort((a, b) => b.length - a.length),
    docNumberKey: doc === null ? null : docNumberKey(doc.docNumber),
    docTailKey: doc === null ? null : docNumberKey(doc.tail),
    exact: raw,
    singles,
    units: titleOnly ? [] : long,
    latin: [...new Set(latin)],
    chars: titleOnly ? [...new Set(match)] : singles,
  };
}

/** The query has nothing to look for: no term, no 文号, and no letter or digit to look up exactly. */
export function nothingToSearch(q: ParsedQuery): boolean {
  return q.tsquery === '' && q.docTailKey === null && q.rank === '' && !/[\p{L}\p{N}]/u.test(q.exact);
}

/** The query as a whole, when it may be an exact key (a 索引号, an application's 编号: they hold digits), else null. */
export function exactKey(q: ParsedQuery): string | null {
  return /\d/.test(q.exact) ? q.exact : null;
}

/**
 * A to_tsquery('simple', …) text for a list that is not ranked, close to finding each word as a substring:
 * every unit as its pairs adjacent (危房改造 as 危房 <-> 房改 <-> 改造: contiguous text), Latin words and
 * numbers as prefixes (0001 finds 00012), single characters among the characters a document indexes with
 * `charWeight` (the applicant's name). Every term is prefixed with `scope` when its documents' terms are
 * (scopeTerms in segment.ts). '' when there is nothing to require.
 */
export function filterQuery(q: ParsedQuery, charWeight: 'A' | 'B' | 'C' | 'D', scope = ''): string {
  const phrase = (unit: string) => {
    const pairs = cjkPairs(unit).map((p) => scope + term(p));
    return pairs.length === 1 ? pairs[0]! : `(${pairs.join(' <-> ')})`;
  };
  return [...q.units.map(phrase), ...latinPrefixes(q, scope), ...charsOf(q, charWeight, scope)].join(' & ');
}

/**
 * The single terms filterQuery requires (each pair, prefix, character), each a tsquery text of its own: a
 * match has every one, so the rarest bounds how many match (an estimate that does not take the pairs of a
 * word, which always come together, as independent).
 */
export function filterTerms(q: ParsedQuery, charWeight: 'A' | 'B' | 'C' | 'D', scope = ''): string[] {
  return [...new Set([...q.units.flatMap((u) => cjkPairs(u).map((p) => scope + term(p))), ...latinPrefixes(q, scope), ...charsOf(q, charWeight, scope)])];
}

const latinPrefixes = (q: ParsedQuery, scope: string): string[] => q.latin.map((w) => `${scope}${w}:*`);
const charsOf = (q: ParsedQuery, weight: string, scope: string): string[] => q.chars.map(term).filter((c) => c !== '').map((c) => `${scope}${c}:${weight}`);

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
