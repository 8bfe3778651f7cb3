import type { PDFDocumentProxy } from 'pdfjs-dist';

export interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

/** The document's bookmarks for the sidebar; none when it has none or they cannot be read. */
export async function readOutline(pdf: PDFDocumentProxy): Promise<OutlineNode[]> {
  try {
    const raw = await pdf.getOutline();
    const map = (items: typeof raw): OutlineNode[] => (items ?? []).map((i) => ({ title: i.title, dest: i.dest, items: map(i.items) }));
    return map(raw);
  } catch {
    return [];
  }
}

/** The page (1-based) a bookmark leads to, or null for a broken link. */
export async function outlinePage(pdf: PDFDocumentProxy, node: OutlineNode): Promise<number | null> {
  if (!node.dest) return null;
  try {
    const dest = typeof node.dest === 'string' ? await pdf.getDestination(node.dest) : node.dest;
    const target = dest?.[0];
    if (target === undefined || target === null) return null;
    return (typeof target === 'number' ? target : await pdf.getPageIndex(target as { num: number; gen: number })) + 1;
  } catch {
    return null;
  }
}
