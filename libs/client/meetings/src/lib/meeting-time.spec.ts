import { toDateTimeInputs, toMeetingIso } from './meeting-time';

describe('meeting time fields (Asia/Ho_Chi_Minh)', () => {
  it('reads date and time fields as Vietnam time', () => {
    expect(toMeetingIso('2026-12-15', '08:30')).toBe('2026-12-15T01:30:00.000Z');
    expect(toMeetingIso('2026-12-16', '06:00')).toBe('2026-12-15T23:00:00.000Z');
  });

  it('rejects incomplete input', () => {
    expect(toMeetingIso('', '08:30')).toBeNull();
    expect(toMeetingIso('2026-12-15', '')).toBeNull();
    expect(toMeetingIso('2026-13-45', '08:30')).toBeNull();
  });

  it('fills the fields back from an instant', () => {
    expect(toDateTimeInputs('2026-12-15T23:00:00.000Z')).toEqual({ date: '2026-12-16', time: '06:00' });
    expect(toDateTimeInputs(null)).toEqual({ date: '', time: '' });
  });

  it('reads and writes the fields in a configured zone, daylight saving included', () => {
    expect(toMeetingIso('2026-12-15', '08:30', 'Asia/Bangkok')).toBe('2026-12-15T01:30:00.000Z');
    expect(toMeetingIso('2026-12-15', '08:30', 'UTC')).toBe('2026-12-15T08:30:00.000Z');
    expect(toMeetingIso('2026-07-01', '09:00', 'Europe/Paris')).toBe('2026-07-01T07:00:00.000Z');
    expect(toMeetingIso('2026-01-15', '09:00', 'Europe/Paris')).toBe('2026-01-15T08:00:00.000Z');
    expect(toDateTimeInputs('2026-07-01T07:00:00.000Z', 'Europe/Paris')).toEqual({ date: '2026-07-01', time: '09:00' });
  });
});
