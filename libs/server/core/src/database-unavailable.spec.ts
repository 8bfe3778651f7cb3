import { createServer } from 'node:net';
import { Client, DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, unexpectedErrorCode } from './database-unavailable';

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const serverError = (code: string, message: string) => Object.assign(new DatabaseError(message, message.length, 'error'), { code, severity: 'FATAL' });

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection, as node-postgres reports a stopped server', async () => {
    const client = new Client({ host: '127.0.0.1', port: await closedPort(), user: 'x', database: 'x' });
    const err = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(unexpectedErrorCode(err)).toBe('DATABASE_UNAVAILABLE');
  });

  it('recognises the server going down and starting up, also inside a TypeORM QueryFailedError', () => {
    const shutdown = serverError('57P01', 'terminating connection due to administrator command');
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], shutdown))).toBe(true);
    expect(isDatabaseUnavailable(serverError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('08006', 'connection failure'))).toBe(true);
  });

  it('recognises node-postgres’ own messages for dead and timed-out connections', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ]) {
      expect({ message, unavailable: isDatabaseUnavailable(new Error(message)) }).toEqual({ message, unavailable: true });
    }
  });

  it('leaves statement failures, other servers’ failures and non-errors as internal errors', () => {
    const unique = serverError('23505', 'duplicate key value violates unique constraint "user_username_key"');
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT …', [], unique))).toBe(false);
    expect(isDatabaseUnavailable(serverError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    // A call to another server (a timestamp authority) that was refused: fetch wraps the network error as its cause.
    expect(isDatabaseUnavailable(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBe(false);
    expect(unexpectedErrorCode(new Error('boom'))).toBe('INTERNAL_ERROR');
    for (const value of [null, undefined, 'ECONNREFUSED', 42]) expect(isDatabaseUnavailable(value)).toBe(false);
  });
});
