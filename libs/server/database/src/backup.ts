import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { isPostgresUrl, SQLITE_FILE } from './database-options';

const run = promisify(execFile);

/** What a backup folder holds: the database dump and every durable file of DATA_DIR, each with its hash. */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  database: BackupFile;
  files: BackupFile[];
}

export interface BackupFile {
  /** Relative to the backup folder, with `/`. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface Installation {
  dataDir: string;
  /** PostgreSQL's URL; without it the database is DATA_DIR's SQLite file. */
  databaseUrl?: string;
}

const MANIFEST = 'manifest.json';
const SQLITE_DUMP = 'database.sqlite';
const PG_DUMP = 'database.pgdump';

/**
 * What is not copied from DATA_DIR: the SQLite files (copied through SQLite's online backup instead, a consistent
 * snapshot while the server writes), uploads still in progress and files being written, and the per-viewer
 * watermarked copies, which are made again on the next read.
 */
function isSkipped(rel: string): boolean {
  const top = rel.split(sep)[0];
  if (rel === SQLITE_FILE || rel.startsWith(`${SQLITE_FILE}-`)) return true;
  return top === 'uploads' || top === 'stamped' || rel.startsWith(join('blobs', '.tmp'));
}

/**
 * Backs up a running installation into a new folder under `target`: the database first (SQLite's online backup,
 * or `pg_dump` in its custom format), then DATA_DIR's durable files, then a manifest with every hash. The database
 * comes first because stored files are only ever added under new names while the server runs: every file the
 * dump names already exists when the files are copied.
 */
export async function backupInstallation(inst: Installation, target: string, now = new Date()): Promise<{ dir: string; manifest: BackupManifest }> {
  const source = join(inst.dataDir, SQLITE_FILE);
  if (!isPostgresUrl(inst.databaseUrl)) {
    await stat(source).catch(() => {
      throw new Error(`Không thấy cơ sở dữ liệu / no database at ${source}`);
    });
  }
  const dir = join(resolve(target), `phonghop-backup-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
  await mkdir(dir, { recursive: false }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new Error(`Thư mục sao lưu đã có / the backup folder exists already: ${dir}`);
    if (err.code === 'ENOENT') throw new Error(`Không có thư mục đích / the target folder does not exist: ${target}`);
    throw err;
  });
  let database: BackupFile;
  if (isPostgresUrl(inst.databaseUrl)) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${join(dir, PG_DUMP)}`, `--dbname=${inst.databaseUrl}`]);
    database = await describe(dir, PG_DUMP);
  } else {
    // VACUUM INTO writes one read transaction's view of the database: consistent while the server writes (WAL).
    const db = await new DataSource({ type: 'better-sqlite3', database: source, readonly: true, fileMustExist: true }).initialize();
    try {
      await db.query('VACUUM INTO ?', [join(dir, SQLITE_DUMP)]);
    } finally {
      await db.destroy();
    }
    database = await describe(dir, SQLITE_DUMP);
  }
  const files: BackupFile[] = [];
  for (const rel of await walk(inst.dataDir)) {
    if (isSkipped(rel)) continue;
    const to = join(dir, 'files', rel);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(join(inst.dataDir, rel), to);
    files.push(await describe(dir, join('files', rel)));
  }
  const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), engine: isPostgresUrl(inst.databaseUrl) ? 'postgres' : 'sqlite', database, files };
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  return { dir, manifest };
}

/**
 * Restores a backup onto a fresh installation: checks every hash first, refuses a DATA_DIR that has a database or
 * a PostgreSQL database that has tables (it never overwrites), then copies the files and loads the database.
 */
export async function restoreInstallation(backupDir: string, inst: Installation): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(join(backupDir, MANIFEST), 'utf8').catch(() => {
    throw new Error(`Không phải thư mục sao lưu (thiếu ${MANIFEST}) / not a backup folder (no ${MANIFEST}): ${backupDir}`);
  })) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`Định dạng sao lưu không hỗ trợ / unsupported backup format: ${String(manifest.format)}`);
  const postgres = isPostgresUrl(inst.databaseUrl) ? inst.databaseUrl : null;
  if ((manifest.engine === 'postgres') !== !!postgres) {
    throw new Error(`Bản sao lưu là ${manifest.engine}, cấu hình hiện tại là ${postgres ? 'postgres' : 'sqlite'} / the backup is ${manifest.engine}, the configuration is not`);
  }
  for (const f of [manifest.database, ...manifest.files]) {
    const got = await describe(backupDir, f.path).catch(() => null);
    if (!got || got.sha256 !== f.sha256) throw new Error(`Tệp sao lưu bị thiếu hoặc hỏng / a backup file is missing or damaged: ${f.path}`);
  }
  await mkdir(inst.dataDir, { recursive: true });
  if (postgres) {
    await requireEmptyPostgres(postgres);
  } else if (await stat(join(inst.dataDir, SQLITE_FILE)).then(() => true, () => false)) {
    throw new Error(`DATA_DIR đã có cơ sở dữ liệu, không ghi đè / DATA_DIR already has a database, it is not overwritten: ${inst.dataDir}`);
  }
  for (const f of manifest.files) {
    const to = join(inst.dataDir, relative('files', f.path));
    await mkdir(dirname(to), { recursive: true });
    await copyFile(join(backupDir, f.path), to);
  }
  if (postgres) {
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${postgres}`, join(backupDir, PG_DUMP)]);
  } else {
    await copyFile(join(backupDir, SQLITE_DUMP), join(inst.dataDir, SQLITE_FILE));
  }
  return manifest;
}

async function requireEmptyPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    if (Number(rows[0]?.n ?? 0) > 0) throw new Error('Cơ sở dữ liệu PostgreSQL đích đã có bảng, không ghi đè / the target PostgreSQL database has tables, it is not overwritten');
  } finally {
    await client.end();
  }
}

async function describe(root: string, rel: string): Promise<BackupFile> {
  const path = join(root, rel);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { path: rel.split(sep).join('/'), sha256: hash.digest('hex'), bytes: (await stat(path)).size };
}

/** Every regular file under `root`, relative to it, in a stable order. */
async function walk(root: string, rel = ''): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = rel ? join(rel, e.name) : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}
