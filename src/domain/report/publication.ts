// What an annual report must pass to be published in the public column, as data: every check of
// `gongkai report check` (checkAll: R1–R7, BLANK, P1; checkPair: X1/X2 against the neighbouring
// years) and the prose sections 一、五、六 (SECTION). Pure: the neighbouring reports are given.
//
// Three kinds of finding (docs/ARCHITECTURE.md "Publishing the annual report"):
// - errors refuse publication: the arithmetic within the report, blank cells, a missing section;
// - crossYear (X1 with last year's — or, for a correction, next year's — published report) does not
//   block the statutory publication (条例第四十九条), but asks for a written explanation (说明) that
//   the published report carries (plan-notes "#9 cross-year check at publish");
// - warnings (P1, X2) are shown and must be acknowledged before publishing.

import { checkAll, checkPair, RULES } from './checks.ts';
import { SECTION_TITLES } from './layout.ts';
import type { AnnualReport, ReportText } from './model.ts';
import type { Finding } from './types.ts';

/** The prose sections a published report must have, with their titles. */
export const REQUIRED_SECTIONS: readonly (readonly [keyof ReportText, string])[] = [
  ['overview', SECTION_TITLES[0]],
  ['problems', SECTION_TITLES[4]],
  ['other', SECTION_TITLES[5]],
];

/** What each section is to say (条例第五十条, domain.md §2.2), for the message asking for it. */
const WHAT: Record<keyof ReportText, string> = {
  overview: '概述本年度主动公开、依申请公开、政府信息管理、平台建设和监督保障等情况',
  problems: '写明存在的主要问题和改进情况（包括上一年度问题的整改情况）',
  other: '写明其他需要报告的事项，例如信息处理费的收取情况（未收取的也应说明）',
};

/** The longest written explanation (说明) of a disagreement with a neighbouring year. */
export const MAX_EXPLANATION_CHARS = 2000;
/** The longest 更正说明 of a correction of a published report (what changed and why). */
export const MAX_CHANGE_NOTE_CHARS = 500;

/** SECTION: one finding per prose section (一、五、六) that is missing or holds only blanks. */
export function checkSections(report: AnnualReport): Finding[] {
  return REQUIRED_SECTIONS.flatMap(([key, title]) => {
    const text = report.text?.[key];
    if (typeof text === 'string' && text.replace(/[\s\u3000]+/g, '') !== '') return [];
    return [
      {
        rule: 'SECTION' as const,
        severity: RULES.SECTION.severity,
        cells: [],
        message: `年度报告的“${title}”${text == null ? '缺失' : '为空'}。条例第五十条规定了年度报告的内容，该部分应${WHAT[key]}；请补写后重新发布。`,
      },
    ];
  });
}

export interface PublicationReview {
  /** refuse publication */
  errors: Finding[];
  /** X1 with a neighbouring published report: publication needs a written explanation */
  crossYear: Finding[];
  /** to be acknowledged before publishing */
  warnings: Finding[];
}

export interface Neighbours {
  /** the agency's published report on the year before, if any */
  previous?: AnnualReport | null;
  /** the agency's published report on the year after (a correction of an older report), if any */
  next?: AnnualReport | null;
}

/** Every check of publication on a report (its year set), against its published neighbours. */
export function reviewForPublication(report: AnnualReport, neighbours: Neighbours = {}): PublicationReview {
  const within = checkAll(report);
  const pairs = [...(neighbours.previous ? checkPair(neighbours.previous, report) : []), ...(neighbours.next ? checkPair(report, neighbours.next) : [])];
  return {
    errors: [...within.filter((f) => f.severity === 'error'), ...checkSections(report)],
    crossYear: pairs.filter((f) => f.rule === 'X1'),
    warnings: [...within, ...pairs.filter((f) => f.rule !== 'X1')].filter((f) => f.severity !== 'error'),
  };
}
