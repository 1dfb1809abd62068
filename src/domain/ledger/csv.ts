// CSV as Excel reads and writes it (RFC 4180): comma-separated, fields quoted with "…" when they hold a
// comma, a quote or a line break, "" for a quote inside. Written by hand (a small state machine, fed the
// text piece by piece so that a ledger of 200,000 rows is read without holding all its records) so that
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
  const parser = new CsvParser();
  const take = (more: string[][]): boolean => {
    for (const r of more) {
      records.push(r);
      if (records.length > maxRecords) return false;
    }
    return true;
  };
  if (!take(parser.push(text))) return tooMany();
  const end = parser.end();
  if (!end.ok) return end;
  if (!take(end.records)) return tooMany();
  return { ok: true, records };
}

/**
 * The CSV reader fed a text piece by piece (a file decoded as it is read): each piece gives the records it
 * completes; end() gives the last one, or the unclosed quote. Fed the whole text at once or a character at a
 * time, it reads the same records. Record i is spreadsheet row i + 1.
 */
export class CsvParser {
  #record: string[] = [];
  #field = '';
  /** inside "…" */
  #quoted = false;
  /** a quote seen inside "…" at the end of a piece: the next character says whether it was "" */
  #quoteEnds = false;
  /** a "\r" ended the last piece: a "\n" starting the next belongs to it */
  #afterCr = false;
  /** characters since the last record ended */
  #open = false;
  #records = 0;
  #quoteStartRecord = 0;

  push(text: string): string[][] {
    const out: string[][] = [];
    const n = text.length;
    let i = 0;
    if (this.#afterCr && n > 0) {
      this.#afterCr = false;
      if (text.charCodeAt(0) === 0x0a) i = 1;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.#quoteEnds) {
        this.#quoteEnds = false;
        if (c === 0x22 /* " */) {
          this.#field += '"';
          i++;
          continue;
        }
        this.#quoted = false;
      }
      if (this.#quoted) {
        if (c === 0x22) {
          if (i + 1 === n) {
            this.#quoteEnds = true;
            i++;
            continue;
          }
          if (text.charCodeAt(i + 1) === 0x22) {
            this.#field += '"';
            i += 2;
            continue;
          }
          this.#quoted = false;
          i++;
          continue;
        }
        // copy a run of ordinary characters at once
        let j = text.indexOf('"', i);
        if (j < 0) j = n;
        this.#field += text.slice(i, j);
        i = j;
        continue;
      }
      this.#open = true;
      if (c === 0x2c /* , */) {
        this.#record.push(this.#field);
        this.#field = '';
        i++;
      } else if (c === 0x0a /* \n */ || c === 0x0d /* \r */) {
        if (c === 0x0d) {
          if (i + 1 === n) this.#afterCr = true;
          else if (text.charCodeAt(i + 1) === 0x0a) i++;
        }
        i++;
        out.push(this.#endRecord());
      } else if (c === 0x22 && this.#field === '') {
        // a quote opening the field
        this.#quoted = true;
        this.#quoteStartRecord = this.#records;
        i++;
      } else {
        // an ordinary run; a quote in the middle of an unquoted field is taken literally
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 0x2c || d === 0x0a || d === 0x0d) break;
          j++;
        }
        this.#field += text.slice(i, j);
        i = j;
      }
    }
    return out;
  }

  /** The end of the text: the last record (one without a line break after it), or the quote never closed. */
  end(): { ok: true; records: string[][] } | { ok: false; problem: 'unclosed_quote'; line: number } {
    if (this.#quoteEnds) {
      this.#quoteEnds = false;
      this.#quoted = false;
    }
    if (this.#quoted) return { ok: false, problem: 'unclosed_quote', line: this.#quoteStartRecord + 1 };
    return { ok: true, records: this.#open ? [this.#endRecord()] : [] };
  }

  #endRecord(): string[] {
    this.#record.push(this.#field);
    const record = this.#record;
    this.#record = [];
    this.#field = '';
    this.#open = false;
    this.#records++;
    return record;
  }
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
