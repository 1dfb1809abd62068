// The ledger (台账) of applications for disclosure that agencies keep in Excel: reading one (CSV in UTF-8
// or GBK/GB18030, or XLSX) with every row checked and every problem described in Chinese; writing one in
// the same format. Both stream: readLedgerBatches gives the checked rows a few hundred at a time as the file
// is read (CSV decoded and parsed piece by piece, XLSX through exceljs's streaming reader), ledgerCsvLine
// and tabular/xlsx-stream.ts write a row at a time; readLedger and writeLedger are the same, all at once.
// All or nothing: readLedger gives rows only when there is no error at all.
// Pure: bytes in, values out; today's date is an argument.

import { NOT_RESPONSIBLE_LEDGER_LABEL, rowLabel } from '../applications/outcomes.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS } from '../applications/types.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import { decodeInPieces } from '../report/input/decode.ts';
import type { RawCell } from './cells.ts';
import { csvField, CsvParser } from './csv.ts';
import { LedgerRowsChecker, sortErrors } from './rows.ts';
import { LEDGER_COLUMNS, LEDGER_LIMITS } from './types.ts';
import type { LedgerColumn, LedgerError, LedgerRow } from './types.ts';
import { checkZipLimits } from '../zip/limits.ts';
import type { Writable } from 'node:stream';
import type { XlsxSheetWriter } from '../tabular/xlsx-stream.ts';

export { LEDGER_COLUMNS, LEDGER_LIMITS, LEDGER_MAX_LISTED } from './types.ts';
export type { LedgerColumn, LedgerError, LedgerRow } from './types.ts';

export type LedgerRead = { ok: true; rows: LedgerRow[] } | { ok: false; errors: LedgerError[] };

/** Rows checked since the last batch: the valid ones, and the problems of the others. */
export interface LedgerBatch {
  rows: LedgerRow[];
  errors: LedgerError[];
}

/**
 * How the file ends. ok: every row read, `errors` are those found only at the end (编号 used twice); not ok:
 * the file as a whole is refused (too large, too many rows, unreadable, no header…) and nothing of the
 * batches counts.
 */
export type LedgerEnd = { ok: true; errors: LedgerError[] } | { ok: false; errors: LedgerError[] };

// ---------------------------------------------------------------------------------------------
// Reading

/** The refusal of a file of `size` bytes, over LEDGER_LIMITS.maxBytes. */
export function ledgerTooLarge(size: number): LedgerError {
  const mb = (size / 1024 / 1024).toFixed(1);
  return { line: 0, column: '', message: `文件大小为${mb}MB，超过了${LEDGER_LIMITS.maxBytes / 1024 / 1024}MB的上限；请把台账分成几个文件分别导入` };
}

export async function readLedger(bytes: Uint8Array, fileName: string, options: { today: string }): Promise<LedgerRead> {
  const rows: LedgerRow[] = [];
  const errors: LedgerError[] = [];
  const reading = readLedgerBatches(bytes, fileName, options);
  for (let step = await reading.next(); ; step = await reading.next()) {
    if (step.done) {
      if (!step.value.ok) return step.value;
      errors.push(...step.value.errors);
      break;
    }
    for (const row of step.value.rows) rows.push(row);
    for (const error of step.value.errors) errors.push(error);
  }
  return errors.length > 0 ? { ok: false, errors: sortErrors(errors) } : { ok: true, rows };
}

/**
 * The ledger's rows checked as the file is read, about `batchRows` rows at a time (each batch's valid rows
 * and its rows' problems, in the order of the file); the end says whether the file as a whole stands. A file
 * refused as a whole after batches were given (too many rows, an unclosed quote, a workbook damaged further
 * in) ends with its error: the batches then count for nothing.
 */
