// A Kysely dialect for PGlite (PostgreSQL in WASM, one connection).
//
// PGlite has a single session, so a transaction must hold it exclusively: `acquireConnection` waits on a
// promise queue and `releaseConnection` lets the next caller in. Kysely acquires the connection once for a
// whole transaction (begin … commit), so a query issued by another caller meanwhile waits instead of
// running inside that transaction (kysely-pglite has no such lock: an unrelated insert was rolled back with
// someone else's transaction). Keep transactions short: everything else waits for them.

import type { PGlite, Results } from '@electric-sql/pglite';
import { CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DatabaseConnection, DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import { PARSERS } from './types.ts';

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
  pglite: PGlite;
  /** run once on the session before the first query (e.g. SET statements) */
  onInit?: (pglite: PGlite) => Promise<void>;
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
  readonly #queue = new PromiseQueue();
  readonly #connection: PgliteConnection;
  #release: (() => void) | undefined;
  #destroyed = false;

  constructor(config: PgliteDialectConfig) {
    this.#config = config;
    this.#connection = new PgliteConnection(config.pglite);
  }

  async init(): Promise<void> {
    await this.#config.pglite.waitReady;
    await this.#config.onInit?.(this.#config.pglite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#queue.lock();
    if (this.#destroyed) {
      release();
      throw new Error('PGlite database has been closed');
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
      if (!this.#config.pglite.closed) await this.#config.pglite.close();
    } finally {
      release();
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

type Result = Results<Record<string, unknown>> & { command?: string };

class PgliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = [...compiledQuery.parameters];
    let result: Result;
    if (parameters.length === 0) {
      // simple protocol: allows several statements in one text (migration files); the last result counts
      const all = (await this.#pglite.exec(compiledQuery.sql, { parsers: PARSERS })) as Result[];
      result = all.at(-1) ?? { rows: [], fields: [], affectedRows: 0 };
    } else {
      result = (await this.#pglite.query<Record<string, unknown>>(compiledQuery.sql, parameters, { parsers: PARSERS })) as Result;
    }
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
