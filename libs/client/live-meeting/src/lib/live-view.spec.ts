import { countQuorum, emptyFloor, type AttendanceEntry, type FloorState, type PresenceEntry, type RosterEntry, type SpeakerRequest } from '@phonghop/contracts';
import {
  DONUT_C,
  agendaRows,
  attendanceRows,
  attendanceTally,
  countdown,
  formatClock,
  itemClock,
  movedOrder,
  queueRows,
  quorumPicture,
  speakerCountdown,
  withPendingOrder,
} from './live-view';
import { qrPicture } from './qr';

describe('formatClock and countdown', () => {
  it('writes mm:ss, h:mm:ss from an hour, and +mm:ss for an overrun', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(300)).toBe('05:00');
    expect(formatClock(59)).toBe('00:59');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-1)).toBe('+00:01');
    expect(formatClock(-75)).toBe('+01:15');
  });

  it('counts the speaker down from the time given, never above it', () => {
    const speaker = { ...request('r', 'u'), startedAt: '2026-12-21T01:00:00.000Z', allottedSeconds: 300 };
    const at = (iso: string) => speakerCountdown(speaker, Date.parse(iso));
    expect(at('2026-12-21T00:59:59.990Z').text).toBe('05:00');
    expect(at('2026-12-21T01:00:01.500Z').text).toBe('04:59');
    expect(at('2026-12-21T01:05:00.000Z')).toMatchObject({ text: '00:00', tone: 'warning' });
    expect(at('2026-12-21T01:05:31.000Z')).toMatchObject({ text: '+00:31', tone: 'overrun' });
  });

  it('turns amber in the last 30 seconds and red once over time', () => {
    expect(countdown(31)).toEqual({ text: '00:31', tone: 'normal', remaining: 31 });
    expect(countdown(30).tone).toBe('warning');
    expect(countdown(0)).toEqual({ text: '00:00', tone: 'warning', remaining: 0 });
    expect(countdown(-5)).toEqual({ text: '+00:05', tone: 'overrun', remaining: -5 });
  });
});

describe('itemClock', () => {
  it('fills the bar against the plan, amber from 80 %, red past it', () => {
    expect(itemClock(300, 10)).toEqual({ elapsed: '05:00', planned: '10:00', fraction: 0.5, tone: 'normal' });
    expect(itemClock(480, 10).tone).toBe('warning');
    expect(itemClock(600, 10).tone).toBe('warning');
    expect(itemClock(601, 10)).toMatchObject({ tone: 'overrun', fraction: 1 });
  });

  it('has no bar without a plan', () => {
    expect(itemClock(90, null)).toEqual({ elapsed: '01:30', planned: null, fraction: 0, tone: 'normal' });
  });
});

const rosterEntry = (userId: string, meetingRole: RosterEntry['meetingRole'], representsUserId: string | null = null): RosterEntry => ({
  participantId: `p-${userId}`,
  userId,
  fullName: `Người ${userId}`,
  unitName: null,
  meetingRole,
  rsvp: 'attending',
  delegateUserId: null,
  representsUserId,
});
const present = (userId: string, siteName: string | null = null): AttendanceEntry => ({
  userId,
  status: 'present',
  method: siteName ? 'site' : 'qr',
  siteId: siteName ? 's-1' : null,
  siteName,
  at: '2026-12-21T01:00:00.000Z',
});

describe('quorumPicture', () => {
  const roster = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => rosterEntry(id, i === 0 ? 'chair' : 'delegate'));

  it('draws hall and sites as arcs and marks the required share', () => {
    const count = countQuorum(roster, { a: present('a'), b: present('b'), c: present('c', 'Phú Lộc') }, { numerator: 2, denominator: 3 });
    const picture = quorumPicture(count);
    expect(count).toMatchObject({ members: 6, present: 3, hall: 2, sites: 1, required: 4, reached: false });
    expect(picture.hallPct).toBeCloseTo(33.33, 1);
    expect(picture.sitesPct).toBeCloseTo(16.67, 1);
    expect(picture.requiredPct).toBeCloseTo(66.67, 1);
    expect(picture.hallArc + picture.sitesArc).toBeCloseTo(DONUT_C / 2, 1);
    expect(picture.missing).toBe(1);
    // The mark at two thirds of the circle, clockwise from the top: lower left of the centre.
    expect(picture.mark.x1).toBeLessThan(50);
    expect(picture.mark.y1).toBeGreaterThan(50);
  });

  it('has nothing to draw without members', () => {
    const picture = quorumPicture(countQuorum([], {}, { numerator: 2, denominator: 3 }));
    expect(picture).toMatchObject({ hallArc: 0, sitesArc: 0, requiredPct: 0, missing: 0 });
    expect(picture.count.reached).toBe(false);
  });
});

