import { AsyncLocalStorage } from 'node:async_hooks';

/** Runs a function in the async context of this module's loading: no request's (or transaction's) context. */
const detached = AsyncLocalStorage.snapshot();

/**
 * Runs `work` on the next turn of the event loop, outside the caller's async context: work gathered from many
 * callers must not run as part of whichever caller came first (e.g. inside its SQLite transaction's turn).
 */
export function nextTurnDetached(work: () => void): void {
  setImmediate(() => detached(work));
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

/**
 * Reads asked for in the same turn of the event loop go out together: one `readMany(group, keys)` per group
 * instead of one read per key (a DataLoader in miniature, without a cache: every answer is read fresh). A hall of
 * tablets that acts at once (checking in, voting) then costs a few reads, not one per tablet.
 */
export class SameTurnReads<G, K, V> {
  private readonly pending = new Map<G, Map<K, Waiter<V>[]>>();

  /** `max`: at most this many keys per read (the length of an IN list). */
  constructor(
    private readonly readMany: (group: G, keys: K[]) => Promise<Map<K, V>>,
    private readonly max = 500,
  ) {}

  load(group: G, key: K): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      let keys = this.pending.get(group);
      if (!keys) {
        keys = new Map();
        this.pending.set(group, keys);
        nextTurnDetached(() => void this.run(group));
      }
      const waiters = keys.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else keys.set(key, [{ resolve, reject }]);
    });
  }

  private async run(group: G): Promise<void> {
    const keys = this.pending.get(group);
    this.pending.delete(group);
    if (!keys) return;
    const all = [...keys.keys()];
    await Promise.all(
      Array.from({ length: Math.ceil(all.length / this.max) }, async (_, i) => {
        const part = all.slice(i * this.max, (i + 1) * this.max);
        try {
          const found = await this.readMany(group, part);
          for (const k of part) for (const w of keys.get(k) ?? []) w.resolve(found.get(k));
        } catch (e) {
          for (const k of part) for (const w of keys.get(k) ?? []) w.reject(e);
        }
      }),
    );
  }
}
