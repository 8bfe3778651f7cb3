import { DataSource, type DataSourceOptions } from 'typeorm';

/** The PostgreSQL advisory lock that makes API processes starting together migrate one after the other. */
export const MIGRATION_LOCK_KEY = 0x70686f6e; // "phon"

/**
 * Opens the database and brings its schema up to date. On PostgreSQL several API processes may start at the same
 * moment (systemd starts every unit at boot): the migrations run under an advisory lock, so the first process
 * migrates and the others, waiting on the lock, find nothing left to do. SQLite has one process by definition.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type !== 'postgres' || !options.migrationsRun) return new DataSource(options).initialize();
  const db = await new DataSource({ ...options, migrationsRun: false }).initialize();
  const lock = db.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await db.runMigrations({ transaction: options.migrationsTransactionMode ?? 'all' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (err) {
    await lock.release().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw err;
  }
  await lock.release();
  return db;
}
