import { followStep, normalisedPoint, PointBatcher, Throttle, type InkMessage, type Timers } from './live-ink';

/** Timers run by hand: `advance(ms)` fires what is due. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      due.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clear: (h) => void due.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        due.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, now: () => now, pending: () => due.size };
}

const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe('PointBatcher', () => {
  it('begins the stroke at once, then batches points every interval, one message in flight', async () => {
    const t = fakeTimers();
    const sent: InkMessage[] = [];
    const b = new PointBatcher('s1', async (m) => void sent.push(m), t.timers, 50, 200);
    b.add([0.1, 0.1]);
    expect(sent).toEqual([{ kind: 'stroke', strokeId: 's1', points: [[0.1, 0.1]] }]);
    await flushPromises();
    b.add([0.2, 0.2]);
    b.add([0.3, 0.3]);
    expect(sent).toHaveLength(1);
    t.advance(50);
    expect(sent[1]).toEqual({ kind: 'points', strokeId: 's1', points: [[0.2, 0.2], [0.3, 0.3]] });
  });

  it('waits for the ack before the next batch and caps a message at the maximum', async () => {
    const t = fakeTimers();
    const sent: InkMessage[] = [];
    let release: () => void = () => undefined;
    const b = new PointBatcher('s', (m) => {
      sent.push(m);
      return new Promise<void>((r) => (release = r));
    }, t.timers, 50, 3);
    b.add([0, 0]);
    for (let i = 1; i <= 5; i++) b.add([i / 10, 0]);
    t.advance(100);
    expect(sent).toHaveLength(1);
    release();
    await flushPromises();
    // A full batch waiting goes at once.
    expect(sent[1].points).toHaveLength(3);
    release();
    await flushPromises();
    t.advance(50);
    expect(sent[2].points).toEqual([[0.4, 0], [0.5, 0]]);
  });

  it('sends what is left when the pen lifts and resolves once all is acked', async () => {
    const t = fakeTimers();
    const sent: InkMessage[] = [];
    const b = new PointBatcher('s', async (m) => void sent.push(m), t.timers);
    b.add([0, 0]);
    b.add([1, 1]);
    await b.end();
    expect(sent.map((m) => m.kind)).toEqual(['stroke', 'points']);
    expect(t.pending()).toBe(0);
    b.add([0.5, 0.5]);
    expect(sent).toHaveLength(2);
  });
});

describe('Throttle', () => {
  it('fires the first value at once and only the latest of a burst after the interval', () => {
    const t = fakeTimers();
    const seen: number[] = [];
    const th = new Throttle<number>((v) => seen.push(v), 150, t.timers, t.now);
    th.push(1);
    th.push(2);
    th.push(3);
    expect(seen).toEqual([1]);
    t.advance(150);
    expect(seen).toEqual([1, 3]);
    t.advance(500);
    th.push(4);
    expect(seen).toEqual([1, 3, 4]);
    th.push(5);
    th.cancel();
    t.advance(500);
    expect(seen).toEqual([1, 3, 4]);
  });
});

describe('followStep', () => {
  const p = { documentId: 'd1', page: 3, zoom: 1 };
  it('does nothing unless following', () => {
    expect(followStep('detached', p, 'd1', null)).toEqual({ kind: 'none' });
    expect(followStep('none', p, 'd1', null)).toEqual({ kind: 'none' });
    expect(followStep('following', null, 'd1', null)).toEqual({ kind: 'none' });
  });
  it('opens another document at the presented page', () => {
    expect(followStep('following', p, 'd2', null)).toEqual({ kind: 'open', documentId: 'd1', page: 3 });
  });
  it('turns to the presented page and zoom once per change', () => {
    expect(followStep('following', p, 'd1', null)).toEqual({ kind: 'view', page: 3, zoom: 1 });
    expect(followStep('following', p, 'd1', { page: 3, zoom: 1 })).toEqual({ kind: 'none' });
    expect(followStep('following', { ...p, zoom: 2 }, 'd1', { page: 3, zoom: 1 })).toEqual({ kind: 'view', page: 3, zoom: 2 });
  });
});

describe('normalisedPoint', () => {
  it('maps a pointer to 0..1 of the page box, clamped', () => {
    const box = { left: 100, top: 50, width: 200, height: 400 };
    expect(normalisedPoint(200, 250, box)).toEqual([0.5, 0.5]);
    expect(normalisedPoint(0, 1000, box)).toEqual([0, 1]);
  });
});
