import {
  emptyRoomState,
  errorBody,
  type Ack,
  type JoinRoomRequest,
  type PresenceEntry,
  type ResyncRequest,
  type RoomDeltaMessage,
  type RoomResync,
  type RoomSnapshot,
} from '@phonghop/contracts';
import { MeetingRoomStore, rejoinDelay } from './meeting-room.store';
import type { RoomTransport } from './room-transport';

const MEETING = 'm-1';

/** A fake wire: requests wait until the test answers them, so interleavings are explicit. */
class FakeTransport implements RoomTransport {
  readonly joins: { req: JoinRoomRequest; answer: (ack: Ack<RoomSnapshot>) => void }[] = [];
  readonly resyncs: { req: ResyncRequest; answer: (ack: Ack<RoomResync>) => void }[] = [];
  readonly leaves: JoinRoomRequest[] = [];
  private deltaHandlers = new Set<(msg: RoomDeltaMessage) => void>();
  private reconnectHandlers = new Set<() => void>();

  join(req: JoinRoomRequest): Promise<Ack<RoomSnapshot>> {
    return new Promise((answer) => this.joins.push({ req, answer }));
  }
  resync(req: ResyncRequest): Promise<Ack<RoomResync>> {
    return new Promise((answer) => this.resyncs.push({ req, answer }));
  }
  leave(req: JoinRoomRequest): Promise<Ack<null>> {
    this.leaves.push(req);
    return Promise.resolve({ ok: true, data: null });
  }
  onDelta(handler: (msg: RoomDeltaMessage) => void): () => void {
    this.deltaHandlers.add(handler);
    return () => this.deltaHandlers.delete(handler);
  }
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  push(msg: RoomDeltaMessage): void {
    for (const h of this.deltaHandlers) h(msg);
  }
  reconnect(): void {
    for (const h of this.reconnectHandlers) h();
  }
  get listenerCount(): number {
    return this.deltaHandlers.size + this.reconnectHandlers.size;
  }
}

const person = (userId: string, fullName: string): PresenceEntry => ({
  userId,
  fullName,
  meetingRole: 'delegate',
});

const snapshot = (version: number, presence: PresenceEntry[] = [], notice: string | null = null): RoomSnapshot => ({
  meetingId: MEETING,
  audience: 'everyone',
  version,
  state: { ...emptyRoomState(MEETING), presence, notice },
});

const notice = (version: number, text: string, meetingId = MEETING): RoomDeltaMessage => ({
  meetingId,
  audience: 'everyone',
  version,
  delta: { slice: 'notice' as const, change: { kind: 'set' as const, notice: text } },
});

const arrive = (entry: PresenceEntry, version: number): RoomDeltaMessage => ({
  meetingId: MEETING,
  audience: 'everyone',
  version,
  delta: { slice: 'presence', change: { kind: 'upsert', entry } },
});

