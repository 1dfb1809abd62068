// The office's board (issue #13 item 4): the rows of domain/oversight/board.ts built from the collected
// reports of the year (collectedReports, scored with the office's own settings) and the reminders sent;
// and the board as an XLSX workbook (exceljs, loaded only when an export is asked for): one sheet, the
// page's columns, Chinese headers.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AGENCY_LEVEL_LABELS, type AgencyLevel } from '../../domain/applications/types.ts';
import { BOARD_COLUMNS, type BoardRow } from '../../domain/oversight/board.ts';
import { collectedReports } from './collected.ts';
import { lastReminders } from './reminders.ts';

export const levelLabel = (level: string): string => AGENCY_LEVEL_LABELS[level as AgencyLevel] ?? level;

/** Every agency of the subtree for the year, in the subtree's order. */
export async function boardRows(db: Kysely<DB>, overseerId: number, year: number, asOf: string): Promise<BoardRow[]> {
  const [entries, reminded] = await Promise.all([collectedReports(db, overseerId, year, { asOf }), lastReminders(db, overseerId, year)]);
  return entries.map((e, order): BoardRow => {
    const a = e.assessment;
    return {
      code: e.agency.code,
      name: e.agency.name,
      level: e.agency.level,
      depth: e.agency.depth,
      order,
      source: e.exclusion ? 'excluded' : (e.source ?? 'none'),
      heldSource: e.source,
      unreadable: e.unreadable !== null,
      publishedOn: e.publishedOn,
      dueOn: a.dueOn,
      daysLate: a.daysLate,
      status: a.result.status,
      score: a.result.score,
      errors: a.result.errors,
      warnings: a.result.warnings,
      remindedAt: reminded.get(e.agency.id) ?? null,
    };
  });
}

/** The rows as an XLSX workbook: one sheet named after the year, the board's columns. */
export async function boardXlsx(rows: readonly BoardRow[], title: string): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.columns = BOARD_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(BOARD_COLUMNS.map((c) => c.value(r, levelLabel)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
