// `npm run bench [reports|calendar|applications|writes|dashboard|application-search|web|pglite|parse-pool|archive|archive-uploads|catalogue|catalogue-import|oversight|province|startup|report-check|ledger|case-archive]`: every figure next to a baseline measured in the
// same run. Table 三 runs on PGlite, and on PostgreSQL too when DATABASE_URL is set.
// `report-check [N]` (report-check.ts): `gongkai report check` over N generated files (40,000), reports/s
// next to the same files checked in the process on one core, peak RSS and live heap (issue #16, 7).
// `ledger [N]` (ledger.ts): a ledger of N rows (200,000) imported as CSV and XLSX and exported in both
// formats, rows/s next to a bare bulk insert and a bare keyset read, peak RSS per stage (issue #16, 8);
// 50,000 rows on PGlite unless N is given.
// `case-archive [N]` (case-archive.ts): `gongkai applications archive` of a year of N archived cases (CASES,
// 10,000) with proofs, cases/s and peak RSS next to the idle RSS of the same run, at N/10 and N (issue #17, 6).

import { benchApplicationSearch } from './application-search.ts';
import { benchApplications } from './applications.ts';
import { benchArchive, benchArchiveUploads } from './archive.ts';
import { benchCalendar } from './calendar.ts';
import { benchCaseArchive } from './case-archive.ts';
import { benchCatalogueImport } from './catalogue-import.ts';
import { benchCatalogueSearch } from './catalogue-search.ts';
import { benchDashboard } from './dashboard.ts';
import { benchLedger, PGLITE_LEDGER_ROWS } from './ledger.ts';
import { benchOversight } from './oversight.ts';
import { benchParsePool } from './parse-pool.ts';
import { benchProvince } from './province.ts';
import { benchPglite } from './pglite.ts';
import { benchReportCheck } from './report-check.ts';
import { benchReports } from './report.ts';
import { benchStartup } from './startup.ts';
import { benchWeb } from './web.ts';
import { benchWrites } from './writes.ts';

const only = process.argv[2];
if (!only || only === 'startup') await benchStartup();
if (!only || only === 'calendar') benchCalendar();
if (!only || only === 'reports') await benchReports(Number(process.argv[3] ?? 10_000));
if (!only || only === 'applications') await benchApplications();
if (!only || only === 'writes') await benchWrites();
if (!only || only === 'web') await benchWeb();
if (!only || only === 'pglite') await benchPglite();
if (!only || only === 'parse-pool') await benchParsePool();
if (!only || only === 'archive') await benchArchive(Number(process.argv[3] ?? 20_000));
if (!only || only === 'archive' || only === 'archive-uploads') await benchArchiveUploads();
const option = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
if (!only || only === 'catalogue') await benchCatalogueSearch({ size: option('--size') === undefined ? undefined : Number(option('--size')), engine: option('--engine'), keep: process.argv.includes('--keep'), schema: option('--schema') });
if (!only || only === 'catalogue' || only === 'catalogue-import') await benchCatalogueImport(Number(option('--import-size') ?? 100_000));
if (!only || only === 'dashboard') await benchDashboard(Number(option('--size') ?? 100_000));
if (!only || only === 'application-search')
  await benchApplicationSearch({ size: option('--size') === undefined ? undefined : Number(option('--size')), engine: option('--engine'), keep: process.argv.includes('--keep'), schema: option('--schema') });
if (!only || only === 'oversight') await benchOversight(Number(option('--size') ?? process.env['BENCH_OVERSIGHT_SIZE'] ?? 10_000));
if (!only || only === 'province')
  await benchProvince({
    ...(option('--agencies') === undefined ? {} : { agencies: Number(option('--agencies')) }),
    ...(option('--applications') === undefined ? {} : { applications: Number(option('--applications')) }),
    keep: process.argv.includes('--keep'),
    ...(option('--schema') === undefined ? {} : { schema: option('--schema') as string }),
  });
/** `npm run bench -- <name> N`: the N given after the bench's name, or `otherwise`. */
const positional = (name: string, otherwise: number): number => (only === name && /^\d+$/.test(process.argv[3] ?? '') ? Number(process.argv[3]) : otherwise);
if (!only || only === 'report-check') await benchReportCheck(positional('report-check', 40_000));
if (!only || only === 'ledger') await benchLedger(positional('ledger', 200_000), positional('ledger', PGLITE_LEDGER_ROWS));
if (!only || only === 'case-archive') await benchCaseArchive(positional('case-archive', Number(process.env['CASES'] ?? 10_000)));
