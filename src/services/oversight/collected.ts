// The collected report of every agency of an office's subtree for a year, with its review and score
// (domain/oversight `assess`): what the office's board (issue #13 item 4) is built on. Which report
// counts: the agency's own publication on the platform, read live from published_reports (its current
// version — never copied, so a correction is seen at once, and a withdrawn report is gone); else what
// the office holds (oversight_reports: a filed upload, or figures entered by hand). The previous year's
// report, for the cross-year checks, is found the same way. An exclusion is stated beside the entry,
// which is still reviewed (the office sees why it excluded it).
//
// Streamed: the subtree (its agencies, light) is read whole, then the reports a batch of agencies at a
// time (COLLECT_BATCH, in the subtree's order; each batch's reports of the year — and of the year before,
// for the cross-year checks — its held reports and its exclusions), and yielded entry by entry, so a
// caller that keeps only what it shows (the board's row, a ReportSum) never holds the subtree's reports
// at once. streamCollectedItems skips the review (and the previous year): what the 汇总 and the trends need.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { assess, DEFAULT_RUBRIC, type AgencyKind, type ReportReview, type Rubric, type ScoreResult, type TimelinessSettings } from '../../domain/oversight/index.ts';
import type { AnnualReport } from '../../domain/report/model.ts';
import type { CellStatus, Diagnostic } from '../../domain/report/types.ts';
import type { TreeAgency } from '../agency-tree.ts';
import { beijingDay, kindOf, overseen } from './common.ts';
import { officeSettings } from './settings.ts';

export type CollectedSource = 'platform' | 'upload' | 'manual';

/** An agency's collected report of the year, unreviewed (streamCollectedItems). */
export interface CollectedItem {
  agency: TreeAgency;
  kind: AgencyKind;
  /** null: nothing collected */
  source: CollectedSource | null;
  report: AnnualReport | null;
  status: Record<string, CellStatus>;
  diagnostics: Diagnostic[];
  /** a file was collected and could not be read: why */
  unreadable: string | null;
  publishedOn: string | null;
  /** platform: the day it went out; text: found in the file; entered: by the office */
  publishedOnHow: 'platform' | 'text' | 'entered' | null;
  platform: { reportId: number; version: number; publishedAt: string } | null;
  /** the file behind an upload, or the file a hand entry was made from */
  file: { id: number; fileName: string; reader: string | null; size: number; sha256: string; uploadedAt: string } | null;
  /** what the office holds when the platform's report counts instead */
  shadowed: 'upload' | 'manual' | null;
  /** manual and upload: when the office last set it */
  updatedAt: string | null;
  exclusion: { reason: string; at: string; byName: string | null } | null;
}

export interface CollectedEntry extends CollectedItem {
  /** the review (findings, due date, lateness) and the score under the rubric */
  assessment: ReportReview & { result: ScoreResult };
}

/** Agencies whose reports are read at a time. */
export const COLLECT_BATCH = 250;

export interface CollectOptions {
  /** default: the office's own rubric (settings.ts), else DEFAULT_RUBRIC */
  rubric?: Rubric;
  /** default: the office's own due date of 乡镇/街道 reports (settings.ts) */
  settings?: TimelinessSettings;
  /** YYYY-MM-DD: the date of reference for reports not yet published (today) */
  asOf?: string | null;
  /** only this agency of the subtree */
  agencyId?: number;
  /** the agencies to read, of the subtree and in its order (default: the whole subtree, overseen()) */
  agencies?: readonly TreeAgency[];
  /** after each batch: the agencies done, of how many */
  progress?: (done: number, total: number) => void;
  /** agencies read at a time (default COLLECT_BATCH) */
  batch?: number;
}

interface Found {
  source: CollectedSource;
  report: AnnualReport | null;
  status: Record<string, CellStatus>;
  diagnostics: Diagnostic[];
  unreadable: string | null;
  publishedOn: string | null;
  publishedOnHow: CollectedEntry['publishedOnHow'];
  platform: CollectedEntry['platform'];
  file: CollectedEntry['file'];
  updatedAt: string | null;
}

const key = (agencyId: number, year: number) => `${agencyId}/${year}`;

