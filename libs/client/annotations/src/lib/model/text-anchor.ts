import type { PageRect, TextAnchor } from '@phonghop/contracts';
import { round4, type Box } from './geometry';

/** Characters of context kept before and after a highlighted quote (W3C TextQuoteSelector prefix / suffix). */
export const QUOTE_CONTEXT = 32;
/** The server keeps quotes up to this length. */
export const QUOTE_MAX = 4000;

/**
 * The quote of a highlight from its page's text and offsets: the exact text, its context and its position
 * (TextQuoteSelector + TextPositionSelector). Null for an empty or blank selection.
 */
export function quoteOf(pageText: string, start: number, end: number, context = QUOTE_CONTEXT): TextAnchor | null {
  const from = Math.max(0, Math.min(start, end));
  const to = Math.min(pageText.length, Math.max(start, end), from + QUOTE_MAX);
  const exact = pageText.slice(from, to);
  if (!exact.trim()) return null;
  return { exact, prefix: pageText.slice(Math.max(0, from - context), from), suffix: pageText.slice(to, to + context), start: from, end: to };
}

/**
 * A selection's client rectangles → page rectangles: relative to the page box, normalised, the empty ones dropped,
 * and the pieces of one line (one per text span) joined into one box per line.
 */
export function pageRects(clientRects: readonly Box[], page: Box): PageRect[] {
  const rects = clientRects
    .filter((r) => r.width > 0.5 && r.height > 0.5)
    .map((r) => ({ x: (r.left - page.left) / page.width, y: (r.top - page.top) / page.height, w: r.width / page.width, h: r.height / page.height }))
    .filter((r) => r.x + r.w > 0 && r.x < 1 && r.y + r.h > 0 && r.y < 1);
  return mergeLines(rects).map((r) => ({ x: round4(r.x), y: round4(r.y), w: round4(r.w), h: round4(r.h) }));
}

/** Joins boxes on the same line (overlapping by half their height) that touch or nearly touch (1 % of the width). */
export function mergeLines(rects: readonly PageRect[]): PageRect[] {
  const sorted = [...rects].sort((a, b) => a.y - b.y || a.x - b.x);
  const out: PageRect[] = [];
  for (const r of sorted) {
    const line = out.find((o) => overlap(o.y, o.h, r.y, r.h) >= 0.5 * Math.min(o.h, r.h) && r.x <= o.x + o.w + 0.01 && r.x + r.w >= o.x - 0.01);
    if (!line) {
      out.push({ ...r });
      continue;
    }
    const x = Math.min(line.x, r.x);
    const y = Math.min(line.y, r.y);
    line.w = Math.max(line.x + line.w, r.x + r.w) - x;
    line.h = Math.max(line.y + line.h, r.y + r.h) - y;
    line.x = x;
    line.y = y;
  }
  return out;
}

function overlap(y1: number, h1: number, y2: number, h2: number): number {
  return Math.max(0, Math.min(y1 + h1, y2 + h2) - Math.max(y1, y2));
}
