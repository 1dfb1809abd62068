// The draft of the annual report's prose (issue #12): given the computed report (its tables), the facts
// the office entered and those the platform holds (catalogue, 清理 rounds, review chains, fees, last
// year's published report), it writes sections 一、五、六 in the manner of real reports — 一 in its five
// parts (主动公开、依申请公开、政府信息管理、平台建设、监督保障) — every sentence with its sources. A
// clerk's edits replace sentences by id; each edited sentence is checked against the tables with P1
// (check/prose.ts, the check `report check` runs), and the report's text is the draft as edited. Pure.

import { checkProse } from '../check/prose.ts';
import { SECTION_TITLES } from '../layout.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../types.ts';
import type { FactOf } from '../facts/kinds.ts';
import { activeDisclosurePart, platformPart } from './overview-active.ts';
import { applicationsPart, managementPart, supervisionPart } from './overview-work.ts';
import { otherSection } from './other.ts';
import { problemsSection } from './problems.ts';
import type { DraftGap, DraftInput, DraftParagraph, DraftSection, DraftSectionKey, DraftSentence, ReportDraft } from './types.ts';
import { bare, NUMBERED, namesOf, ordinalLead, sentence, type Names } from './words.ts';

export type { DraftInput, ReportDraft } from './types.ts';

const TITLES: Record<DraftSectionKey, string> = { overview: SECTION_TITLES[0], problems: SECTION_TITLES[4], other: SECTION_TITLES[5] };

/** The opening of 一: the year, the agency, the 条例, and the office's own opening words (a note for 一). */
function opening(input: DraftInput, names: Names): DraftParagraph {
  const notes = input.facts.filter((f): f is FactOf<'note'> => f.kind === 'note' && f.data.section === 'overview').sort((a, b) => a.id - b.id);
  const first = notes[0];
  const base = `${input.year}年，${names.short}认真贯彻落实《中华人民共和国政府信息公开条例》`;
  const sources = [{ kind: 'agency' as const, label: `机关名称：${input.agency.name}` }];
  const head = first
    ? sentence('overview.opening', `${base}，${bare(first.data.text)}`, [...sources, { kind: 'fact', label: '其他内容（总体情况开头）', factId: first.id, factKind: 'note' }])
    : sentence('overview.opening', `${base}，扎实推进政府信息公开工作`, sources);
  const rest = notes.slice(1).map((n) => sentence(`overview.opening.note.${n.id}`, n.data.text, [{ kind: 'fact', label: '其他内容（总体情况开头）', factId: n.id, factKind: 'note' }]));
  return { sentences: [head, ...rest] };
}

/** The draft as generated, before the clerk's edits. */
function generate(input: DraftInput): ReportDraft {
  const names = namesOf(input.agency.name, input.facts);
  const gaps: DraftGap[] = [];
  const overview: DraftParagraph[] = [
    opening(input, names),
    activeDisclosurePart(input, names, gaps),
    applicationsPart(input, names, gaps),
    managementPart(input, names, gaps),
    platformPart(input, names, gaps),
    supervisionPart(input, names, gaps),
  ];
  const sections: DraftSection[] = [
    { key: 'overview', title: TITLES.overview, paragraphs: overview },
    { key: 'problems', title: TITLES.problems, paragraphs: problemsSection(input, names, gaps) },
    { key: 'other', title: TITLES.other, paragraphs: otherSection(input, names, gaps) },
  ];
  return { year: input.year, sections, gaps };
}

/** Numbers the items of each paragraph (一是 …) among the sentences left; one item alone is not numbered. */
function renumber(paragraph: DraftParagraph): DraftParagraph {
  const shown = paragraph.sentences.filter((s) => s.lead !== '' && s.text !== '');
  let i = 0;
  const sentences = paragraph.sentences.map((s) => {
    if (s.lead === '') return s;
    if (s.text === '' || shown.length < 2) return { ...s, lead: '' };
    return { ...s, lead: ordinalLead(i++) };
  });
  return { ...paragraph, sentences };
}

