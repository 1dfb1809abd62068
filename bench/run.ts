// `npm run bench [reports|calendar|applications|web|pglite|parse-pool|archive|catalogue|catalogue-import|oversight]`: every figure next to a baseline measured in the
// same run. Table 三 runs on PGlite, and on PostgreSQL too when DATABASE_URL is set.

import { benchApplications } from './applications.ts';
import { benchArchive } from './archive.ts';
import { benchCalendar } from './calendar.ts';
import { benchCatalogueImport } from './catalogue-import.ts';
import { benchCatalogueSearch } from './catalogue-search.ts';
import { benchOversight } from './oversight.ts';
import { benchParsePool } from './parse-pool.ts';
import { benchPglite } from './pglite.ts';
import { benchReports } from './report.ts';
import { benchWeb } from './web.ts';

const only = process.argv[2];
if (!only || only === 'calendar') benchCalendar();
if (!only || only === 'reports') await benchReports(Number(process.argv[3] ?? 10_000));
if (!only || only === 'applications') await benchApplications();
if (!only || only === 'web') await benchWeb();
if (!only || only === 'pglite') await benchPglite();
if (!only || only === 'parse-pool') await benchParsePool();
if (!only || only === 'archive') await benchArchive(Number(process.argv[3] ?? 20_000));
const option = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
if (!only || only === 'catalogue') await benchCatalogueSearch({ size: option('--size') === undefined ? undefined : Number(option('--size')), engine: option('--engine'), keep: process.argv.includes('--keep'), schema: option('--schema') });
if (!only || only === 'catalogue' || only === 'catalogue-import') await benchCatalogueImport(Number(option('--import-size') ?? 100_000));
if (!only || only === 'oversight') await benchOversight(Number(option('--size') ?? process.env['BENCH_OVERSIGHT_SIZE'] ?? 10_000));
