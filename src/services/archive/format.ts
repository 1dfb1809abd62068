// The archive, format 2: gzip'd NDJSON, written and read line by line (never the whole database in memory).
//
//   {"format":"gongkai-archive","version":2,"migrations":["0001_create_applications",…]}   the header
//   {"table":"agencies","columns":["id","code",…]}                                           each table, parents first
//   [3,"A-03",…]                                                                             its rows, by primary key
//   …
//   {"end":{"agencies":2,"applications":3,…}}                                               rows per table (a cut file is refused)
//
// Values as db/types.ts gives them (dates 'YYYY-MM-DD', timestamps ISO UTC with milliseconds, bigint as
// number), jsonb as JSON, bytea as base64 text. Deterministic: the same data give the same bytes on either
// engine (gzip without name or time). No secret inside: see catalog.ts.
//
// Format 1 (one JSON document) is not read: it held the platform secret; import it with the gongkai that
// wrote it, then export again with this one.

import { z } from 'zod';

export const ARCHIVE_FORMAT = 'gongkai-archive';
export const ARCHIVE_VERSION = 2;

/** A line longer than this is refused (the largest row: an identity proof of 5 MB as base64, and more). */
export const MAX_LINE_BYTES = 64 * 1024 ** 2;

/** `gongkai import` refuses an archive (its file, and its unpacked lines) larger than this by default. */
export const DEFAULT_MAX_GB = 50;

export const header = (migrations: string[]): string => JSON.stringify({ format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, migrations });
export const tableLine = (table: string, columns: string[]): string => JSON.stringify({ table, columns });
export const endLine = (counts: Record<string, number>): string => JSON.stringify({ end: counts });

export const headerSchema = z.strictObject({ format: z.literal(ARCHIVE_FORMAT), version: z.literal(ARCHIVE_VERSION), migrations: z.array(z.string()) });
export const tableSchema = z.strictObject({ table: z.string(), columns: z.array(z.string()) });
export const endSchema = z.strictObject({ end: z.record(z.string(), z.number().int().nonnegative()) });

export type Counts = Record<string, number>;
