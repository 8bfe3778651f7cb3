export * from './database-options';
export { POSTGRES_CONNECT_TIMEOUT_MS, poolErrorLogger } from './pool-errors';
export { MIGRATIONS } from './migrations';
export { TimestampedEntity } from './timestamped.entity';
export { serializeSqliteTransactions } from './serialized-transactions';
export { type BackupFile, type BackupManifest, type Installation, backupInstallation, restoreInstallation } from './backup';
export * from './open-data-source';
