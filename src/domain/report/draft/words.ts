// The small pieces of wording the draft is written with: the agency's names for itself, ordinals
// (一是、二是 …), lists (甲、乙和丙), dates (5月15日), and the sentence builder. Pure.

import type { ProfileData, ReportFact } from '../facts/kinds.ts';
import type { DraftSentence, DraftSource } from './types.ts';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 10 → 十, 12 → 十二 (up to 99). */
export function chineseNumber(n: number): string {
  if (n <= 10) return n === 10 ? '十' : (ORDINALS[n - 1] ?? String(n));
  if (n < 20) return `十${ORDINALS[n - 11] ?? ''}`;
  if (n < 100) return `${ORDINALS[Math.floor(n / 10) - 1] ?? ''}十${n % 10 === 0 ? '' : (ORDINALS[(n % 10) - 1] ?? '')}`;
  return String(n);
}

/** 一是 … 十是, then 第十一 … */
export const ordinalLead = (i: number): string => (i < 10 ? `${chineseNumber(i + 1)}是` : `第${chineseNumber(i + 1)}，`);

/**
 * The word a report uses for its own agency (DERIVED from common practice, the profile's 自称 wins):
 * 中心 for a 中心, 我局 for a 局, 我委, 我办, 我厅, 我县 for a 县人民政府 …; 本机关 otherwise.
 */
export function defaultSelfName(name: string): string {
  const government = /(省|市|县|区|旗|州|盟|镇|乡)人民政府$/.exec(name);
  if (government) return `我${government[1]}`;
  const rules: [RegExp, string][] = [
    [/街道办事处$/, '我街道'],
    [/中心$/, '中心'],
    [/局$/, '我局'],
    [/委员会$|委$/, '我委'],
    [/办公室$|办$/, '我办'],
    [/厅$/, '我厅'],
    [/院$/, '我院'],
    [/所$/, '我所'],
    [/站$/, '我站'],
  ];
  return rules.find(([rx]) => rx.test(name))?.[1] ?? '本机关';
}

/** The name without its place (中卫市机关事务服务中心 → 市机关事务服务中心), as a report's opening uses it. */
export function defaultShortName(name: string): string {
  const m = /^[^市县区]{1,8}?(市|县|区)(.{2,})$/.exec(name);
  return m ? `${m[1]}${m[2]}` : name;
}

export interface Names {
  /** 中心, 我局 … */
  self: string;
  /** 市机关事务服务中心 … */
  short: string;
  /** the name of the 办公室（综合科） role in the review chain */
  office: string | null;
  /** the profile fact, when one is recorded */
  profileId: number | null;
}

export function namesOf(agencyName: string, facts: readonly ReportFact[]): Names {
  const profile = facts.find((f) => f.kind === 'profile');
  const p: ProfileData | null = profile ? (profile.data as ProfileData) : null;
  return {
    self: p?.selfName || defaultSelfName(agencyName),
    short: p?.shortName || defaultShortName(agencyName),
    office: p?.officeName || null,
    profileId: profile?.id ?? null,
  };
}

/** 甲 / 甲和乙 / 甲、乙和丙 */
export function listOf(items: readonly string[], last = '和'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join('、')}${last}${items[items.length - 1] ?? ''}`;
}

/** 2024-05-15 → 5月15日 */
export function monthDay(iso: string): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** 2024-05-15 → 5月 */
export const month = (iso: string): string => `${Number(iso.slice(5, 7))}月`;

/** Text without the closing punctuation a person typed, so the draft adds its own. */
export function bare(text: string): string {
  return text.trim().replace(/[。；;，,、\s]+$/u, '');
}

/** Strips quotation marks a person put around a theme (the draft adds its own). */
export function unquoted(text: string): string {
  return bare(text).replace(/^[“"「『]+|[”"」』]+$/gu, '');
}

/** A sentence: its text closed with 。 (once); one ending with ： introduces what follows and stays so. */
export function sentence(id: string, text: string, sources: DraftSource[]): DraftSentence {
  const body = text.trim();
  return { id, lead: '', text: /[。！？：]$/u.test(body) ? body : `${bare(body)}。`, sources };
}

/** Marks the first sentence of each item as numbered (一是、二是 …); compose.ts gives the numbers. */
export function numbered(items: DraftSentence[][]): DraftSentence[] {
  return items.flatMap((item) => item.map((s, i) => (i === 0 ? { ...s, lead: NUMBERED } : s)));
}

/** The placeholder lead of a numbered item until compose.ts numbers the paragraph. */
export const NUMBERED = '#';

/** The label of the 办公室（综合科） role (services/accounts/roles.ts), which the profile may rename (综合科 …). */
export const OFFICE_ROLE_LABEL = '办公室（综合科）';

/** Who acts at a stage of a review chain, in words: 科室负责人, 综合科, the parent agency's name … */
export function stageWho(who: readonly string[], names: Names): string {
  return who.map((label) => (label === OFFICE_ROLE_LABEL && names.office ? names.office : label)).join('或');
}
