import { firstTab, meetingTabs } from './meeting-tabs';

describe('meeting tabs', () => {
  it('has the agenda, the documents and the participants always, the rest with their parts', () => {
    expect(meetingTabs({ session: false, votes: false, minutes: false })).toEqual(['agenda', 'documents', 'participants']);
    expect(meetingTabs({ session: true, votes: true, minutes: true })).toEqual(['agenda', 'documents', 'participants', 'session', 'votes', 'minutes']);
  });

  it('opens on the session while it runs, the minutes after, else the agenda', () => {
    const all = meetingTabs({ session: true, votes: true, minutes: true });
    expect(firstTab('draft', ['agenda', 'participants'], null)).toBe('agenda');
    expect(firstTab('published', all, null)).toBe('agenda');
    expect(firstTab('in_progress', all, null)).toBe('session');
    expect(firstTab('ended', all, null)).toBe('minutes');
    expect(firstTab('cancelled', ['agenda', 'participants'], null)).toBe('agenda');
  });

  it('opens on the tab asked for in the link when the page has it', () => {
    const all = meetingTabs({ session: true, votes: true, minutes: true });
    expect(firstTab('in_progress', all, 'participants')).toBe('participants');
    expect(firstTab('draft', ['agenda', 'participants'], 'votes')).toBe('agenda');
    expect(firstTab('published', all, 'nonsense')).toBe('agenda');
  });
});