const sentencesOf = (draft: ReportDraft): DraftSentence[] => draft.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));

/** The clerk's wording in place of the generated sentences; an edit whose sentence is gone is named as a gap. */
function applyEdits(draft: ReportDraft, input: DraftInput): ReportDraft {
  const edits = new Map(input.edits.map((e) => [e.sentenceId, e]));
  const known = new Set(sentencesOf(draft).map((s) => s.id));
  const sections = draft.sections.map((section) => ({
    ...section,
    paragraphs: section.paragraphs.map((p) =>
      renumber({
        ...p,
        sentences: p.sentences.map((s) => {
          const edit = edits.get(s.id);
          if (!edit) return s;
          return { ...s, text: edit.text.trim(), edited: { generated: s.text, original: edit.original, stale: edit.original !== s.text } };
        }),
      }),
    ),
  }));
  const gaps = [...draft.gaps];
  for (const e of input.edits) {
    if (!known.has(e.sentenceId) && e.text.trim() !== '') gaps.push({ section: sectionOfId(e.sentenceId), message: `修改过的句子“${e.text.slice(0, 40)}”所依据的记录已不存在（可能已删除），草稿中不再包含这句话。如仍需要，请写入“其他内容”。` });
  }
  return { ...draft, sections, gaps };
}

const sectionOfId = (id: string): DraftSectionKey => (id.startsWith('problems.') ? 'problems' : id.startsWith('other.') ? 'other' : 'overview');

/** A section's prose: each part's heading on its own line, then its sentences as one paragraph. */
export function sectionText(section: DraftSection): string | null {
  const lines: string[] = [];
  for (const p of section.paragraphs) {
    const body = p.sentences.filter((s) => s.text !== '').map((s) => `${s.lead === NUMBERED ? '' : s.lead}${s.text}`).join('');
    if (body === '') continue;
    if (p.heading) lines.push(p.heading);
    lines.push(body);
  }
  return lines.length > 0 ? lines.join('\n') : null;
}

/** The report with the draft's prose as its sections 一、五、六. */
export function reportWithDraft(report: AnnualReport, draft: ReportDraft): AnnualReport {
  const of = (key: DraftSectionKey) => {
    const section = draft.sections.find((s) => s.key === key);
    return section ? sectionText(section) : null;
  };
  return { ...report, text: { overview: of('overview'), problems: of('problems'), other: of('other') } };
}

/** P1 of each edited sentence: the findings its removal would take away (in its paragraph's context). */
function checkEdited(draft: ReportDraft, report: AnnualReport): ReportDraft {
  const all = checkProse(reportWithDraft(report, draft));
  if (all.length === 0) return draft;
  const without = (id: string): ReportDraft => ({
    ...draft,
    sections: draft.sections.map((s) => ({ ...s, paragraphs: s.paragraphs.map((p) => ({ ...p, sentences: p.sentences.filter((x) => x.id !== id) })) })),
  });
  const sections = draft.sections.map((section) => ({
    ...section,
    paragraphs: section.paragraphs.map((p) => ({
      ...p,
      sentences: p.sentences.map((s) => {
        if (!s.edited || s.text === '') return s;
        const rest = new Set(checkProse(reportWithDraft(report, without(s.id))).map((f) => f.message));
        const findings = all.filter((f) => !rest.has(f.message));
        return findings.length > 0 ? { ...s, findings } : s;
      }),
    })),
  }));
  return { ...draft, sections };
}

/** The draft of sections 一、五、六 with the clerk's edits applied and checked. */
export function draftReport(input: DraftInput): ReportDraft {
  return checkEdited(applyEdits(generate(input), input), input.report);
}

/** Every P1 finding of the report as drafted (edited sentences and all). */
export function draftFindings(input: DraftInput, draft: ReportDraft): Finding[] {
  return checkProse(reportWithDraft(input.report, draft));
}

/** A sentence of the draft by its id (the staff page's edit form). */
export function findSentence(draft: ReportDraft, id: string): DraftSentence | undefined {
  return sentencesOf(draft).find((s) => s.id === id);
}
