import type { ErrorCode } from '@phonghop/contracts';

/** What a client is told to wait (the `Retry-After` header) while the database is unreachable: a restart takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Network errors node-postgres passes up unwrapped when it cannot open or keep a connection (`pool.connect()` on a
 * stopped server answers ECONNREFUSED at once).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * PostgreSQL's SQLSTATEs for "the server is going or not there yet": class 08 (connection exception), 57P01
 * admin_shutdown ("terminating connection due to administrator command", a `pg_ctl stop -m fast`), 57P02
 * crash_shutdown, 57P03 cannot_connect_now ("the database system is starting up / shutting down").
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;

/**
 * node-postgres' own errors, which carry no code: a connection that died under a query ("Connection terminated
 * unexpectedly"), a connect that ran past `connectionTimeoutMillis` (client: "Connection terminated due to connection
 * timeout", pool: "timeout exceeded when trying to connect"), and a client already broken by an earlier error.
 */
const PG_MESSAGE = /^Connection terminated\b|^timeout exceeded when trying to connect$|is not queryable$/;

function matches(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  return typeof message === 'string' && PG_MESSAGE.test(message);
}

/**
 * True when `err` says the database cannot be reached (stopped, restarting, network gone) rather than that a
 * statement failed: such a request may simply be sent again once the database is back. Looks at the error and at
 * TypeORM's `driverError` (a QueryFailedError wraps the driver's error); not at other causes, so that a failed call to
 * another server (a timestamp authority's `fetch failed`, say) stays what it is.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return matches(err) || matches((err as { driverError?: unknown } | null)?.driverError);
}

/** The code for an error no handler expected: DATABASE_UNAVAILABLE (503, retry) when the database is unreachable, else INTERNAL_ERROR. */
export function unexpectedErrorCode(err: unknown): Extract<ErrorCode, 'DATABASE_UNAVAILABLE' | 'INTERNAL_ERROR'> {
  return isDatabaseUnavailable(err) ? 'DATABASE_UNAVAILABLE' : 'INTERNAL_ERROR';
}
