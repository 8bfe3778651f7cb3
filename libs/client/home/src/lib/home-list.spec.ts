import type { MeetingStatus, RsvpState } from '@phonghop/contracts';
import { type HomeMeeting, filterCounts, groupMeetings, matchesFilter, matchesSearch, needsAnswer } from './home-list';

const HCM = 'Asia/Ho_Chi_Minh';

function meeting(id: string, status: MeetingStatus, startsAt: string, extra: Partial<HomeMeeting> = {}): HomeMeeting {
  return {
    id,
    title: id,
    kind: 'in_person',
    status,
    startsAt,
    endsAt: null,
    location: null,
    organiserUnitName: null,
    myRole: 'delegate',
    myRsvp: 'attending' as RsvpState,
    newDocuments: 0,
    ...extra,
  };
}

describe('matchesSearch', () => {
  const m = meeting('x', 'published', '2026-06-01T01:00:00Z', {
    title: 'Họp giao ban tháng 6',
    location: 'Phòng họp số 1, UBND tỉnh',
    organiserUnitName: 'Sở Tài chính',
  });

  it('finds Vietnamese text typed without tone marks, in any case', () => {
    expect(matchesSearch(m, 'hop')).toBe(true);
    expect(matchesSearch(m, 'GIAO BAN')).toBe(true);
    expect(matchesSearch(m, 'thang 6')).toBe(true);
  });

  it('looks in the place and the organiser too, every word somewhere', () => {
    expect(matchesSearch(m, 'ubnd')).toBe(true);
    expect(matchesSearch(m, 'tai chinh giao ban')).toBe(true);
    expect(matchesSearch(m, 'so tai chinh')).toBe(true);
    expect(matchesSearch(m, 'ngan sach')).toBe(false);
  });

  it('maps đ to d and matches a query typed with marks', () => {
    const d = meeting('d', 'published', '2026-06-01T01:00:00Z', { title: 'Hội nghị Ban Chấp hành Đảng bộ' });
    expect(matchesSearch(d, 'dang bo')).toBe(true);
    expect(matchesSearch(d, 'Đảng')).toBe(true);
    expect(matchesSearch(d, '  ')).toBe(true);
  });
});

describe('needsAnswer and filters', () => {
  it('asks for an answer only while answering makes sense', () => {
    expect(needsAnswer({ myRsvp: 'pending', status: 'published' })).toBe(true);
    expect(needsAnswer({ myRsvp: 'pending', status: 'in_progress' })).toBe(true);
    expect(needsAnswer({ myRsvp: 'pending', status: 'ended' })).toBe(false);
    expect(needsAnswer({ myRsvp: 'pending', status: 'cancelled' })).toBe(false);
    expect(needsAnswer({ myRsvp: 'pending', status: 'draft' })).toBe(false);
    expect(needsAnswer({ myRsvp: 'attending', status: 'published' })).toBe(false);
  });

  it('filters by need and by status, and counts every chip over the whole list', () => {
    const list = [
      meeting('a', 'published', '2026-06-01T01:00:00Z', { myRsvp: 'pending' }),
      meeting('b', 'published', '2026-06-02T01:00:00Z', { newDocuments: 2 }),
      meeting('c', 'cancelled', '2026-06-03T01:00:00Z', { myRsvp: 'pending', newDocuments: 1 }),
    ];
    expect(list.filter((m) => matchesFilter(m, 'unanswered')).map((m) => m.id)).toEqual(['a']);
    expect(list.filter((m) => matchesFilter(m, 'newDocuments')).map((m) => m.id)).toEqual(['b', 'c']);
    expect(list.filter((m) => matchesFilter(m, 'cancelled')).map((m) => m.id)).toEqual(['c']);
    expect(Object.fromEntries(filterCounts(list))).toEqual({ all: 3, unanswered: 1, newDocuments: 2, published: 2, cancelled: 1 });
  });
});

describe('groupMeetings', () => {
  // 2026-06-10 09:00 in Hà Nội (02:00 UTC).
  const now = new Date('2026-06-10T02:00:00Z');

  it('sorts into today (in session first), upcoming (soonest first) and past (most recent first)', () => {
    const g = groupMeetings(
      [
        meeting('later', 'published', '2026-06-20T01:00:00Z'),
        meeting('tomorrow', 'published', '2026-06-11T01:00:00Z'),
        meeting('this-afternoon', 'published', '2026-06-10T07:00:00Z'),
        meeting('live-since-yesterday', 'in_progress', '2026-06-09T01:00:00Z'),
        meeting('ended-this-morning', 'ended', '2026-06-10T00:30:00Z'),
        meeting('last-week', 'ended', '2026-06-03T01:00:00Z'),
        meeting('never-held', 'published', '2026-06-05T01:00:00Z'),
        meeting('cancelled-next-week', 'cancelled', '2026-06-17T01:00:00Z'),
      ],
      now,
      HCM,
    );
    expect(g.today.map((m) => m.id)).toEqual(['live-since-yesterday', 'this-afternoon']);
    expect(g.upcoming.map((m) => m.id)).toEqual(['tomorrow', 'cancelled-next-week', 'later']);
    expect(g.past.map((m) => m.id)).toEqual(['ended-this-morning', 'never-held', 'last-week']);
  });

  it('uses the meeting zone’s calendar, not UTC’s: 06:30 in Hà Nội is still the previous day in UTC', () => {
    // 2026-06-10 23:30 in Hà Nội is 16:30 UTC; a meeting at 06:30 the next morning (23:30 UTC on the 10th) is tomorrow.
    const lateEvening = new Date('2026-06-10T16:30:00Z');
    const g = groupMeetings([meeting('early', 'published', '2026-06-10T23:30:00Z')], lateEvening, HCM);
    expect(g.upcoming.map((m) => m.id)).toEqual(['early']);
    expect(groupMeetings([meeting('early', 'published', '2026-06-10T23:30:00Z')], lateEvening, 'UTC').today.map((m) => m.id)).toEqual(['early']);
  });
});
