// A worksheet of text written row by row (exceljs's streaming WorkbookWriter): each row goes out to the
// stream as it is added, so a table of 200,000 rows is written in the memory of a few rows. The layout is
// xlsx-layout.ts's as far as rows that are not kept can have it: the widths from the header (the rows are
// not there to measure), every cell text (numFmt "@") and wrapped, each row as tall as its wrapped text,
// the header in bold and frozen, repeated on every printed page, the title above and page numbers below.
// Strings are written inline (no shared-strings table to keep until the end).

import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { headerFooterOf, headerWidths, pageSetupOf, rowHeightOf } from './xlsx-layout.ts';

export interface SheetSpec {
  header: readonly string[];
  /** the columns' widths to start from (units) */
  widths: readonly number[];
  sheetName: string;
  /** the font of every cell */
  font: string;
}

export class XlsxSheetWriter {
  readonly #workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  readonly #sheet: ExcelJS.Worksheet;
  readonly #widths: number[];
  #rows = 0;

  /** Starts the workbook on `out` (which it ends when closed) with the header row. */
  constructor(out: Writable, spec: SheetSpec) {
    this.#widths = headerWidths(spec.header, spec.widths);
    const total = this.#widths.reduce((a, b) => a + b, 0);
    // fixed dates: the output depends on the rows only, not on the clock
    this.#workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    this.#workbook.created = new Date(0);
    this.#workbook.modified = new Date(0);
    this.#sheet = this.#workbook.addWorksheet(spec.sheetName, {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: pageSetupOf(total, { repeatRows: [1, 1] }),
      headerFooter: headerFooterOf(spec.sheetName),
    });
    const style: Partial<ExcelJS.Style> = { numFmt: '@', font: { name: spec.font }, alignment: { wrapText: true, vertical: 'top' } };
    this.#sheet.columns = this.#widths.map((width) => ({ width, style }));
    const head = this.#sheet.addRow([...spec.header]);
    head.font = { name: spec.font, bold: true };
    head.commit();
  }

  /** One row of text, written out at once. */
  addRow(values: readonly string[]): void {
    const row = this.#sheet.addRow([...values]);
    const height = rowHeightOf(values, this.#widths);
    if (height !== undefined) row.height = height;
    row.commit();
    this.#rows++;
  }

  get rows(): number {
    return this.#rows;
  }

  /** Ends the worksheet and the workbook; the stream is ended once everything is written. */
  async close(): Promise<void> {
    (this.#sheet as unknown as { commit(): void }).commit();
    await this.#workbook.commit();
  }
}
