import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './util.mjs';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../scripts/postgres-for-tests.sh', import.meta.url));

/**
 * A throw-away PostgreSQL for a benchmark, started with scripts/postgres-for-tests.sh (as scripts/test.sh does for the
 * integration tests: Debian's package, loopback, trust auth, fsync off) on a free port, so that it never meets a test
 * run's server on the default port. `database()` makes a fresh database and returns its URL (for DATABASE_URL);
 * `stop()` stops the server and deletes its data.
 */
export async function startPostgres() {
  const port = await freePort();
  const { stdout } = await run('bash', [script, 'start'], { env: { ...process.env, PG_TEST_PORT: String(port) } });
  const vars = Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
  const dir = vars.PG_TEST_DIR;
  const adminUrl = vars.TEST_DATABASE_URL;
  if (!dir || !adminUrl) throw new Error(`postgres-for-tests.sh start printed no URL:\n${stdout}`);
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const { rows } = await admin('SHOW server_version');
  return {
    adminUrl,
    version: rows[0]?.server_version,
    async database(prefix = 'phonghop_bench') {
      const name = `${prefix}_${Date.now()}_${randomInt(1e6)}`;
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await run('bash', [script, 'stop', dir]);
    },
  };
}
