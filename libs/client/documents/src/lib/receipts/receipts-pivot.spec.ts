import type { DocumentDto, DocumentReceiptDto } from '@phonghop/contracts';
import { pivotReceipts } from './receipts-pivot';

const doc = (id: string, published = true, version = 1): DocumentDto => ({
  id,
  meetingId: 'm',
  agendaItemId: null,
  title: `Title ${id}`,
  access: 'all',
  namedUserIds: [],
  published,
  versionCount: version,
  current: {
    id: `${id}-v${version}`,
    version,
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
const T1 = '2026-11-23T08:00:00.000Z';
const T2 = '2026-11-23T09:30:00.000Z';
const rec = (userId: string, fullName: string, documentId: string, receivedAt: string | null, openedAt: string | null, version = 1): DocumentReceiptDto => ({
  userId,
  fullName,
  documentId,
  version,
  receivedAt,
  openedAt,
});

describe('pivotReceipts', () => {
  it('makes one row per participant (Vietnamese order) and one column per published document (list order)', () => {
    const table = pivotReceipts(
      [
        rec('u2', 'Trần Văn Minh', 'a', T1, T2),
        rec('u1', 'Lê Hoàng Nam', 'a', T1, null),
        rec('u2', 'Trần Văn Minh', 'b', null, null),
        rec('u1', 'Lê Hoàng Nam', 'b', null, T2),
        rec('u3', 'Đặng Thu Hà', 'a', null, null),
      ],
      [doc('b'), doc('draft', false), doc('a')],
    );
    expect(table.columns.map((c) => c.documentId)).toEqual(['b', 'a']);
    expect(table.rows.map((r) => r.fullName)).toEqual(['Đặng Thu Hà', 'Lê Hoàng Nam', 'Trần Văn Minh']);
    const nam = table.rows[1];
    expect(nam.cells).toEqual([
      { receivedAt: null, openedAt: T2 },
      { receivedAt: T1, openedAt: null },
    ]);
    expect(nam).toMatchObject({ received: 1, opened: 1, readers: 2 });
  });

  it('counts received and opened per column, out of the participants the document is meant for', () => {
    const table = pivotReceipts(
      [rec('u1', 'A', 'a', T1, T2), rec('u2', 'B', 'a', T1, null), rec('u3', 'C', 'a', null, null), rec('u1', 'A', 'named', T1, T1, 3)],
      [doc('a'), doc('named', true, 3)],
    );
    expect(table.columns).toEqual([
      { documentId: 'a', title: 'Title a', version: 1, received: 2, opened: 1, readers: 3 },
      { documentId: 'named', title: 'Title named', version: 3, received: 1, opened: 1, readers: 1 },
    ]);
    // Not meant for B and C: no cell at all, rather than "not received".
    expect(table.rows.find((r) => r.userId === 'u2')?.cells).toEqual([{ receivedAt: T1, openedAt: null }, null]);
  });

  it('keeps columns of published documents nobody may read yet, and drops receipts of documents no longer listed', () => {
    const table = pivotReceipts([rec('u1', 'A', 'gone', T1, T1)], [doc('a')]);
    expect(table.columns).toEqual([{ documentId: 'a', title: 'Title a', version: 1, received: 0, opened: 0, readers: 0 }]);
    expect(table.rows).toEqual([]);
    expect(pivotReceipts([], [])).toEqual({ columns: [], rows: [] });
  });

  it('ignores a duplicate receipt for the same person and document', () => {
    const table = pivotReceipts([rec('u1', 'A', 'a', T1, null), rec('u1', 'A', 'a', T1, T2)], [doc('a')]);
    expect(table.columns[0]).toMatchObject({ received: 1, opened: 0, readers: 1 });
  });
});
