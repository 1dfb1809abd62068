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

/**
 * E-mail for reminders (催报, issue #13): the SMTP server and the sender. Absent: no e-mail at all — the
 * platform works as without it. The URL's user name and password are a secret: kept out of every message,
 * log and page (`secretUrl` is a function, so neither JSON nor console.log of the configuration shows it).
 */
export interface MailConfig {
  /** the server without user name or password, e.g. smtps://mail.example.gov.cn:465 (may be shown) */
  server: string;
  host: string;
  port: number;
  /** TLS from the start (smtps://); smtp:// upgrades with STARTTLS when the server offers it */
  secure: boolean;
  /** the sender: name (may be empty) and address */
  from: { name: string; address: string };
  /** how long one message may take, connection included (ms) */
  timeoutMs: number;
  /** the user name and password for the transport only; null: the server takes mail without login */
  credentials: () => { user: string; pass: string } | null;
}

/** the default time one e-mail may take */
export const MAIL_TIMEOUT_MS = 30_000;

const SMTP_EXAMPLE = '例如 smtps://用户名:密码@mail.example.gov.cn:465 或 smtp://用户名:密码@mail.example.gov.cn:587（用户名、密码中的 @ : / 等字符写作 %40 %3A %2F）';

/** An address as e-mail headers and SMTP take it: ASCII, no spaces, no display name. */
const emailAddress = z.email({ message: 'not an address' }).max(254);

/** GONGKAI_SMTP_URL: the server and, percent-encoded, its user name and password. Never echoed (it may hold a password). */
const smtpUrl = z.string().transform((value, ctx): Omit<MailConfig, 'from' | 'timeoutMs'> => {
  const problem = (message: string) => {
    ctx.addIssue({ code: 'custom', message: `${message}；${SMTP_EXAMPLE}。（值中可能有密码，不在此显示。）` });
    return z.NEVER;
  };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return problem('不是有效的地址');
  }
  if (url.protocol !== 'smtps:' && url.protocol !== 'smtp:') return problem('应以 smtps://（加密连接，通常端口 465）或 smtp://（端口 587 或 25，服务器支持时用 STARTTLS 加密）开头');
  if (url.hostname === '') return problem('缺少邮件服务器的地址');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') return problem('邮件服务器地址后不能有路径或参数');
  if (url.password !== '' && url.username === '') return problem('有密码而没有用户名');
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  if (port < 1) return problem('端口应为 1 至 65535');
  let credentials: { user: string; pass: string } | null = null;
  if (url.username !== '') {
    try {
      credentials = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      return problem('用户名或密码中的 % 编码无效');
    }
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { server: `${url.protocol}//${url.host}`, host, port, secure, credentials: () => credentials };
});

/** GONGKAI_MAIL_FROM: `名称 <address>` or an address alone. */
const mailFrom = z.string().transform((value, ctx): MailConfig['from'] => {
  const v = value.trim();
  const m = /^(?:"?([^"<>]*?)"?\s*)?<([^<>]+)>$/.exec(v);
  const name = (m ? (m[1] ?? '') : '').trim();
  const address = (m ? (m[2] ?? '') : v).trim();
  if (!emailAddress.safeParse(address).success || /[\u0000-\u001f\u007f]/.test(name) || name.length > 100) {
    ctx.addIssue({ code: 'custom', message: `“${v.slice(0, 120)}”不是有效的发件人，应为“名称 <地址>”或地址，例如“示范市政务公开办 <gongkai@example.gov.cn>”` });
    return z.NEVER;
  }
  return { name, address };
});

/** GONGKAI_QUERY_KEY: 32 bytes as 64 hex digits. Never echoed (it is the key). */
const queryKey = z.string().transform((value, ctx): (() => Buffer) => {
  const v = value.trim();
  if (!/^[0-9a-f]{64}$/i.test(v)) {
    ctx.addIssue({ code: 'custom', message: '应为64位十六进制数字（32字节的随机数，例如用 openssl rand -hex 32 生成）。（值是密钥，不在此显示。）' });
    return z.NEVER;
  }
  const bytes = Buffer.from(v, 'hex');
  return () => Buffer.from(bytes);
});

/** An empty variable is an unset one. */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  /** where embedded data lives (PGlite later, the calendar store now) */
  GONGKAI_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().trim().default('./data')),
  /** PostgreSQL; unset means embedded PGlite in GONGKAI_DATA_DIR */
  DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().trim().optional()),
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number({ message: '应为1到65535之间的端口号' }).int('应为1到65535之间的端口号').min(1, '应为1到65535之间的端口号').max(65_535, '应为1到65535之间的端口号').default(3000)),
  /** '1' behind TLS: session cookies get the Secure flag, HSTS is sent */
  GONGKAI_SECURE_COOKIES: z.preprocess(unsetIfEmpty, z.enum(['0', '1'], { message: '应为 1（通过 HTTPS 访问）或 0' }).default('0')),
  /** the reverse proxies whose X-Forwarded-For is believed (parseTrustProxy) */
  GONGKAI_TRUST_PROXY: z.string().optional(),
  /** the browser that prints PDFs (services/pdf); unset: `chromium` looked up in PATH */
  CHROMIUM_PATH: z.string().trim().optional(),
  /** where the browser is looked up when CHROMIUM_PATH is unset */
  PATH: z.string().optional(),
  /** the SMTP server reminders are e-mailed through; unset: no e-mail */
  GONGKAI_SMTP_URL: z.preprocess(unsetIfEmpty, smtpUrl.optional()),
  /** the sender of those e-mails; required with GONGKAI_SMTP_URL */
  GONGKAI_MAIL_FROM: z.preprocess(unsetIfEmpty, mailFrom.optional()),
  /** the key of the query passwords (services/query-key.ts); unset: the key file in GONGKAI_DATA_DIR */
  GONGKAI_QUERY_KEY: z.preprocess(unsetIfEmpty, queryKey.optional()),
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
  /** GONGKAI_SMTP_URL and GONGKAI_MAIL_FROM; absent: no e-mail (reminders stay in the platform) */
  mail?: MailConfig | undefined;
  /** GONGKAI_QUERY_KEY (services/query-key.ts), behind a function so that no JSON or log of the configuration shows it; absent: the key file */
  queryKey?: (() => Buffer) | undefined;
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
  if (e.GONGKAI_SMTP_URL && !e.GONGKAI_MAIL_FROM) return { ok: false, errors: ['环境变量 GONGKAI_MAIL_FROM 未设置：设置了邮件服务器 GONGKAI_SMTP_URL，还须设置发件人，例如“示范市政务公开办 <gongkai@example.gov.cn>”'] };
  if (e.GONGKAI_MAIL_FROM && !e.GONGKAI_SMTP_URL) return { ok: false, errors: ['环境变量 GONGKAI_SMTP_URL 未设置：设置了发件人 GONGKAI_MAIL_FROM，还须设置邮件服务器，例如 smtps://用户名:密码@mail.example.gov.cn:465；不发邮件时两者都不设置'] };
  const mail: MailConfig | undefined = e.GONGKAI_SMTP_URL && e.GONGKAI_MAIL_FROM ? { ...e.GONGKAI_SMTP_URL, from: e.GONGKAI_MAIL_FROM, timeoutMs: MAIL_TIMEOUT_MS } : undefined;
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
      ...(mail ? { mail } : {}),
      ...(e.GONGKAI_QUERY_KEY ? { queryKey: e.GONGKAI_QUERY_KEY } : {}),
    },
  };
}
