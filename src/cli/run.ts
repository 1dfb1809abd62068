// Running a command body with the configuration (and the database): a configuration problem becomes a
// Chinese message and exit 2; otherwise the body's exit code is the command's.

import type { Config, ConfigResult } from '../config.ts';
import type { Database } from '../services/database.ts';
import type { Io } from './report.ts';

export const USAGE = 2;

export type Body = (config: Config) => Promise<number>;

export function runner(io: Pick<Io, 'err'>, setExit: (code: number) => void, config: () => ConfigResult) {
  return (body: Body) => async (): Promise<void> => {
    const c = config();
    if (!c.ok) {
      io.err(`gongkai：${c.errors.join('；')}`);
      setExit(USAGE);
      return;
    }
    setExit(await body(c.config));
  };
}

export type DatabaseBody = (database: Database, config: Config) => Promise<number>;

/**
 * Opens the configuration's database (migrated; a calendar.json of the data folder moved into it, once),
 * runs the body, always closes; a failure of the database becomes a Chinese message and exit 2.
 */
export async function inDatabase(io: Pick<Io, 'err'>, config: Config, body: DatabaseBody): Promise<number> {
  let database: Database | null = null;
  try {
    // the database's modules load when a command opens it (not for --help or a mistyped option)
    const [{ isLent, openDatabase }, { adoptCalendarFile }] = await Promise.all([import('../services/database.ts'), import('../services/calendar-store.ts')]);
    database = await openDatabase(config);
    // a lent database (a test's) is not the data folder's: its calendar.json is none of its business
    const adopted = isLent(config) ? null : await adoptCalendarFile(database.db, config.dataDir, new Date().toISOString());
    if (adopted !== null) io.err(`gongkai：${adopted}`);
    return await body(database, config);
  } catch (e) {
    io.err(`gongkai：数据库操作失败（${e instanceof Error ? e.message : String(e)}）。请检查 DATABASE_URL 或 GONGKAI_DATA_DIR。`);
    return USAGE;
  } finally {
    await database?.close();
  }
}

/**
 * Running a command body with the database: opened (and migrated) from the configuration, always
 * closed; a configuration problem or a failure of the database becomes a Chinese message and exit 2.
 */
export function databaseRunner(io: Pick<Io, 'err'>, setExit: (code: number) => void, config: () => ConfigResult) {
  const run = runner(io, setExit, config);
  return (body: DatabaseBody) => run((c) => inDatabase(io, c, body));
}
