// The archive, format 3: gzip'd NDJSON, written and read line by line (never the whole database in memory).
//
//   {"format":"gongkai-archive","version":3,"migrations":["0001_create_applications",…]}   the header
//   {"table":"agencies","columns":["id","code",…]}                                           each table, parents first
//   [3,"A-03",…]                                                                             its rows, by primary key
//   …
//   {"end":{"agencies":2,…},"sha256":{"agencies":"9f…",…}}                                  rows per table (a cut file is refused)
//                                                                                            and the SHA-256 of each table's row lines
//
// Import checks every table's SHA-256 before it commits (besides gzip's CRC-32 of the whole stream), so
// a damaged or altered row is refused with its table named and nothing is written. Format 2 (the same
// without "sha256") is still read: its rows are checked by count and by gzip's CRC only.
//
// Values as db/types.ts gives them (dates 'YYYY-MM-DD', timestamps ISO UTC with milliseconds, bigint as
// number), jsonb as JSON, bytea as base64 text. Deterministic: the same data give the same bytes on either
// engine (gzip without name or time). No secret inside: see catalog.ts.
//
// Format 1 (one JSON document) is not read: it held the platform secret; import it with the gongkai that
// wrote it, then export again with this one.

import { z } from 'zod';

export const ARCHIVE_FORMAT = 'gongkai-archive';
export const ARCHIVE_VERSION = 3;
/** versions import reads */
export const READABLE_VERSIONS = [2, 3] as const;

/** A line longer than this is refused (the largest row: an identity proof of 5 MB as base64, and more). */
export const MAX_LINE_BYTES = 64 * 1024 ** 2;

export { DEFAULT_MAX_GB } from './defaults.ts';

export const header = (migrations: string[]): string => JSON.stringify({ format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, migrations });
export const tableLine = (table: string, columns: string[]): string => JSON.stringify({ table, columns });
export const endLine = (counts: Record<string, number>, sha256: Record<string, string>): string => JSON.stringify({ end: counts, sha256 });

export const headerSchema = z.strictObject({ format: z.literal(ARCHIVE_FORMAT), version: z.union([z.literal(2), z.literal(3)]), migrations: z.array(z.string()) });
export const tableSchema = z.strictObject({ table: z.string(), columns: z.array(z.string()) });
export const endSchema = z.strictObject({
  end: z.record(z.string(), z.number().int().nonnegative()),
  sha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)).optional(),
});

export type Counts = Record<string, number>;
