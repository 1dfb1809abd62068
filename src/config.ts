// The only reader of the environment: parsed once, validated, with a list of what is wrong.

import { z } from 'zod';

const schema = z.object({
  /** where embedded data lives (PGlite later, the calendar store now) */
  GONGKAI_DATA_DIR: z.string().trim().min(1).default('./data'),
  /** PostgreSQL; unset means embedded PGlite in GONGKAI_DATA_DIR */
  DATABASE_URL: z.string().trim().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** '1' behind TLS: session cookies get the Secure flag, HSTS is sent */
  GONGKAI_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
});

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  secureCookies: boolean;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `环境变量 ${i.path.join('.')} 无效：${i.message}`) };
  }
  const e = parsed.data;
  return { ok: true, config: { dataDir: e.GONGKAI_DATA_DIR, databaseUrl: e.DATABASE_URL, port: e.PORT, secureCookies: e.GONGKAI_SECURE_COOKIES === '1' } };
}
