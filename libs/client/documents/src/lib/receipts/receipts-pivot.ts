import type { DocumentDto, DocumentReceiptDto } from '@phonghop/contracts';

/** One published document as a column: how many of its readers have it on their tablet, and opened it. */
export interface ReceiptColumn {
  documentId: string;
  title: string;
  /** The version the receipts are about (the current one). */
  version: number;
  received: number;
  opened: number;
  /** Participants who may read it (a named document has fewer). */
  readers: number;
}

/** A participant's state for one document; `null` where the document is not meant for them. */
export interface ReceiptCell {
  receivedAt: string | null;
  openedAt: string | null;
}

export interface ReceiptRow {
  userId: string;
  fullName: string;
  /** Same order as the columns. */
  cells: (ReceiptCell | null)[];
  /** Documents of the row received / opened / meant for this person. */
  received: number;
  opened: number;
  readers: number;
}

export interface ReceiptsTable {
  columns: ReceiptColumn[];
  rows: ReceiptRow[];
}

/**
 * Turns the flat receipts (participant × document) into a table: rows = participants by name (Vietnamese
 * order), columns = published documents in the order of `docs`. Receipts of documents the list does not
 * hold (deleted meanwhile) are left out; a published document nobody may read yet still gets a column.
 */
export function pivotReceipts(receipts: readonly DocumentReceiptDto[], docs: readonly DocumentDto[]): ReceiptsTable {
  const published = docs.filter((d) => d.published);
  const index = new Map(published.map((d, i) => [d.id, i]));
  const columns: ReceiptColumn[] = published.map((d) => ({
    documentId: d.id,
    title: d.title,
    version: d.current.version,
    received: 0,
    opened: 0,
    readers: 0,
  }));
  const rows = new Map<string, ReceiptRow>();
  for (const r of receipts) {
    const i = index.get(r.documentId);
    if (i === undefined) continue;
    let row = rows.get(r.userId);
    if (!row) {
      row = { userId: r.userId, fullName: r.fullName, cells: columns.map(() => null), received: 0, opened: 0, readers: 0 };
      rows.set(r.userId, row);
    }
    if (row.cells[i]) continue;
    row.cells[i] = { receivedAt: r.receivedAt, openedAt: r.openedAt };
    const col = columns[i];
    col.version = r.version;
    col.readers++;
    row.readers++;
    if (r.receivedAt) {
      col.received++;
      row.received++;
    }
    if (r.openedAt) {
      col.opened++;
      row.opened++;
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi') || a.userId.localeCompare(b.userId));
  return { columns, rows: sorted };
}
