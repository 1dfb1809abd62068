// Driver errors as typed values. pg and PGlite both throw an error carrying PostgreSQL's SQLSTATE in
// `code` and the constraint's name in `constraint` (pg-protocol's DatabaseError); Kysely rethrows the
// same object. A wrapped error is found through its `cause`.

export type DbError =
  | { code: 'UNIQUE_VIOLATION'; constraint: string | undefined; table: string | undefined }
  | { code: 'FOREIGN_KEY_VIOLATION'; constraint: string | undefined; table: string | undefined }
  | { code: 'CHECK_VIOLATION'; constraint: string | undefined; table: string | undefined }
  | { code: 'NOT_NULL_VIOLATION'; column: string | undefined; table: string | undefined }
  | { code: 'SERIALIZATION_FAILURE' }
  /** 22021 (a NUL or a byte sequence invalid in UTF-8) and 22P05 (a character the encoding cannot hold) */
  | { code: 'INVALID_CHARACTERS' }
  | { code: 'DEADLOCK_DETECTED' };

export type DbErrorCode = DbError['code'];

interface PgLikeError {
  code: string;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The first error in e's `cause` chain that carries a SQLSTATE: five characters in `code` and the server's
 * `severity` (which tells it from Node's own codes such as 'EPERM').
 */
function sqlState(e: unknown): PgLikeError | undefined {
  for (let cur = e, depth = 0; cur !== null && typeof cur === 'object' && depth < 10; depth++) {
    const { code, severity } = cur as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string') return cur as PgLikeError;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The SQLSTATE of a database error (e.g. '23505'), or undefined. */
export function sqlStateOf(e: unknown): string | undefined {
  return sqlState(e)?.code;
}

/** A database error we handle, as a value; undefined for anything else (rethrow it). */
export function dbErrorCode(e: unknown): DbError | undefined {
  const err = sqlState(e);
  if (err === undefined) return undefined;
  const constraint = str(err.constraint);
  const table = str(err.table);
  switch (err.code) {
    case '23505':
      return { code: 'UNIQUE_VIOLATION', constraint, table };
    case '23503':
      return { code: 'FOREIGN_KEY_VIOLATION', constraint, table };
    case '23514':
      return { code: 'CHECK_VIOLATION', constraint, table };
    case '23502':
      return { code: 'NOT_NULL_VIOLATION', column: str(err.column), table };
    case '40001':
      return { code: 'SERIALIZATION_FAILURE' };
    case '22021':
    case '22P05':
      return { code: 'INVALID_CHARACTERS' };
    case '40P01':
      return { code: 'DEADLOCK_DETECTED' };
    default:
      return undefined;
  }
}
