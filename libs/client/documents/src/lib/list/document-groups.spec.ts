import type { AgendaItemDto, DocumentDto } from '@phonghop/contracts';
import { groupDocuments, numberedAgenda, offlineCandidates } from './document-groups';

const item = (id: string, position: number, parentId: string | null = null): AgendaItemDto => ({
  id,
  parentId,
  position,
  title: `Item ${id}`,
  description: null,
  presenter: null,
  plannedMinutes: null,
});
const doc = (id: string, agendaItemId: string | null, published = true): DocumentDto => ({
  id,
  meetingId: 'm',
  agendaItemId,
  title: id,
  access: 'all',
  namedUserIds: [],
  published,
  versionCount: 1,
  current: {
    id: `${id}-v1`,
    version: 1,
    fileName: `${id}.pdf`,
    sha256: '0'.repeat(64),
    sizeBytes: 1000,
    pageCount: 1,
    uploadedAt: '2026-11-23T00:00:00.000Z',
    uploadedByName: null,
    thumbnailsReady: true,
    textReady: true,
  },
});

describe('document groups', () => {
  const agenda = [item('b', 2), item('a', 1), item('a2', 2, 'a'), item('a1', 1, 'a')];
  it('numbers the agenda like the meeting page', () => {
    expect(numberedAgenda(agenda).map((n) => `${n.number} ${n.item.id}`)).toEqual(['1 a', '1.1 a1', '1.2 a2', '2 b']);
  });
  it('groups documents under items, general first, orphans to general', () => {
    const groups = groupDocuments([doc('x', 'a1'), doc('y', null), doc('z', 'gone')], agenda, false, 'Chung');
    expect(groups.map((g) => [g.number, g.documents.map((d) => d.id)])).toEqual([
      ['', ['y', 'z']],
      ['1.1', ['x']],
    ]);
    expect(groupDocuments([], agenda, true, 'Chung')).toHaveLength(5);
  });
  it('keeps only published documents offline', () => {
    expect(offlineCandidates([doc('p', null), doc('d', null, false)]).map((d) => d.id)).toEqual(['p']);
  });
});
