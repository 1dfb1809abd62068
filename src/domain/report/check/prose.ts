// P1: numbers stated in the prose (一、总体情况, 五, 六) against the tables — 三's applications, 四's cases,
// 二's 行政许可/行政处罚/行政强制 decisions and 行政事业性收费. Conservative: it misses rather than raises a
// false alarm.

import { APPLICATION_ROWS, REVIEW_GROUPS, SECTION_TITLES, type CellLabel, type Path } from '../layout.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../types.ts';
import { RULES } from './rules.ts';
import { REVIEW_TOTAL, TOTAL, Term, rowName, rowPath, sum, tableName, termAt, where } from './terms.ts';

// ---------------------------------------------------------------------------------------------
// Prose against tables — P1, DERIVED: a number stated in 一/五/六 must agree with the tables

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 12 / 十二 / 两 / 一百零五 / 386.52 → number (NFKC-normalised text, so digits are ASCII). */
function parseCount(s: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    const u = CN_UNITS[ch];
    if (d !== undefined) digit = digit !== null && digit !== 0 && d !== 0 ? digit * 10 + d : d;
    else if (u !== undefined) {
      total += (digit ?? 1) * u;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

const NUM_CHARS = '0-9零〇一二两三四五六七八九十百千';
const NUM = `(?<![${NUM_CHARS}.])(?<n>[0-9]+|[零〇一二两三四五六七八九十百千]+)`;
const TAIL = `(?:的)?(?:申请)?(?:共计|共|合计|总计)?${NUM}件`;
const rx = (s: string): RegExp => new RegExp(s, 'g');

interface ProseFact {
  /** what the phrase states, in Chinese */
  what: string;
  /** a named group n holds the number; without it the phrase states 0 */
  patterns: RegExp[];
  /** acceptable readings, each a list of cells summed; the first is the one the finding names */
  readings: Path[][];
  /** the paragraph must match (context) */
  needs: RegExp;
  /** skip a clause that matches, years (2023年) removed (sub-counts, other meanings) */
  clauseGuard?: RegExp;
  /** skip a sentence that matches */
  sentenceGuard?: RegExp;
  /** a word every pattern needs: clauses without it are not searched (the patterns are costly) */
  anchor?: string;
}

const total = (key: string): Path => [...rowPath(key), TOTAL];
const groupTotals = (part: string): Path[] => APPLICATION_ROWS.filter((r) => r.path[2] === part).map((r) => [...r.path, TOTAL]);
const reviewTotal = (key: string): Path => [...(REVIEW_GROUPS.find((g) => g.key === key)?.path ?? []), REVIEW_TOTAL];
const [DENIED, UNABLE, NOT_PROCESSED] = [groupTotals('denied'), groupTotals('unableToProvide'), groupTotals('notProcessed')];
const LITIGATION = [reviewTotal('litigationDirect'), reviewTotal('litigationAfterReconsideration')];

const APPLICATION_CONTEXT = /申请/;
const ANY_CONTEXT = /./;
/** 二: published information about decisions (公开…信息), applications rather than decisions, sub-counts by
 * channel or procedure, kinds of decision within the item (措施、执行 of 行政强制 are read by no pattern) */
const DECISION_OTHER = /信息|公开|公示|申请|受理|其中|网上|线上|网办|通过|平台|窗口|即办|承诺|当场|简易|一般程序|普通程序|听证|复议|诉讼|撤销|新设|延续|注销|涉及/;
const decision = (key: string): Path => ['activeDisclosure', key];
/** 万元 with decimals: 386.52 */
const AMOUNT = `(?<![0-9.])(?<n>[0-9]+(?:\.[0-9]+)?)`;
const REVIEW_CONTEXT = /公开/;
/** a sub-count by channel or applicant type, not the year's total */
const SUBCOUNT = /其中|通过|网上|网络|信函|当面|现场|邮寄|传真|邮件|来信|来访|平台|渠道|自然人|法人|企业/;
/** the reviewing organ's own caseload, or outcomes of cases rather than their number */
const REVIEW_OTHER = /办理|审理|受理|办结|纠|败诉|撤销|确认违法/;
/** a negation before 行政复议/行政诉讼 in the clause: lookbehind, so that both can be read from one negation */
const NEG = '(?<=(?:(?:未|没有)(?:发生|收到|接到|出现|产生|被提起|被申请|涉及|有)|不存在|无)[^0-9]{0,20})';

const PROSE_FACTS: ProseFact[] = [
  {
    what: '本年新收申请数',
    patterns: [
      rx(`(?:未|没有)(?:收到|受理|接到)(?:任何形式的|任何)?(?:政府信息公开|依申请公开|信息公开)?申请(?![人书表材])`),
      rx(`(?:未|没有)(?:收到|受理|接到)(?:任何)?依申请公开`),
    ],
    readings: [[total('newReceived')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /[0-9]/,
  },
  {
    what: '本年新收申请数',
    patterns: [
      rx(`(?:受理|收到|接到|接收|新收)(?:[^0-9]{0,12}?公开)?申请(?:数量|数|总数)?(?:为)?(?:共计|共|合计|总计)?${NUM}件`),
      rx(`受理依申请公开(?:事项|申请)?(?:共计|共|合计)?${NUM}件`),
      rx(`依申请公开(?:申请)?(?:数量|总数|数)为?${NUM}件`),
    ],
    // 受理 is sometimes counted with the applications carried over
    readings: [[total('newReceived')], [total('newReceived'), total('carriedOver')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: SUBCOUNT,
  },
  {
    what: '予以公开及部分公开数',
    anchor: '公开',
    patterns: [rx(`(?<!不)予以公开(?:及|和|与|、)部分(?:予以)?公开${TAIL}`)],
    readings: [[total('granted'), total('partlyGranted')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '予以公开数',
    patterns: [
      rx(`(?<!部分|不)(?:予以|准予)公开${TAIL}`),
      rx(`${NUM}件(?:(?!部分|不|未)[^0-9件]){0,10}?(?:予以|准予)公开(?![及和与、]部分)`),
    ],
    readings: [[total('granted')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '部分公开数',
    anchor: '公开',
    patterns: [rx(`部分(?:予以)?公开${TAIL}`)],
    readings: [[total('partlyGranted')]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '不予公开数',
    anchor: '公开',
    patterns: [rx(`不予公开${TAIL}`)],
    // 不予公开 is loosely used for 无法提供 and 不予处理 too
    readings: [DENIED, [...DENIED, ...UNABLE], [...DENIED, ...UNABLE, ...NOT_PROCESSED]],
    needs: APPLICATION_CONTEXT,
    clauseGuard: /主动/,
  },
  {
    what: '办结数',
    patterns: [rx(`(?:办结|已答复)(?:申请)?(?:共计|共)?${NUM}件`)],
    readings: [[total('totalHandled')]],
    needs: APPLICATION_CONTEXT,
    sentenceGuard: /延期|逾期|超期/,
  },
  {
    what: '行政复议数',
    anchor: '行政复议',
    patterns: [rx(`(?<!(?:诉讼)[、和及与或])行政复议(?:案件|申请)?(?:共计|共)?${NUM}(?:件|起)`)],
    readings: [[reviewTotal('reconsideration')]],
    needs: REVIEW_CONTEXT,
    clauseGuard: REVIEW_OTHER,
  },
  {
    what: '行政诉讼数',
    anchor: '行政诉讼',
    patterns: [rx(`(?<!(?:复议)[、和及与或])行政诉讼(?:案件)?(?:共计|共)?${NUM}(?:件|起)`)],
    readings: [LITIGATION],
    needs: REVIEW_CONTEXT,
    clauseGuard: REVIEW_OTHER,
  },
  {
    what: '行政复议数',
    anchor: '行政复议',
    patterns: [rx(`${NEG}行政复议`)],
    readings: [[reviewTotal('reconsideration')]],
    needs: REVIEW_CONTEXT,
    clauseGuard: new RegExp(`[0-9]|${REVIEW_OTHER.source}`),
  },
  {
    what: '行政诉讼数',
    anchor: '行政诉讼',
    patterns: [rx(`${NEG}行政诉讼`)],
    readings: [LITIGATION],
    needs: REVIEW_CONTEXT,
    clauseGuard: new RegExp(`[0-9]|${REVIEW_OTHER.source}`),
  },
  {
    what: '行政许可处理决定数',
    anchor: '行政许可',
    patterns: [rx(`(?:办理|作出|办结|审批)?行政许可(?:事项|决定|处理决定|案件)?(?:数量)?(?:为|共计|共|合计|总计)?${NUM}件`)],
    readings: [[decision('licensing')]],
    needs: ANY_CONTEXT,
    clauseGuard: DECISION_OTHER,
  },
  {
    what: '行政处罚处理决定数',
    anchor: '行政处罚',
    patterns: [rx(`行政处罚(?:决定|处理决定|案件)?(?:数量)?(?:为|共计|共|合计|总计)?${NUM}件`)],
    readings: [[decision('punishment')]],
    needs: ANY_CONTEXT,
    clauseGuard: DECISION_OTHER,
  },
  {
    what: '行政强制处理决定数',
    anchor: '行政强制',
    patterns: [rx(`行政强制(?:决定|处理决定|案件)?(?:数量)?(?:为|共计|共|合计|总计)?${NUM}件`)],
    readings: [[decision('enforcement')]],
    needs: ANY_CONTEXT,
    clauseGuard: DECISION_OTHER,
  },
  {
    what: '行政事业性收费金额（万元）',
    anchor: '行政事业性收费',
    patterns: [rx(`行政事业性收费(?:金额|收入|总额)?(?:为|共计|共|合计|总计)?${AMOUNT}万元`)],
    readings: [[decision('feesWanYuan')]],
    needs: ANY_CONTEXT,
    clauseGuard: DECISION_OTHER,
  },
];

/** other periods than the reporting year */
const OTHER_PERIOD = /同比|去年|上年|上一年|较上|较去|相比|累计|历年|以来|半年|季度|[0-9]+月/;

function otherYear(clause: string, year: number | null): boolean {
  if (year === null) return false;
  return [...clause.matchAll(/([0-9]{4})年/g)].some((m) => Number(m[1]) !== year);
}

/** NFKC, no spaces, no thousands separators: what the patterns read. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[ \t\u00a0]+/g, '')
    .replace(/([0-9]),([0-9]{3})(?![0-9])/g, '$1$2');
}

function describe(cells: CellLabel[]): string {
  const first = cells[0] as CellLabel;
  if (cells.length === 1) return where(first);
  const rows = cells.map(rowName);
  const group = rows[0]?.split(' ')[0] ?? '';
  const named = rows.every((r) => r.split(' ')[0] === group) ? `「${group}」各行` : `「${rows.join('」「')}」行`;
  return `${tableName(first)}${named}「${first.column}」列之和`;
}

interface Clause {
  paragraph: string;
  sentence: string;
  text: string;
}

/** The clauses of a text with their sentence and paragraph, those about another period left out. */
function* clausesOf(text: string, year: number | null): Generator<Clause> {
  for (const paragraph of normalise(text).split('\n')) {
    for (const sentence of paragraph.split(/[。！？!?;]+/)) {
      for (const clause of sentence.split(/[,，]+/)) {
        if (OTHER_PERIOD.test(clause.replace(/12月31日|1月1日/g, '')) || otherYear(clause, year)) continue;
        yield { paragraph, sentence, text: clause };
      }
    }
  }
}

/** The figures one clause states: [fact index, number]. A phrase read by one fact is masked for the next. */
function statements({ paragraph, sentence, text }: Clause): [number, number][] {
  const yearless = text.replace(/[0-9]{4}年/g, '');
  const out: [number, number][] = [];
  let rest = text;
  PROSE_FACTS.forEach((fact, i) => {
    if (fact.anchor !== undefined && !text.includes(fact.anchor)) return;
    if (!fact.needs.test(paragraph) || fact.sentenceGuard?.test(sentence) || fact.clauseGuard?.test(yearless)) return;
    for (const pattern of fact.patterns) {
      for (const m of rest.matchAll(pattern)) {
        const at = m.index ?? 0;
        rest = rest.slice(0, at) + '□'.repeat(m[0].length) + rest.slice(at + m[0].length);
        const stated = m.groups?.n === undefined ? 0 : parseCount(m.groups.n);
        if (stated !== null) out.push([i, stated]);
      }
    }
  });
  return out;
}

/** Numbers stated in the prose (一、总体情况, 五, 六) that contradict the tables. Conservative: misses rather than false alarms. */
export function checkProse(report: AnnualReport): Finding[] {
  const sections: [string, string | null | undefined][] = [
    [SECTION_TITLES[0], report.text?.overview],
    [SECTION_TITLES[4], report.text?.problems],
    [SECTION_TITLES[5], report.text?.other],
  ];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [section, text] of sections) {
    for (const clause of text ? clausesOf(text, report.year) : []) {
      for (const [i, stated] of statements(clause)) {
        const key = `${section}|${i}|${stated}`;
        const finding = seen.has(key) ? null : contradiction(report, PROSE_FACTS[i] as ProseFact, stated, section, clause.text);
        if (!finding) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
  }
  return findings;
}

function contradiction(report: AnnualReport, fact: ProseFact, stated: number, section: string, clause: string): Finding | null {
  const readings = fact.readings.map((paths) => paths.map((at) => termAt(report, at)));
  if (readings.some((terms) => terms.some((t) => t.value === null))) return null;
  // 万元 are decimals: equal to the cent and beyond, as the table prints them
  if (readings.some((terms) => Math.abs(sum(terms) - stated) < 1e-9)) return null;
  const primary = readings[0] as Term[];
  const found = sum(primary);
  const quote = clause.length > 40 ? `${clause.slice(0, 40)}…` : clause;
  return {
    rule: 'P1',
    severity: RULES.P1.severity,
    cells: primary.map((t) => t.cell),
    expected: stated,
    found,
    message: `“${section}”中写道“${quote}”（${fact.what}${stated}），但${describe(primary.map((t) => t.cell))}为${found}，两者不一致，请核对。`,
  };
}

