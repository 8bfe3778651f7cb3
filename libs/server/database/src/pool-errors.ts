import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';

/**
 * How long PostgreSQL's pool waits for a connection, whether it opens a new one or waits for a busy one to come
 * back, before the request fails (and answers DATABASE_UNAVAILABLE, 503, retry). A stopped server refuses at once;
 * this bounds the cases that would otherwise hang without end (a server that accepts nothing, a network that drops
 * packets). Ten seconds, not one: under a 2,000-voter burst casts wait for the pool of 10 for a few seconds, and
 * must not fail for that (docs/benchmarks.md).
 */
export const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The pool's 'error' listener (and, through clientListeningForErrors, every connection's). When the server goes away (restart, `pg_ctl stop -m fast`), every idle pooled
 * connection emits an error; without a listener node-postgres' pool would throw it and end the process. The pool
 * drops those connections and opens new ones on the next requests, so there is nothing to do but say it: one line
 * for the burst (the first error, then nothing more for `quietMs`; the next line counts what was left out).
 */
export function poolErrorLogger(log: (line: string) => void = warnAsDatabase(), quietMs = 60_000, clock: () => number = Date.now): (err: unknown) => void {
  let loggedAt = Number.NEGATIVE_INFINITY;
  let leftOut = 0;
  return (err: unknown) => {
    const now = clock();
    if (now - loggedAt < quietMs) {
      leftOut++;
      return;
    }
    const reason = err instanceof Error ? err.message : String(err);
    const more = leftOut ? ` (${leftOut} more since the last report)` : '';
    log(`A pooled PostgreSQL connection failed: ${reason}${more}. The pool opens new connections once the server is back; until then requests answer DATABASE_UNAVAILABLE.`);
    loggedAt = now;
    leftOut = 0;
  };
}

function warnAsDatabase(): (line: string) => void {
  const logger = new Logger('Database');
  return (line) => logger.warn(line);
}

/**
 * node-postgres' client class for the pool, with `onError` listening on every connection for its whole life. The
 * pool listens only while a connection is idle: one checked out (a transaction between two statements, a request
 * holding its query runner) that the server drops emits 'error' with nobody listening, and that ends the process.
 * The pool then drops the broken connection when it comes back (it is no longer queryable); the request in
 * progress fails on its next statement and answers DATABASE_UNAVAILABLE. Give it the pool's own listener: a burst
 * is then still said once.
 */
export function clientListeningForErrors(onError: (err: unknown) => void): typeof Client {
  return class extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', onError);
    }
  };
}
