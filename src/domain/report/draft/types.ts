// What the draft of the annual report's prose is made from, and what it is: sections of paragraphs of
// sentences, each sentence with the records it states (its sources), so a page can show where every
// sentence comes from and a clerk can reword one sentence at a time. Pure types.

import type { AmendmentYear } from '../../amendments/summary.ts';
import type { ComplaintYear } from '../../complaints/summary.ts';
import type { CountKind, RecordSource } from '../../records/vocab.ts';
import type { ReviewSubject, StageAgency } from '../../review/chain.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../types.ts';
import type { FactKind, ReportFact } from '../facts/kinds.ts';

/** The items of 主动公开 published in the year (services/report-draft.ts counts them). */
export interface CatalogueFacts {
  /** published items (state 'published', 公开属性 主动公开, 发布日期 in the year) */
  published: number;
  /** some of their ids (the first ones), for the sources */
  itemIds: number[];
  /** the published items by 信息类别 and 主题分类 */
  groups: { category: string; categoryLabel: string; topic: string; count: number }[];
  /** the published items of 第二十条第（七）项 财政预算、决算 and 第（九）项 政府集中采购 */
  finance: { id: number; category: string; title: string }[];
  /** items formed (形成日期) in the year, by 公开属性 (null: not yet decided) */
  disclosure: { disclosure: string | null; count: number }[];
  /** 保密审查 made in the year, and how many items they covered */
  secrecy: { reviews: number; items: number };
}

/** A 清理 round of the 规章/行政规范性文件 register begun or concluded in the year. */
export interface CleanupFacts {
  id: number;
  title: string;
  asOf: string;
  state: 'open' | 'concluded';
  concludedOn: string | null;
  summary: string;
  entries: number;
  byConclusion: Record<string, number>;
}

/** A review chain of the agency, each stage with who acts there in words (科室负责人, the parent's name …). */
export interface ChainFacts {
  subject: ReviewSubject;
  /** the agency never set it: the default chain (stated only for the catalogue, which always uses one) */
  isDefault: boolean;
  /** who: the stage's role labels (科室负责人 …), or the parent agency's name for a stage of the parent's */
  stages: { name: string; who: string[]; agency: StageAgency }[];
}

/** 信息处理费 in the year, from the applications' steps and their 收费通知书 (services/report-fees.ts). */
export interface FeeFacts {
  /** 发出收费通知 steps dated in the year */
  notices: number;
  /** the amounts of their 收费通知书 (yuan) */
  noticedYuan: number;
  /** notices recorded without a 收费通知书 issued on the platform (amount unknown) */
  noticesWithoutAmount: number;
  /** 登记缴费 steps dated in the year */
  payments: number;
  /** what they paid: the amount of the notice each payment answers (yuan) */
  collectedYuan: number;
  paymentsWithoutAmount: number;
  /** the applications concerned (sources) */
  applicationIds: number[];
}

/**
 * A figure of table 二 第二十条第（五）（六）（八）项 as entered on 年报数据 (services/records/counts.ts): the
 * entry in force of a kind — the records behind the cell the draft states.
 */
export interface CountFacts {
  kind: CountKind;
  /** exact decimal text: '12', '0.35' */
  value: string;
  entryId: number;
  enteredAt: string;
  enteredByName: string;
  source: RecordSource;
}

export interface DraftEdit {
  sentenceId: string;
  /** the clerk's wording; '' leaves the sentence out */
  text: string;
  /** the generated sentence when it was edited */
  original: string;
}

/**
 * A report whose figures cover the agency's subtree (services/report-scope.ts): which agencies' reports its
 * tables sum, and which they do not, and why — stated in section 六, the gaps listed for the clerk.
 */
