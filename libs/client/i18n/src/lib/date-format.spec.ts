import { dayInZone, formatInZone, formatMeetingSpan, isKnownTimeZone, TIME_ONLY } from './date-format';
import { foldVietnamese } from './fold';
import { I18nService } from './i18n.service';

const HCM = 'Asia/Ho_Chi_Minh';
// The client libs are typed without Node; jest runs them in Node, whose TZ stands for the device's zone here.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
// 08:00 on Tuesday 12 May 2026 in Hà Nội.
const EIGHT = '2026-05-12T08:00:00+07:00';

describe('meeting times in the meeting zone', () => {
  const zoneBefore = env['TZ'];
  afterEach(() => {
    // Assigning undefined would set the string "undefined".
    if (zoneBefore === undefined) delete env['TZ'];
    else env['TZ'] = zoneBefore;
  });

  // Node reads TZ when a date is formatted without a zone, so a device zone is simulated per case.
  it.each(['UTC', 'America/New_York', 'Asia/Tokyo', 'Asia/Ho_Chi_Minh'])('shows an 08:00+07:00 meeting at 08:00 on a device set to %s', (deviceZone) => {
    env['TZ'] = deviceZone;
    expect(formatInZone(EIGHT, 'vi-VN', HCM, TIME_ONLY)).toBe('08:00');
    expect(formatInZone(EIGHT, 'vi-VN', HCM)).toBe('08:00 Thứ Ba, 12/05/2026');
    expect(formatInZone(EIGHT, 'en-GB', HCM)).toBe('Tuesday, 12/05/2026, 08:00');
  });

  it('follows a configured zone', () => {
    expect(formatInZone(EIGHT, 'vi-VN', 'UTC', TIME_ONLY)).toBe('01:00');
    expect(formatInZone(EIGHT, 'vi-VN', 'Asia/Tokyo', TIME_ONLY)).toBe('10:00');
  });

  it('shows only the end time for a same-day meeting and the end date when it differs', () => {
    expect(formatMeetingSpan(EIGHT, '2026-05-12T11:30:00+07:00', 'vi-VN', HCM)).toBe('08:00 Thứ Ba, 12/05/2026 – 11:30');
    expect(formatMeetingSpan(EIGHT, '2026-05-13T17:00:00+07:00', 'vi-VN', HCM)).toBe('08:00 Thứ Ba, 12/05/2026 – 17:00 Thứ Tư, 13/05/2026');
    expect(formatMeetingSpan(EIGHT, null, 'vi-VN', HCM)).toBe('08:00 Thứ Ba, 12/05/2026');
    // 23:00 to 01:00 in Hà Nội crosses midnight there, though it is one UTC day (16:00–18:00).
    expect(formatMeetingSpan('2026-05-12T23:00:00+07:00', '2026-05-13T01:00:00+07:00', 'en-GB', HCM)).toBe(
      'Tuesday, 12/05/2026, 23:00 – Wednesday, 13/05/2026, 01:00',
    );
  });

  it('gives the calendar day in the zone and tolerates missing or broken values', () => {
    expect(dayInZone('2026-05-12T20:00:00Z', HCM)).toBe('2026-05-13');
    expect(dayInZone('2026-05-12T20:00:00Z', 'UTC')).toBe('2026-05-12');
    expect(formatInZone(null, 'vi-VN', HCM)).toBe('');
    expect(formatInZone('not a date', 'vi-VN', HCM)).toBe('');
    expect(isKnownTimeZone('Asia/Bangkok')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });

  it('I18nService formats in Asia/Ho_Chi_Minh by default and in the zone the server gives', () => {
    env['TZ'] = 'UTC';
    const i18n = new I18nService();
    expect(i18n.timeZone()).toBe(HCM);
    expect(i18n.formatTime(EIGHT)).toBe('08:00');
    expect(i18n.formatMeetingTime(EIGHT, '2026-05-12T11:30:00+07:00')).toBe('08:00 Thứ Ba, 12/05/2026 – 11:30');
    i18n.setTimeZone('Mars/Olympus');
    expect(i18n.timeZone()).toBe(HCM);
    i18n.setTimeZone('Asia/Tokyo');
    expect(i18n.formatTime(EIGHT)).toBe('10:00');
  });
});

describe('foldVietnamese', () => {
  it('drops case and tone marks, đ included', () => {
    expect(foldVietnamese('Họp Ban Chấp hành Đảng bộ Quý IV')).toBe('hop ban chap hanh dang bo quy iv');
    expect(foldVietnamese('Ư Ơ Ă Â Ê Ô')).toBe('u o a a e o');
  });
});
