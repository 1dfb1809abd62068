// The ledger (台账) of applications for disclosure as offices keep it: its columns, one row as read, one
// problem found, and the limits of one import. Pure.

import type { ApplicantType, Channel, IdKind, Outcome, OutcomeRow } from '../applications/types.ts';

/** The header of a ledger, in the order written; a file may order them otherwise and add columns. */
export const LEDGER_COLUMNS = [
  '编号',
  '申请人类型',
  '申请人',
  '证件号码',
  '渠道',
  '收到日期',
  '申请内容',
  '补正告知日期',
  '补正收到日期',
  '延期告知日期',
  '答复日期',
  '办理结果',
] as const;

export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

export interface LedgerRow {
  /** spreadsheet row number, the header is 1 */
  line: number;
  number: string;
  applicantType: ApplicantType;
  applicantName: string;
  idKind: IdKind | null;
  idNumber: string | null;
  channel: Channel;
  receivedOn: string;
  request: string;
  correctionRequestedOn: string | null;
  correctionReceivedOn: string | null;
  extensionNoticeOn: string | null;
  repliedOn: string | null;
  outcomeRow: OutcomeRow | null;
  /** where the row of table 三 holds more than one outcome and the ledger names which (第（五）项 in （四）1) */
  outcome?: Outcome;
}

export interface LedgerError {
  /** spreadsheet row number (the header is 1); 0: the file as a whole */
  line: number;
  /** the column concerned (one of LEDGER_COLUMNS); '' when none */
  column: string;
  /** in Chinese: what is wrong and how to fix it */
  message: string;
}

export type LedgerRead = { ok: true; rows: LedgerRow[] } | { ok: false; errors: LedgerError[] };

export const LEDGER_LIMITS = {
  /** the file */
  maxBytes: 50 * 1024 * 1024,
  /** rows after the header */
  maxRows: 200_000,
} as const;

/** Problems listed at most, in an import that streams its rows (services/ledger.ts); the rest are counted. */
export const LEDGER_MAX_LISTED = 1000;
