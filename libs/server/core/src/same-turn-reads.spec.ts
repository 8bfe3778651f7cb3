import { AsyncLocalStorage } from 'node:async_hooks';
import { SameTurnReads } from './same-turn-reads';

describe('SameTurnReads', () => {
  it('reads the keys asked for in one turn together, per group, each waiter getting its own answer', async () => {
    const calls: [string, number[]][] = [];
    const reads = new SameTurnReads<string, number, string>(async (group, keys) => {
      calls.push([group, [...keys]]);
      return new Map(keys.filter((k) => k !== 3).map((k) => [k, `${group}:${k}`]));
    }, 2);
    const answers = await Promise.all([reads.load('a', 1), reads.load('a', 2), reads.load('a', 1), reads.load('a', 3), reads.load('b', 1)]);
    expect(answers).toEqual(['a:1', 'a:2', 'a:1', undefined, 'b:1']);
    // Group a: keys 1, 2, 3 in reads of at most two; group b apart; a repeated key is read once.
    expect(calls).toEqual([
      ['a', [1, 2]],
      ['a', [3]],
      ['b', [1]],
    ]);
    // A later turn reads again (nothing is cached).
    expect(await reads.load('a', 1)).toBe('a:1');
    expect(calls).toHaveLength(4);
  });

  it('a failed read fails only the waiters of that read', async () => {
    const reads = new SameTurnReads<string, number, number>(async (_g, keys) => {
      if (keys.includes(2)) throw new Error('disk');
      return new Map(keys.map((k) => [k, k * 10]));
    }, 1);
    const [one, two] = await Promise.allSettled([reads.load('g', 1), reads.load('g', 2)]);
    expect(one).toEqual({ status: 'fulfilled', value: 10 });
    expect(two).toMatchObject({ status: 'rejected', reason: { message: 'disk' } });
  });

  it('reads outside the async context of whichever caller came first (e.g. its SQLite transaction)', async () => {
    const context = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const reads = new SameTurnReads<string, number, number>(async (_g, keys) => {
      seen.push(context.getStore());
      return new Map(keys.map((k) => [k, k]));
    });
    await Promise.all([context.run('transaction of caller 1', () => reads.load('g', 1)), reads.load('g', 2)]);
    expect(seen).toEqual([undefined]);
  });
});
