// The archive is streamed both ways: export reads the database a batch at a time and never ahead of its
// consumer; import inserts rows as they arrive, so an archive much larger than a batch is never held whole;
// a hostile archive (a line without end, a small file that unpacks to a lot) is refused once its limit is
// reached, without reading the rest.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGzip, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../src/services/archive.ts';
import { archiveLines } from '../../src/services/archive/export.ts';
import { MAX_LINE_BYTES } from '../../src/services/archive/format.ts';
import { loadArchive } from '../../src/services/archive/import.ts';
import { LineTooLong, readLines } from '../../src/services/archive/lines.ts';
import { engines, withDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';

/** gzip of lazily produced text: nothing is made before the reader asks for it */
const gzipped = (text: AsyncIterable<string>): AsyncIterable<Uint8Array> => Readable.from(text).pipe(createGzip({ level: 1 }));

describe('readLines', () => {
  async function collect(chunks: string[], max: number): Promise<string[]> {
    const out: string[] = [];
    for await (const l of readLines(chunks, max)) out.push(`${l.number}:${l.text}`);
    return out;
  }

  it('splits lines across chunks, keeps a last line without a line break, decodes UTF-8 split inside a character', async () => {
    const bytes = Buffer.from('ab\n中文\n\nlast');
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5, 7), bytes.subarray(7)];
    const out: string[] = [];
    for await (const l of readLines(chunks, 100)) out.push(`${l.number}:${l.text}`);
    expect(out).toEqual(['1:ab', '2:中文', '3:', '4:last']);
    expect(await collect(['x\n'], 1)).toEqual(['1:x']);
  });

  it('refuses a line longer than the limit, with its number, before reading further', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<string> {
      yield 'ok\n';
      for (;;) {
        pulled += 1;
        yield 'a'.repeat(1000);
      }
    }
    await expect(collect([], 0)).resolves.toEqual([]);
    const lines = readLines(endless(), 10_000);
    expect((await lines.next()).value).toEqual({ text: 'ok', number: 1 });
    await expect(lines.next()).rejects.toEqual(new LineTooLong(2, 10_000));
    expect(pulled).toBe(11);
  });
});

describe.each(engines())('archive streaming on %s', (engine) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let emptyLines: string[];
  const ROWS = 30_000;
  beforeAll(async () => {
    [source, target] = await Promise.all([withDatabase(engine), withDatabase(engine)]);
    emptyLines = gunzipSync(await exportArchive(target.db)).toString('utf8').split('\n').filter((l) => l !== '');
    await sql`insert into audit_log (at, action, target, detail, ip)
      select timestamptz '2024-01-01T00:00:00Z' + g * interval '1 second', 'application.reply', md5(g::text), jsonb_build_object('n', g, 'h', md5((g * 7)::text)), '10.0.0.1'
      from generate_series(1, ${ROWS}) g`.execute(source.db);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
  });

  it('export reads a batch at a time, never ahead of what its consumer took', async () => {
    let read = 0;
    let given = 0;
    let largestLead = 0;
    await source.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const onRows = (table: string, rows: number) => {
          if (table === 'audit_log') read = rows;
        };
        for await (const chunk of archiveLines(trx, { onRows })) {
          largestLead = Math.max(largestLead, read - given);
          given += chunk.split('\n').filter((l) => l.startsWith('[')).length;
        }
      });
    expect(given).toBe(ROWS);
    expect(largestLead).toBeGreaterThan(0);
    expect(largestLead).toBeLessThanOrEqual(1000);
  });

  it('import inserts as the archive arrives: what is made but not yet written stays small', async () => {
    let made = 0;
    let largestLead = 0;
    const header = emptyLines.findIndex((l) => l.startsWith('{"table":"audit_log"'));
    async function* archive(): AsyncGenerator<string> {
      for (const l of emptyLines.slice(0, header + 1)) yield `${l}\n`;
      const sum = createHash('sha256'); // the table's checksum, as the rows go by
      for (let i = 1; i <= ROWS; i++) {
        made += 1;
        const line = `${JSON.stringify([i, '2024-01-01T00:00:00.000Z', null, null, 'application.reply', `target-${i}-${(i * 2654435761) % 4294967296}`, { n: i, note: `第${i}条` }, '10.0.0.1'])}\n`;
        sum.update(line);
        yield line;
      }
      for (const l of emptyLines.slice(header + 1, -1)) yield `${l}\n`;
      const end = JSON.parse(emptyLines.at(-1)!) as { end: Record<string, number>; sha256: Record<string, string> };
      yield `${JSON.stringify({ end: { ...end.end, audit_log: ROWS }, sha256: { ...end.sha256, audit_log: sum.digest('hex') } })}\n`;
    }
    const r = await loadArchive(target.db, gzipped(archive()), {
      onRows: (table, rows) => {
        if (table === 'audit_log') largestLead = Math.max(largestLead, made - rows);
      },
    });
    expect(r).toMatchObject({ ok: true, counts: { audit_log: ROWS } });
    expect(largestLead).toBeLessThan(ROWS / 3);
    const last = await target.db.selectFrom('auditLog').select(['id', 'detail']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toEqual({ id: ROWS, detail: { n: ROWS, note: `第${ROWS}条` } });
  });

  it('a line over the limit (64 MB by default) is refused without reading the rest of the archive', async () => {
    const empty = await withDatabase(engine);
    try {
      let made = 0;
      async function* hostile(): AsyncGenerator<string> {
        yield `${emptyLines[0]}\n`;
        const mb = 'a'.repeat(1024 ** 2);
        for (let i = 0; i < 256; i++) {
          made += mb.length;
          yield mb;
        }
      }
      const r = await loadArchive(empty.db, gzipped(hostile()));
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/归档第 2 行超过 64 MB，拒绝导入/) });
      expect(made).toBeGreaterThan(MAX_LINE_BYTES);
      expect(made).toBeLessThan(MAX_LINE_BYTES + 16 * 1024 ** 2);
    } finally {
      await empty.close();
    }
  }, 60_000);

  it('a small file that unpacks past the limit is refused once the limit is reached', async () => {
    const empty = await withDatabase(engine);
    try {
      async function* bomb(): AsyncGenerator<string> {
        yield `${emptyLines[0]}\n`;
        const kb = 'x'.repeat(1024);
        for (let i = 0; i < 10_000; i++) yield kb; // 10 MB, well under the line limit: the total is what counts
      }
      const r = await loadArchive(empty.db, gzipped(bomb()), { maxBytes: 1024 ** 2 });
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/解压后超过 .* GB，拒绝导入/) });
    } finally {
      await empty.close();
    }
  }, 60_000);
});
