// Table 三 of the annual report (收到和处理政府信息公开申请情况) computed from applications: the reference
// the database's SQL must agree with. An application counts by its receipt date (条例第三十一条) and
// the date it was concluded (closed_on), so R1 (一 + 二 = 三（七） + 四, domain.md §2.6) holds by
// construction, and 四 of one year equals 二 of the next (R5).

import type { ApplicantRow, ApplicationRows } from '../report/model.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import { APPLICANT_TYPES, type ApplicantType, type OutcomeRow } from './types.ts';

export interface ApplicationRecord {
  applicantType: ApplicantType;
  /** 条例第三十一条: null while the receipt is not confirmed — such an application counts nowhere */
  receivedOn: string | null;
  /** the date it was concluded (reply, lapse, withdrawal); null while open */
  closedOn: string | null;
  outcomeRow: OutcomeRow | null;
}

const TOTAL = APPLICANT_TYPES.length;
const COLUMN = new Map<ApplicantType, number>(APPLICANT_TYPES.map((t, i) => [t, i]));

const zeros = (): ApplicantRow => Array.from({ length: TOTAL + 1 }, () => 0);

/** The 2021 format's rows, every cell 0. */
export function zeroApplicationRows(): ApplicationRows {
  return {
    newReceived: zeros(),
    carriedOver: zeros(),
    granted: zeros(),
    partlyGranted: zeros(),
    denied: {
      stateSecret: zeros(),
      lawProhibited: zeros(),
      threeSecurityOneStability: zeros(),
      thirdPartyRights: zeros(),
      internalAffairs: zeros(),
      processInformation: zeros(),
      enforcementFiles: zeros(),
      administrativeQuery: zeros(),
    },
    unableToProvide: { notHeld: zeros(), needsCreation: zeros(), stillUnclear: zeros() },
    notProcessed: { petitionComplaint: zeros(), duplicate: zeros(), publication: zeros(), massRepeated: zeros(), confirmOrReissue: zeros() },
    otherHandling: { noCorrection: zeros(), unpaidFee: zeros(), other: zeros() },
    totalHandled: zeros(),
    carriedForward: zeros(),
  };
}

/** The row of table 三 for a result. */
export function resultRow(rows: ApplicationRows, row: OutcomeRow): ApplicantRow {
  switch (row) {
    case 'granted':
    case 'partlyGranted':
      return rows[row];
    case 'stateSecret':
    case 'lawProhibited':
    case 'threeSecurityOneStability':
    case 'thirdPartyRights':
    case 'internalAffairs':
    case 'processInformation':
    case 'enforcementFiles':
    case 'administrativeQuery':
      return rows.denied[row];
    case 'notHeld':
    case 'needsCreation':
    case 'stillUnclear':
      return rows.unableToProvide[row];
    case 'petitionComplaint':
    case 'duplicate':
    case 'publication':
    case 'massRepeated':
    case 'confirmOrReissue':
      return rows.notProcessed[row];
    case 'noCorrection':
    case 'unpaidFee':
    case 'other': {
      const r = rows.otherHandling[row];
      if (r === null) throw new Error(`table 三 has no row ${row} (2019 format)`);
      return r;
    }
  }
}

function add(row: ApplicantRow, column: number): void {
  row[column] = (row[column] ?? 0) + 1;
  row[TOTAL] = (row[TOTAL] ?? 0) + 1;
}

function checkedDate(text: string, what: string): string {
  if (parseIsoDate(text) === null) throw new RangeError(`${what}: not a date (YYYY-MM-DD): ${text}`);
  return text.trim();
}

/**
 * The rows of table 三 for `year` (2021 format):
 * - 一 new: received in the year;
 * - 二 carried in: received before the year and still open on 1 January;
 * - 三 results: concluded in the year, by outcome row; （七）总计 = the sum of the result rows;
 * - 四 carried forward: received by 31 December and still open on it.
 * Columns by applicant type, column 6 the total. With `asOf`, facts after that date are not yet known:
 * an application received later counts nowhere, one concluded later is still open.
 * A record concluded before its receipt date counts as concluded on it, and one concluded without an
 * outcome row counts in （六）3 其他, so that R1 holds for any records.
 * Dates must be valid YYYY-MM-DD (they come from the database): a malformed one is a programming error.
 */
export function computeTableThree(records: readonly ApplicationRecord[], year: number, options: { asOf?: string } = {}): ApplicationRows {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  const asOf = options.asOf === undefined ? null : checkedDate(options.asOf, 'asOf');
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const rows = zeroApplicationRows();
  for (const record of records) {
    if (record.receivedOn === null) continue;
    const received = checkedDate(record.receivedOn, 'receivedOn');
    if (asOf !== null && received > asOf) continue;
    let closed = record.closedOn === null ? null : checkedDate(record.closedOn, 'closedOn');
    if (closed !== null && asOf !== null && closed > asOf) closed = null;
    if (closed !== null && closed < received) closed = received;
    const column = COLUMN.get(record.applicantType);
    if (column === undefined) throw new RangeError(`not an applicant type: ${String(record.applicantType)}`);

    if (received > last) continue;
    if (received >= first) add(rows.newReceived, column);
    else if (closed === null || closed >= first) add(rows.carriedOver, column);
    else continue;
    if (closed !== null && closed <= last) {
      add(resultRow(rows, record.outcomeRow ?? 'other'), column);
      add(rows.totalHandled, column);
    } else {
      add(rows.carriedForward, column);
    }
  }
  return rows;
}
