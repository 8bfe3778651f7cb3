import { errorBody, type Ack } from '@phonghop/contracts';
import { type ClockSource, ServerClock, clockOffset } from './server-clock';

describe('clockOffset', () => {
  it('keeps the round trip with the smallest RTT and adds half of it', () => {
    // Device 10 s behind the server. Trip 1: 400 ms RTT, the server answered late in it; trip 2: 40 ms, symmetric.
    const offset = clockOffset([
      { sentAt: 1000, receivedAt: 1400, serverTime: 11_390 },
      { sentAt: 2000, receivedAt: 2040, serverTime: 12_020 },
    ]);
    expect(offset).toBe(12_020 + 20 - 2040);
    expect(offset).toBe(10_000);
  });

  it('works for a device ahead of the server and rounds to whole ms', () => {
    expect(clockOffset([{ sentAt: 50_000, receivedAt: 50_011, serverTime: 44_005 }])).toBe(Math.round(44_005 + 5.5 - 50_011));
  });

  it('ignores impossible samples and answers null without any', () => {
    expect(clockOffset([])).toBeNull();
    expect(clockOffset([{ sentAt: 10, receivedAt: 5, serverTime: 1 }])).toBeNull();
    expect(clockOffset([{ sentAt: 0, receivedAt: 10, serverTime: Number.NaN }])).toBeNull();
  });
});

/** A server 5 s ahead of the device, answering after `delays` ms (one per trip, cycling). */
class FakeSource implements ClockSource {
  device = 1_000_000;
  calls = 0;
  failing = false;
  private readonly reconnects = new Set<() => void>();
  constructor(private readonly delays: number[]) {}
  async clockSync(): Promise<Ack<{ serverTime: number }>> {
    const delay = this.delays[this.calls++ % this.delays.length];
    this.device += delay / 2;
    const serverTime = this.device + 5000;
    this.device += delay / 2;
    return this.failing ? { ok: false, error: errorBody('SERVICE_UNAVAILABLE') } : { ok: true, data: { serverTime } };
  }
  onReconnect(handler: () => void): () => void {
    this.reconnects.add(handler);
    return () => this.reconnects.delete(handler);
  }
  reconnect(): void {
    for (const h of this.reconnects) h();
  }
}

describe('ServerClock', () => {
  afterEach(() => jest.useRealTimers());

  it('measures with several round trips and tells server time', async () => {
    const source = new FakeSource([300, 20, 150]);
    const clock = new ServerClock(source, { samples: 3, remeasureMs: 0, now: () => source.device });
    await clock.measure();
    expect(source.calls).toBe(3);
    expect(clock.synced()).toBe(true);
    expect(clock.offset()).toBe(5000);
    expect(clock.now()).toBe(source.device + 5000);
    clock.close();
  });

  it('keeps the last offset when the server cannot be reached, and measures again after a reconnect', async () => {
    jest.useFakeTimers();
    const source = new FakeSource([10]);
    const clock = new ServerClock(source, { samples: 2, remeasureMs: 0, now: () => source.device });
    clock.start();
    await clock.measure();
    expect(clock.offset()).toBe(5000);
    source.failing = true;
    await clock.measure();
    expect(clock.offset()).toBe(5000);
    source.failing = false;
    const before = source.calls;
    source.reconnect();
    await clock.measure();
    expect(source.calls).toBe(before + 2);
    clock.close();
    source.reconnect();
    expect(source.calls).toBe(before + 2);
  });

  it('ticks on whole server seconds', async () => {
    jest.useFakeTimers();
    let device = 10_000_400;
    const source: ClockSource = { clockSync: async () => ({ ok: true, data: { serverTime: device + 250 } }), onReconnect: () => () => undefined };
    const clock = new ServerClock(source, { samples: 1, remeasureMs: 0, now: () => device });
    await clock.measure();
    clock.start();
    expect(clock.tick()).toBe(10_000_650);
    device += 360;
    jest.advanceTimersByTime(355);
    expect(clock.tick()).toBe(10_001_010);
    clock.close();
  });
});
