import { backupInstallation, restoreInstallation } from '@phonghop/server-database';
import { loadConfig } from './app/config';

/**
 * `./phonghop backup <folder>` and `./phonghop restore <backup folder>`, with the server's own configuration
 * (DATA_DIR, DATABASE_URL). Backup runs beside a running server; restore only onto an empty installation.
 */
export async function runBackupCommand(env: Record<string, string | undefined>, args: string[], write: (line: string) => void): Promise<number> {
  const [action, folder] = args;
  if ((action !== 'backup' && action !== 'restore') || !folder) {
    write('usage: ./phonghop backup <folder> | ./phonghop restore <backup folder>');
    return 2;
  }
  const config = loadConfig(env);
  const inst = { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL };
  if (action === 'backup') {
    const { dir, manifest } = await backupInstallation(inst, folder);
    const bytes = [manifest.database, ...manifest.files].reduce((n, f) => n + f.bytes, 0);
    write(`✓ Đã sao lưu / backed up: ${dir} (${manifest.engine}, ${manifest.files.length} tệp / files, ${(bytes / 1048576).toFixed(1)} MiB)`);
    return 0;
  }
  const manifest = await restoreInstallation(folder, inst);
  write(`✓ Đã khôi phục bản sao lưu lúc ${manifest.createdAt} vào ${config.DATA_DIR} / restored the backup of ${manifest.createdAt} (${manifest.files.length} tệp / files)`);
  return 0;
}
