// The counts behind table 二 第二十条第（五）（六）（八）项: 行政许可, 行政处罚, 行政强制 (本年处理决定数量)
// and 行政事业性收费 (本年收费金额（万元）) per agency and year. Append-only (report_counts): every entry
// is a new row with who entered it, when, how (page, import, api) and why; the figure of a year is its
// latest entry, and as of a date the latest entry recorded by the end of that day. A kind without any
// entry has no figure (the report's cell stays null, never 0). An entry equal to the figure in force is
// not written again ("unchanged"), so a system that pushes the same figures repeatedly adds nothing.

import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { checkCount } from '../../domain/records/inputs.ts';
import type { CountFields } from '../../domain/records/inputs.ts';
import { COUNT_KIND_LABELS, COUNT_KINDS } from '../../domain/records/vocab.ts';
import type { CountKind, RecordSource } from '../../domain/records/vocab.ts';
import { record } from '../audit.ts';

/** Who enters records, when, and how. */
export interface RecordsActor {
  /** the signed-in user or the token's user; null for the command line */
  userId: number | null;
  /** the name recorded with the entry (the user's display name, or 'import') */
  name: string;
  /** ISO timestamp */
  now: string;
  /** YYYY-MM-DD: dates after it are refused */
  today: string;
  ip?: string | null;
  source: RecordSource;
}

export interface CountEntry {
  id: number;
  year: number;
  kind: CountKind;
  /** exact decimal text: '12', '0.35' */
  value: string;
  enteredAt: string;
  enteredBy: number | null;
  enteredByName: string;
  source: RecordSource;
  note: string;
}

/** The figures of a year by kind (null: nothing entered, the cell stays empty). */
export type YearFigures = Record<CountKind, CountEntry | null>;

export interface EnteredCount {
  year: number;
  kind: CountKind;
  value: string;
  /** 'created': a new entry; 'unchanged': the same as the figure in force, nothing written */
  status: 'created' | 'unchanged';
  entry: CountEntry;
}

/** The end of a day as the records' cut-off (the same as table 三's `asOf`). */
export const endOfDay = (asOf: string): string => `${asOf}T23:59:59.999Z`;

const columns = ['id', 'year', 'kind', sql<string>`value::text`.as('value'), 'enteredAt', 'enteredBy', 'enteredByName', 'source', 'note'] as const;

type Row = { id: number; year: number; kind: string; value: string; enteredAt: string; enteredBy: number | null; enteredByName: string; source: string; note: string };
const entryOf = (r: Row): CountEntry => ({ ...r, id: Number(r.id), enteredBy: r.enteredBy === null ? null : Number(r.enteredBy), kind: r.kind as CountKind, source: r.source as RecordSource });

