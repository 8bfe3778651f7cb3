import { type AttendanceEntry, countQuorum, DEFAULT_QUORUM, itemElapsedSeconds, emptyFloor, speakerRemainingSeconds } from './live-meeting';
import type { RosterEntry } from './meeting-room';

const member = (userId: string, meetingRole: RosterEntry['meetingRole'] = 'delegate', representsUserId: string | null = null): RosterEntry => ({
  participantId: `p-${userId}`,
  userId,
  fullName: userId,
  unitName: null,
  meetingRole,
  rsvp: 'attending',
  delegateUserId: null,
  representsUserId,
});
const present = (userId: string, siteId: string | null = null): AttendanceEntry => ({ userId, status: 'present', method: siteId ? 'site' : 'qr', siteId, siteName: siteId, at: '2026-12-07T08:00:00Z' });
const absent = (userId: string): AttendanceEntry => ({ ...present(userId), status: 'absent', method: 'secretary' });
const attendance = (...entries: AttendanceEntry[]) => Object.fromEntries(entries.map((e) => [e.userId, e]));

describe('countQuorum', () => {
  const roster = [member('chair', 'chair'), member('d1'), member('d2'), member('d3'), member('d4'), member('d5'), member('sec', 'secretary'), member('guest', 'guest'), member('site', 'site')];

  it('counts only members (chair and delegates), hall and sites apart and together, against two thirds by default', () => {
    const q = countQuorum(roster, attendance(present('chair'), present('d1'), present('d2', 's1'), present('sec'), present('guest'), present('site', 's1')), DEFAULT_QUORUM);
    expect(q).toEqual({ members: 6, present: 3, hall: 2, sites: 1, byProxy: 0, required: 4, reached: false });
    const more = countQuorum(roster, attendance(present('chair'), present('d1'), present('d2', 's1'), present('d3', 's2')), DEFAULT_QUORUM);
    expect(more).toMatchObject({ present: 4, hall: 2, sites: 2, reached: true });
  });

  it('ignores absences and uses the meeting’s own rule', () => {
    const a = attendance(present('chair'), present('d1'), present('d2'), absent('d3'));
    expect(countQuorum(roster, a, DEFAULT_QUORUM)).toMatchObject({ present: 3, reached: false });
    expect(countQuorum(roster, a, { numerator: 1, denominator: 2 })).toMatchObject({ required: 3, reached: true });
  });

  it('counts a member through their present proxy once, never twice', () => {
    const withProxy = [...roster, member('proxy1', 'delegate', 'd4')];
    const viaProxy = countQuorum(withProxy, attendance(present('chair'), present('proxy1')), DEFAULT_QUORUM);
    expect(viaProxy).toMatchObject({ members: 6, present: 2, byProxy: 1, hall: 2 });
    // The member came after all: counted in person, the proxy adds nothing.
    const both = countQuorum(withProxy, attendance(present('chair'), present('proxy1'), present('d4')), DEFAULT_QUORUM);
    expect(both).toMatchObject({ present: 2, byProxy: 0 });
  });

  it('has no quorum without members', () => {
    expect(countQuorum([], {}, DEFAULT_QUORUM)).toMatchObject({ members: 0, reached: false });
  });
});

describe('clocks from server timestamps', () => {
  it('counts an item’s time across openings and a speaker’s remaining time into overrun', () => {
    const floor = { ...emptyFloor(), currentItemId: 'i1', itemOpenedAt: '2026-12-07T08:00:00.000Z', itemSeconds: { i1: 60 } };
    expect(itemElapsedSeconds(floor, 'i1', Date.parse('2026-12-07T08:01:30Z'))).toBe(150);
    expect(itemElapsedSeconds(floor, 'i2', Date.parse('2026-12-07T08:01:30Z'))).toBe(0);
    const speaker = { id: 'r', userId: 'u', name: 'A', unitName: null, siteId: null, kind: 'speech' as const, topic: null, requestedAt: '', startedAt: '2026-12-07T08:00:00Z', allottedSeconds: 60 };
    expect(speakerRemainingSeconds(speaker, Date.parse('2026-12-07T08:00:45Z'))).toBe(15);
    expect(speakerRemainingSeconds(speaker, Date.parse('2026-12-07T08:01:10Z'))).toBe(-10);
  });
});
