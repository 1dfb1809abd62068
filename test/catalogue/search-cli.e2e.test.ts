// `gongkai catalogue search` as a clerk runs it, on embedded PGlite in a data folder of its own, over
// a small generated corpus: hits ranked with 索引号, 标题 and score (text and --json), a 文号's tail
// finds its document first, an unknown agency and an empty query are refused in Chinese with exit 2.
// The folder's database is open in this process and the searches run here (support/cli-inprocess.ts),
// printing the same; the last is a real process through bin/gongkai.mjs on the folder.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { openDatabase } from '../../src/services/database.ts';
import type { Database } from '../../src/services/database.ts';
import { generateCorpus } from '../support/catalogue-corpus.ts';
import { loadCorpus } from '../support/catalogue-corpus-load.ts';
import { gongkai as spawnGongkai } from '../support/cli.ts';
import { gongkaiInProcess } from '../support/cli-inprocess.ts';
import { templateDataDir } from '../support/db.ts';

const WORK = mkdtempSync(join(tmpdir(), 'gongkai-search-'));
const DATA = join(WORK, 'data');
const CONFIG: Config = { dataDir: DATA, databaseUrl: undefined, port: 0, secureCookies: false };
/** The data folder's database, open in this process until the real process runs. */
let database: Database | undefined;
const opened = (): Database => {
  if (database === undefined) throw new Error('the data folder is not open in this process');
  return database;
};
afterAll(async () => {
  await database?.close();
  rmSync(WORK, { recursive: true, force: true });
});
const gongkai = (args: string[]) => gongkaiInProcess(args, { dataDir: DATA, database: opened });
const items = generateCorpus(300);

describe('gongkai catalogue search', () => {
  beforeAll(async () => {
    await templateDataDir(DATA);
    database = await openDatabase(CONFIG);
    const a = await createAgency(database.db, { code: 'sx', name: '示范县人民政府', level: '人民政府' as never }, '2025-06-01T00:00:00.000Z');
    if (!a.ok) throw new Error(a.error.message);
    await loadCorpus(database.db, a.value.id, items);
  }, 60_000);

  it('prints ranked hits with 索引号, 标题 and score; --json the same as data', async () => {
    const doc = items.find((i) => i.docNumber !== '' && i.state === 'published')!;
    const tail = doc.docNumber.slice(doc.docNumber.indexOf('〔'));
    const text = await gongkai(['catalogue', 'search', '--agency', 'sx', doc.docNumber]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('索引号');
    expect(text.stdout.split('\n')[3]).toContain(doc.indexNumber);
    const json = await gongkai(['catalogue', 'search', '--agency', 'sx', '--json', tail]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { total: number; hits: { indexNumber: string; title: string; docNumber: string; score: number }[] };
    expect(parsed.hits.length).toBeGreaterThan(0);
    expect(parsed.hits.every((h) => h.docNumber.endsWith(tail))).toBe(true);
    expect(parsed.hits.map((h) => h.score)).toEqual([...parsed.hits.map((h) => h.score)].sort((a, b) => b - a));
  }, 60_000);

  it('says so when nothing is found, and refuses an unknown agency or an empty query with exit 2', async () => {
    const none = await gongkai(['catalogue', 'search', '--agency', 'sx', '量子计算']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('没有找到');
    const unknown = await gongkai(['catalogue', 'search', '--agency', 'nope', '危房']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('机关“nope”不存在');
    // the data folder closed here, as a real process finds it
    await opened().close();
    database = undefined;
    const empty = await spawnGongkai(['catalogue', 'search', '--agency', 'sx', '，'], { dataDir: DATA });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('检索词为空');
  }, 60_000);
});
