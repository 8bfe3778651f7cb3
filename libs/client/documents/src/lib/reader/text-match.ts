/**
 * Search inside a page's text the way Vietnamese readers type: case and tone marks ignored
 * ("ngan sach" finds "Ngân sách"), đ = d. Matches are reported in the ORIGINAL string's indices so the
 * text layer can highlight exactly the typed word.
 */
export interface FoldedText {
  folded: string;
  /** folded index → original index (one extra entry for the end). */
  map: number[];
}

export function foldChar(ch: string): string {
  return ch
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = /\s/.test(ch) ? ' ' : foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(text.length);
  return { folded, map };
}

/** The query folded and with runs of spaces collapsed. */
export function foldQuery(query: string): string {
  return foldWithMap(query.trim()).folded.replace(/ +/g, ' ');
}

export interface TextRange {
  start: number;
  end: number;
}

/** Non-overlapping matches of `query` in `text`, as [start, end) in `text`. */
export function findMatches(text: string, query: string): TextRange[] {
  const q = foldQuery(query);
  if (!q) return [];
  const { folded, map } = foldWithMap(text);
  const out: TextRange[] = [];
  let from = 0;
  for (;;) {
    const at = folded.indexOf(q, from);
    if (at < 0) break;
    const start = map[at];
    const lastOrig = map[at + q.length - 1];
    let end = map[at + q.length];
    // A ligature folds to several units: never end inside the original character.
    if (end <= lastOrig) end = lastOrig + ((text.codePointAt(lastOrig) ?? 0) > 0xffff ? 2 : 1);
    out.push({ start, end });
    from = at + q.length;
  }
  return out;
}

/** One hit in a document: page (1-based), text item on that page, range inside the item. */
export interface DocumentHit extends TextRange {
  page: number;
  item: number;
}

/** Hits on one page, per text item (matches do not cross items: items are what the text layer draws). */
export function pageHits(page: number, items: readonly string[], query: string): DocumentHit[] {
  const out: DocumentHit[] = [];
  items.forEach((str, item) => {
    for (const r of findMatches(str, query)) out.push({ page, item, start: r.start, end: r.end });
  });
  return out;
}

/** Index of the hit to show first: the first one on or after the current page. */
export function firstHitFrom(hits: readonly DocumentHit[], page: number): number {
  if (!hits.length) return -1;
  const i = hits.findIndex((h) => h.page >= page);
  return i < 0 ? 0 : i;
}

/** Next/previous with wrap-around. */
export function stepHit(index: number, count: number, delta: 1 | -1): number {
  if (count <= 0) return -1;
  return (((index + delta) % count) + count) % count;
}
