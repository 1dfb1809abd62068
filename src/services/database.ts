// The database as the command line and the server see it: opened (and migrated) here, handed to the
// services. Web and CLI code never import src/db directly.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export { isLent, openDatabase } from '../db/connect.ts';
/** Driver errors as typed values (the web's error map tells a text PostgreSQL refused from a fault). */
export { dbErrorCode } from '../db/errors.ts';
export type { Database } from '../db/connect.ts';

/** The query handle the services take. */
export type Db = Kysely<DB>;
