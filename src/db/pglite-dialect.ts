// A Kysely dialect for PGlite (PostgreSQL in WASM, one connection).
//
// PGlite has a single session, so a transaction must hold it exclusively: `acquireConnection` waits on a
// promise queue and `releaseConnection` lets the next caller in. Kysely acquires the connection once for a
// whole transaction (begin … commit), so a query issued by another caller meanwhile waits instead of
// running inside that transaction (kysely-pglite has no such lock: an unrelated insert was rolled back with
// someone else's transaction). Keep transactions short: everything else waits for them.
//
// Where PGlite runs is the session's business (pglite-session.ts): in a worker thread for the server and
// the commands (pglite-thread.ts), so that a heavy statement holds the database but not the event loop.

import { CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DatabaseConnection, DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import type { PgliteSession } from './pglite-session.ts';

/** A FIFO lock: `lock()` resolves, in call order, to a function that releases it. */
export class PromiseQueue {
  #tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    return previous.then(() => release);
  }
}

export interface PgliteDialectConfig {
  session: PgliteSession;
  /** the lock of the session; given when others need it too (a dump of the data folder between transactions) */
  queue?: PromiseQueue;
}

export class PgliteDialect implements Dialect {
  readonly #config: PgliteDialectConfig;

  constructor(config: PgliteDialectConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new PgliteDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PgliteDriver implements Driver {
  readonly #config: PgliteDialectConfig;
  readonly #queue: PromiseQueue;
  readonly #connection: PgliteConnection;
  #release: (() => void) | undefined;
  #destroyed = false;

  constructor(config: PgliteDialectConfig) {
    this.#config = config;
    this.#queue = config.queue ?? new PromiseQueue();
    this.#connection = new PgliteConnection(config.session);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#queue.lock();
    if (this.#destroyed) {
      release();
      throw new Error('PGlite database has been closed');
    }
    try {
      await this.#config.session.revive?.();
    } catch (e) {
      release();
      throw e;
    }
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      text = 'start transaction';
      if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) text += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(text));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    // PostgreSQL answers COMMIT with ROLLBACK when an earlier error left the transaction aborted.
    if (rows[0]?.command === 'ROLLBACK') throw new Error('the transaction was aborted by an earlier error and has been rolled back');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    // wait for the query or transaction in progress, then close
    const release = await this.#queue.lock();
    this.#destroyed = true;
    try {
      await this.#config.session.close();
    } finally {
      release();
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

class PgliteConnection implements DatabaseConnection {
  readonly #session: PgliteSession;

  constructor(session: PgliteSession) {
    this.#session = session;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#session.run(compiledQuery.sql, compiledQuery.parameters);
    const command = result.command;
    if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command } as R] };
    return {
      numAffectedRows:
        command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE' ? BigInt(result.affectedRows ?? 0) : undefined,
      rows: result.rows as R[],
    };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    // PGlite has no cursors over its protocol: run the query, hand out its rows in chunks
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}
