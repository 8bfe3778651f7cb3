import type { PageRect, TextAnchor } from '@phonghop/contracts';
import { pageRects, quoteOf } from '../model/text-anchor';

/**
 * A text selection on one page's pdf.js text layer → a highlight's target: the quote with 32 characters of context
 * and its offsets in the page's text (the text layer's text, item after item, as pdf.js laid it out), and one
 * page-normalised box per line. Null when the selection is empty, blank or not wholly on this page.
 */
export function captureHighlight(page: HTMLElement, box: DOMRect, selection: Selection | null): { text: TextAnchor; rects: PageRect[] } | null {
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const textLayer = page.querySelector<HTMLElement>('.textLayer');
  const range = selection.getRangeAt(0);
  if (!textLayer || !textLayer.contains(range.startContainer) || !textLayer.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(textLayer);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const text = quoteOf(textLayer.textContent ?? '', start, start + range.toString().length);
  if (!text) return null;
  const rects = pageRects(
    [...range.getClientRects()].map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height })),
    { left: box.left, top: box.top, width: box.width, height: box.height },
  );
  return rects.length ? { text, rects } : null;
}
