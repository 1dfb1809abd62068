// The office's board (issue #13 item 4): the rows of domain/oversight/board.ts built from the collected
// reports of the year (streamCollected, scored with the office's own settings; each entry dropped once
// its light row is made, so the reports are never all held) and the reminders sent;
// and the board as an XLSX workbook (exceljs, loaded only when an export is asked for): one sheet, the
// page's columns, Chinese headers.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AGENCY_LEVEL_LABELS, type AgencyLevel } from '../../domain/applications/types.ts';
import { BOARD_COLUMNS, type BoardRow } from '../../domain/oversight/board.ts';
import { layoutSheet } from '../../domain/tabular/xlsx-layout.ts';
import { streamCollected, type CollectOptions } from './collected.ts';
import { lastReminders } from './reminders.ts';

export const levelLabel = (level: string): string => AGENCY_LEVEL_LABELS[level as AgencyLevel] ?? level;

/** Every agency of the subtree for the year, in the subtree's order. `progress`: after each batch of agencies. */
export async function boardRows(db: Kysely<DB>, overseerId: number, year: number, asOf: string, options: Pick<CollectOptions, 'progress'> = {}): Promise<BoardRow[]> {
  const reminded = await lastReminders(db, overseerId, year);
  const rows: BoardRow[] = [];
  for await (const e of streamCollected(db, overseerId, year, { asOf, progress: options.progress })) {
    const a = e.assessment;
    const order = rows.length;
    rows.push({
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
    });
  }
  return rows;
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
  layoutSheet(sheet, { title, widths: BOARD_COLUMNS.map((c) => c.width), repeatRows: [1, 1] });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
