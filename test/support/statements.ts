// Counting the SQL statements a piece of code sends: a Kysely plugin on the database that records every
// query answered (what it is and on which table, with its common table expressions), and `begin`,
// `commit` or `rollback` around each transaction opened through it — so that a test can bound the
// statements of a path and fail when a change adds one.
//
//   const counted = countStatements(t.db);
//   await submitOnline(counted.db, …);
//   expect(counted.statements).toEqual(['select from a with n, a, e, u, p']);

import type { Kysely, KyselyPlugin, OperationNode, RootOperationNode } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

export interface Counted {
  /** the database to hand to the code under test */
  db: Kysely<DB>;
  /** what was sent, in order: `select from applications`, `insert into uploads`, `begin` … */
  readonly statements: string[];
  /** forgets what was counted so far */
  reset(): void;
}

type Named = OperationNode & { table?: { identifier?: { name?: string } }; identifier?: { name?: string } };

/** The table of a from item, an insert's or an update's target (alias and schema left out). */
function tableOf(node: Named | undefined): string {
  if (node === undefined) return '';
  const inner = (node as { node?: Named }).node ?? node; // an alias
  return inner.table?.identifier?.name ?? inner.identifier?.name ?? '?';
}

/** One line per statement: its kind, its table, its common table expressions. */
export function describeStatement(node: RootOperationNode): string {
  const n = node as RootOperationNode & {
    from?: { froms?: Named[] };
    into?: Named;
    table?: Named;
    with?: { expressions?: { name?: { table?: Named } }[] };
  };
  let text: string;
  switch (n.kind) {
    case 'SelectQueryNode':
      text = `select${n.from?.froms ? ` from ${n.from.froms.map(tableOf).join(', ')}` : ''}`;
      break;
    case 'InsertQueryNode':
      text = `insert into ${tableOf(n.into)}`;
      break;
    case 'UpdateQueryNode':
      text = `update ${tableOf(n.table)}`;
      break;
    case 'DeleteQueryNode':
      text = `delete from ${(n.from?.froms ?? []).map(tableOf).join(', ')}`;
      break;
    default:
      text = n.kind === 'RawNode' ? 'raw sql' : n.kind;
  }
  const ctes = (n.with?.expressions ?? []).map((e) => tableOf(e.name?.table));
  return ctes.length > 0 ? `${text} with ${ctes.join(', ')}` : text;
}

export function countStatements(db: Kysely<DB>): Counted {
  const statements: string[] = [];
  // a subquery built on this database passes transformQuery too, but only what is sent gets a result
  const compiled = new Map<unknown, string>();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      compiled.set(queryId, describeStatement(node));
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      statements.push(compiled.get(queryId) ?? '?');
      compiled.delete(queryId);
      return result;
    },
  };
  const plugged = db.withPlugin(plugin);
  // transactions: begin and commit (or rollback) are sent by the driver, not compiled — counted here
  const counted = new Proxy(plugged, {
    get(target, property) {
      if (property === 'transaction') {
        return () => {
          const builder = target.transaction();
          return {
            execute: async <T>(body: Parameters<typeof builder.execute<T>>[0]): Promise<T> => {
              statements.push('begin');
              try {
                const value = await builder.execute(body);
                statements.push('commit');
                return value;
              } catch (e) {
                statements.push('rollback');
                throw e;
              }
            },
          };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    db: counted,
    statements,
    reset: () => {
      statements.length = 0;
    },
  };
}
