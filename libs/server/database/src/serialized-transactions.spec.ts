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

  /** A transaction that writes, yields, and rolls back: what shares its moment with it must not go with it. */
  const refusedTransaction = () =>
    ds.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id, n) VALUES (1000, 0)');
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      throw new Error('refused');
    });

  it('keeps a plain statement issued during another transaction out of it (and of its rollback)', async () => {
    serializeSqliteTransactions(ds);
    const [refused, insert] = await Promise.allSettled([refusedTransaction(), (async () => {
      await new Promise((r) => setImmediate(r));
      await ds.query('INSERT INTO t (id, n) VALUES (1, 1)');
    })()]);
    expect(refused.status).toBe('rejected');
    expect(insert.status).toBe('fulfilled');
    expect(await ds.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }]);
  });

  it("gives save() its own turn: its implicit transaction neither nests in nor ends another's", async () => {
    serializeSqliteTransactions(ds);
    await ds.query('CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const { EntitySchema } = await import('typeorm');
    const Thing = new EntitySchema<{ id: number; name: string }>({ name: 'thing', columns: { id: { type: Number, primary: true }, name: { type: String } } });
    await ds.destroy();
    ds = await new DataSource({ type: 'better-sqlite3', database: join(dir, 'db.sqlite'), entities: [Thing] }).initialize();
    serializeSqliteTransactions(ds);
    const saves = Array.from({ length: 10 }, (_, i) => (async () => {
      for (let k = 0; k < i % 3; k++) await new Promise((r) => setImmediate(r));
      await ds.getRepository(Thing).save({ id: i, name: `n${i}` });
    })());
    const results = await Promise.allSettled([refusedTransaction(), refusedTransaction(), ...saves]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual(['Error: refused', 'Error: refused']);
    expect(await ds.getRepository(Thing).count()).toBe(10);
    expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('lets work inside a turn go on without waiting for itself (nested transactions, save inside a transaction)', async () => {
    serializeSqliteTransactions(ds);
    await ds.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id, n) VALUES (1, 1)');
      await ds.query('INSERT INTO t (id, n) VALUES (2, 2)');
      await ds.transaction((inner) => inner.query('INSERT INTO t (id, n) VALUES (3, 3)'));
    });
    expect(await ds.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
});