export interface ScopeFacts {
  /** the agencies below whose reports are summed */
  included: { code: string; name: string }[];
  /** left out by the office, with its reason */
  excluded: { code: string; name: string; reason: string }[];
  /** not summed and not excluded (未发布, 无法读取, another format): every cell of the sum is left blank */
  missing: { code: string; name: string; why: string }[];
  /** summed through the report of the 人民政府 above them (by: its name) */
  covered: { code: string; name: string; by: string }[];
  /** included agencies whose reports lack cells (those cells of the sum are blank) */
  gaps: { code: string; name: string; cells: string[]; tables: string[] }[];
  /** cells the agency's own records lack */
  ownGaps: number;
}

export interface DraftInput {
  year: number;
  agency: { name: string; level: string; parentName: string | null };
  /** the computed report: its tables are stated as they are (a null cell is not stated) */
  report: AnnualReport;
  facts: ReportFact[];
  catalogue: CatalogueFacts;
  cleanup: CleanupFacts[];
  chains: ChainFacts[];
  fees: FeeFacts;
  /** the entries in force of 行政许可、行政处罚、行政强制、行政事业性收费 (kinds never entered are absent) */
  counts: CountFacts[];
  /** last year's published report: the problems its section 五 named; null when none is published */
  previous: { year: number; problems: string[] } | null;
  edits: DraftEdit[];
  /** the report's figures sum the agency's subtree (absent or null: its own records only) */
  scope?: ScopeFacts | null;
  /** the year's 更正 requests (条例第四十一条), stated in 六 (absent or null: none recorded) */
  amendments?: AmendmentYear | null;
  /** the year's 投诉、举报 received as the office above (条例第五十一条), stated in 一（五） (absent or null: none recorded) */
  complaints?: ComplaintYear | null;
  /** 转主动公开 (条例第四十四条): items made from applications in the year, suggestions recorded (absent or null: none) */
  proactive?: ProactiveFacts | null;
}

/** The year's 转主动公开 (services/proactive.ts proactiveYear). */
export interface ProactiveFacts {
  /** catalogue items made from applications, created in the year */
  items: number;
  /** some of their ids, for the sources */
  itemIds: number[];
  /** applicants' suggestions to make information proactive (条例第四十四条第二款), recorded in the year */
  suggestions: number;
}

/** Where a sentence's statement comes from. */
export type DraftSource =
  | { kind: 'table'; label: string; paths: string[] }
  | { kind: 'fact'; label: string; factId: number; factKind: FactKind }
  | { kind: 'catalogue'; label: string; itemIds: number[]; count: number }
  | { kind: 'cleanup'; label: string; roundId: number }
  | { kind: 'chain'; label: string; subject: ReviewSubject }
  | { kind: 'fees'; label: string; applicationIds: number[] }
  | { kind: 'counts'; label: string; year: number; entryIds: number[] }
  | { kind: 'published'; label: string; year: number }
  | { kind: 'collected'; label: string; year: number; codes: string[] }
  | { kind: 'amendments'; label: string; ids: number[] }
  | { kind: 'complaints'; label: string; ids: number[] }
  | { kind: 'agency'; label: string };

export interface DraftSentence {
  /** stable across drafts of the same facts (an edit is kept under it) */
  id: string;
  /** the ordinal before it (一是 …), not part of what a clerk edits */
  lead: string;
  text: string;
  sources: DraftSource[];
  /** set when a clerk's wording replaces the generated text */
  edited?: { generated: string; original: string; stale: boolean };
  /** P1 findings of an edited sentence: figures that contradict the tables */
  findings?: Finding[];
}

export interface DraftParagraph {
  /** a part's heading on a line of its own (（一）主动公开政府信息情况 …) */
  heading?: string;
  sentences: DraftSentence[];
}

export type DraftSectionKey = 'overview' | 'problems' | 'other';

export interface DraftSection {
  key: DraftSectionKey;
  title: string;
  paragraphs: DraftParagraph[];
}

/** Something the draft could not state because no record says it: for the clerk to add. */
export interface DraftGap {
  section: DraftSectionKey;
  /** in Chinese: what is missing and where to add it */
  message: string;
}

export interface ReportDraft {
  year: number;
  sections: DraftSection[];
  gaps: DraftGap[];
}
