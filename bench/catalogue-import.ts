// `npm run bench -- catalogue-import [--import-size N]`: `gongkai catalogue import` (services/catalogue/
// import.ts — the file read in the parse pool, every row checked, then written in bulk with versions,
// search vectors and the audit entry in one transaction) of N generated items (100,000 by default; a
// CSV file, the import's own format) next to a bare bulk insert of the same items with the same search
// vectors (test/support/catalogue-corpus-load.ts: rows through unnest, no checks, no versions) measured
// in the same run, as a ratio — on PGlite, and on PostgreSQL when DATABASE_URL is set.

import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { writeCatalogueFile } from '../src/domain/catalogue/import-file.ts';
import { ARTICLE_20_ITEMS } from '../src/domain/catalogue/vocab.ts';
import { createAgency } from '../src/services/agencies.ts';
import { importCatalogue } from '../src/services/catalogue/import.ts';
import { closeParsePool } from '../src/services/parse-pool/index.ts';
import { corpusItems, type CorpusItem } from '../test/support/catalogue-corpus.ts';
import { loadCorpus } from '../test/support/catalogue-corpus-load.ts';
import { engines, withDatabase, type Engine } from '../test/support/db.ts';

const NOW = '2026-06-01T02:00:00.000Z';

function categoryText(code: string): string {
  const a20 = ARTICLE_20_ITEMS.find((c) => c.code === code);
  return a20 ? `第二十条第（${a20.numeral}）项` : '第二十条第（十五）项';
}

/** The import's columns (the export's order), 索引号 left blank so the platform numbers them. */
function record(i: CorpusItem): string[] {
  const published = i.publishedOn ?? i.writtenOn;
  // the corpus's 政策解读 name no document: imported as 其他文件
  return [i.title, '', i.docNumber, i.publisher, i.writtenOn, published, '', categoryText(i.category), i.docType === '政策解读' ? '其他文件' : i.docType, '', '', i.summary, '', '', i.body];
}

async function agency(db: Kysely<DB>, code: string): Promise<number> {
  const a = await createAgency(db, { code, name: '示范县人民政府', level: 'government' }, NOW);
  if (!a.ok) throw new Error(a.error.message);
  return a.value.id;
}

async function benchOn(engine: Engine, size: number): Promise<void> {
  const database = await withDatabase(engine);
  try {
    const items = [...corpusItems(size, 23)].map((i) => ({ ...i, state: 'published' as const, attachments: [] }));
    // the file an office would import, in files of at most 20,000 rows
    const FILE_ROWS = 20_000;
    const files: Uint8Array[] = [];
    for (let i = 0; i < items.length; i += FILE_ROWS) files.push(await writeCatalogueFile(items.slice(i, i + FILE_ROWS).map(record), 'csv'));
    const bare = await agency(database.db, 'bare');
    let t = performance.now();
    await loadCorpus(database.db, bare, items.map((i, k) => ({ ...i, indexNumber: `BARE/${k}` })), 2000);
    const bareSeconds = (performance.now() - t) / 1000;
    const imported = await agency(database.db, 'imported');
    t = performance.now();
    for (const [k, bytes] of files.entries()) {
      const r = await importCatalogue(database.db, imported, bytes, `目录${k + 1}.csv`, { userId: null, name: 'import', now: NOW, today: NOW.slice(0, 10) });
      if (!r.ok) throw new Error(`import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
    }
    const importSeconds = (performance.now() - t) / 1000;
    const rate = (s: number) => `${Math.round(size / s).toLocaleString('en').padStart(7)} items/s`;
    console.log(`Catalogue import on ${engine}: ${size.toLocaleString('en')} items (${files.length} CSV file${files.length > 1 ? 's' : ''}, ${(files.reduce((n, f) => n + f.byteLength, 0) / 1024 / 1024).toFixed(0)} MB)`);
    console.log(`  bare bulk insert (baseline)   ${bareSeconds.toFixed(1).padStart(7)} s   ${rate(bareSeconds)}`);
    console.log(`  gongkai catalogue import      ${importSeconds.toFixed(1).padStart(7)} s   ${rate(importSeconds)}   ratio ${(bareSeconds / importSeconds).toFixed(2)}`);
  } finally {
    await database.close();
  }
}

export async function benchCatalogueImport(size: number): Promise<void> {
  for (const engine of engines()) await benchOn(engine, size);
  await closeParsePool();
}
