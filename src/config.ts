// The only reader of the environment: parsed once, validated, with a list of what is wrong.

import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which X-Forwarded-For entries to believe (web/client-address.ts): none (the socket's address is the
 * client); the last `hops` entries, added by that many proxies in front; or the entries added by the
 * listed proxies (addresses and CIDR ranges).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'proxies'; proxies: string[] };

const HOW_TO_TRUST = '应为 1 至 10 的整数（服务器前面的反向代理层数），或以英文逗号分隔的代理服务器地址或网段（如 127.0.0.1,10.0.0.0/8）';

/** GONGKAI_TRUST_PROXY: unset or empty: none; "1"…"10": hops; else a comma-separated list of addresses and CIDRs. */
export function parseTrustProxy(value: string | undefined): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const v = (value ?? '').trim();
  if (v === '') return { ok: true, value: { kind: 'none' } };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? { ok: true, value: { kind: 'hops', hops } } : { ok: false, message: `“${v}”不在 1 至 10 之间；${HOW_TO_TRUST}` };
  }
  const proxies: string[] = [];
  for (const raw of v.split(',')) {
    const entry = raw.trim();
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (entry === '' || family === 0 || extra !== undefined || !prefixOk) return { ok: false, message: `“${entry}”不是有效的地址或网段；${HOW_TO_TRUST}` };
    proxies.push(entry);
  }
  return { ok: true, value: { kind: 'proxies', proxies } };
}

const schema = z.object({
  /** where embedded data lives (PGlite later, the calendar store now) */
  GONGKAI_DATA_DIR: z.string().trim().min(1).default('./data'),
  /** PostgreSQL; unset means embedded PGlite in GONGKAI_DATA_DIR */
  DATABASE_URL: z.string().trim().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** '1' behind TLS: session cookies get the Secure flag, HSTS is sent */
  GONGKAI_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** the reverse proxies whose X-Forwarded-For is believed (parseTrustProxy) */
  GONGKAI_TRUST_PROXY: z.string().optional(),
  /** the browser that prints PDFs (services/pdf); unset: `chromium` looked up in PATH */
  CHROMIUM_PATH: z.string().trim().optional(),
  /** where the browser is looked up when CHROMIUM_PATH is unset */
  PATH: z.string().optional(),
});

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  secureCookies: boolean;
  /** absent: { kind: 'none' } */
  trustProxy?: TrustProxy;
  /** CHROMIUM_PATH (empty: unset) and PATH, where services/pdf finds the browser that prints PDFs */
  chromiumPath?: string | undefined;
  searchPath?: string | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `环境变量 ${i.path.join('.')} 无效：${i.message}`) };
  }
  const e = parsed.data;
  const trust = parseTrustProxy(e.GONGKAI_TRUST_PROXY);
  if (!trust.ok) return { ok: false, errors: [`环境变量 GONGKAI_TRUST_PROXY 无效：${trust.message}`] };
  return {
    ok: true,
    config: {
      dataDir: e.GONGKAI_DATA_DIR,
      databaseUrl: e.DATABASE_URL,
      port: e.PORT,
      secureCookies: e.GONGKAI_SECURE_COOKIES === '1',
      trustProxy: trust.value,
      chromiumPath: e.CHROMIUM_PATH || undefined,
      searchPath: e.PATH,
    },
  };
}
