import type { PageRect, TextAnchor } from '@phonghop/contracts';
import { rectsFromText, type TextSegment } from '../model/anchoring';

/**
 * A highlight placed again from its text on one page's pdf.js text layer (the page element holding `.textLayer`):
 * the layer's text nodes as segments whose parts are measured with DOM ranges, then `rectsFromText`. Not `ready` when the
 * page has no text layer yet (`ready: false`: the caller waits); `rects: null` when the quote is not on the page.
 */
export function placeFromTextLayer(page: HTMLElement, box: DOMRect, anchor: TextAnchor): { ready: boolean; rects: PageRect[] | null } {
  const layer = page.querySelector<HTMLElement>('.textLayer');
  if (!layer || !layer.textContent) return { ready: false, rects: null };
  const segments: TextSegment[] = [];
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const textNode = node as Text;
    segments.push({
      text: textNode.data,
      rects: (from, to) => {
        const range = document.createRange();
        range.setStart(textNode, from);
        range.setEnd(textNode, to);
        return [...range.getClientRects()].map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height }));
      },
    });
  }
  return { ready: true, rects: rectsFromText(segments, anchor, { left: box.left, top: box.top, width: box.width, height: box.height }) };
}
