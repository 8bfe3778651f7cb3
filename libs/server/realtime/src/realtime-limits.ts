import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { errorBody, withRetryAfter } from '@phonghop/contracts';
import { clientAddressKey } from '@phonghop/server-identity';
import type { IncomingHttpHeaders } from 'node:http';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { isSameOriginHandshake } from './handshake';

/**
 * What one client may ask of the realtime gateway (issue 14, abuse): a tablet or a script that floods the socket
 * must not slow the hall down. Three limits, each configurable (docs/operations.md, "Realtime limits"):
 *
 * - **requests per socket**: a token bucket per connection (`eventsPerSecond`, bursts up to `eventBurst`); a request
 *   over it is answered `REALTIME_RATE_LIMITED` (429, with `retryAfterSeconds`) without reaching any handler;
 * - **connections per client address** (IPv4, or the IPv6 /64, as the login throttle counts): the handshake over
 *   it is refused with `REALTIME_TOO_MANY_CONNECTIONS`, before any session lookup;
 * - **message size** (`maxMessageBytes`, socket.io's `maxHttpBufferSize`): a bigger frame closes that connection.
 */
export interface RealtimeLimits {
  eventsPerSecond: number;
  eventBurst: number;
  connectionsPerAddress: number;
  maxMessageBytes: number;
  /** Reverse proxies in front (TRUST_PROXY_HOPS): the client address is read from X-Forwarded-For behind them. */
  trustProxyHops: number;
}

/**
 * Generous for real use: a conference join of a 60-site meeting resumes ~120 consumers at once (the burst); live ink
 * sends one message per round trip; a hall behind one NAT address has a few hundred tablets.
 */
export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  eventsPerSecond: 50,
  eventBurst: 200,
  connectionsPerAddress: 500,
  maxMessageBytes: 256 * 1024,
  trustProxyHops: 0,
};

/** A token bucket: `take()` spends one token, refilled at `rate` per second up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** 0 when a token was taken, else the seconds until the next one. */
  take(now = Date.now()): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return (1 - this.tokens) / this.rate;
  }
}

/** The client's address as Express would see it with `trust proxy` = hops: the hops-th address from the right. */
export function clientAddressOf(headers: IncomingHttpHeaders, remote: string | undefined, hops: number): string {
  if (hops <= 0) return clientAddressKey(remote);
  const forwarded = headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((a) => a.trim()).filter(Boolean);
  const chain = [remote, ...list.reverse()];
  return clientAddressKey(chain[Math.min(hops, chain.length - 1)]);
}

/** Counts open connections per address; `open` refuses past the limit. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  tryOpen(address: string): boolean {
    const n = this.open.get(address) ?? 0;
    if (n >= this.limit) return false;
    this.open.set(address, n + 1);
    return true;
  }

  close(address: string): void {
    const n = (this.open.get(address) ?? 1) - 1;
    if (n <= 0) this.open.delete(address);
    else this.open.set(address, n);
  }
}

/** Puts the limits on a socket.io server: the handshake's address count first, then a bucket per connection. */
export function guardRealtimeServer(server: Server, limits: RealtimeLimits): void {
  const counter = new ConnectionCounter(limits.connectionsPerAddress);
  server.use((socket, next) => {
    const address = clientAddressOf(socket.request.headers, socket.handshake.address, limits.trustProxyHops);
    if (!counter.tryOpen(address)) {
      next(Object.assign(new Error('REALTIME_TOO_MANY_CONNECTIONS'), { data: errorBody('REALTIME_TOO_MANY_CONNECTIONS') }));
      return;
    }
    // Counted from here: a handshake refused later (no session) or a connection that ends frees its place.
    let counted = true;
    const release = () => {
      if (counted) counter.close(address);
      counted = false;
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    next();
  });
  server.on('connection', (socket: Socket) => {
    const bucket = new TokenBucket(limits.eventsPerSecond, limits.eventBurst);
    socket.use((packet, next) => {
      const wait = bucket.take();
      if (!wait) return next();
      // Refused before any handler: answer the acknowledgement (if asked for one) and drop the request.
      const ack = packet.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error: withRetryAfter(errorBody('REALTIME_RATE_LIMITED'), wait) });
    });
  });
}

/**
 * Nest's socket.io adapter with the limits: the message size goes into the server's options (it must be set when
 * the server is made), the rest is middleware put on before the gateway's own (so before the session lookup).
 */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly limits: RealtimeLimits = DEFAULT_REALTIME_LIMITS,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // The first gateway on the path makes the server with its options, and with this adapter that may be the cascade
    // gateway (a namespace), whose options lack the realtime gateway's origin check: the check goes on every server.
    const allowRequest: ServerOptions['allowRequest'] = options?.allowRequest ?? ((req, callback) => callback(null, isSameOriginHandshake(req)));
    const server = super.createIOServer(port, { ...options, allowRequest, maxHttpBufferSize: this.limits.maxMessageBytes } as ServerOptions) as Server;
    guardRealtimeServer(server, this.limits);
    return server;
  }
}
