import type { AnnotationDto, PageRect, TextAnchor } from '@phonghop/contracts';
import type { Box } from './geometry';
import { pageRects } from './text-anchor';

/**
 * Annotations carried from an earlier version of the document (pure). The server re-anchors them when the new
 * version's text is ready: `orphan` ones could not be placed (their page and boxes are the old version's, meaningless
 * here) and are listed apart, not drawn; `fuzzy` / `similar` ones were placed by a close match and are marked for
 * the reader to check; a highlight whose text moved comes with no boxes and is placed again from its text on the
 * page's text layer (`rectsFromText`), or listed with the orphans when the text is not found there.
 */

/** Where an annotation carried from an earlier version stands on this page. */
export type Placement = { revision: number; rects: PageRect[] | null };

/** Statuses of a close (not exact) match: shown with a "moved, please check" marker. */
export const CHECK_STATUSES: ReadonlySet<string> = new Set(['fuzzy', 'similar']);

export function isOrphan(a: Pick<AnnotationDto, 'anchoring'>): boolean {
  return a.anchoring?.status === 'orphan';
}

/** Placed by a close match: the reader should check it. */
export function needsCheck(a: Pick<AnnotationDto, 'anchoring'>): boolean {
  return !!a.anchoring && CHECK_STATUSES.has(a.anchoring.status);
}

/** A highlight without boxes but with its text: to be placed from the page's text layer. */
export function needsTextPlacement(a: Pick<AnnotationDto, 'kind' | 'target' | 'anchoring'>): boolean {
  return a.kind === 'highlight' && !isOrphan(a) && !a.target.rects?.length && !!a.target.text?.exact.trim();
}

/**
 * Splits a version's annotations into those drawn on their pages and those listed as not placed: orphans, and
 * highlights whose text was looked for on its page and not found (`placements` entry with `rects: null` for the
 * annotation's current revision). Highlights placed from their text get those boxes; those whose page text has not
 * been read yet are in neither list until it has.
 */
export function splitPlaced<T extends AnnotationDto>(items: readonly T[], placements: ReadonlyMap<string, Placement>): { placed: T[]; orphans: T[] } {
  const placed: T[] = [];
  const orphans: T[] = [];
  for (const item of items) {
    if (isOrphan(item)) {
      orphans.push(item);
      continue;
    }
    if (!needsTextPlacement(item)) {
      placed.push(item);
      continue;
    }
    const found = placements.get(item.id);
    if (!found || found.revision !== item.revision) continue;
    if (found.rects) placed.push({ ...item, target: { ...item.target, rects: found.rects } });
    else orphans.push(item);
  }
  return { placed, orphans };
}

/** A quote shortened for a list (on a word boundary when one is near). */
export function shortQuote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// ── placing a highlight from its text ──────────────────────────────────────────────────────────────────

/** One run of a page's text layer (a text node of pdf.js's layer), and the client boxes of a part of it. */
export interface TextSegment {
  text: string;
  /** Client rectangles of `text.slice(from, to)`. */
  rects(from: number, to: number): Box[];
}

/**
 * Where the quote is in the page's text (the text layer's, item after item): at the server's offsets when the text
 * there is the quote; else the occurrence of the quote nearest those offsets; else the same with runs of white space
 * left out (the server's extracted text and pdf.js's differ in spaces and line ends). Null when not there.
 */
export function findQuote(pageText: string, anchor: Pick<TextAnchor, 'exact' | 'start' | 'end'>): { start: number; end: number } | null {
  const exact = anchor.exact;
  if (!exact.trim()) return null;
  if (pageText.slice(anchor.start, anchor.end) === exact) return { start: anchor.start, end: anchor.end };
  const direct = nearest(allIndexes(pageText, exact), anchor.start);
  if (direct !== null) return { start: direct, end: direct + exact.length };

  // White space left out: search the folded quote in the folded page text, then map back to the page's offsets.
  const folded = fold(pageText);
  const quote = fold(exact).text;
  if (!quote) return null;
  const start = nearest(allIndexes(folded.text, quote).map((i) => folded.map[i]), anchor.start);
  if (start === null) return null;
  const end = folded.map[folded.map.indexOf(start) + quote.length - 1] + 1;
  return { start, end: Math.max(end, start + 1) };
}

/**
 * The page boxes (normalised, one per line) of a highlight placed from its text on a page's text layer; null when
 * the quote is not in the layer's text or covers nothing visible.
 */
export function rectsFromText(segments: readonly TextSegment[], anchor: Pick<TextAnchor, 'exact' | 'start' | 'end'>, page: Box): PageRect[] | null {
  const pageText = segments.map((s) => s.text).join('');
  const found = findQuote(pageText, anchor);
  if (!found) return null;
  const boxes: Box[] = [];
  let offset = 0;
  for (const s of segments) {
    const from = Math.max(found.start - offset, 0);
    const to = Math.min(found.end - offset, s.text.length);
    if (to > from && s.text.slice(from, to).trim()) boxes.push(...s.rects(from, to));
    offset += s.text.length;
    if (offset >= found.end) break;
  }
  const rects = pageRects(boxes, page);
  return rects.length ? rects : null;
}

function allIndexes(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function nearest(indexes: readonly number[], to: number): number | null {
  let best: number | null = null;
  for (const i of indexes) if (best === null || Math.abs(i - to) < Math.abs(best - to)) best = i;
  return best;
}

/** The text without its white space (`map`: folded → original offset): pdf.js may join two lines with no space. */
function fold(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;
    out += text[i];
    map.push(i);
  }
  return { text: out, map };
}
