import { DraftSaver, type SaveResult } from './draft-saver';

/** A save the test answers by hand. */
function manualSave() {
  const calls: { resolve: (r: SaveResult) => void; reject: (e: unknown) => void }[] = [];
  const save = jest.fn(() => new Promise<SaveResult>((resolve, reject) => calls.push({ resolve, reject })));
  return { save, calls };
}
/** Lets the promise chains of a settled save run (microtasks only: the fake timers stay still). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('DraftSaver', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('saves once, a moment after typing stops, and says when', async () => {
    const { save, calls } = manualSave();
    const saver = new DraftSaver({ save, savedAt: null, delayMs: 1000 });
    expect(saver.state()).toEqual({ kind: 'saved', at: null });
    saver.changed();
    jest.advanceTimersByTime(600);
    saver.changed();
    jest.advanceTimersByTime(600);
    expect(save).not.toHaveBeenCalled();
    expect(saver.state().kind).toBe('dirty');
    expect(saver.pending).toBe(true);
    jest.advanceTimersByTime(400);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.state().kind).toBe('saving');
    calls[0].resolve({ ok: true, at: '2026-12-21T03:05:00.000Z' });
    await settle();
    expect(saver.state()).toEqual({ kind: 'saved', at: '2026-12-21T03:05:00.000Z' });
    expect(saver.pending).toBe(false);
  });

  it('never runs two saves at once: typing during a save goes in the next one', async () => {
    const { save, calls } = manualSave();
    const saver = new DraftSaver({ save, savedAt: null, delayMs: 1000 });
    saver.changed();
    jest.advanceTimersByTime(1000);
    saver.changed();
    jest.advanceTimersByTime(5000);
    expect(save).toHaveBeenCalledTimes(1);
    calls[0].resolve({ ok: true, at: 't1' });
    await settle();
    expect(saver.state().kind).toBe('dirty');
    jest.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(2);
    calls[1].resolve({ ok: true, at: 't2' });
    await settle();
    expect(saver.state()).toEqual({ kind: 'saved', at: 't2' });
  });

  it('stops on a conflict: nothing more is sent until the latest text is loaded', async () => {
    const { save, calls } = manualSave();
    const saver = new DraftSaver({ save, savedAt: 't0', delayMs: 1000 });
    saver.changed();
    jest.advanceTimersByTime(1000);
    calls[0].resolve({ ok: false, reason: 'conflict' });
    await settle();
    expect(saver.state()).toEqual({ kind: 'conflict' });
    saver.changed();
    jest.advanceTimersByTime(60_000);
    expect(await saver.flush()).toBe(false);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.pending).toBe(false);

    saver.reset('t9');
    expect(saver.state()).toEqual({ kind: 'saved', at: 't9' });
    saver.changed();
    jest.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('stops when the draft was finalized meanwhile', async () => {
    const { save, calls } = manualSave();
    const saver = new DraftSaver({ save, savedAt: null, delayMs: 10 });
    saver.changed();
    jest.advanceTimersByTime(10);
    calls[0].resolve({ ok: false, reason: 'final' });
    await settle();
    expect(saver.state().kind).toBe('final');
  });

  it('retries after a network failure, later', async () => {
    const { save, calls } = manualSave();
    const saver = new DraftSaver({ save, savedAt: null, delayMs: 1000, retryMs: 5000 });
    saver.changed();
    jest.advanceTimersByTime(1000);
    calls[0].reject(new Error('offline'));
    await settle();
    expect(saver.state().kind).toBe('error');
    expect(saver.pending).toBe(true);
    jest.advanceTimersByTime(4999);
    expect(save).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(2);
    calls[1].resolve({ ok: true, at: 't' });
    await settle();
    expect(saver.state()).toEqual({ kind: 'saved', at: 't' });
  });

  it('flush saves now (leaving, finalizing), waiting for a save under way first', async () => {
    const { save, calls } = manualSave();
    const saver = new DraftSaver({ save, savedAt: null, delayMs: 1000 });
    expect(await saver.flush()).toBe(true);
    saver.changed();
    jest.advanceTimersByTime(1000);
    saver.changed();
    const flushed = saver.flush();
    calls[0].resolve({ ok: true, at: 't1' });
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    calls[1].resolve({ ok: true, at: 't2' });
    expect(await flushed).toBe(true);
    expect(saver.state()).toEqual({ kind: 'saved', at: 't2' });
    // The typing timer was cleared: no third save.
    jest.advanceTimersByTime(5000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('reports a failed flush', async () => {
    const saver = new DraftSaver({ save: () => Promise.resolve({ ok: false, reason: 'error' }), savedAt: null });
    saver.changed();
    expect(await saver.flush()).toBe(false);
    saver.dispose();
  });

  it('ignores the answer to a save made before the text was reloaded', async () => {
    const { save, calls } = manualSave();
    const saver = new DraftSaver({ save, savedAt: null, delayMs: 10 });
    saver.changed();
    jest.advanceTimersByTime(10);
    saver.reset('t5');
    calls[0].resolve({ ok: false, reason: 'conflict' });
    await settle();
    expect(saver.state()).toEqual({ kind: 'saved', at: 't5' });
  });
});
