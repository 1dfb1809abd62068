// The database as the command line and the server see it: opened (and migrated) here, handed to the
// services. Web and CLI code never import src/db directly.
//
// After the SQL migrations, the data steps that SQL cannot do run here, before anything else uses the
// database: the search documents of applications written before migration 0026 (jieba runs in JS;
// search/application-index.ts). Each is idempotent and costs one indexed probe when there is nothing to do.

import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase as openMigrated } from '../db/connect.ts';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/schema.ts';
import { indexPendingApplications } from './search/application-index.ts';

export { isLent } from '../db/connect.ts';
/** Driver errors as typed values (the web's error map tells a text PostgreSQL refused from a fault). */
export { dbErrorCode } from '../db/errors.ts';
export type { Database } from '../db/connect.ts';

/** The query handle the services take. */
export type Db = Kysely<DB>;

/** The data steps that follow the migrations; what they did. */
export async function afterMigrations(db: Kysely<DB>, progress?: (indexed: number) => void): Promise<{ indexed: number }> {
  return { indexed: await indexPendingApplications(db, progress) };
}

/** Connects, applies pending migrations and the data steps after them; closed again when any fails. */
export async function openDatabase(config: Config): Promise<Database> {
  const database = await openMigrated(config);
  try {
    await afterMigrations(database.db);
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}
