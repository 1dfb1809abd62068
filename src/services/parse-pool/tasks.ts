// What the parse worker does (src/services/parse-pool/worker.mjs loads this module in a worker thread):
// an untrusted file's bytes → the parsed report or ledger rows, with the parsers of src/domain. The
// ZIP limits of domain/zip/limits.ts apply inside (docxToText, readLedger); the pool adds time and
// memory. Kept free of anything but the parse, so the worker's memory holds only the file at hand.

import { readLedger } from '../../domain/ledger/ledger.ts';
import type { LedgerRead } from '../../domain/ledger/ledger.ts';
import { checkReportDocument } from '../../domain/report/check-document.ts';
import type { DocumentCheck } from '../../domain/report/check-document.ts';
import { parseReportDocument } from '../../domain/report/document.ts';
import type { DocumentReading } from '../../domain/report/document.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import type { AttachmentKind } from '../../domain/catalogue/attachments.ts';
import { attachmentText } from '../catalogue/attachment-text.ts';
import { readPdfPages } from '../pdf/read.ts';
import { readCatalogueFile, type CatalogueFileRead } from '../../domain/catalogue/import-file.ts';
import { RECORD_FILES, type RecordKind } from '../../domain/records/files.ts';
import { readTableFile, type TableFileRead } from '../../domain/tabular/table-file.ts';
import { openReportZip, type OpenedZip } from '../../domain/zip/report-files.ts';

export type ParseTask =
  | { kind: 'report'; bytes: Uint8Array; fileName?: string }
  | { kind: 'reportCheck'; bytes: Uint8Array; fileName: string }
  | { kind: 'ledger'; bytes: Uint8Array; fileName: string; today: string }
  | { kind: 'attachment'; bytes: Uint8Array; attachment: AttachmentKind }
  | { kind: 'catalogue'; bytes: Uint8Array; fileName: string }
  | { kind: 'records'; bytes: Uint8Array; fileName: string; records: RecordKind }
  | { kind: 'reportZip'; bytes: Uint8Array };

/** What each kind of task answers. */
export interface ParseAnswers {
  report: DocumentReading;
  reportCheck: DocumentCheck;
  ledger: LedgerRead;
  attachment: DomainResult<string>;
  catalogue: CatalogueFileRead;
  records: TableFileRead<string>;
  reportZip: DomainResult<OpenedZip>;
}

export async function runTask(task: ParseTask): Promise<ParseAnswers[ParseTask['kind']]> {
  switch (task.kind) {
    case 'report':
      return parseReportDocument(task.bytes, task.fileName, { pdf: readPdfPages });
    case 'reportCheck':
      return checkReportDocument(task.bytes, task.fileName, { pdf: readPdfPages });
    case 'ledger':
      return readLedger(task.bytes, task.fileName, { today: task.today });
    case 'attachment':
      return attachmentText(task.bytes, task.attachment);
    case 'catalogue':
      return readCatalogueFile(task.bytes, task.fileName);
    case 'records':
      return readTableFile<string>(task.bytes, task.fileName, RECORD_FILES[task.records]);
    case 'reportZip':
      return openReportZip(task.bytes);
  }
}
