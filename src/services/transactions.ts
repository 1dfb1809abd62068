// Composing services in one transaction. The services open their own transactions; a caller that
// needs several of them to succeed or fail together hands them `joined(trx)`, on which
// `transaction().execute(body)` runs the body inside the caller's transaction instead.

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainError } from '../domain/applications/types.ts';

/** A refusal inside a joined transaction: thrown to roll everything back, caught and returned by the caller. */
export class Refused extends Error {
  constructor(readonly refusal: DomainError) {
    super(refusal.message);
  }
}

/** The transaction, as a Kysely whose transaction() runs inside it (Kysely refuses nested transactions). */
export function joined(trx: Transaction<DB>): Kysely<DB> {
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(body: (t: Transaction<DB>) => Promise<T>) => body(target) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