export async function* readLedgerBatches(bytes: Uint8Array, fileName: string, options: { today: string; batchRows?: number }): AsyncGenerator<LedgerBatch, LedgerEnd> {
  const { today } = options;
  if (parseIsoDate(today) === null) throw new RangeError(`readLedger: today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const batchRows = options.batchRows ?? 500;
  const fileError = (message: string): LedgerEnd => ({ ok: false, errors: [{ line: 0, column: '', message }] });

  if (bytes.byteLength > LEDGER_LIMITS.maxBytes) return { ok: false, errors: [ledgerTooLarge(bytes.byteLength)] };
  if (bytes.byteLength === 0) return fileError('文件是空的；请选择填写好的台账（CSV或XLSX文件）');

  const checker = new LedgerRowsChecker(today);
  const kind = fileKind(bytes, fileName);
  switch (kind) {
    case 'xls':
      return fileError('这是旧版Excel（.xls）文件或加密的Excel文件，无法读取；请在Excel中“另存为”Excel工作簿（.xlsx）或“CSV UTF-8（逗号分隔）”后再导入，加密的文件请先取消密码');
    case 'not_xlsx':
      return fileError('文件的扩展名是.xlsx，但内容不是Excel工作簿；请在Excel中重新保存为.xlsx后再导入');
    case 'xlsx': {
      // what it may inflate to: domain/zip/limits.ts (every part inflated, declared sizes not trusted)
      const limits = await checkZipLimits(bytes, 'xlsx');
      if (!limits.ok) {
        if (limits.error.code === 'FILE_TOO_COMPLEX') return fileError(limits.error.message);
        return fileError('文件已损坏或不完整，无法作为Excel工作簿（.xlsx）读取；请在Excel中重新保存后再导入');
      }
      const reading = (await import('./xlsx.ts')).xlsxRows(bytes);
      for (let step = await reading.next(); ; step = await reading.next()) {
        if (step.done) {
          if (step.value.ok) break;
          if (step.value.problem === 'no_sheet') return fileError('该Excel文件中没有工作表；请把台账放在第一个工作表中');
          return fileError(`无法读取该Excel文件（${step.value.detail}）；请在Excel中重新保存为.xlsx后再导入`);
        }
        // (rows with content: the header and at most maxRows below it)
        if (checker.seen > LEDGER_LIMITS.maxRows) {
          await reading.return({ ok: true });
          return fileError(tooManyRows());
        }
        checker.push(step.value);
        if (checker.ready >= batchRows) yield checker.take();
      }
      break;
    }
    case 'csv': {
      const parser = new CsvParser();
      let line = 0;
      // every record counts, empty lines too: the header and at most maxRows below it
      const take = (records: string[][]): boolean => {
        for (const fields of records) {
          if (++line > LEDGER_LIMITS.maxRows + 1) return false;
          checker.push({ line, cells: fields.map(csvCell) });
        }
        return true;
      };
      // (pieces of 64 KB: a few hundred rows each, so that a batch is about batchRows)
      for (const piece of decodeInPieces(bytes, 64 * 1024)) {
        if (!take(parser.push(piece))) return fileError(tooManyRows());
        if (checker.ready >= batchRows) yield checker.take();
      }
      const end = parser.end();
      if (!end.ok) {
        return {
          ok: false,
          errors: [
            {
              line: end.line,
              column: '',
              message: `第${end.line}行有一个英文双引号（"）没有配对的结束引号，其后的内容都被当成了同一个单元格；请补上结束引号或删去多余的引号`,
            },
          ],
        };
      }
      if (!take(end.records)) return fileError(tooManyRows());
      break;
    }
  }
  const last = checker.finish();
  // (the last rows are checked by finish when the file is shorter than the header's window)
  const rest = checker.take();
  if (last.ok && (rest.rows.length > 0 || rest.errors.length > 0)) yield rest;
  return last;
}

function tooManyRows(): string {
  return `台账超过${LEDGER_LIMITS.maxRows}行，超过了一次导入的上限；请把台账分成几个文件分别导入`;
}

