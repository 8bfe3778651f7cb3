import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { serializeSqliteTransactions } from './serialized-transactions';

describe('serializeSqliteTransactions', () => {
  let dir: string;
  let ds: DataSource;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'phonghop-tx-'));
    ds = await new DataSource({ type: 'better-sqlite3', database: join(dir, 'db.sqlite'), entities: [] }).initialize();
    await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)');
  });
  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Twenty requests at once, each a transaction that waits between its statements, as a service's would. */
  const burst = () =>
    Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        ds.transaction(async (tx) => {
          await tx.query('INSERT INTO t (id, n) VALUES (?, ?)', [i, i]);
          await new Promise((r) => setImmediate(r));
          if (i === 7) throw new Error('refused'); // one rolls back; the others must not go with it
          await tx.query('UPDATE t SET n = n + 100 WHERE id = ?', [i]);
        }),
      ),
    );

  it('shows the failure it prevents: concurrent transactions on one SQLite connection nest', async () => {
    const results = await burst();
    expect(results.some((r) => r.status === 'rejected' && /within a transaction/.test(String(r.reason)))).toBe(true);
  });

  it('runs them one after another: every transaction commits or rolls back alone', async () => {
    serializeSqliteTransactions(ds);
    const results = await burst();
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual(['Error: refused']);
    const rows = (await ds.query('SELECT id, n FROM t ORDER BY id')) as { id: number; n: number }[];
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 7));
    expect(rows.every((r) => r.n === r.id + 100)).toBe(true);
  });
});
