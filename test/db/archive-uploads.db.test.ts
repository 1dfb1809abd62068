// Identity proofs of megabytes out and back through `gongkai export`/`import` (exportToFile,
// importFromFile): every byte comes back. An upload of a few MB is one line of base64; its check once ran a
// regex of repeated groups that V8 cannot run on a string that long ("Maximum call stack size exceeded"),
// which refused the import of any backup holding such a proof.

import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFile, importFromFile } from '../../src/services/archive/file.ts';
import { isBase64 } from '../../src/services/archive/table-loader.ts';
import { engines, withDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('isBase64', () => {
  it('takes padded base64 of any length and refuses what is not', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 6 * 1024 * 1024]) expect(isBase64(Buffer.alloc(n, 0xfb).toString('base64'))).toBe(true);
    for (const bad of ['A', 'AB=', 'A===', 'AB=C', 'ABC-', 'AB\nC', '====']) expect(isBase64(bad), bad).toBe(false);
  });
});

describe.each(engines())('uploads of several MB in the archive on %s', (engine) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;
  // a byte over the largest proof the form takes (MAX_UPLOAD_BYTES: a file kept from before the limit), and a tiny one
  const files = [randomBytes(5 * 1024 * 1024 + 1), randomBytes(3)];
  beforeAll(async () => {
    [source, target] = await Promise.all([withDatabase(engine), withDatabase(engine)]);
    dir = await mkdtemp(join(tmpdir(), 'gongkai-archive-uploads-'));
    await sql`insert into agencies (code, name, level, created_at) values ('up', '上传测试局', 'department', '2024-01-01T00:00:00Z')`.execute(source.db);
    for (const [i, bytes] of files.entries())
      await sql`insert into uploads (agency_id, kind, media_type, file_name, size, sha256, content, created_at)
        values ((select id from agencies where code = 'up'), 'identity_proof', 'image/png', ${`证明${i}.png`}, ${bytes.length}, ${sha(bytes)}, ${bytes}, '2024-06-01T00:00:00Z')`.execute(source.db);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exports them and imports them into an empty database, every byte', async () => {
    const file = join(dir, 'backup.ndjson.gz');
    expect(await exportToFile(source.db, file)).toMatchObject({ ok: true });
    expect(await importFromFile(target.db, file)).toMatchObject({ ok: true });
    const back = await sql<{ fileName: string; content: Uint8Array }>`select file_name, content from uploads order by id`.execute(target.db);
    expect(back.rows.map((r) => [r.fileName, sha(r.content)])).toEqual(files.map((b, i) => [`证明${i}.png`, sha(b)]));
  }, 120_000);
});
