import type { MinutesVersionDto } from '@phonghop/contracts';
import { changedConclusions, conclusionRows, isBlankHtml, minutesAudience, minutesView, saveLabel, showsMinutes, showsStatistics, versionRows } from './minutes-view';

describe('who sees what', () => {
  it('makes secretaries writers, the chair the one who finalizes, everyone else a reader', () => {
    expect(minutesAudience('secretary')).toBe('writer');
    expect(minutesAudience('chair')).toBe('chair');
    for (const role of ['delegate', 'guest', 'site', null] as const) expect(minutesAudience(role)).toBe('reader');
    expect(showsStatistics('chair')).toBe(true);
    expect(showsStatistics('secretary')).toBe(true);
    expect(showsStatistics('delegate')).toBe(false);
  });

  it('shows the minutes for running, ended and archived meetings only', () => {
    expect(['in_progress', 'ended', 'archived'].every((s) => showsMinutes(s as never))).toBe(true);
    expect(['draft', 'published', 'cancelled'].some((s) => showsMinutes(s as never))).toBe(false);
    expect(showsMinutes(undefined)).toBe(false);
  });

  it('lets the secretary start, edit and correct; the chair review and finalize; readers read finals', () => {
    expect(minutesView('writer', null)).toEqual({ mode: 'start', canFinalize: false, canCorrect: false });
    expect(minutesView('chair', null).mode).toBe('waiting');
    expect(minutesView('reader', null).mode).toBe('waiting');
    expect(minutesView('writer', { status: 'draft' })).toEqual({ mode: 'edit', canFinalize: true, canCorrect: false });
    expect(minutesView('chair', { status: 'draft' })).toEqual({ mode: 'review', canFinalize: true, canCorrect: false });
    expect(minutesView('reader', { status: 'draft' })).toEqual({ mode: 'waiting', canFinalize: false, canCorrect: false });
    expect(minutesView('writer', { status: 'final' })).toEqual({ mode: 'final', canFinalize: false, canCorrect: true });
    expect(minutesView('chair', { status: 'final' })).toEqual({ mode: 'final', canFinalize: false, canCorrect: false });
    expect(minutesView('reader', { status: 'final' }).mode).toBe('final');
  });
});

describe('saveLabel', () => {
  const time = (iso: string) => iso.slice(11, 16);
  it('says when it was saved, or what is happening, with a tone', () => {
    expect(saveLabel({ kind: 'saved', at: '2026-12-21T03:05:00.000Z' }, time)).toEqual({ key: 'minutes.save.saved', time: '03:05', tone: 'ok' });
    expect(saveLabel({ kind: 'saved', at: null }, time)).toEqual({ key: 'minutes.save.unchanged', time: null, tone: 'ok' });
    expect(saveLabel({ kind: 'dirty' }, time).tone).toBe('busy');
    expect(saveLabel({ kind: 'saving' }, time).key).toBe('minutes.save.saving');
    expect(saveLabel({ kind: 'error' }, time).tone).toBe('warn');
    expect(saveLabel({ kind: 'conflict' }, time)).toEqual({ key: 'minutes.save.conflict', time: null, tone: 'bad' });
    expect(saveLabel({ kind: 'final' }, time).tone).toBe('bad');
  });
});

describe('versionRows', () => {
  const v = (version: number, status: 'draft' | 'final', extra: Partial<MinutesVersionDto> = {}): MinutesVersionDto => ({
    version,
    revision: 2,
    status,
    number: '12/BB-UBND',
    createdAt: '2026-12-21T01:00:00.000Z',
    updatedAt: `2026-12-21T0${version}:30:00.000Z`,
    updatedByName: 'Nguyễn Thị Thu Hà',
    finalizedAt: status === 'final' ? `2026-12-21T0${version}:45:00.000Z` : null,
    finalizedByName: status === 'final' ? 'Trần Văn Minh' : null,
    ...extra,
  });

  it('lists newest first, a final one by who finalized it and when, a draft by its last editor', () => {
    const rows = versionRows([v(1, 'final'), v(2, 'draft')], 2);
    expect(rows.map((r) => [r.version, r.status, r.by, r.at, r.current])).toEqual([
      [2, 'draft', 'Nguyễn Thị Thu Hà', '2026-12-21T02:30:00.000Z', true],
      [1, 'final', 'Trần Văn Minh', '2026-12-21T01:45:00.000Z', false],
    ]);
  });

  it('falls back to the last editor when the finalizer’s account is gone', () => {
    expect(versionRows([v(1, 'final', { finalizedByName: null })], null)[0].by).toBe('Nguyễn Thị Thu Hà');
  });
});

describe('conclusions', () => {
  it('numbers the agenda items and starts empty ones blank', () => {
    expect(
      conclusionRows([
        { itemId: 'a', title: 'Báo cáo', conclusionHtml: null },
        { itemId: 'b', title: 'Dự toán', conclusionHtml: '<p>Giao Sở Tài chính</p>' },
      ]),
    ).toEqual([
      { itemId: 'a', number: 1, title: 'Báo cáo', html: '' },
      { itemId: 'b', number: 2, title: 'Dự toán', html: '<p>Giao Sở Tài chính</p>' },
    ]);
  });

  it('sends only the items that changed, an emptied one as null', () => {
    const saved = new Map([
      ['a', ''],
      ['b', '<p>Giao Sở Tài chính</p>'],
      ['c', '<p>Đồng ý</p>'],
    ]);
    const now = new Map([
      ['a', '<p>Thống nhất báo cáo</p>'],
      ['b', '<p>Giao Sở Tài chính</p>'],
      ['c', '<p><br></p>'],
    ]);
    expect(changedConclusions(saved, now)).toEqual([
      { itemId: 'a', conclusionHtml: '<p>Thống nhất báo cáo</p>' },
      { itemId: 'c', conclusionHtml: null },
    ]);
  });

  it('recognises what an emptied editor leaves behind', () => {
    for (const blank of ['', '<p><br></p>', '<div><br></div>', ' &nbsp; ', '<p><strong></strong></p>', '<ul><li><br></li></ul>']) expect(isBlankHtml(blank)).toBe(true);
    expect(isBlankHtml('<p>a</p>')).toBe(false);
  });
});
