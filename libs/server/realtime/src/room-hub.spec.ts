import type { RoomDeltaMessage } from '@phonghop/contracts';
import { DELTA_LOG_SIZE, PRESENCE_WINDOW_MS, RoomHub } from './room-hub';

const M = '22222222-2222-4222-8222-222222222222';
const person = (userId: string) => ({ userId, fullName: `Người ${userId}`, meetingRole: 'delegate' as const });

describe('RoomHub', () => {
  let hub: RoomHub;
  let sent: RoomDeltaMessage[];
  beforeEach(() => {
    hub = new RoomHub();
    sent = [];
    hub.attach((_, msg) => sent.push(msg));
  });

  it('does not create a room just to publish to it', () => {
    expect(hub.publish(M, { slice: 'notice' as const, change: { kind: 'set' as const, notice: 'x' } })).toBeNull();
    expect(hub.has(M)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('loads stored slices once when a room opens, and keeps changes published meanwhile', async () => {
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const entry = { participantId: 'p1', userId: 'u1', fullName: 'An', unitName: null, meetingRole: 'delegate' as const, rsvp: 'pending' as const, delegateUserId: null, representsUserId: null };
    hub.registerLoader(async () => {
      loads++;
      await gate;
      return { roster: [entry] };
    });
    const a = hub.open(M);
    const b = hub.open(M);
    hub.publish(M, { slice: 'roster' as const, change: { kind: 'upsert' as const, entry: { ...entry, rsvp: 'attending' } } });
    release();
    await Promise.all([a, b]);
    expect(loads).toBe(1);
    expect(hub.snapshot(M).state.roster).toEqual([{ ...entry, rsvp: 'attending' }]);
  });

  it('numbers deltas consecutively and hands each to the sink', async () => {
    await hub.open(M);
    const v0 = hub.snapshot(M).version;
    hub.publish(M, { slice: 'notice' as const, change: { kind: 'set' as const, notice: 'a' } });
    hub.publish(M, { slice: 'notice' as const, change: { kind: 'set' as const, notice: 'b' } });
    expect(sent.map((m) => m.version)).toEqual([v0 + 1, v0 + 2]);
    expect(hub.snapshot(M)).toMatchObject({ version: v0 + 2, state: { notice: 'b' } });
  });

  it('announces a person on the first connection and removes them on the last, a window of changes at a time', () => {
    jest.useFakeTimers();
    try {
      hub.memberConnected(M, person('u1'));
      hub.memberConnected(M, person('u2'));
      hub.memberConnected(M, person('u1'));
      // Not sent yet, but one who joins now sees everyone (themselves included) in the snapshot.
      expect(sent).toEqual([]);
      expect(hub.snapshot(M).state.presence.map((p) => p.userId)).toEqual(['u1', 'u2']);
      jest.advanceTimersByTime(PRESENCE_WINDOW_MS);
      expect(sent.map((m) => m.delta)).toEqual([{ slice: 'presence', change: { kind: 'changes', upserts: [person('u1'), person('u2')], removes: [] } }]);
      hub.memberDisconnected(M, 'u1'); // one of two tabs: still present
      jest.advanceTimersByTime(PRESENCE_WINDOW_MS);
      expect(sent).toHaveLength(1);
      hub.memberDisconnected(M, 'u1');
      jest.advanceTimersByTime(PRESENCE_WINDOW_MS);
      expect(sent.at(-1)?.delta).toEqual({ slice: 'presence' as const, change: { kind: 'remove' as const, userId: 'u1' } });
      expect(hub.snapshot(M).state.presence.map((p) => p.userId)).toEqual(['u2']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('sends a hall connecting at once as one message per window, not one per tablet', () => {
    jest.useFakeTimers();
    try {
      for (let i = 0; i < 500; i++) hub.memberConnected(M, person(`u${i}`));
      jest.advanceTimersByTime(PRESENCE_WINDOW_MS);
      for (let i = 0; i < 250; i++) hub.memberDisconnected(M, `u${i}`);
      jest.advanceTimersByTime(PRESENCE_WINDOW_MS);
      expect(sent.map((m) => (m.delta.slice === 'presence' && m.delta.change.kind === 'changes' ? [m.delta.change.upserts.length, m.delta.change.removes.length] : null))).toEqual([
        [500, 0],
        [0, 250],
      ]);
      expect(hub.snapshot(M).state.presence).toHaveLength(250);
    } finally {
      jest.useRealTimers();
    }
  });

  it('forgets an empty room and restarts it above every version it handed out', async () => {
    hub.memberConnected(M, person('u1'));
    for (let i = 0; i < 5; i++) hub.publish(M, { slice: 'notice' as const, change: { kind: 'set' as const, notice: String(i) } });
    const last = hub.snapshot(M).version;
    hub.memberDisconnected(M, 'u1');
    expect(hub.has(M)).toBe(false);
    expect(hub.snapshot(M).version).toBeGreaterThanOrEqual(last);
    expect(hub.snapshot(M).state.notice).toBeNull();
  });

  it('resyncs with the missed deltas while the log covers them, else with a snapshot', async () => {
    await hub.open(M);
    const v0 = hub.snapshot(M).version;
    for (let i = 0; i < 3; i++) hub.publish(M, { slice: 'notice' as const, change: { kind: 'set' as const, notice: String(i) } });
    expect(hub.resync(M, v0)).toMatchObject({ mode: 'deltas', deltas: [{ version: v0 + 1 }, { version: v0 + 2 }, { version: v0 + 3 }] });
    expect(hub.resync(M, v0 + 3)).toEqual({ mode: 'deltas', meetingId: M, audience: 'everyone', deltas: [] });
    // A version from the future (another server incarnation) or before the log gets a snapshot.
    expect(hub.resync(M, v0 + 99).mode).toBe('snapshot');
    for (let i = 0; i < DELTA_LOG_SIZE; i++) hub.publish(M, { slice: 'notice' as const, change: { kind: 'set' as const, notice: `n${i}` } });
    expect(hub.resync(M, v0).mode).toBe('snapshot');
    const recent = hub.resync(M, hub.snapshot(M).version - 2);
    expect(recent.mode === 'deltas' && recent.deltas.length).toBe(2);
  });

  it('keeps each audience on its own channel and version, so hosts-only slices never reach everyone', async () => {
    await hub.open(M);
    hub.memberConnected(M, person('u1'));
    const everyoneBefore = hub.snapshot(M, 'everyone').version;
    const hostsBefore = hub.snapshot(M, 'hosts').version;
    const toHosts = hub.publish(M, { slice: 'absenceReasons', change: { kind: 'set', userId: 'u9', reason: 'Đi công tác' } });
    expect(toHosts).toMatchObject({ audience: 'hosts', version: hostsBefore + 1 });
    expect(hub.snapshot(M, 'hosts').state.absenceReasons).toEqual({ u9: 'Đi công tác' });
    expect(hub.snapshot(M, 'everyone')).toMatchObject({ version: everyoneBefore, state: { absenceReasons: {} } });
    hub.publish(M, { slice: 'notice', change: { kind: 'set', notice: 'x' } });
    expect(hub.snapshot(M, 'everyone').version).toBe(everyoneBefore + 1);
    expect(hub.resync(M, hostsBefore, 'hosts')).toEqual({ mode: 'deltas', meetingId: M, audience: 'hosts', deltas: [toHosts] });
  });

  it('keeps a room open for a display without showing it in presence', () => {
    hub.viewerConnected(M, 'd1');
    hub.memberConnected(M, person('u1'));
    hub.memberDisconnected(M, 'u1');
    expect(hub.has(M)).toBe(true);
    expect(hub.snapshot(M).state.presence).toEqual([]);
    hub.viewerDisconnected(M, 'd1');
    expect(hub.has(M)).toBe(false);
  });
});
