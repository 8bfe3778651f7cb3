import type { DocumentDto } from '@phonghop/contracts';
import { documentChanges, editOf, editProblem } from './document-edit';

const doc: DocumentDto = {
  id: 'd1',
  meetingId: 'm1',
  agendaItemId: 'item-1',
  title: 'Báo cáo quý IV',
  access: 'named',
  namedUserIds: ['u1', 'u2'],
  published: true,
  versionCount: 1,
  current: {
    id: 'v1',
    version: 1,
    fileName: 'bao-cao.pdf',
    sha256: 'a'.repeat(64),
    sizeBytes: 1000,
    pageCount: 3,
    uploadedAt: '2026-12-01T08:00:00.000Z',
    uploadedByName: 'Nguyễn Thị Thu Hà',
    thumbnailsReady: true,
    textReady: true,
  },
};
const agenda = new Set(['item-1', 'item-2']);

describe('editing a document', () => {
  it('starts from the document as it is; an agenda item that is gone means the general papers', () => {
    expect(editOf(doc, agenda)).toEqual({ title: 'Báo cáo quý IV', agendaItemId: 'item-1', access: 'named', namedUserIds: ['u1', 'u2'] });
    expect(editOf(doc, new Set()).agendaItemId).toBeNull();
    expect(editOf({ ...doc, agendaItemId: null }, agenda).agendaItemId).toBeNull();
  });

  it('sends nothing when nothing changed (readers in another order, spaces around the title)', () => {
    expect(documentChanges(doc, { ...editOf(doc, agenda), title: '  Báo cáo quý IV ', namedUserIds: ['u2', 'u1'] })).toEqual({});
  });

  it('sends only what changed', () => {
    const start = editOf(doc, agenda);
    expect(documentChanges(doc, { ...start, title: ' Báo cáo quý IV (bổ sung) ' })).toEqual({ title: 'Báo cáo quý IV (bổ sung)' });
    expect(documentChanges(doc, { ...start, agendaItemId: 'item-2' })).toEqual({ agendaItemId: 'item-2' });
    expect(documentChanges(doc, { ...start, agendaItemId: null })).toEqual({ agendaItemId: null });
    expect(documentChanges(doc, { ...start, namedUserIds: ['u3', 'u3'] })).toEqual({ namedUserIds: ['u3'] });
  });

  it('sends the readers only for a named document', () => {
    const all = { ...doc, access: 'all' as const, namedUserIds: [] };
    expect(documentChanges(all, { ...editOf(all, agenda), access: 'named', namedUserIds: ['u1'] })).toEqual({ access: 'named', namedUserIds: ['u1'] });
    expect(documentChanges(doc, { ...editOf(doc, agenda), access: 'confidential', namedUserIds: [] })).toEqual({ access: 'confidential' });
  });

  it('asks for a title and, for a named document, at least one reader', () => {
    const start = editOf(doc, agenda);
    expect(editProblem(start)).toBeNull();
    expect(editProblem({ ...start, title: '   ' })).toBe('titleRequired');
    expect(editProblem({ ...start, namedUserIds: [] })).toBe('namedRequired');
    expect(editProblem({ ...start, access: 'all', namedUserIds: [] })).toBeNull();
  });
});