/** The figure of each kind for a year: its latest entry (recorded by the end of `asOf`, when given). */
export async function yearFigures(db: Kysely<DB>, agencyId: number, year: number, options: { asOf?: string } = {}): Promise<YearFigures> {
  const rows = await db
    .selectFrom('reportCounts')
    .select([...columns])
    .distinctOn('kind')
    .where('agencyId', '=', agencyId)
    .where('year', '=', year)
    .$if(options.asOf !== undefined, (q) => q.where('enteredAt', '<=', endOfDay(options.asOf as string)))
    .orderBy('kind')
    .orderBy('enteredAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const out = Object.fromEntries(COUNT_KINDS.map((k) => [k, null])) as YearFigures;
  for (const r of rows) out[r.kind as CountKind] = entryOf(r as Row);
  return out;
}

/** Every entry of a year, newest first (the history shown under each figure). */
export async function countHistory(db: Kysely<DB>, agencyId: number, year: number): Promise<CountEntry[]> {
  const rows = await db.selectFrom('reportCounts').select([...columns]).where('agencyId', '=', agencyId).where('year', '=', year).orderBy('enteredAt', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => entryOf(r as Row));
}

/** The years with any entry, newest first. */
export async function countYears(db: Kysely<DB>, agencyId: number): Promise<number[]> {
  const rows = await db.selectFrom('reportCounts').select('year').distinct().where('agencyId', '=', agencyId).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

/** The figures in force of every year, oldest first: what `records export counts` writes. */
export async function allFigures(db: Kysely<DB>, agencyId: number): Promise<CountEntry[]> {
  const rows = await db
    .selectFrom('reportCounts')
    .select([...columns])
    .distinctOn(['year', 'kind'])
    .where('agencyId', '=', agencyId)
    .orderBy('year')
    .orderBy('kind')
    .orderBy('enteredAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const order = (k: string) => COUNT_KINDS.indexOf(k as CountKind);
  return rows.map((r) => entryOf(r as Row)).sort((a, b) => a.year - b.year || order(a.kind) - order(b.kind));
}

/** Checks every input (a refusal names the entry: `counts.2.value` when several). */
export function checkCounts(inputs: readonly unknown[], today: string): DomainResult<CountFields[]> {
  const out: CountFields[] = [];
  const seen = new Map<string, number>();
  for (const [i, input] of inputs.entries()) {
    const r = checkCount(input, today);
    const at = (e: DomainError): DomainError => (inputs.length === 1 ? e : { ...e, field: `counts.${i}.${e.field ?? ''}`, message: `第${i + 1}项：${e.message}` });
    if (!r.ok) return { ok: false, error: at(r.error) };
    const key = `${r.value.year}/${r.value.kind}`;
    const first = seen.get(key);
    if (first !== undefined) return { ok: false, error: at({ code: 'DUPLICATE_COUNT', message: `${r.value.year}年度的${COUNT_KIND_LABELS[r.value.kind]}与第${first + 1}项重复，一次只能提交一个数字。`, field: 'kind' }) };
    seen.set(key, i);
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** Writes checked counts in the caller's transaction: a new entry unless equal to the figure in force. */
export async function writeCounts(trx: Transaction<DB>, agencyId: number, counts: readonly CountFields[], actor: RecordsActor): Promise<EnteredCount[]> {
  const out: EnteredCount[] = [];
  for (const c of counts) {
    // one writer at a time per agency, year and kind: "unchanged" is decided on the figure in force
    await sql`select pg_advisory_xact_lock(${agencyId}::int, hashtext(${`report_counts/${c.year}/${c.kind}`}))`.execute(trx);
    const latest = (await yearFigures(trx, agencyId, c.year))[c.kind];
    if (latest !== null && latest.value === c.value) {
      out.push({ year: c.year, kind: c.kind, value: c.value, status: 'unchanged', entry: latest });
      continue;
    }
    const row = await trx
      .insertInto('reportCounts')
      .values({ agencyId, year: c.year, kind: c.kind, value: c.value, enteredAt: actor.now, enteredBy: actor.userId, enteredByName: actor.name, source: actor.source, note: c.note })
      .returning([...columns])
      .executeTakeFirstOrThrow();
    out.push({ year: c.year, kind: c.kind, value: c.value, status: 'created', entry: entryOf(row as Row) });
  }
  return out;
}

/** Enters one or many counts (one transaction with its audit entry); a refusal writes nothing. */
export async function enterCounts(db: Kysely<DB>, agencyId: number, inputs: readonly unknown[], actor: RecordsActor): Promise<DomainResult<EnteredCount[]>> {
  if (inputs.length === 0) return { ok: false, error: { code: 'INVALID_INPUT', message: '没有要录入的数字：请至少提交一项。', field: 'counts' } };
  if (inputs.length > 400) return { ok: false, error: { code: 'INVALID_INPUT', message: '一次最多提交400项数字，请分批提交。', field: 'counts' } };
  const checked = checkCounts(inputs, actor.today);
  if (!checked.ok) return checked;
  const entered = await db.transaction().execute(async (trx) => {
    const out = await writeCounts(trx, agencyId, checked.value, actor);
    const created = out.filter((e) => e.status === 'created');
    if (created.length > 0) {
      await record(trx, {
        userId: actor.userId,
        agencyId,
        action: 'records.counts',
        target: `agency:${agencyId}`,
        detail: { source: actor.source, entries: created.map((e) => ({ id: e.entry.id, year: e.year, kind: e.kind, value: e.value, note: e.entry.note })) },
        ip: actor.ip ?? null,
        at: actor.now,
      });
    }
    return out;
  });
  return { ok: true, value: entered };
}

/** The figure as the report writes it, with its unit: '12件', '0.35万元'. */
export function figureText(kind: CountKind, value: string): string {
  return kind === 'fees' ? `${value}万元` : `${value}件`;
}
