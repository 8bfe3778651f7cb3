/**
 * The "match form" of a text: what two extractions of the same PDF page (pdf.js in the browser, poppler's
 * pdftotext on the server) agree on, so quotes can be compared across them, together with a map back to the
 * offsets of the original text.
 *
 * - Unicode compatibility composition (NFKC), applied per base character and its combining marks: Vietnamese in
 *   NFD ("e" + U+0302 + U+0301) and in NFC ("ế") become the same; ligatures (ﬁ), full-width forms and no-break
 *   spaces become their plain forms.
 * - Every run of white space (spaces, tabs, line and page breaks, no-break spaces) becomes one space; none at the
 *   start or the end.
 * - Invisible characters (soft hyphen, zero-width space and joiners, BOM) are dropped.
 * - Typographic quotes become ' and ", dashes and the minus sign become -, and the eth (Ð ð) that some PDF fonts
 *   put where Vietnamese has Đ đ becomes Đ đ.
 *
 * Letter case is kept: extractors do not change it, and "Ủy ban" and "ủy ban" are different places in a text.
 */

export interface NormalizedText {
  /** The match form. */
  readonly text: string;
  /** The length of the text it was made from. */
  readonly originalLength: number;
  /** For each code unit of `text`: where, in the original, the characters it came from begin and end. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export interface TextRange {
  start: number;
  end: number;
}

const FOLDS: ReadonlyMap<number, string> = new Map<number, string>([
  ...[0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2039, 0x203a, 0x0060].map((c) => [c, "'"] as const),
  ...[0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x00ab, 0x00bb].map((c) => [c, '"'] as const),
  ...[0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xfe58, 0xfe63, 0xff0d].map((c) => [c, '-'] as const),
  [0x00d0, 'Đ'],
  [0x00f0, 'đ'],
]);

const MARK = /^\p{M}$/u;

/** True for a combining mark (Unicode category M): it belongs to the character before it. */
export function isCombiningMark(codePoint: number): boolean {
  if (codePoint < 0x300) return false;
  if (codePoint <= 0x36f) return true;
  return MARK.test(String.fromCodePoint(codePoint));
}

function isWhiteSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0x180e;
}

// Vietnamese text uses a few hundred distinct clusters; normalising each once keeps long documents cheap.
const clusterCache = new Map<string, string>();

function foldCluster(cluster: string): string {
  const cached = clusterCache.get(cluster);
  if (cached !== undefined) return cached;
  let folded = '';
  for (const ch of cluster.normalize('NFKC')) {
    const code = ch.codePointAt(0) ?? 0;
    folded += isInvisible(code) ? '' : (FOLDS.get(code) ?? ch);
  }
  if (clusterCache.size < 10_000) clusterCache.set(cluster, folded);
  return folded;
}

/** Builds the match form of `original` with its offset map. Linear in the length of the text. */
export function normalizeForMatch(original: string): NormalizedText {
  const n = original.length;
  const units: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace = -1;

  const emit = (code: number, start: number, end: number): void => {
    if (isWhiteSpace(code)) {
      if (pendingSpace < 0) pendingSpace = start;
      return;
    }
    if (pendingSpace >= 0) {
      if (units.length > 0) {
        units.push(0x20);
        starts.push(pendingSpace);
        ends.push(pendingSpace + 1);
      }
      pendingSpace = -1;
    }
    units.push(code);
    starts.push(start);
    ends.push(end);
  };

  let i = 0;
  while (i < n) {
    const first = original.codePointAt(i) ?? 0;
    let j = i + (first > 0xffff ? 2 : 1);
    while (j < n) {
      const next = original.codePointAt(j) ?? 0;
      if (!isCombiningMark(next)) break;
      j += next > 0xffff ? 2 : 1;
    }
    if (isWhiteSpace(first)) {
      // Marks after white space have nothing to combine with; they go with it.
      emit(0x20, i, j);
    } else if (isInvisible(first)) {
      // dropped, with any marks after it
    } else if (first < 0x80 && j === i + 1 && first !== 0x60) {
      emit(first, i, j);
    } else {
      const folded = foldCluster(original.slice(i, j));
      for (let u = 0; u < folded.length; u++) emit(folded.charCodeAt(u), i, j);
    }
    i = j;
  }

  return {
    text: unitsToString(units),
    originalLength: n,
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
  };
}

// String.fromCharCode(...hugeArray) overflows the stack; build long strings in pieces.
function unitsToString(units: readonly number[]): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}

/** Normalized offsets [start, end) of `n.text` → offsets in the original text, covering whole characters. */
export function toOriginalRange(n: NormalizedText, start: number, end: number): TextRange {
  const len = n.text.length;
  const s = start < len ? (n.starts[start] ?? n.originalLength) : n.originalLength;
  if (end <= start) return { start: s, end: s };
  const e = n.ends[Math.min(end, len) - 1] ?? s;
  return { start: s, end: e };
}

/**
 * Original offsets [start, end) → the normalized range of the characters wholly inside it, without the spaces at
 * its ends (so a selection that began on a line break and its match form line up).
 */
export function toNormalizedRange(n: NormalizedText, start: number, end: number): TextRange {
  // first unit whose source begins at or after `start`
  let lo = 0;
  let hi = n.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((n.starts[mid] ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  let s = lo;
  // first unit whose source ends after `end`
  lo = s;
  hi = n.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((n.ends[mid] ?? 0) <= end) lo = mid + 1;
    else hi = mid;
  }
  let e = lo;
  while (s < e && n.text.charCodeAt(s) === 0x20) s++;
  while (e > s && n.text.charCodeAt(e - 1) === 0x20) e--;
  return { start: s, end: e };
}