async function platformReports(db: Kysely<DB>, ids: readonly number[], years: readonly number[]): Promise<Map<string, Found>> {
  const out = new Map<string, Found>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('publishedReports as p')
    .select((eb) => [
      'p.id',
      'p.agencyId',
      'p.year',
      'p.report',
      'p.publishedAt',
      eb.selectFrom('publishedReportVersions as v').select((v) => v.fn.max('v.version').as('m')).whereRef('v.reportId', '=', 'p.id').as('version'),
    ])
    .where('p.agencyId', 'in', ids)
    .where('p.year', 'in', years)
    .execute();
  for (const r of rows) {
    out.set(key(r.agencyId, r.year), {
      source: 'platform',
      report: r.report as unknown as AnnualReport,
      status: {},
      diagnostics: [],
      unreadable: null,
      publishedOn: beijingDay(r.publishedAt),
      publishedOnHow: 'platform',
      platform: { reportId: r.id, version: Number(r.version ?? 1), publishedAt: r.publishedAt },
      file: null,
      updatedAt: null,
    });
  }
  return out;
}

async function heldReports(db: Kysely<DB>, overseerId: number, ids: readonly number[], years: readonly number[]): Promise<Map<string, Found>> {
  const q = db
    .selectFrom('oversightReports as o')
    .leftJoin('oversightFiles as f', 'f.id', 'o.fileId')
    .select([
      'o.agencyId',
      'o.year',
      'o.source',
      'o.report as entered',
      'o.publishedOn',
      'o.publishedOnHow',
      'o.updatedAt',
      'f.id as fileId',
      'f.fileName',
      'f.reader',
      'f.size',
      'f.sha256',
      'f.uploadedAt',
      'f.report as parsed',
      'f.cellStatus',
      'f.diagnostics',
      'f.error',
    ])
    .where('o.overseerId', '=', overseerId)
    .where('o.agencyId', 'in', ids)
    .where('o.year', 'in', years);
  const out = new Map<string, Found>();
  for (const r of await q.execute()) {
    const manual = r.source === 'manual';
    out.set(key(r.agencyId, r.year), {
      source: manual ? 'manual' : 'upload',
      report: ((manual ? r.entered : r.parsed) ?? null) as AnnualReport | null,
      status: manual ? {} : ((r.cellStatus ?? {}) as Record<string, CellStatus>),
      diagnostics: manual ? [] : ((r.diagnostics ?? []) as Diagnostic[]),
      unreadable: manual ? null : (r.error ?? null),
      publishedOn: r.publishedOn,
      publishedOnHow: r.publishedOnHow as Found['publishedOnHow'],
      platform: null,
      file: r.fileId === null ? null : { id: r.fileId, fileName: r.fileName ?? '', reader: r.reader ?? null, size: r.size ?? 0, sha256: r.sha256 ?? '', uploadedAt: r.uploadedAt ?? '' },
      updatedAt: r.updatedAt,
    });
  }
  return out;
}

type Exclusion = CollectedItem['exclusion'];

async function exclusionsOf(db: Kysely<DB>, overseerId: number, ids: readonly number[], year: number): Promise<Map<number, NonNullable<Exclusion>>> {
  const rows = await db
    .selectFrom('oversightExclusions as x')
    .leftJoin('users as u', 'u.id', 'x.excludedBy')
    .select(['x.agencyId', 'x.reason', 'x.excludedAt', 'u.displayName'])
    .where('x.overseerId', '=', overseerId)
    .where('x.agencyId', 'in', ids)
    .where('x.year', '=', year)
    .execute();
  return new Map(rows.map((x) => [x.agencyId, { reason: x.reason, at: x.excludedAt, byName: x.displayName ?? null }]));
}

interface Batched {
  item: CollectedItem;
  /** the previous year's report (only when asked for) */
  previous: Found | null;
}

