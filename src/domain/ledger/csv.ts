// CSV as Excel reads and writes it (RFC 4180): comma-separated, fields quoted with "…" when they hold a
// comma, a quote or a line break, "" for a quote inside. Written by hand (forty lines) so that
// src/domain needs no further package. Pure: strings in, strings out.

export type CsvResult =
  | { ok: true; records: string[][] }
  /** a quote opened on spreadsheet row `line` is never closed */
  | { ok: false; problem: 'unclosed_quote'; line: number }
  | { ok: false; problem: 'too_many_records' };

/**
 * Records of a CSV text whose line breaks are already "\n" (decodeBytes does that). Record i is
 * spreadsheet row i + 1; an empty line is a record with one empty field. Stops with an error after
 * `maxRecords` records.
 */
export function parseCsv(text: string, maxRecords: number): CsvResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false; // inside "…"
  let quoteStartRecord = 0;
  let i = 0;
  let recordStart = 0; // where the current record began in the text
  const n = text.length;
  const endRecord = (): boolean => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    return records.length <= maxRecords;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x22 /* " */) {
        if (text.charCodeAt(i + 1) === 0x22) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // copy a run of ordinary characters at once
      let j = text.indexOf('"', i);
      if (j < 0) j = n;
      field += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === 0x2c /* , */) {
      record.push(field);
      field = '';
      i++;
    } else if (c === 0x0a /* \n */ || c === 0x0d /* \r */) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      i++;
      recordStart = i;
      if (!endRecord()) return tooMany();
    } else if (c === 0x22 && field === '') {
      // a quote opening the field
      quoted = true;
      quoteStartRecord = records.length;
      i++;
    } else {
      // an ordinary run; a quote in the middle of an unquoted field is taken literally
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x2c || d === 0x0a || d === 0x0d) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (quoted) {
    return { ok: false, problem: 'unclosed_quote', line: quoteStartRecord + 1 };
  }
  // a last line without a line break
  if (recordStart < n) {
    if (!endRecord()) return tooMany();
  }
  return { ok: true, records };
}

function tooMany(): CsvResult {
  return { ok: false, problem: 'too_many_records' };
}

/** A field quoted when it must be (comma, quote, line break, or spaces at either end). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/** Records as CSV with CRLF line breaks (what Excel writes), ending with a line break. */
export function writeCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
