import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { POSTGRES_CONNECT_TIMEOUT_MS, clientListeningForErrors, poolErrorLogger } from './pool-errors';

export interface DatabaseSettings {
  /** A postgres:// URL selects PostgreSQL; anything else (or nothing) means the embedded SQLite file. */
  databaseUrl?: string;
  /** Folder for the SQLite file (and, later, documents). */
  dataDir: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  logging?: boolean;
}

/** The embedded database's file name inside DATA_DIR. */
export const SQLITE_FILE = 'phonghop.sqlite';

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Schema comes only from migrations, run at start-up inside one transaction; `synchronize` stays off
 * so a code change can never silently drop a column holding ballots or annotations.
 */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: settings.entities,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'all' as const,
    synchronize: false,
    logging: settings.logging ?? false,
  };
  if (isPostgresUrl(settings.databaseUrl)) {
    // A restart of the server must neither end the process (the 'error' listeners, on the pool and on every
    // connection, checked out or not) nor hang requests (the connect timeout): see pool-errors.ts and
    // docs/operations.md, "When PostgreSQL restarts".
    const onError = poolErrorLogger();
    return {
      ...common,
      type: 'postgres',
      url: settings.databaseUrl,
      connectTimeoutMS: POSTGRES_CONNECT_TIMEOUT_MS,
      poolErrorHandler: onError,
      extra: { Client: clientListeningForErrors(onError) },
    };
  }
  const dir = resolve(settings.dataDir);
  mkdirSync(dir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(dir, SQLITE_FILE),
    // WAL lets readers proceed during a write; synchronous=NORMAL is durable under WAL on power loss
    // up to the last checkpointed commit, and FULL would halve write throughput for little gain.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}
