import { type RoomSnapshot, applyRoomDelta, applyRoomMessage, emptyRoomState } from './realtime';

const M = '11111111-1111-4111-8111-111111111111';
const entry = (userId: string, fullName: string) => ({ userId, fullName, meetingRole: 'delegate' as const });

describe('applyRoomDelta', () => {
  it('upserts presence once per person, sorted by Vietnamese name order, without mutating the input', () => {
    const s0 = emptyRoomState(M);
    const s1 = applyRoomDelta(s0, { slice: 'presence' as const, change: { kind: 'upsert' as const, entry: entry('b', 'Đặng Văn Bình') } });
    const s2 = applyRoomDelta(s1, { slice: 'presence' as const, change: { kind: 'upsert' as const, entry: entry('a', 'Âu Thị An') } });
    const s3 = applyRoomDelta(s2, { slice: 'presence' as const, change: { kind: 'upsert' as const, entry: { ...entry('b', 'Đặng Văn Bình'), meetingRole: 'chair' } } });
    expect(s0.presence).toEqual([]);
    expect(s3.presence.map((p) => p.userId)).toEqual(['a', 'b']);
    expect(s3.presence[1].meetingRole).toBe('chair');
    expect(applyRoomDelta(s3, { slice: 'presence' as const, change: { kind: 'remove' as const, userId: 'a' } }).presence.map((p) => p.userId)).toEqual(['b']);
  });

  it('applies a window of arrivals and departures at once, idempotently (a snapshot may already hold them)', () => {
    const s1 = applyRoomDelta(emptyRoomState(M), { slice: 'presence' as const, change: { kind: 'upsert' as const, entry: entry('c', 'Cao Văn Cường') } });
    const changes = { slice: 'presence' as const, change: { kind: 'changes' as const, upserts: [entry('b', 'Đặng Văn Bình'), entry('a', 'Âu Thị An')], removes: ['c', 'nobody'] } };
    const s2 = applyRoomDelta(s1, changes);
    expect(s2.presence.map((p) => p.userId)).toEqual(['a', 'b']);
    expect(applyRoomDelta(s2, changes)).toEqual(s2);
  });

  it('sets and clears the notice', () => {
    const s = applyRoomDelta(emptyRoomState(M), { slice: 'notice' as const, change: { kind: 'set' as const, notice: 'Giải lao' } });
    expect(s.notice).toBe('Giải lao');
    expect(applyRoomDelta(s, { slice: 'notice' as const, change: { kind: 'set' as const, notice: null } }).notice).toBeNull();
  });
});

describe('roster deltas', () => {
  it('upserts by participant (idempotent, so a delta applied twice does no harm) and removes', () => {
    const e = { participantId: 'p1', userId: 'u1', fullName: 'Lê Văn Bảy', unitName: null, meetingRole: 'delegate' as const, rsvp: 'pending' as const, delegateUserId: null, representsUserId: null };
    const once = applyRoomDelta(emptyRoomState(M), { slice: 'roster' as const, change: { kind: 'upsert' as const, entry: e } });
    const twice = applyRoomDelta(once, { slice: 'roster' as const, change: { kind: 'upsert' as const, entry: { ...e, rsvp: 'attending' } } });
    expect(twice.roster).toEqual([{ ...e, rsvp: 'attending' }]);
    expect(applyRoomDelta(twice, { slice: 'roster' as const, change: { kind: 'remove' as const, participantId: 'p1' } }).roster).toEqual([]);
  });
});

describe('applyRoomMessage', () => {
  const snap: RoomSnapshot = { meetingId: M, audience: 'everyone', version: 10, state: emptyRoomState(M) };
  const msg = (version: number) => ({ meetingId: M, audience: 'everyone' as const, version, delta: { slice: 'notice' as const, change: { kind: 'set' as const, notice: `v${version}` } } });

  it('applies the next version', () => {
    const r = applyRoomMessage(snap, msg(11));
    expect(r.result).toBe('applied');
    expect(r.next).toMatchObject({ version: 11, audience: 'everyone', state: { notice: 'v11' } });
  });

  it('ignores versions already applied', () => {
    expect(applyRoomMessage(snap, msg(10))).toEqual({ result: 'stale', next: snap });
    expect(applyRoomMessage(snap, msg(3)).result).toBe('stale');
  });

  it('reports a gap instead of applying out of order', () => {
    expect(applyRoomMessage(snap, msg(12))).toEqual({ result: 'gap', next: snap });
  });
});