/** One batch of agencies: their reports of `years` (the first is the year collected), held reports and exclusions. */
async function readBatch(db: Kysely<DB>, overseerId: number, year: number, agencies: readonly TreeAgency[], withPrevious: boolean): Promise<Batched[]> {
  const ids = agencies.map((a) => a.id);
  const years = withPrevious ? [year, year - 1] : [year];
  const platform = await platformReports(db, ids, years);
  const held = await heldReports(db, overseerId, ids, years);
  const excluded = await exclusionsOf(db, overseerId, ids, year);
  return agencies.map((agency) => {
    const own = held.get(key(agency.id, year)) ?? null;
    const found = platform.get(key(agency.id, year)) ?? own;
    const previous = withPrevious ? (platform.get(key(agency.id, year - 1)) ?? held.get(key(agency.id, year - 1)) ?? null) : null;
    const item: CollectedItem = {
      agency,
      kind: kindOf(agency.level),
      source: found?.source ?? null,
      report: found?.report ?? null,
      status: found?.status ?? {},
      diagnostics: found?.diagnostics ?? [],
      unreadable: found?.unreadable ?? null,
      publishedOn: found?.publishedOn ?? null,
      publishedOnHow: found?.publishedOnHow ?? null,
      platform: found?.platform ?? null,
      file: found?.file ?? null,
      shadowed: found?.source === 'platform' && own ? (own.source as 'upload' | 'manual') : null,
      updatedAt: found?.updatedAt ?? null,
      exclusion: excluded.get(agency.id) ?? null,
    };
    return { item, previous };
  });
}

/** The agencies' batches, in the subtree's order, with `progress` called after each has been consumed. */
async function* batches(db: Kysely<DB>, overseerId: number, year: number, options: CollectOptions, withPrevious: boolean): AsyncGenerator<Batched> {
  let agencies = options.agencies ?? (await overseen(db, overseerId));
  if (options.agencyId !== undefined) agencies = agencies.filter((a) => a.id === options.agencyId);
  const size = Math.max(1, options.batch ?? COLLECT_BATCH);
  for (let start = 0; start < agencies.length; start += size) {
    for (const b of await readBatch(db, overseerId, year, agencies.slice(start, start + size), withPrevious)) yield b;
    options.progress?.(Math.min(start + size, agencies.length), agencies.length);
  }
}

/**
 * For every agency of the subtree below `overseerId` (parents first, by depth and name), one at a time:
 * its collected report of `year` or none, with `assess`'s findings and score. Missing agencies come with
 * source null (NOT_PUBLISHED or NOT_YET_DUE, by `asOf`).
 */
export async function* streamCollected(db: Kysely<DB>, overseerId: number, year: number, options: CollectOptions = {}): AsyncGenerator<CollectedEntry> {
  const own = options.rubric && options.settings ? null : await officeSettings(db, overseerId);
  const rubric = options.rubric ?? own?.rubric ?? DEFAULT_RUBRIC;
  const settings = options.settings ?? own?.timeliness;
  for await (const { item, previous } of batches(db, overseerId, year, options, true)) {
    const assessment = assess(
      {
        year,
        kind: item.kind,
        ...(settings ? { settings } : {}),
        report: item.report,
        status: item.status,
        diagnostics: item.diagnostics,
        unreadable: item.unreadable,
        publishedOn: item.publishedOn,
        previous: previous?.report ?? null,
        asOf: options.asOf ?? null,
      },
      rubric,
    );
    yield { ...item, assessment };
  }
}

/** As streamCollected, without the review: the collected reports alone (the previous year is not read). */
export async function* streamCollectedItems(db: Kysely<DB>, overseerId: number, year: number, options: CollectOptions = {}): AsyncGenerator<CollectedItem> {
  for await (const { item } of batches(db, overseerId, year, options, false)) yield item;
}

/** Every entry of streamCollected at once: for a few agencies (one agency's page, the tests), not a subtree's board. */
export async function collectedReports(db: Kysely<DB>, overseerId: number, year: number, options: CollectOptions = {}): Promise<CollectedEntry[]> {
  const out: CollectedEntry[] = [];
  for await (const e of streamCollected(db, overseerId, year, options)) out.push(e);
  return out;
}

/** One agency's entry (null: not in the subtree). */
export async function collectedReport(db: Kysely<DB>, overseerId: number, agencyId: number, year: number, options: CollectOptions = {}): Promise<CollectedEntry | null> {
  const [entry] = await collectedReports(db, overseerId, year, { ...options, agencyId });
  return entry ?? null;
}