/** Lets awaited acks and the store's follow-up work run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function joinedStore(transport: FakeTransport, snap: RoomSnapshot, maxResyncAttempts?: number) {
  const store = new MeetingRoomStore(transport, MEETING, { maxResyncAttempts });
  const joined = store.join();
  transport.joins[transport.joins.length - 1].answer({ ok: true, data: snap });
  await joined;
  return store;
}

describe('rejoinDelay', () => {
  it('is 1 s, doubling, at most 10 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(rejoinDelay)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('MeetingRoomStore', () => {
  let transport: FakeTransport;

  beforeEach(() => {
    transport = new FakeTransport();
  });

  it('takes the join snapshot and applies in-order deltas, ignoring stale ones', async () => {
    const store = await joinedStore(transport, snapshot(5));
    expect(store.status()).toBe('live');
    expect(store.version()).toBe(5);

    transport.push(notice(6, 'Bắt đầu phiên họp'));
    transport.push(arrive(person('u2', 'Trần Thị B'), 7));
    transport.push(notice(6, 'bản cũ')); // duplicate delivery
    expect(store.version()).toBe(7);
    expect(store.state()?.notice).toBe('Bắt đầu phiên họp');
    expect(store.state()?.presence.map((p) => p.userId)).toEqual(['u2']);
    expect(transport.resyncs).toHaveLength(0);
  });

  it('ignores deltas for other meetings', async () => {
    const store = await joinedStore(transport, snapshot(1));
    transport.push(notice(2, 'khác', 'm-2'));
    expect(store.version()).toBe(1);
    expect(store.state()?.notice).toBeNull();
  });

  it('on a gap asks for a resync from its version and applies missed plus buffered deltas in order', async () => {
    const store = await joinedStore(transport, snapshot(10));

    transport.push(notice(12, 'v12')); // 11 was lost
    expect(store.status()).toBe('resyncing');
    expect(transport.resyncs).toHaveLength(1);
    expect(transport.resyncs[0].req).toEqual({ meetingId: MEETING, audience: 'everyone', fromVersion: 10 });

    transport.push(notice(13, 'v13')); // arrives while the resync is in flight
    expect(store.version()).toBe(10);

    transport.resyncs[0].answer({ ok: true, data: { mode: 'deltas', meetingId: MEETING, audience: 'everyone', deltas: [notice(11, 'v11'), notice(12, 'v12')] } });
    await settle();

    expect(store.status()).toBe('live');
    expect(store.version()).toBe(13);
    expect(store.state()?.notice).toBe('v13');
    expect(transport.resyncs).toHaveLength(1);
  });

  it('replaces its state when the resync answers with a snapshot', async () => {
    const store = await joinedStore(transport, snapshot(3, [person('u1', 'Nguyễn Văn A')]));
    transport.push(notice(9, 'v9'));
    transport.resyncs[0].answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot(9, [], 'v9') } });
    await settle();

    expect(store.version()).toBe(9);
    expect(store.state()?.presence).toEqual([]);
    expect(store.state()?.notice).toBe('v9');
    expect(store.status()).toBe('live');
  });

  it('re-joins for a fresh snapshot when the server no longer has the missed deltas', async () => {
    const store = await joinedStore(transport, snapshot(2));
    transport.push(notice(50, 'v50'));
    transport.resyncs[0].answer({ ok: false, error: errorBody('REALTIME_VERSION_GONE') });
    await settle();

    expect(store.status()).toBe('joining');
    expect(transport.joins).toHaveLength(2);
    transport.joins[1].answer({ ok: true, data: snapshot(50, [], 'v50') });
    await settle();
    expect(store.status()).toBe('live');
    expect(store.version()).toBe(50);
  });

  it('gives up on deltas after repeated incomplete resyncs and re-joins', async () => {
    const store = await joinedStore(transport, snapshot(1), 1);
    transport.push(notice(5, 'v5'));
    // The server answers with too little: the gap remains.
    transport.resyncs[0].answer({ ok: true, data: { mode: 'deltas', meetingId: MEETING, audience: 'everyone', deltas: [notice(2, 'v2')] } });
    await settle();

    expect(transport.resyncs).toHaveLength(1);
    expect(transport.joins).toHaveLength(2);
    transport.joins[1].answer({ ok: true, data: snapshot(5, [], 'v5') });
    await settle();
    expect(store.version()).toBe(5);
    expect(store.status()).toBe('live');
  });

  it('buffers deltas that arrive before the join answer and applies the newer ones', async () => {
    const store = new MeetingRoomStore(transport, MEETING);
    const joined = store.join();
    transport.push(notice(4, 'v4')); // already part of the snapshot
    transport.push(notice(5, 'v5'));
    transport.joins[0].answer({ ok: true, data: snapshot(4, [], 'v4') });
    await joined;

    expect(store.version()).toBe(5);
    expect(store.state()?.notice).toBe('v5');
    expect(transport.resyncs).toHaveLength(0);
  });

  it('re-joins after a reconnect and takes the fresh snapshot', async () => {
    const store = await joinedStore(transport, snapshot(7, [person('u1', 'Nguyễn Văn A')]));
    transport.reconnect();
    expect(store.status()).toBe('joining');
    transport.joins[1].answer({ ok: true, data: snapshot(20, [person('u3', 'Lê Văn C')]) });
    await settle();

    expect(store.version()).toBe(20);
    expect(store.state()?.presence.map((p) => p.userId)).toEqual(['u3']);
  });

  it('drops the answer of an outdated resync once a re-join has started', async () => {
    const store = await joinedStore(transport, snapshot(1));
    transport.push(notice(3, 'v3'));
    transport.reconnect();
    transport.joins[1].answer({ ok: true, data: snapshot(30) });
    await settle();
    transport.resyncs[0].answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot(3) } });
    await settle();

    expect(store.version()).toBe(30);
  });

  it('reports a refused join as an error', async () => {
    const store = new MeetingRoomStore(transport, MEETING);
    const joined = store.join();
    transport.joins[0].answer({ ok: false, error: errorBody('MEETING_ACCESS_DENIED') });
    await joined;
    expect(store.status()).toBe('error');
    expect(store.error()?.code).toBe('MEETING_ACCESS_DENIED');
  });

  it('joins again by itself after a join the server could not answer now (5xx), not after a refusal', async () => {
    jest.useFakeTimers();
    try {
      const store = new MeetingRoomStore(transport, MEETING);
      const first = store.join();
      transport.joins[0].answer({ ok: false, error: errorBody('MEETING_ROOM_MOVING') });
      await first;
      expect(store.status()).toBe('error');
      await jest.advanceTimersByTimeAsync(999);
      expect(transport.joins).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(transport.joins).toHaveLength(2); // after 1 s
      transport.joins[1].answer({ ok: false, error: errorBody('DATABASE_UNAVAILABLE') });
      await jest.advanceTimersByTimeAsync(2000);
      expect(transport.joins).toHaveLength(3); // after 2 s more
      transport.joins[2].answer({ ok: true, data: snapshot(7) });
      await jest.advanceTimersByTimeAsync(0);
      expect(store.status()).toBe('live');
      expect(store.version()).toBe(7);
      // A refusal is final.
      const refused = new MeetingRoomStore(transport, MEETING);
      const joined = refused.join();
      transport.joins[3].answer({ ok: false, error: errorBody('MEETING_ACCESS_DENIED') });
      await joined;
      await jest.advanceTimersByTimeAsync(30_000);
      expect(transport.joins).toHaveLength(4);
      // Closing stops the retries.
      const closing = new MeetingRoomStore(transport, MEETING);
      const attempt = closing.join();
      transport.joins[4].answer({ ok: false, error: errorBody('MEETING_ROOM_MOVING') });
      await attempt;
      closing.close();
      await jest.advanceTimersByTimeAsync(30_000);
      expect(transport.joins).toHaveLength(5);
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves the room and stops listening on close', async () => {
    const store = await joinedStore(transport, snapshot(1));
    store.close();
    expect(transport.leaves).toEqual([{ meetingId: MEETING, audience: 'everyone' }]);
    expect(transport.listenerCount).toBe(0);
    expect(store.status()).toBe('closed');
  });
});
