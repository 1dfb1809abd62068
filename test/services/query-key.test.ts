// The query key (services/query-key.ts): from GONGKAI_QUERY_KEY, which wins, or from the data folder's key
// file, made 0600 on first use and kept; a file that is not a key stops everything, untouched; the key
// never shows in JSON, a log or an error message.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { loadQueryKey, QUERY_KEY_FILE, queryKeyOf, QueryKeyError } from '../../src/services/query-key.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-query-key-'));
let n = 0;
const folder = (): string => join(root, `data-${(n += 1)}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEX = 'ab'.repeat(32);

describe('the query key', () => {
  it('is made on first use in the data folder, mode 0600, and the same key is read again', async () => {
    const dataDir = folder(); // does not exist yet
    const key = await loadQueryKey({ dataDir });
    const file = join(dataDir, QUERY_KEY_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key.id).toBe(queryKeyOf(Buffer.from(text.trim(), 'hex')).id);
    expect((await loadQueryKey({ dataDir })).id).toBe(key.id);
    expect(readdirSync(dataDir)).toEqual([QUERY_KEY_FILE]); // no temporary file left
  });

  it('is made once per process: two callers at once (the same folder, written two ways) get one key', async () => {
    const dataDir = folder();
    const [a, b] = await Promise.all([loadQueryKey({ dataDir }), loadQueryKey({ dataDir: `${dataDir}/` })]);
    expect(a.id).toBe(b.id);
  });

  it('comes from GONGKAI_QUERY_KEY when set, which wins over the file (and no file is made)', async () => {
    const dataDir = folder();
    const loaded = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_QUERY_KEY: HEX.toUpperCase() });
    if (!loaded.ok) throw new Error(loaded.errors.join());
    const key = await loadQueryKey(loaded.config);
    expect(key.id).toBe(queryKeyOf(Buffer.from(HEX, 'hex')).id);
    expect(() => statSync(join(dataDir, QUERY_KEY_FILE))).toThrow();
    // with a file there, the environment's key still wins
    const withFile = folder();
    const fileKey = await loadQueryKey({ dataDir: withFile });
    const both = loadConfig({ GONGKAI_DATA_DIR: withFile, GONGKAI_QUERY_KEY: HEX });
    if (!both.ok) throw new Error(both.errors.join());
    expect((await loadQueryKey(both.config)).id).toBe(key.id);
    expect(fileKey.id).not.toBe(key.id);
    // the configuration shows it nowhere
    expect(JSON.stringify(loaded.config)).not.toContain(HEX.slice(0, 16));
  });

  it('refuses a GONGKAI_QUERY_KEY that is not 64 hex digits, without repeating it', () => {
    const secret = 'not-a-key-but-a-secret-anyway';
    const loaded = loadConfig({ GONGKAI_QUERY_KEY: secret });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.errors.join()).toContain('GONGKAI_QUERY_KEY');
      expect(loaded.errors.join()).toContain('64位十六进制');
      expect(loaded.errors.join()).not.toContain(secret);
    }
    expect(loadConfig({ GONGKAI_QUERY_KEY: '  ' }).ok).toBe(true); // empty is unset
  });

  it('refuses a key file that is not a key, and leaves it as it is', async () => {
    const dataDir = folder();
    await loadQueryKey({ dataDir: join(dataDir, 'elsewhere') }); // makes the folder's parent
    const file = join(dataDir, QUERY_KEY_FILE);
    writeFileSync(file, 'garbled\n');
    await expect(loadQueryKey({ dataDir })).rejects.toThrow(QueryKeyError);
    await expect(loadQueryKey({ dataDir })).rejects.toThrow(/查询密码密钥文件.*内容无效/);
    expect(readFileSync(file, 'utf8')).toBe('garbled\n');
  });

  it('stops the server before it opens anything when the key file is not a key', async () => {
    const dataDir = folder();
    await loadQueryKey({ dataDir: join(dataDir, 'elsewhere') });
    writeFileSync(join(dataDir, QUERY_KEY_FILE), 'x'.repeat(64));
    await expect(startServer({ dataDir, databaseUrl: undefined, port: 0, secureCookies: false })).rejects.toThrow(QueryKeyError);
    expect(readdirSync(dataDir).sort()).toEqual(['elsewhere', QUERY_KEY_FILE]); // no database made
  });

  it('never shows its bytes: JSON of it is its id', () => {
    const key = queryKeyOf(Buffer.from(HEX, 'hex'));
    expect(JSON.parse(JSON.stringify(key))).toEqual({ id: key.id });
    expect(key.id).toMatch(/^[0-9a-f]{8}$/);
    expect(() => queryKeyOf(Buffer.alloc(16))).toThrow();
  });
});
