// What the parse worker does (src/services/parse-pool/worker.mjs loads this module in a worker thread):
// an untrusted file's bytes → the parsed report or ledger rows, with the parsers of src/domain. The
// ZIP limits of domain/zip/limits.ts apply inside (docxToText, readLedger); the pool adds time and
// memory. Kept free of anything but the parse, so the worker's memory holds only the file at hand.

import type { MessagePort } from 'node:worker_threads';
import { readLedger, readLedgerBatches } from '../../domain/ledger/ledger.ts';
import type { LedgerEnd, LedgerRead } from '../../domain/ledger/ledger.ts';
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
  /** the ledger's rows checked batch by batch, each posted on `port` when the caller asks for it (streamLedger) */
  | { kind: 'ledgerStream'; bytes: Uint8Array; fileName: string; today: string; port: MessagePort }
  | { kind: 'attachment'; bytes: Uint8Array; attachment: AttachmentKind }
  | { kind: 'catalogue'; bytes: Uint8Array; fileName: string }
  | { kind: 'records'; bytes: Uint8Array; fileName: string; records: RecordKind }
  | { kind: 'reportZip'; bytes: Uint8Array };

/** What each kind of task answers. */
export interface ParseAnswers {
  report: DocumentReading;
  reportCheck: DocumentCheck;
  ledger: LedgerRead;
  ledgerStream: LedgerEnd | 'stopped';
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
    case 'ledgerStream':
      return streamLedger(task);
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

/**
 * The ledger's batches, one posted for each "next" the caller sends on the port; the task ends with how the
 * file ends, or 'stopped' when the caller says "stop" or closes its end. The worker reads no further than
 * the caller has asked: a batch at a time is all either side holds.
 */
async function streamLedger(task: Extract<ParseTask, { kind: 'ledgerStream' }>): Promise<LedgerEnd | 'stopped'> {
  const { port } = task;
  // the caller's end closed (it stopped early): remembered, since it may close while a batch is read
  let closed = false;
  port.once('close', () => (closed = true));
  const asked = (): Promise<boolean> =>
    new Promise((resolve) => {
      if (closed) return resolve(false);
      const onMessage = (m: unknown) => done(m === 'next');
      const onClose = () => done(false);
      const done = (next: boolean) => {
        port.off('message', onMessage);
        port.off('close', onClose);
        resolve(next);
      };
      port.on('message', onMessage);
      port.on('close', onClose);
    });
  const reading = readLedgerBatches(task.bytes, task.fileName, { today: task.today });
  try {
    for (;;) {
      if (!(await asked())) {
        await reading.return({ ok: true, errors: [] });
        return 'stopped';
      }
      const step = await reading.next();
      if (step.done) return step.value;
      port.postMessage(step.value);
    }
  } finally {
    port.close();
  }
}
