import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { connectPglite } from './src/db/connect.ts';
import { PARSERS } from './src/db/types.ts';
const dir = '/tmp/gongkai-test-pglite';
const f = readdirSync(dir).map((n) => `${dir}/${n}`).sort().at(-1)!;
const image = new Uint8Array(gunzipSync(readFileSync(f)));
console.log('image MB', (image.byteLength / 2 ** 20).toFixed(1));
for (let i = 0; i < 4; i++) {
  let t = performance.now();
  const p = await PGlite.create({ loadDataDir: new Blob([image]), parsers: PARSERS });
  await p.query('select count(*) from agencies');
  const old = performance.now() - t;
  await p.close();
  t = performance.now();
  const d = await connectPglite({ image });
  await sql`select count(*) from agencies`.execute(d.db);
  const neu = performance.now() - t;
  await d.close();
  t = performance.now();
  const m = await connectPglite({ image, thread: 'main' });
  await sql`select count(*) from agencies`.execute(m.db);
  const main = performance.now() - t;
  await m.close();
  console.log(`old in-process ${old.toFixed(0)} ms   worker ${neu.toFixed(0)} ms   main-mode ${main.toFixed(0)} ms`);
}
