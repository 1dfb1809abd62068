// The draft of an agency's annual report on a year (issue #12): the computed tables
// (computeAnnualReport) with sections 一、五、六 written from the records — the facts the office entered
// (report_facts), the catalogue, the 清理 rounds, the review chains, the 信息处理费, the 年报数据 entries
// behind table 二's decisions and fees, last year's published report — and the clerk's edits of sentences, each edited sentence checked against the tables (P1).
// Where the agency's report covers its subtree (a 人民政府's, report-scope.ts), the tables are its own
// records plus the reports collected from the agencies below.
// Read only; the CLI (`gongkai report draft`) and the staff page 年报素材 present it.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { draftFindings, draftReport, reportWithDraft } from '../domain/report/draft/compose.ts';
import type { DraftInput, ReportDraft } from '../domain/report/draft/types.ts';
import { problemsNamed } from '../domain/report/facts/previous.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import type { Finding } from '../domain/report/types.ts';
import { findAgency } from './agencies.ts';
import { catalogueFacts, chainFacts, cleanupFacts } from './report-draft-sources.ts';
import { computeAnnualReport } from './report-compute.ts';
import { yearFigures } from './records/counts.ts';
import { listEdits, listFacts, readFacts, type StoredEdit, type StoredFact } from './report-facts.ts';
import { feeFacts } from './report-fees.ts';
import { amendmentYear } from './amendments/read.ts';
import { proactiveYear } from './proactive.ts';
import { complaintYear } from './complaints/read.ts';
import { publishedReportOf } from './report-previous.ts';
import { scopedReport } from './report-scope.ts';
import { parentOf } from './review/chain.ts';

export interface DraftResult {
  agency: { id: number; code: string; name: string };
  year: number;
  input: DraftInput;
  draft: ReportDraft;
  /** the computed tables with the drafted (and edited) prose */
  report: AnnualReport;
  /** P1: figures in the prose that contradict the tables (warnings, as `report check`) */
  findings: Finding[];
  facts: StoredFact[];
  edits: StoredEdit[];
}

/** Everything the draft is written from. */
export async function draftInputFor(db: Kysely<DB>, agencyCode: string, year: number): Promise<DomainResult<{ input: DraftInput; facts: StoredFact[]; edits: StoredEdit[]; agency: DraftResult['agency'] }>> {
  const computed = await computeAnnualReport(db, agencyCode, year);
  if (!computed.ok) return computed;
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const id = agency.value.id;
  const stored = await db.selectFrom('agencies').select('reportScope').where('id', '=', id).executeTakeFirst();
  const scoped = await scopedReport(db, { id, code: agency.value.code, name: agency.value.name, level: agency.value.level, reportScope: stored?.reportScope ?? null }, computed.value);
  const [parent, facts, edits, catalogue, cleanup, chains, fees, figures, previous, amendments, proactive, complaints] = await Promise.all([
    parentOf(db, id),
    listFacts(db, id, year),
    listEdits(db, id, year),
    catalogueFacts(db, id, year),
    cleanupFacts(db, id, year),
    chainFacts(db, id),
    feeFacts(db, id, year),
    yearFigures(db, id, year),
    publishedReportOf(db, id, year - 1),
    amendmentYear(db, id, year),
    proactiveYear(db, id, year),
    complaintYear(db, id, year),
  ]);
  const input: DraftInput = {
    year,
    agency: { name: agency.value.name, level: agency.value.level, parentName: parent?.name ?? null },
    report: scoped.report,
    facts: readFacts(facts),
    catalogue,
    cleanup,
    chains,
    fees,
    counts: Object.values(figures).flatMap((e) => (e === null ? [] : [{ kind: e.kind, value: e.value, entryId: e.id, enteredAt: e.enteredAt, enteredByName: e.enteredByName, source: e.source }])),
    previous: previous ? { year: year - 1, problems: problemsNamed(previous.text?.problems) } : null,
    edits: edits.map((e) => ({ sentenceId: e.sentenceId, text: e.text, original: e.original })),
    scope: scoped.facts,
    amendments,
    proactive,
    complaints,
  };
  return { ok: true, value: { input, facts, edits, agency: { id, code: agency.value.code, name: agency.value.name } } };
}

/** The draft of the agency's report on `year`, with the tables and the P1 findings of the prose. */
export async function draftFor(db: Kysely<DB>, agencyCode: string, year: number): Promise<DomainResult<DraftResult>> {
  const gathered = await draftInputFor(db, agencyCode, year);
  if (!gathered.ok) return gathered;
  const { input } = gathered.value;
  const draft = draftReport(input);
  return {
    ok: true,
    value: { ...gathered.value, year, draft, report: reportWithDraft(input.report, draft), findings: draftFindings(input, draft) },
  };
}
