import { buildDataSourceOptions } from './database-options';
import { POSTGRES_CONNECT_TIMEOUT_MS, clientListeningForErrors, poolErrorLogger } from './pool-errors';

describe('poolErrorLogger', () => {
  const shutdown = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

  it('says a burst of lost connections once, without throwing, and counts the rest in its next line', () => {
    const lines: string[] = [];
    let now = 1_000;
    const onError = poolErrorLogger((l) => lines.push(l), 60_000, () => now);
    // A server stop: each of the pool's idle connections reports the same error.
    for (let i = 0; i < 10; i++) expect(() => onError(shutdown())).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('terminating connection due to administrator command');
    expect(lines[0]).toContain('DATABASE_UNAVAILABLE');
    now += 60_000;
    onError(new Error('Connection terminated unexpectedly'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Connection terminated unexpectedly (9 more since the last report)');
  });
});

describe('PostgreSQL pool options', () => {
  it('listen for pool errors and bound the wait for a connection', () => {
    const pg = buildDataSourceOptions({ databaseUrl: 'postgres://u@127.0.0.1:5432/db', dataDir: '/nonexistent', entities: [] }) as unknown as Record<string, unknown>;
    expect(typeof pg['poolErrorHandler']).toBe('function');
    expect(pg['connectTimeoutMS']).toBe(POSTGRES_CONNECT_TIMEOUT_MS);
  });

  it('listen on every connection too: one the server drops while checked out does not end the process', () => {
    const pg = buildDataSourceOptions({ databaseUrl: 'postgres://u@127.0.0.1:5432/db', dataDir: '/nonexistent', entities: [] }) as unknown as { extra: { Client: typeof import('pg').Client } };
    const connection = new pg.extra.Client({ connectionString: 'postgres://u@127.0.0.1:5432/db' });
    // What node-postgres does with a server's FATAL while no query runs: with no listener, EventEmitter throws it.
    expect(() => connection.emit('error', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).not.toThrow();
    const seen: unknown[] = [];
    const Plain = clientListeningForErrors((e) => seen.push(e));
    new Plain().emit('error', new Error('Connection terminated unexpectedly'));
    expect(seen).toHaveLength(1);
  });
});
