// `gongkai records import|export` and the staff page's import: the counts behind table 二 or the cases
// behind table 四 from a CSV/XLSX file (domain/records/files.ts, read in the parse pool), all or nothing
// — every row checked first, on its own and against the agency's records, every problem reported by row
// and column (as the catalogue's import does); only a file without any error is written, in one
// transaction with one audit entry. Counts equal to the figure in force and cases equal to their record
// are left as they are (a file may be imported again). Export writes the same columns.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import { CASE_COLUMNS, caseRow, checkCaseRows, checkCountRows, columnOf, COUNT_COLUMNS, countRow } from '../../domain/records/files.ts';
import type { CaseColumn, CountColumn, LinedCase, RecordKind } from '../../domain/records/files.ts';
import type { ImportError, TableFileRow } from '../../domain/tabular/table-file.ts';
import { writeTableFile } from '../../domain/tabular/table-file.ts';
import { record } from '../audit.ts';
import { parsePool } from '../parse-pool/index.ts';
import { allCases, resolveCase, writeCasesByNumber } from './cases.ts';
import { allFigures, writeCounts } from './counts.ts';
import type { RecordsActor } from './counts.ts';
import { tableFourSettings } from './settings.ts';

export interface RecordsImportSummary {
  kind: RecordKind;
  /** rows in the file */
  rows: number;
  created: number;
  updated: number;
  /** rows equal to what is recorded: nothing written */
  unchanged: number;
}

export type RecordsImportResult = { ok: true; value: RecordsImportSummary } | { ok: false; errors: ImportError[] };

const whole = (message: string): RecordsImportResult => ({ ok: false, errors: [{ line: 0, column: '', message }] });

/** The cases' rows checked against the agency's records (applications, linked reconsideration cases). */
async function checkAgainstRecords(db: Kysely<DB>, agencyId: number, rows: readonly LinedCase[]): Promise<{ ok: true; rows: { fields: LinedCase; applicationId: number | null; line: number }[] } | { ok: false; errors: ImportError[] }> {
  const inFile = new Map(rows.map((r) => [r.caseNumber, r]));
  const reconsiderations = new Map(rows.filter((r) => r.type === 'reconsideration').map((r) => [r.caseNumber, { receivedOn: r.receivedOn }]));
  const errors: ImportError[] = [];
  const out: { fields: LinedCase; applicationId: number | null; line: number }[] = [];
  for (const row of rows) {
    const linked = row.reconsiderationCaseNumber === '' ? undefined : inFile.get(row.reconsiderationCaseNumber);
    if (linked !== undefined && linked.type !== 'reconsideration') {
      errors.push({ line: row.line, column: '关联复议案号', message: `关联复议案号“${row.reconsiderationCaseNumber}”是本文件第${linked.line}行的案件，其类型不是行政复议；复议后起诉应关联行政复议案件。` });
      continue;
    }
    const r = await resolveCase(db, agencyId, row, null, reconsiderations);
    if (!r.ok) {
      errors.push({ line: row.line, column: columnOf(r.error), message: r.error.message });
      continue;
    }
    out.push({ fields: row, applicationId: r.value.applicationId, line: row.line });
  }
  return errors.length > 0 ? { ok: false, errors: errors.sort((x, y) => x.line - y.line) } : { ok: true, rows: out };
}

/** A refusal that rolls the import back, carrying every row's problem. */
class RowsRefused extends Error {
  constructor(readonly errors: ImportError[]) {
    super('rows refused');
  }
}

/** Imports a file of counts or cases into the agency; nothing is written unless every row is right. */
export async function importRecords(db: Kysely<DB>, agencyId: number, kind: RecordKind, bytes: Uint8Array, fileName: string, actor: RecordsActor, options: { maxBytes?: number } = {}): Promise<RecordsImportResult> {
  if (options.maxBytes !== undefined && bytes.byteLength > options.maxBytes) return whole(`文件超过${Math.round(options.maxBytes / 1024 / 1024)}MB的上限；请分成几个文件分别导入。`);
  const read = await parsePool().readRecordsFile(bytes, fileName, kind);
  if (!read.ok) return whole(read.error.message);
  if (!read.value.ok) return read.value;
  const audit = (trx: Kysely<DB>, summary: RecordsImportSummary) =>
    record(trx, { userId: actor.userId, agencyId, action: 'records.import', target: `agency:${agencyId}`, detail: { file: fileName, ...summary }, ip: actor.ip ?? null, at: actor.now });
  const importActor: RecordsActor = { ...actor, source: 'import' };

  if (kind === 'counts') {
    const checked = checkCountRows(read.value.rows as TableFileRow<CountColumn>[], actor.today);
    if (!checked.ok) return checked;
    const summary = await db.transaction().execute(async (trx) => {
      const written = await writeCounts(trx, agencyId, checked.rows, importActor);
      const created = written.filter((w) => w.status === 'created').length;
      const s: RecordsImportSummary = { kind, rows: checked.rows.length, created, updated: 0, unchanged: written.length - created };
      if (created > 0) await audit(trx, s);
      return s;
    });
    return { ok: true, value: summary };
  }

  const checked = checkCaseRows(read.value.rows as TableFileRow<CaseColumn>[], actor.today);
  if (!checked.ok) return checked;
  const resolved = await checkAgainstRecords(db, agencyId, checked.rows);
  if (!resolved.ok) return resolved;
  try {
    const summary = await db.transaction().execute(async (trx) => {
      const { saved, refused } = await writeCasesByNumber(trx, agencyId, resolved.rows, importActor);
      if (refused.length > 0) throw new RowsRefused(refused.map((r) => ({ line: r.line, column: columnOf(r.error as DomainError), message: r.error.message })).sort((x, y) => x.line - y.line));
      const s: RecordsImportSummary = {
        kind,
        rows: saved.length,
        created: saved.filter((x) => x.status === 'created').length,
        updated: saved.filter((x) => x.status === 'updated').length,
        unchanged: saved.filter((x) => x.status === 'unchanged').length,
      };
      if (s.created + s.updated > 0) await audit(trx, s);
      return s;
    });
    return { ok: true, value: summary };
  } catch (e) {
    if (e instanceof RowsRefused) return { ok: false, errors: e.errors };
    throw e;
  }
}

/** The agency's records in the import's columns: the figures in force of every year, or every case. */
export async function exportRecords(db: Kysely<DB>, agencyId: number, kind: RecordKind, format: 'csv' | 'xlsx'): Promise<{ bytes: Uint8Array; rows: number }> {
  if (kind === 'counts') {
    const records = (await allFigures(db, agencyId)).map(countRow);
    return { bytes: await writeTableFile(COUNT_COLUMNS, records, format, { widths: [8, 16, 12, 14, 40], sheetName: '年报数据' }), rows: records.length };
  }
  const settings = await tableFourSettings(db, agencyId);
  const records = (await allCases(db, agencyId)).map((c) => caseRow(c, settings));
  return { bytes: await writeTableFile(CASE_COLUMNS, records, format, { widths: [28, 16, 16, 12, 12, 10, 20, 24, 28, 40], sheetName: '行政复议和行政诉讼案件' }), rows: records.length };
}
