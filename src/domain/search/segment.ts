// Chinese text → search terms (plan-notes 6): jieba's words (cutForSearch: 危房改造 gives 危房, 改造 and
// 危房改造) plus every pair of adjacent CJK characters, so a two-character query is found through the
// same GIN index as a word, whatever jieba made of the text. Latin words and numbers are kept whole,
// lower-cased. Text is NFKC-normalised first (full-width digits, Kangxi radicals from PDFs).

/** What the segmenter does (jieba's API); services/search/segmenter.ts installs the real one. */
export interface JiebaLike {
  cutForSearch(text: string, hmm?: boolean): string[];
  cut(text: string, hmm?: boolean): string[];
}

let load: (() => JiebaLike) | null = null;
let jieba: JiebaLike | null = null;

/** Installs the segmenter's loader (called once on first use; loading the dictionary is IO, so not here). */
export function installSegmenter(loader: () => JiebaLike): void {
  if (load === null) load = loader;
}

function segmenter(): JiebaLike {
  if (jieba === null) {
    if (load === null) throw new Error('domain/search/segment.ts: no segmenter installed (import services/search/segmenter.ts)');
    jieba = load();
  }
  return jieba;
}

const CJK = /\p{Script=Han}/u;
/** What a term may hold: letters and digits of any script (punctuation and symbols split terms). */
const TERM_CHARS = /[\p{L}\p{N}]+/gu;

/** NFKC, lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The adjacent-character pairs of each run of CJK characters ('补助资金' → 补助, 助资, 资金). */
export function cjkPairs(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** The words of a text (jieba), single CJK characters and punctuation left out, Latin and numbers kept. */
export function words(text: string): string[] {
  const norm = normalizeText(text);
  const out: string[] = [];
  for (const token of segmenter().cutForSearch(norm, true)) {
    for (const term of token.match(TERM_CHARS) ?? []) {
      if (CJK.test(term) && [...term].length < 2) continue;
      out.push(term);
    }
  }
  return out;
}

/**
 * Every term of a text for the index: character pairs first (in text order, so adjacent characters have
 * adjacent positions and a phrase query `危房 <-> 房改` finds them), then words (duplicates kept: they
 * weigh in the rank).
 */
export function indexTerms(text: string): string[] {
  return [...cjkPairs(normalizeText(text)), ...words(text)];
}

/** Texts longer than this are indexed on their first part only (the whole is kept and shown). */
export const INDEXED_TEXT_MAX = 400_000;

/**
 * A document's term string for to_tsvector('simple', …): the index terms of the text (of its first
 * INDEXED_TEXT_MAX characters), space-separated; each holds letters and digits only, so the parser does not
 * split them further.
 */
export function termString(text: string): string {
  return indexTerms(text.slice(0, INDEXED_TEXT_MAX)).join(' ');
}

/**
 * A term string with every term prefixed by `scope` (letters and digits, ending in a letter: a12x), so that
 * the documents of one scope (an agency's applications) have posting lists of their own in a shared GIN
 * index: a word common across a province costs a search only its matches in the one agency.
 */
export function scopeTerms(terms: string, scope: string): string {
  return terms
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => scope + t)
    .join(' ');
}

/** The distinct single CJK characters of a short text (a title): what a one-character query looks up. */
export function cjkChars(text: string): string[] {
  return [...new Set(normalizeText(text).match(/\p{Script=Han}/gu) ?? [])];
}

/** A query's CJK run cut into words (jieba's plain cut: 关于农村危房改造的通知 → 关于, 农村, 危房改造, 的, 通知). */
export function cutWords(run: string): string[] {
  return segmenter().cut(normalizeText(run), true).filter((w) => w.trim() !== '');
}
