import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * TypeORM reaches SQLite (better-sqlite3) through one connection, so whatever one request does while another's
 * transaction is open lands inside that transaction:
 * - two transactions begun at once nest, which SQLite refuses ("cannot start a transaction within a transaction");
 * - `save()` opens a transaction of its own (or joins the open one), so its writes could commit with, or roll back
 *   with, another request's work, and its COMMIT could end the other request's transaction half-way;
 * - a plain statement (an insert, a read) joins the open transaction and is lost if that one rolls back.
 * So on the embedded database every unit of work takes its turn: an explicit transaction, a `save`/`remove` with
 * its implicit one, and every statement issued outside a turn. Work already inside a turn (a transaction's own
 * statements, a nested transaction, a `save` inside it) runs at once: the turn is tracked per async context, so it
 * never waits for itself. PostgreSQL has a pool and needs nothing.
 */
export function serializeSqliteTransactions(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const turn = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    if (turn.getStore()) return work();
    const start = () => turn.run(true, work);
    const run = tail.then(start, start);
    tail = run.catch(() => undefined);
    return run;
  };

  const manager = dataSource.manager as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  // save/remove/softRemove/recover open an implicit transaction (EntityPersistExecutor).
  for (const name of ['transaction', 'save', 'remove', 'softRemove', 'recover'] as const) {
    const original = manager[name].bind(manager);
    manager[name] = (...args: unknown[]) => inTurn(() => original(...args));
  }

  // The driver's one query runner carries every statement, whoever issues it.
  const runner = dataSource.driver.createQueryRunner('master') as QueryRunner & Record<string, unknown>;
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => inTurn(() => query(...args))) as QueryRunner['query'];
  return dataSource as DataSource & { manager: EntityManager };
}