const request = (id: string, userId: string, kind: SpeakerRequest['kind'] = 'speech'): SpeakerRequest => ({
  id,
  userId,
  name: userId,
  unitName: null,
  siteId: null,
  kind,
  topic: null,
  requestedAt: '2026-12-21T01:00:00.000Z',
});

describe('the speakers list', () => {
  const queue = [request('r1', 'u1', 'point_of_order'), request('r2', 'u2'), request('r3', 'u3')];
  const presence: PresenceEntry[] = [{ userId: 'u1', fullName: 'u1', meetingRole: 'delegate' }, { userId: 'u3', fullName: 'u3', meetingRole: 'delegate' }];

  it('numbers the list and shows who is offline and which request is mine', () => {
    expect(queueRows(queue, presence, 'u3').map((r) => [r.position, r.request.id, r.online, r.mine])).toEqual([
      [1, 'r1', true, false],
      [2, 'r2', false, false],
      [3, 'r3', true, true],
    ]);
  });

  it('sends the whole order after a drag and keeps it on screen until the server answers', () => {
    expect(movedOrder(queue, 2, 0)).toEqual(['r3', 'r1', 'r2']);
    expect(movedOrder(queue, 1, 1)).toBeNull();
    expect(withPendingOrder(queue, ['r3', 'r1', 'r2']).map((q) => q.id)).toEqual(['r3', 'r1', 'r2']);
    // A request that arrived meanwhile goes last; one that left is dropped.
    expect(withPendingOrder([...queue.slice(1), request('r4', 'u4')], ['r3', 'r1', 'r2']).map((q) => q.id)).toEqual(['r3', 'r2', 'r4']);
    expect(withPendingOrder(queue, null)).toEqual(queue);
  });
});

describe('agendaRows', () => {
  const items = [
    { id: 'i2', parentId: null, title: 'Hai', plannedMinutes: 10, position: 2 },
    { id: 'i1', parentId: null, title: 'Một', plannedMinutes: 20, position: 1 },
    { id: 'i11', parentId: 'i1', title: 'Một một', plannedMinutes: null, position: 1 },
  ];
  const now = Date.parse('2026-12-21T01:10:00.000Z');
  const floor: FloorState = {
    ...emptyFloor(),
    phase: 'in_session',
    currentItemId: 'i2',
    itemOpenedAt: '2026-12-21T01:05:00.000Z',
    itemSeconds: { i1: 1300, i2: 180 },
    closedItemIds: ['i1'],
  };

  it('numbers the items and gives each its clock', () => {
    const rows = agendaRows(items, floor, now);
    expect(rows.map((r) => [r.number, r.title, r.depth, r.current, r.closed])).toEqual([
      ['1', 'Một', 0, false, true],
      ['1.1', 'Một một', 1, false, false],
      ['2', 'Hai', 0, true, false],
    ]);
    expect(rows[0].clock).toMatchObject({ elapsed: '21:40', tone: 'overrun' });
    // 3 minutes before this opening and 5 since.
    expect(rows[2].clock).toMatchObject({ elapsed: '08:00', planned: '10:00', tone: 'warning' });
  });
});

describe('attendanceRows', () => {
  it('lists members first with their check-in, reasons of absence and proxies', () => {
    const roster = [rosterEntry('g', 'guest'), rosterEntry('d2', 'delegate'), rosterEntry('c', 'chair'), rosterEntry('p', 'delegate', 'd2'), rosterEntry('s', 'secretary')];
    const rows = attendanceRows(
      roster,
      { c: present('c'), d2: { ...present('d2'), status: 'absent', method: 'secretary' }, p: present('p') },
      { d2: 'Đi công tác' },
      [{ userId: 'c', fullName: 'c', meetingRole: 'chair' }],
    );
    expect(rows.map((r) => [r.userId, r.member, r.status, r.reason, r.online, r.representsName])).toEqual([
      ['c', true, 'present', null, true, null],
      ['d2', true, 'absent', 'Đi công tác', false, null],
      ['p', false, 'present', null, false, 'Người d2'],
      ['s', false, null, null, false, null],
      ['g', false, null, null, false, null],
    ]);
    expect(attendanceTally(rows)).toEqual({ present: 2, absent: 1, unmarked: 2 });
  });
});

describe('qrPicture', () => {
  it('draws the modules of a QR code with a quiet zone', () => {
    const picture = qrPicture('http://localhost:3000/meetings/00000000-0000-4000-8000-000000000000/check-in?code=abc');
    expect(picture.size).toBeGreaterThanOrEqual(25);
    expect(picture.box).toBe(picture.size + 8);
    // The top-left finder pattern starts at the quiet zone with a run of 7 dark modules.
    expect(picture.path.startsWith('M4 4h7v1h-7z')).toBe(true);
  });
});
