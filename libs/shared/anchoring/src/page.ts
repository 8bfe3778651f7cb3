import { asPrepared, pageByNumber, PageText, PreparedDocument, PreparedPage } from './document';
import { normalizeForMatch } from './normalize';

export type PageStatus = 'same' | 'moved' | 'similar' | 'unverified';

export interface PagePlaced {
  /**
   * same: the page with the same number has the same text; moved: another page has exactly that text (the nearest
   * one if several); similar: the most similar page reaches `minSimilarity` (its layout may have shifted: worth a
   * look); unverified: the old page had no text (a scan) and the page with the same number has none either.
   */
  status: PageStatus;
  page: number;
  /** Word-shingle likeness of the old and new page (1 for same and moved). */
  similarity: number;
}

export interface PageOrphan {
  status: 'orphan';
  /** changed: no page is similar enough; no-text: the old page had no text and there is no textless page to put it on. */
  reason: 'changed' | 'no-text';
  oldPage: number;
  /** The best likeness seen, for the record. */
  similarity: number;
}

export type PagePlacement = PagePlaced | PageOrphan;

export interface PlaceOnPageOptions {
  /** Jaccard likeness of word 3-shingles needed for 'similar'. Default 0.9. */
  minSimilarity?: number;
}

const SHINGLE = 3;
const shingleCache = new WeakMap<PreparedPage, ReadonlySet<string>>();
const textIndexCache = new WeakMap<PreparedDocument, ReadonlyMap<string, readonly PreparedPage[]>>();

/** Places an annotation that belongs to a page (ink, note, shape) on a new version by that page's text. */
export function placeOnPage(
  oldPageText: string,
  oldPage: number,
  newPages: readonly PageText[] | PreparedDocument,
  options: PlaceOnPageOptions = {},
): PagePlacement {
  const minSimilarity = options.minSimilarity ?? 0.9;
  const doc = asPrepared(newPages);
  const old = normalizeForMatch(oldPageText).text;
  const samePage = pageByNumber(doc, oldPage);

  if (old.length === 0) {
    if (samePage !== undefined && samePage.norm.text.length === 0) return { status: 'unverified', page: oldPage, similarity: 0 };
    return { status: 'orphan', reason: 'no-text', oldPage, similarity: 0 };
  }
  if (samePage !== undefined && samePage.norm.text === old) return { status: 'same', page: oldPage, similarity: 1 };

  const equal = textIndex(doc).get(old);
  if (equal !== undefined && equal.length > 0) {
    const nearest = [...equal].sort((a, b) => nearer(a.page, b.page, oldPage))[0];
    if (nearest !== undefined) return { status: 'moved', page: nearest.page, similarity: 1 };
  }

  const oldShingles = shinglesOf(old);
  let best: { page: number; similarity: number } | undefined;
  for (const p of doc.pages) {
    if (p.norm.text.length === 0) continue;
    const theirs = shingles(p);
    const small = Math.min(theirs.size, oldShingles.size);
    const large = Math.max(theirs.size, oldShingles.size);
    const bound = large === 0 ? 1 : small / large;
    if (bound < minSimilarity && best !== undefined && bound <= best.similarity) continue;
    const similarity = jaccard(oldShingles, theirs);
    if (best === undefined || similarity > best.similarity + 1e-9 || (Math.abs(similarity - best.similarity) <= 1e-9 && nearer(p.page, best.page, oldPage) < 0)) {
      best = { page: p.page, similarity };
    }
  }
  const similarity = Math.round((best?.similarity ?? 0) * 1000) / 1000;
  if (best !== undefined && best.similarity >= minSimilarity) return { status: 'similar', page: best.page, similarity };
  return { status: 'orphan', reason: 'changed', oldPage, similarity };
}

/** Jaccard likeness (0..1) of two texts' word 3-shingles, in match form. */
export function pageSimilarity(a: string, b: string): number {
  return jaccard(shinglesOf(normalizeForMatch(a).text), shinglesOf(normalizeForMatch(b).text));
}

function nearer(a: number, b: number, to: number): number {
  // the nearer page; at equal distance the later one (inserted text pushes pages forward)
  return Math.abs(a - to) - Math.abs(b - to) || b - a;
}

function textIndex(doc: PreparedDocument): ReadonlyMap<string, readonly PreparedPage[]> {
  let index = textIndexCache.get(doc);
  if (index === undefined) {
    const m = new Map<string, PreparedPage[]>();
    for (const p of doc.pages) {
      const list = m.get(p.norm.text);
      if (list === undefined) m.set(p.norm.text, [p]);
      else list.push(p);
    }
    textIndexCache.set(doc, (index = m));
  }
  return index;
}

function shingles(p: PreparedPage): ReadonlySet<string> {
  let s = shingleCache.get(p);
  if (s === undefined) shingleCache.set(p, (s = shinglesOf(p.norm.text)));
  return s;
}

function shinglesOf(text: string): ReadonlySet<string> {
  const words = text.length === 0 ? [] : text.split(' ');
  const out = new Set<string>();
  if (words.length < SHINGLE) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}
