// Which agency a collected report file belongs to, by name (issue #13's bulk upload): the name the report
// gives itself (its title) and the file's name, normalised — full-width → half-width (NFKC), spaces and
// quotes/brackets dropped, the year and 政府信息公开工作年度报告 (and its variants) stripped — then an exact
// match on an agency's name or one of its short forms (the name without its leading place, without
// 人民政府), then a fuzzy score (character bigrams, Dice). Only an exact match on one agency is certain;
// anything else waits for the office (the review step), with the best guess suggested. Pure.

export interface MatchAgency {
  id: number;
  name: string;
}

export type MatchHow = 'exact' | 'alias' | 'fuzzy' | 'none';

export interface NameMatch {
  /** the agency matched or suggested; null when nothing comes near */
  agencyId: number | null;
  /** 0–100 */
  score: number;
  how: MatchHow;
  /** exact or alias on one agency only: filed without asking */
  certain: boolean;
  /** what was matched: the title's name or the file name (normalised) */
  matched: string;
}

/** A fuzzy score below this suggests nothing. */
export const SUGGEST_MIN = 50;

const QUOTES = /[「」『』《》〈〉“”‘’"'`()[\]{}【】〔〕（）\s·・_\-—–.,，。、:：;；!！?？]/gu;
const REPORT_WORDS =
  /(?:关于)?(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度报告|年报|工作报告|报告)(?:全文|正文|终稿|定稿|最终版|修订版|更正版)?$/u;
const LEADING_REPORT_WORDS = /^(?:关于)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度报告|年报|工作报告|报告)/u;
const BRACKETED = /\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/gu;
const YEAR = /(?:19|20)\d{2}\s*年?度?/gu;
const EXTENSION = /\.(?:txt|text|html?|docx?|pdf|json|wps|ofd)$/iu;

/** A name as compared: NFKC, no spaces or quotes, no year, no 政府信息公开工作年度报告, no file extension. */
export function normaliseName(raw: string): string {
  let s = raw.normalize('NFKC').trim().replace(EXTENSION, '');
  // a bracketed remark — （扫描件）, (终稿), 【附件】, and an agency's second name — is not the name
  s = s.replace(BRACKETED, '').replace(YEAR, '').replace(QUOTES, '');
  // the report words, after the name or (a file named “2024年度报告-某局”) before it
  for (let i = 0; i < 2; i++) s = s.replace(REPORT_WORDS, '').replace(LEADING_REPORT_WORDS, '');
  return s.replace(/^关于/u, '').replace(/的$/u, '');
}

/** A leading place name: 某某省, 某某市, 某某县, 某某区, 某某自治州 … */
const PLACE = /^.{1,12}?(?:自治区|自治州|自治县|自治旗|省|市|地区|州|盟|县|旗|区)/u;

/** The forms an agency's name is written in by reports: the full name, without its leading places, without 人民政府. */
export function aliasesOf(name: string): string[] {
  const full = normaliseName(name);
  const out = new Set<string>();
  let rest = full;
  for (let i = 0; i < 3; i++) {
    const m = PLACE.exec(rest);
    if (!m || m[0].length >= rest.length - 1) break;
    rest = rest.slice(m[0].length);
    out.add(rest);
  }
  for (const a of [full, ...out]) {
    const short = a.replace(/人民政府$/u, '');
    if (short !== a && short.length >= 2) out.add(short);
  }
  out.delete(full);
  return [...out].filter((a) => a.length >= 2);
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice's coefficient on character bigrams, 0–1; a name wholly inside the other counts at least its share. */
export function similarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  const dice = total === 0 ? 0 : (2 * shared) / total;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const inside = short.length >= 2 && long.includes(short) ? short.length / long.length : 0;
  return Math.max(dice, inside);
}

/** The agencies' names as compared, worked out once for many files (an upload against a large subtree). */
export interface AgencyNames {
  /** normalised full name → the agencies of that name */
  readonly full: ReadonlyMap<string, readonly number[]>;
  /** short form → the agencies written so */
  readonly alias: ReadonlyMap<string, readonly number[]>;
  /** each agency's forms (its normalised name, then its short forms), in the order given: the fuzzy score */
  readonly forms: readonly { readonly id: number; readonly forms: readonly string[] }[];
}

/** The names of `agencies`, for matchAgency: build it once per upload, not once per file. */
export function agencyNames(agencies: readonly MatchAgency[]): AgencyNames {
  const full = new Map<string, number[]>();
  const alias = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, id: number) => {
    const ids = m.get(k);
    if (ids) ids.push(id);
    else m.set(k, [id]);
  };
  const forms = agencies.map((a) => {
    const name = normaliseName(a.name);
    const short = aliasesOf(a.name);
    add(full, name, a.id);
    for (const s of short) add(alias, s, a.id);
    return { id: a.id, forms: [name, ...short] };
  });
  return { full, alias, forms };
}

/**
 * The agency a file belongs to, from the names it gives (`candidates`: the report's own name, then the
 * file name), among `agencies` (or their names, agencyNames). Exact on a full name or a short form held by
 * one agency only: certain. Otherwise the best fuzzy score, suggested when at least SUGGEST_MIN; never
 * certain.
 */
export function matchAgency(candidates: readonly (string | null | undefined)[], agencies: readonly MatchAgency[] | AgencyNames): NameMatch {
  const names = 'forms' in agencies ? agencies : agencyNames(agencies);
  const keys = [...new Set(candidates.filter((c): c is string => typeof c === 'string').map(normaliseName).filter((c) => c.length >= 2))];
  for (const key of keys) {
    const ids = names.full.get(key);
    if (ids?.length === 1) return { agencyId: ids[0] as number, score: 100, how: 'exact', certain: true, matched: key };
  }
  for (const key of keys) {
    const ids = [...new Set([...(names.full.get(key) ?? []), ...(names.alias.get(key) ?? [])])];
    if (ids.length === 1) return { agencyId: ids[0] as number, score: 100, how: 'alias', certain: true, matched: key };
  }
  let best: NameMatch = { agencyId: null, score: 0, how: 'none', certain: false, matched: keys[0] ?? '' };
  for (const key of keys) {
    for (const a of names.forms) {
      const score = Math.round(100 * Math.max(...a.forms.map((f) => similarity(key, f))));
      // an ambiguous exact name (two agencies of that name) scores 99: suggested, not certain
      const capped = Math.min(score, 99);
      if (capped > best.score) best = { agencyId: a.id, score: capped, how: 'fuzzy', certain: false, matched: key };
    }
  }
  return best.score >= SUGGEST_MIN ? best : { agencyId: null, score: best.score, how: 'none', certain: false, matched: best.matched };
}
