// 文号 (e.g. 示范自然资规〔2024〕3号) as typed by people: 〔〕, [], ［］, 【】, （）, ﹝﹞ and () all appear for
// the year's brackets, with full-width digits and stray spaces. The key folds them so an exact lookup
// finds the document however its 文号 was typed.

const BRACKETS: Record<string, string> = {
  '〔': '[', '〕': ']', '［': '[', '］': ']', '【': '[', '】': ']', '（': '[', '）': ']', '(': '[', ')': ']', '﹝': '[', '﹞': ']', '[': '[', ']': ']', '〖': '[', '〗': ']',
};

/** The lookup key of a 文号: NFKC, brackets as [ ], no white space. '' for none. */
export function docNumberKey(docNumber: string): string {
  let out = '';
  for (const ch of docNumber.normalize('NFKC')) {
    if (/\s/u.test(ch)) continue;
    out += BRACKETS[ch] ?? ch;
  }
  return out;
}

const DOC_NUMBER = /[\p{Script=Han}A-Za-z]*\s*[[\]〔〕［］【】﹝﹞()（）]\s*\d{4}\s*[[\]〔〕［］【】﹝﹞()（）]\s*\d+\s*号/u;

/**
 * The 文号 (or the tail of one: 〔2024〕3号) a query holds, or null: 示范自然资规〔2024〕3号, [2024]3号.
 * `tail` is the part from the year's bracket on (what the tail lookup uses); `prefix` what stood before
 * it (示范自然资规, or words typed before a bare tail); `rest` the query without the whole match.
 */
export function extractDocNumber(query: string): { docNumber: string; tail: string; prefix: string; rest: string } | null {
  const norm = query.normalize('NFKC');
  const m = DOC_NUMBER.exec(norm);
  if (m === null) return null;
  const docNumber = m[0].trim();
  const bracket = docNumber.search(/[[\]〔〕［］【】﹝﹞()（）]/u);
  return {
    docNumber,
    tail: docNumber.slice(bracket),
    prefix: docNumber.slice(0, bracket).trim(),
    rest: (norm.slice(0, m.index) + ' ' + norm.slice(m.index + m[0].length)).trim(),
  };
}

/** Whether a query holds a 文号 or the tail of one. */
export function looksLikeDocNumber(query: string): boolean {
  return extractDocNumber(query) !== null;
}
