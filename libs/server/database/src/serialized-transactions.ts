import type { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM reaches SQLite (better-sqlite3) through one connection, so two transactions begun by two requests at once
 * would nest, which SQLite refuses ("cannot start a transaction within a transaction"): under a burst (a hall of
 * tablets checking in) the second request failed. Transactions on the embedded database therefore run one after
 * another; PostgreSQL has a pool and needs nothing.
 */
export function serializeSqliteTransactions(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource;
  const manager = dataSource.manager;
  const begin = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    const run = tail.then(
      () => begin(...args),
      () => begin(...args),
    );
    tail = run.catch(() => undefined);
    return run;
  }) as EntityManager['transaction'];
  return dataSource;
}
