import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** A call to another process that got no answer: it died, or Redis lost it. */
export class ProcessUnreachable extends Error {
  constructor(
    readonly processId: string,
    readonly reason: 'gone' | 'timeout',
  ) {
    super(`process ${processId} unreachable (${reason})`);
  }
}

interface Request {
  t: 'req';
  id: string;
  from: string;
  op: string;
  payload: unknown;
}
interface Response {
  t: 'res';
  id: string;
  ok: boolean;
  value?: unknown;
  error?: string;
}
type Message = Request | Response;

type Handler = (payload: unknown, from: string) => Promise<unknown> | unknown;

const channelOf = (processId: string) => `phonghop:process:${processId}`;

/** After this process (re)subscribes, how long before an empty channel means its process is gone. */
export const RESUBSCRIBE_GRACE_MS = 5000;

/**
 * Calls between API processes over Redis: each process listens on its own channel and answers requests there.
 * A process is alive while its channel has a subscriber: Redis drops the subscription the moment a killed
 * process's connection closes, so `isAlive` tells a dead owner apart from a slow one without waiting for a timeout.
 */
export class ClusterBus {
  readonly processId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('ClusterBus');
  private readonly handlers = new Map<string, Handler>();
  private readonly pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  readonly pub: RedisClient;
  readonly sub: RedisClient;
  /** socket.io's Redis adapter's own pair (it subscribes in its own way). */
  readonly adapterPub: RedisClient;
  readonly adapterSub: RedisClient;
  private up = false;
  /** Since when this process's own subscription has been up (0: not now). */
  private subscribedSince = 0;

  constructor(redisUrl: string) {
    // Reconnect quickly and forever: a restarted Redis is back within seconds, and nothing here may crash the API.
    const socket = { reconnectStrategy: (retries: number) => Math.min(100 + retries * 100, 1000), connectTimeout: 2000 };
    this.pub = createClient({ url: redisUrl, socket, disableOfflineQueue: true });
    this.sub = this.pub.duplicate();
    // The adapter's broadcasts wait in the client's queue while Redis reconnects (sent in order when it is back), and
    // a failed one is dropped (clients resync by version) instead of becoming an unhandled rejection.
    this.adapterPub = this.pub.duplicate({ disableOfflineQueue: false });
    const publish = this.adapterPub.publish.bind(this.adapterPub);
    Object.assign(this.adapterPub, { publish: (...args: Parameters<typeof publish>) => publish(...args).catch(() => 0) });
    this.adapterSub = this.pub.duplicate();
    for (const [name, client] of [['publisher', this.pub], ['subscriber', this.sub], ['adapter publisher', this.adapterPub], ['adapter subscriber', this.adapterSub]] as const) {
      client.on('error', (err: unknown) => {
        if (this.up) this.logger.warn({ err: String(err) }, `Redis ${name} connection failed; reconnecting`);
        this.up = false;
      });
      client.on('ready', () => (this.up = true));
    }
    this.sub.on('ready', () => (this.subscribedSince = Date.now()));
    this.sub.on('error', () => (this.subscribedSince = 0));
    this.sub.on('end', () => (this.subscribedSince = 0));
  }

  /** Connects, or fails start-up with a clear message when Redis does not answer (the clients would retry forever). */
  async start(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis at REDIS_URL did not answer within ${timeoutMs / 1000} s (không kết nối được Redis)`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all([this.pub.connect(), this.sub.connect(), this.adapterPub.connect(), this.adapterSub.connect()]), gaveUp]);
    } catch (err) {
      for (const client of [this.pub, this.sub, this.adapterPub, this.adapterSub]) {
        try {
          client.destroy();
        } catch {
          // never opened
        }
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
    await this.sub.subscribe(channelOf(this.processId), (raw) => this.received(raw));
    this.up = true;
    this.subscribedSince = Date.now();
  }

  async stop(): Promise<void> {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new ProcessUnreachable(id, 'gone'));
    }
    this.pending.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit(), this.adapterSub.quit(), this.adapterPub.quit()]);
  }

  /** Subscribed long enough that an empty channel of another process means it is gone. */
  get settled(): boolean {
    return this.subscribedSince > 0 && Date.now() - this.subscribedSince >= RESUBSCRIBE_GRACE_MS;
  }

  /** Both connections are up (for /api/health). */
  get ready(): boolean {
    return this.pub.isReady && this.sub.isReady && this.adapterPub.isReady && this.adapterSub.isReady;
  }

  serve(op: string, handler: Handler): void {
    this.handlers.set(op, handler);
  }

  /** Sends `op` to the process and waits for its answer; ProcessUnreachable when it is gone or silent. */
  async call<T>(processId: string, op: string, payload: unknown, timeoutMs = 5000): Promise<T> {
    const id = randomUUID();
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ProcessUnreachable(processId, 'timeout'));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
    });
    const message: Request = { t: 'req', id, from: this.processId, op, payload };
    let receivers: number;
    try {
      receivers = await this.pub.publish(channelOf(processId), JSON.stringify(message));
    } catch {
      this.drop(id);
      throw new ProcessUnreachable(processId, 'gone');
    }
    if (receivers === 0) {
      this.drop(id);
      throw new ProcessUnreachable(processId, 'gone');
    }
    return (await answer) as T;
  }

  /** Sends `op` without waiting for an answer (deltas forwarded to a meeting's owner, in order per sender). */
  async send(processId: string, op: string, payload: unknown): Promise<boolean> {
    const message: Request = { t: 'req', id: '', from: this.processId, op, payload };
    return (await this.pub.publish(channelOf(processId), JSON.stringify(message))) > 0;
  }

  /**
   * Whether a process is certainly gone: nobody listens on its channel, and Redis has been up long enough for every
   * live process to have subscribed again after a restart of Redis (they reconnect within a second or two); until
   * then an empty channel proves nothing.
   */
  async isGone(processId: string): Promise<boolean> {
    if (!this.settled) return false;
    return !(await this.isAlive(processId).catch(() => true));
  }

  /** Whether a process listens on its channel now. */
  async isAlive(processId: string): Promise<boolean> {
    const counts = (await this.pub.pubSubNumSub(channelOf(processId))) as unknown;
    const n = Array.isArray(counts) ? Number((counts as [unknown, unknown][])[0]?.[1] ?? 0) : Number(Object.values(counts as Record<string, unknown>)[0] ?? 0);
    return n > 0;
  }

  private received(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.t === 'res') {
      this.settle(message.id, message.ok, message.value, message.error);
      return;
    }
    const handler = this.handlers.get(message.op);
    const reply = (res: Omit<Response, 't' | 'id'>) => {
      if (!message.id) return;
      void this.pub.publish(channelOf(message.from), JSON.stringify({ t: 'res', id: message.id, ...res })).catch(() => undefined);
    };
    if (!handler) {
      reply({ ok: false, error: `no handler for ${message.op}` });
      return;
    }
    void Promise.resolve()
      .then(() => handler(message.payload, message.from))
      .then(
        (value) => reply({ ok: true, value }),
        (err: unknown) => {
          this.logger.error({ err, op: message.op }, 'Forwarded request failed');
          reply({ ok: false, error: String(err) });
        },
      );
  }

  private drop(id: string): void {
    clearTimeout(this.pending.get(id)?.timer);
    this.pending.delete(id);
  }

  private settle(id: string, ok: boolean, value: unknown, error?: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (ok) p.resolve(value);
    else p.reject(new Error(error ?? 'forwarded request failed'));
  }
}
