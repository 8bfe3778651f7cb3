import type { MeetingSummaryDto } from '@phonghop/contracts';
import { orderMyMeetings, statusTone, upsertMeeting } from './meeting-order';

const meeting = (id: string, status: MeetingSummaryDto['status'], startsAt: string): MeetingSummaryDto => ({
  id,
  title: id,
  kind: 'in_person',
  status,
  startsAt,
  endsAt: null,
  location: null,
  organiserUnitName: null,
  myRole: 'delegate',
});

describe('orderMyMeetings', () => {
  it('puts the meeting in session first, then upcoming soonest first, then the most recent past ones', () => {
    const ordered = orderMyMeetings([
      meeting('old', 'ended', '2026-01-01T01:00:00Z'),
      meeting('later', 'published', '2026-06-10T01:00:00Z'),
      meeting('recent', 'ended', '2026-03-01T01:00:00Z'),
      meeting('soon', 'published', '2026-06-01T01:00:00Z'),
      meeting('now', 'in_progress', '2026-05-01T01:00:00Z'),
    ]);
    expect(ordered.map((m) => m.id)).toEqual(['now', 'soon', 'later', 'recent', 'old']);
  });

  it('maps statuses to chip tones', () => {
    expect(statusTone('in_progress')).toBe('live');
    expect(statusTone('cancelled')).toBe('cancelled');
    expect(statusTone('archived')).toBe('muted');
  });
});

describe('upsertMeeting', () => {
  it('replaces a known meeting and adds a new one', () => {
    const list = [meeting('a', 'published', '2026-06-01T01:00:00Z'), meeting('b', 'published', '2026-06-02T01:00:00Z')];
    const cancelled = upsertMeeting(list, meeting('a', 'cancelled', '2026-06-01T01:00:00Z'));
    expect(cancelled.map((m) => [m.id, m.status])).toEqual([
      ['a', 'cancelled'],
      ['b', 'published'],
    ]);
    expect(upsertMeeting(null, meeting('c', 'published', '2026-06-03T01:00:00Z')).map((m) => m.id)).toEqual(['c']);
  });
});