function fileKind(bytes: Uint8Array, fileName: string): 'xlsx' | 'xls' | 'not_xlsx' | 'csv' {
  const [a, b, c, d] = bytes;
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) return 'xlsx';
  // an OLE compound file: .xls, or an .xlsx protected by a password
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) return 'xls';
  const ext = /\.([a-z0-9]+)$/iu.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') return 'not_xlsx';
  return 'csv';
}

/**
 * A CSV field as a cell. writeLedger puts an apostrophe before a value beginning with = + - @ (so that
 * Excel shows it as text and never runs it as a formula); reading takes that apostrophe away.
 */
function csvCell(field: string): RawCell {
  const text = field.trim();
  return { kind: 'text', text: FORMULA_GUARDED.test(text) ? text.slice(1) : text };
}

const FORMULA_START = /^'*[=+\-@]/u;
const FORMULA_GUARDED = /^'+[=+\-@]/u;

// ---------------------------------------------------------------------------------------------
// Writing

/** Column widths of the .xlsx, in characters. */
const WIDTHS: Record<LedgerColumn, number> = {
  编号: 14,
  申请人类型: 12,
  申请人: 16,
  证件号码: 22,
  渠道: 8,
  收到日期: 12,
  申请内容: 40,
  补正告知日期: 14,
  补正收到日期: 14,
  延期告知日期: 14,
  答复日期: 12,
  办理结果: 24,
};

/** A row as the cells written, in the order of LEDGER_COLUMNS. */
export function ledgerCells(row: LedgerRow): string[] {
  return [
    row.number,
    APPLICANT_TYPE_LABELS[row.applicantType],
    row.applicantName,
    row.idNumber ?? '',
    CHANNEL_LABELS[row.channel],
    row.receivedOn,
    row.request,
    row.correctionRequestedOn ?? '',
    row.correctionReceivedOn ?? '',
    row.extensionNoticeOn ?? '',
    row.repliedOn ?? '',
    row.outcomeRow === null ? '' : row.outcome === 'NOT_RESPONSIBLE' ? NOT_RESPONSIBLE_LEDGER_LABEL : rowLabel(row.outcomeRow),
  ];
}

/**
 * The ledger in the format readLedger reads. CSV: UTF-8 with a BOM (so that Excel recognises it), CRLF,
 * quoted where needed, an apostrophe before a value that Excel would take for a formula. XLSX: one sheet,
 * the header in bold, every cell text (dates as YYYY-MM-DD, 编号 and 证件号码 never numbers). The same
 * bytes as the streamed export (services/ledger.ts) writes, all at once.
 */
export async function writeLedger(rows: readonly LedgerRow[], format: 'csv' | 'xlsx'): Promise<Uint8Array> {
  if (format === 'csv') return new TextEncoder().encode(LEDGER_CSV_HEADER + rows.map(ledgerCsvLine).join(''));
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = await ledgerXlsxWriter(out);
  for (const row of rows) writer.addRow(ledgerCells(row));
  await writer.close();
  return new Uint8Array(Buffer.concat(chunks));
}

/** The start of a ledger CSV: UTF-8's BOM (so that Excel recognises it) and the header. */
export const LEDGER_CSV_HEADER = '\uFEFF' + LEDGER_COLUMNS.map(csvField).join(',') + '\r\n';

/** One row of a ledger CSV, its line break included (CRLF). */
export function ledgerCsvLine(row: LedgerRow): string {
  return ledgerCells(row).map((v) => csvField(FORMULA_START.test(v) ? `'${v}` : v)).join(',') + '\r\n';
}

/** A ledger .xlsx written row by row to `out` (tabular/xlsx-stream.ts): its rows are ledgerCells(row). */
export async function ledgerXlsxWriter(out: Writable): Promise<XlsxSheetWriter> {
  const { XlsxSheetWriter } = await import('../tabular/xlsx-stream.ts');
  return new XlsxSheetWriter(out, { header: LEDGER_COLUMNS, widths: LEDGER_COLUMNS.map((c) => WIDTHS[c]), sheetName: SHEET_NAME, font: FONT });
}

const SHEET_NAME = '依申请公开台账';
const FONT = '宋体';
