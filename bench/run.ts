// `npm run bench [reports|calendar|applications|writes|dashboard|application-search|web|pglite|parse-pool|archive|archive-uploads|catalogue|catalogue-import|oversight|province|startup]`: every figure next to a baseline measured in the
// same run. Table 三 runs on PGlite, and on PostgreSQL too when DATABASE_URL is set.

import { benchApplicationSearch } from './application-search.ts';
import { benchApplications } from './applications.ts';
import { benchArchive, benchArchiveUploads } from './archive.ts';
import { benchCalendar } from './calendar.ts';
import { benchCatalogueImport } from './catalogue-import.ts';
import { benchCatalogueSearch } from './catalogue-search.ts';
import { benchDashboard } from './dashboard.ts';
import { benchOversight } from './oversight.ts';
import { benchParsePool } from './parse-pool.ts';
import { benchProvince } from './province.ts';
import { benchPglite } from './pglite.ts';
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
