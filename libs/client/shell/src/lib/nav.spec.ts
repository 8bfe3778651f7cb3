import { initials, isFullWidthPage } from './nav';

describe('isFullWidthPage', () => {
  it('is the reader and the conference, with or without a query', () => {
    expect(isFullWidthPage('/meetings/m1/documents/d1')).toBe(true);
    expect(isFullWidthPage('/meetings/m1/documents/d1?page=3&q=ng%C3%A2n')).toBe(true);
    expect(isFullWidthPage('/meetings/m1/conference')).toBe(true);
    expect(isFullWidthPage('/meetings/m1/conference#x')).toBe(true);
  });

  it('is not the documents list, the meeting page or home', () => {
    for (const url of ['/', '/meetings/m1', '/meetings/m1/documents', '/meetings/m1/check-in', '/admin/users', '/meetings/new?conference=1']) {
      expect({ url, full: isFullWidthPage(url) }).toEqual({ url, full: false });
    }
  });
});

describe('initials', () => {
  it('takes the first and the last word, as Vietnamese names put the given name last', () => {
    expect(initials('Nguyễn Văn An')).toBe('NA');
    expect(initials('')).toBe('?');
  });
});
