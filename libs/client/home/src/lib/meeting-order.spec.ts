import type { MeetingSummaryDto, MyMeetingDto } from '@phonghop/contracts';
import { statusTone, upsertMeeting } from './meeting-order';

const summary = (id: string, status: MeetingSummaryDto['status']): MeetingSummaryDto => ({
  id,
  title: id,
  kind: 'in_person',
  status,
  startsAt: '2026-06-01T01:00:00Z',
  endsAt: null,
  location: null,
  organiserUnitName: null,
  myRole: 'delegate',
});

describe('statusTone', () => {
  it('maps statuses to chip tones', () => {
    expect(statusTone('in_progress')).toBe('live');
    expect(statusTone('cancelled')).toBe('cancelled');
    expect(statusTone('archived')).toBe('muted');
  });
});

describe('upsertMeeting', () => {
  it('replaces a known meeting keeping my answer, and adds a new invitation as not answered', () => {
    const list: MyMeetingDto[] = [
      { ...summary('a', 'published'), myRsvp: 'attending' },
      { ...summary('b', 'published'), myRsvp: 'pending' },
    ];
    const cancelled = upsertMeeting(list, summary('a', 'cancelled'));
    expect(cancelled.map((m) => [m.id, m.status, m.myRsvp])).toEqual([
      ['a', 'cancelled', 'attending'],
      ['b', 'published', 'pending'],
    ]);
    expect(upsertMeeting(null, summary('c', 'published')).map((m) => [m.id, m.myRsvp])).toEqual([['c', 'pending']]);
  });
});
