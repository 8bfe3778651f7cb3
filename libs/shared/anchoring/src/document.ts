import { NormalizedText, normalizeForMatch, toOriginalRange } from './normalize';

/** The text of one page as a text extractor gave it. */
export interface PageText {
  /** 1-based page number. */
  page: number;
  text: string;
}

/** A place on one page: offsets in that page's original text. */
export interface PageRange {
  page: number;
  start: number;
  end: number;
}

export interface PreparedPage {
  readonly page: number;
  /** The page's original text. */
  readonly text: string;
  readonly norm: NormalizedText;
  /** Where the page's match form begins and ends in the document's match form. */
  readonly docStart: number;
  readonly docEnd: number;
}

/**
 * A document's pages in match form, ready to be searched many times: the pages in page order and the whole
 * document's match form, the pages' match forms joined by one space (a page break is white space), so a quote
 * that a new pagination cut in two is still found. Build it once per version with `prepareDocument`.
 */
export interface PreparedDocument {
  readonly prepared: true;
  readonly pages: readonly PreparedPage[];
  readonly text: string;
  /** Page number → index in `pages`. */
  readonly indexOfPage: ReadonlyMap<number, number>;
}

export function prepareDocument(pages: readonly PageText[]): PreparedDocument {
  const sorted = [...pages].sort((a, b) => a.page - b.page);
  const parts: string[] = [];
  const prepared: PreparedPage[] = [];
  const indexOfPage = new Map<number, number>();
  let offset = 0;
  for (const p of sorted) {
    if (!Number.isInteger(p.page) || p.page < 1) throw new RangeError(`page numbers are 1-based integers, not ${p.page}`);
    if (indexOfPage.has(p.page)) throw new RangeError(`page ${p.page} is given twice`);
    const norm = normalizeForMatch(p.text);
    if (norm.text.length > 0 && parts.length > 0) {
      parts.push(' ');
      offset += 1;
    }
    if (norm.text.length > 0) parts.push(norm.text);
    indexOfPage.set(p.page, prepared.length);
    prepared.push({ page: p.page, text: p.text, norm, docStart: offset, docEnd: offset + norm.text.length });
    offset += norm.text.length;
  }
  return { prepared: true, pages: prepared, text: parts.join(''), indexOfPage };
}

export function asPrepared(pages: readonly PageText[] | PreparedDocument): PreparedDocument {
  return 'prepared' in pages ? pages : prepareDocument(pages);
}

export function pageByNumber(doc: PreparedDocument, page: number): PreparedPage | undefined {
  const i = doc.indexOfPage.get(page);
  return i === undefined ? undefined : doc.pages[i];
}

/** Index in `doc.pages` of the page holding document offset `pos` (a separator counts for the page before it). */
export function pageIndexAt(doc: PreparedDocument, pos: number): number {
  let lo = 0;
  let hi = doc.pages.length - 1;
  // last page whose docStart <= pos and that has text (empty pages share their docStart with the next one)
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const p = doc.pages[mid];
    if (p !== undefined && p.docStart <= pos) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && (doc.pages[lo]?.docEnd ?? 0) === (doc.pages[lo]?.docStart ?? 0)) lo--;
  return lo;
}

/** A range of the document's match form → the pieces of original page text it covers, one per page. */
export function docRangeToSegments(doc: PreparedDocument, start: number, end: number): PageRange[] {
  const segments: PageRange[] = [];
  if (end <= start || doc.pages.length === 0) return segments;
  for (let i = pageIndexAt(doc, start); i < doc.pages.length; i++) {
    const p = doc.pages[i];
    if (p === undefined || p.docStart >= end) break;
    const s = Math.max(start, p.docStart) - p.docStart;
    const e = Math.min(end, p.docEnd) - p.docStart;
    if (e <= s) continue;
    const r = toOriginalRange(p.norm, s, e);
    segments.push({ page: p.page, start: r.start, end: r.end });
  }
  return segments;
}
