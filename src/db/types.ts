// How column values come back from the database, identical on both engines (pg and PGlite):
//   date        → 'YYYY-MM-DD' (the text PostgreSQL sends with DateStyle ISO; never a JS Date, which
//                 would shift by the process's time zone)
//   timestamptz → ISO 8601 in UTC with milliseconds: '2024-10-08T09:30:00.000Z' (microseconds truncated)
//   int8        → number (ids, count(*), sum(int)); numeric → number
//   json/jsonb  → parsed value
// and arrays of these. connect.ts installs PARSERS per pool (pg) and per query (PGlite).

/** PostgreSQL type oids we parse (text format). */
export const OID = {
  INT8: 20,
  JSON: 114,
  DATE: 1082,
  TIMESTAMPTZ: 1184,
  NUMERIC: 1700,
  JSONB: 3802,
  INT8_ARRAY: 1016,
  DATE_ARRAY: 1182,
  TIMESTAMPTZ_ARRAY: 1185,
  NUMERIC_ARRAY: 1231,
  JSON_ARRAY: 199,
  JSONB_ARRAY: 3807,
} as const;

const TIMESTAMPTZ_TEXT = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)( BC)?$/;

/**
 * PostgreSQL's text form of a timestamptz ('2024-10-08 17:30:00.123456+08', '…+05:30', '… BC') as
 * ISO 8601 in UTC with milliseconds. 'infinity' and '-infinity' (and anything unrecognised) pass unchanged.
 */
export function timestamptzToIso(text: string): string {
  const m = TIMESTAMPTZ_TEXT.exec(text);
  if (m === null) return text;
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om, os, bc] = m;
  let year = Number(y);
  if (bc !== undefined) year = 1 - year; // 1 BC is ISO year 0
  const ms = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), ms);
  if (z === undefined && sign !== undefined) {
    const offset = (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * 1000;
    date.setTime(date.getTime() - (sign === '-' ? -offset : offset));
  }
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/**
 * A PostgreSQL array literal ('{1,2,NULL}', '{"2024-01-01 00:00:00+00",…}', nested '{{1,2},{3,4}}')
 * with each element parsed by `element`. Arrays with explicit bounds ('[0:1]={…}') lose the bounds.
 */
export function parseArray<T>(text: string, element: (s: string) => T): unknown[] {
  let i = text.indexOf('{');
  if (i < 0) return [];
  const parse = (): unknown[] => {
    const out: unknown[] = [];
    i++; // '{'
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      const c = text[i];
      if (c === '{') out.push(parse());
      else if (c === '"') {
        let s = '';
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i] ?? '';
          i++;
        }
        i++; // closing quote
        out.push(element(s));
      } else {
        let j = i;
        while (j < text.length && text[j] !== ',' && text[j] !== '}' && text[j] !== ';') j++;
        const raw = text.slice(i, j).trim();
        out.push(raw === 'NULL' ? null : element(raw));
        i = j;
      }
      const sep = text[i];
      i++;
      if (sep !== ',' && sep !== ';') return out;
    }
  };
  return parse();
}

const identity = (s: string): string => s;
const json = (s: string): unknown => JSON.parse(s);

/** Text-format parsers by type oid, the same on both engines. */
export const PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [OID.INT8]: Number,
  [OID.NUMERIC]: Number,
  [OID.DATE]: identity,
  [OID.TIMESTAMPTZ]: timestamptzToIso,
  [OID.JSON]: json,
  [OID.JSONB]: json,
  [OID.INT8_ARRAY]: (s) => parseArray(s, Number),
  [OID.NUMERIC_ARRAY]: (s) => parseArray(s, Number),
  [OID.DATE_ARRAY]: (s) => parseArray(s, identity),
  [OID.TIMESTAMPTZ_ARRAY]: (s) => parseArray(s, timestamptzToIso),
  [OID.JSON_ARRAY]: (s) => parseArray(s, json),
  [OID.JSONB_ARRAY]: (s) => parseArray(s, json),
};

/**
 * Session settings on both engines, so that text forms and SQL-side date arithmetic (`now()::date`,
 * `timestamptz::date`) do not depend on the server's configuration: UTC, ISO dates.
 */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
};
