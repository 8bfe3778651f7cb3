import { CheckInBatches } from './check-in-batches';

/** A lane like the service's: work runs one item after another. */
function lane() {
  let tail: Promise<unknown> = Promise.resolve();
  return (_meetingId: string, work: () => Promise<void>) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

describe('CheckInBatches', () => {
  it('writes check-ins that arrive while a write runs as one batch, each person once', async () => {
    const written: string[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((r) => (release = r));
    const batches = new CheckInBatches(async (_m, userIds) => {
      written.push(userIds);
      if (written.length === 1) await firstWrite;
    }, lane());
    const first = batches.add('m', 'a');
    await new Promise((r) => setImmediate(r)); // the first batch is being written now
    const rest = ['b', 'c', 'b', 'd'].map((u) => batches.add('m', u));
    release();
    await Promise.all([first, ...rest]);
    expect(written).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps meetings apart and tells every waiter of a failed write', async () => {
    const batches = new CheckInBatches(async (meetingId) => {
      if (meetingId === 'bad') throw new Error('disk full');
    }, lane());
    const results = await Promise.allSettled([batches.add('bad', 'a'), batches.add('bad', 'a'), batches.add('good', 'a')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });

  it('collects for its window before writing', async () => {
    const written: string[][] = [];
    const batches = new CheckInBatches(async (_m, userIds) => void written.push(userIds), lane(), 30);
    const first = batches.add('m', 'a');
    await new Promise((r) => setTimeout(r, 5));
    const second = batches.add('m', 'b');
    await Promise.all([first, second]);
    expect(written).toEqual([['a', 'b']]);
  });
});
