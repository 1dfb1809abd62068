// The key of the query passwords (查询密码, public-grants.ts): a secret of 32 random bytes that is never in
// the database, so never in its backups (docs/SECURITY.md). From the environment (GONGKAI_QUERY_KEY, read
// by config.ts) when set; else from the file `query-key` in the data folder (GONGKAI_DATA_DIR), created
// with mode 0600 on first use. A restore onto a new machine must carry it: without it, the query passwords
// made under it can no longer be checked (the office then resets the applicant's password, 重置查询密码).

import { createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** What the password check holds of the key: its name and the HMAC under it, never the bytes themselves. */
export interface QueryKey {
  /** 8 hex digits naming the key: an HMAC of a constant, which says which key made a stored value and nothing of the key */
  readonly id: string;
  /** HMAC-SHA256 of the message under the key */
  mac(message: string): Buffer;
}

/** The key file's name in the data folder. */
export const QUERY_KEY_FILE = 'query-key';

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-f]{64}$/i;

/** A key of the given bytes (at least 32). JSON and console.log of it show its id only. */
export function queryKeyOf(bytes: Uint8Array): QueryKey {
  if (bytes.length < KEY_BYTES) throw new Error(`a query key has at least ${KEY_BYTES} bytes`);
  const secret = Buffer.from(bytes);
  const mac = (message: string): Buffer => createHmac('sha256', secret).update(message, 'utf8').digest();
  const id = mac('gongkai query key id').toString('hex').slice(0, 8);
  return Object.freeze({ id, mac, toJSON: () => ({ id }) });
}

/** A 64-digit hex key (GONGKAI_QUERY_KEY, the key file) as bytes, or null. */
export function parseHexKey(text: string): Buffer | null {
  const v = text.trim();
  return HEX_KEY.test(v) ? Buffer.from(v, 'hex') : null;
}

/** Where the key comes from: the environment's (config.ts), else the data folder's file. */
export interface QueryKeySource {
  dataDir: string;
  /** GONGKAI_QUERY_KEY, parsed (a function: no JSON or log of the configuration shows it) */
  queryKey?: (() => Buffer) | undefined;
}

/** Keys read from files, by absolute path: read (or made) once per process. */
const fromFiles = new Map<string, Promise<QueryKey>>();

/**
 * The query key: GONGKAI_QUERY_KEY when set (it wins over any file), else `<dataDir>/query-key`, made on
 * first use. Throws with a Chinese message when the file is unreadable or not a key (the server does not
 * start: a made-up key would silently lock every applicant out).
 */
export function loadQueryKey(source: QueryKeySource): Promise<QueryKey> {
  const fromEnv = source.queryKey?.();
  if (fromEnv !== undefined) return Promise.resolve(queryKeyOf(fromEnv));
  const file = resolve(join(source.dataDir, QUERY_KEY_FILE));
  let key = fromFiles.get(file);
  if (key === undefined) {
    key = readOrCreate(file).then(queryKeyOf, (e: unknown) => {
      if (e instanceof QueryKeyError) throw e;
      throw new QueryKeyError(`无法读取或创建查询密码密钥文件 ${file}（${codeOf(e) ?? (e instanceof Error ? e.message : String(e))}）。请检查数据目录 GONGKAI_DATA_DIR 的权限，或设置环境变量 GONGKAI_QUERY_KEY。`);
    });
    key.catch(() => fromFiles.delete(file));
    fromFiles.set(file, key);
  }
  return key;
}

const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

/** The key cannot be had: its file is not a key, or cannot be read or made (the message says which, in Chinese). */
export class QueryKeyError extends Error {}

async function readKeyFile(file: string): Promise<Buffer> {
  const text = await readFile(file, 'utf8');
  const bytes = parseHexKey(text);
  if (bytes === null) {
    throw new QueryKeyError(`查询密码密钥文件 ${file} 的内容无效（应为64位十六进制数字）。如果是从备份恢复，请放回原服务器上的同名文件，或设置环境变量 GONGKAI_QUERY_KEY；不要随意删除或改写该文件，否则已发出的查询密码都将无法核验。`);
  }
  return bytes;
}

/**
 * The file's key, or a new one: written to a temporary file (0600, synced) and linked to its name, so that
 * two processes starting at once agree on one key and nobody reads half a file.
 */
async function readOrCreate(file: string): Promise<Buffer> {
  try {
    return await readKeyFile(file);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw e;
  }
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(KEY_BYTES).toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file); // never replaces: another process's key, made meanwhile, stands
  } catch (e) {
    if (codeOf(e) !== 'EEXIST') throw e;
  } finally {
    await rm(temporary, { force: true });
  }
  await syncDirectory(dir);
  return readKeyFile(file);
}

/** The new name survives a power cut (where the platform can sync a folder). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not possible on every platform (Windows): the file itself is synced
  }
}
