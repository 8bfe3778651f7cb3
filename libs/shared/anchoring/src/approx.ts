/**
 * Approximate string search with a bounded number of edits (insertions, deletions, substitutions), written for
 * this library: the bit-parallel dynamic programming of G. Myers ("A fast bit-vector algorithm for approximate
 * string matching based on dynamic programming", J. ACM 1999) in the block form described by H. Hyyrö, with
 * 32-bit words. One text character costs one step per 32 characters of pattern; callers count these steps.
 *
 * Strings are compared by UTF-16 code unit; the match form of Vietnamese text (NFC) has one unit per letter.
 */

const WORD = 32;
const LOW_TABLE = 0x2000; // code units below this (Latin, Vietnamese, punctuation) use a flat table

export interface ApproxPattern {
  readonly text: string;
  readonly length: number;
  readonly blocks: number;
  /** The bit of the last block that stands for the pattern's last character. */
  readonly lastBit: number;
  /** Match masks: code unit c, block b → low[c * blocks + b] (or high.get(c)[b] above LOW_TABLE). */
  readonly low: Int32Array;
  readonly high: ReadonlyMap<number, Int32Array>;
}

export function compilePattern(text: string): ApproxPattern {
  const m = text.length;
  if (m === 0) throw new RangeError('cannot search for an empty pattern');
  const blocks = Math.ceil(m / WORD);
  const low = new Int32Array(LOW_TABLE * blocks);
  const high = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const c = text.charCodeAt(i);
    const b = (i / WORD) | 0;
    const bit = 1 << i % WORD;
    if (c < LOW_TABLE) {
      low[c * blocks + b] |= bit;
    } else {
      let masks = high.get(c);
      if (masks === undefined) high.set(c, (masks = new Int32Array(blocks)));
      masks[b] = masks[b] | bit;
    }
  }
  return { text, length: m, blocks, lastBit: 1 << (m - 1) % WORD, low, high };
}

/**
 * Scans text[from, to) and calls `hit(end, distance)` for every end offset `end` (exclusive) with
 * `end > reportAfter` at which some substring of the scanned text ending there is within `maxErrors` edits of the
 * pattern; `distance` is the smallest such number of edits among substrings that start at or after `from`.
 * Returns the steps spent: blocks computed, summed over the scanned characters (at most characters × blocks; with
 * Ukkonen's cut-off, blocks whose rows all exceed `maxErrors` are skipped).
 */
export function scanApprox(
  p: ApproxPattern,
  text: string,
  from: number,
  to: number,
  maxErrors: number,
  reportAfter: number,
  hit: (end: number, distance: number) => void,
): number {
  return p.blocks === 1 ? scanOneBlock(p, text, from, to, maxErrors, reportAfter, hit) : scanBlocks(p, text, from, to, maxErrors, reportAfter, hit);
}

function scanOneBlock(p: ApproxPattern, text: string, from: number, to: number, k: number, reportAfter: number, hit: (end: number, distance: number) => void): number {
  const { low, high, lastBit } = p;
  let pv = -1;
  let mv = 0;
  let score = p.length;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    const eq = c < LOW_TABLE ? low[c] : (high.get(c)?.[0] ?? 0);
    const xv = eq | mv;
    // (x + y) | 0 adds modulo 2^32: the carry out of the word is not needed by this formulation
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    const ph = mv | ~(xh | pv);
    const mh = pv & xh;
    if (ph & lastBit) score++;
    else if (mh & lastBit) score--;
    // Row 0 of the table is all zeros (a match may start anywhere): nothing is shifted in.
    const phs = ph << 1;
    pv = (mh << 1) | ~(xv | phs);
    mv = phs & xv;
    if (score <= k && j + 1 > reportAfter) hit(j + 1, score);
  }
  return Math.max(0, to - from);
}

function scanBlocks(p: ApproxPattern, text: string, from: number, to: number, k: number, reportAfter: number, hit: (end: number, distance: number) => void): number {
  const B = p.blocks;
  const m = p.length;
  const { low, high } = p;
  const pv = new Int32Array(B).fill(-1);
  const mv = new Int32Array(B);
  /** The table's value at the last row of each block (row 32(b+1), or m for the last block). */
  const score = new Int32Array(B);
  for (let b = 0; b < B; b++) score[b] = Math.min((b + 1) * WORD, m);
  const none = new Int32Array(B);
  const last = B - 1;
  const TOP = 0x80000000 | 0;
  // Blocks after `y` hold only values above k (D[i][0] = i at the start): they are not computed.
  let y = Math.min(last, Math.floor(Math.max(0, k - 1) / WORD));
  let steps = 0;

  const advance = (b: number, hin: number, eqIn: number): number => {
    const P = pv[b];
    const M = mv[b];
    const xv = eqIn | M;
    const hinNeg = hin < 0 ? 1 : 0;
    const eq = eqIn | hinNeg;
    const xh = ((((eq & P) + P) | 0) ^ P) | eq;
    let ph = M | ~(xh | P);
    let mh = P & xh;
    const top = b === last ? p.lastBit : TOP;
    const hout = ph & top ? 1 : mh & top ? -1 : 0;
    ph = (ph << 1) | (hin > 0 ? 1 : 0);
    mh = (mh << 1) | hinNeg;
    pv[b] = mh | ~(xv | ph);
    mv[b] = ph & xv;
    score[b] += hout;
    return hout;
  };

  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    let masks: Int32Array;
    let base = 0;
    if (c < LOW_TABLE) {
      masks = low;
      base = c * B;
    } else {
      masks = high.get(c) ?? none;
    }
    let hin = 0;
    for (let b = 0; b <= y; b++) hin = advance(b, hin, masks[base + b]);
    steps += y + 1;
    // The block below the last computed one gets a value ≤ k in this column only through its first row: from the
    // last row of block y, which was exactly k in the previous column, by a match or a decrease (Ukkonen/Hyyrö).
    if (y < last) {
      const before = score[y] - hin;
      const eq = masks[base + y + 1];
      if (before <= k && ((eq & 1) !== 0 || hin < 0)) {
        y++;
        pv[y] = -1;
        mv[y] = 0;
        score[y] = before + Math.min(WORD, m - y * WORD);
        advance(y, hin, eq);
        steps++;
      }
    }
    // A block whose last row is k + 32 or more has no row at or below k.
    while (y > 0 && score[y] >= k + WORD) y--;
    if (y === last && score[last] <= k && j + 1 > reportAfter) hit(j + 1, score[last]);
  }
  return steps;
}

export interface Alignment {
  /** Edits between `a` and the chosen prefix of `b`. */
  distance: number;
  /** Length of that prefix of `b`. */
  length: number;
  steps: number;
}

/**
 * The prefix of `b` closest to `a` by edit distance (ties: the prefix whose length is nearest `a`'s, then the
 * shorter). Plain dynamic programming, |a| × |b| steps; used on short strings only (context, one match's start).
 */
export function alignPrefix(a: string, b: string): Alignment {
  const m = a.length;
  const n = b.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let c = 0; c <= n; c++) prev[c] = c;
  for (let i = 1; i <= m; i++) {
    const ai = a.charCodeAt(i - 1);
    cur[0] = i;
    for (let c = 1; c <= n; c++) {
      const sub = prev[c - 1] + (ai === b.charCodeAt(c - 1) ? 0 : 1);
      const del = prev[c] + 1;
      const ins = cur[c - 1] + 1;
      cur[c] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  let best = 0;
  for (let c = 1; c <= n; c++) {
    const d = prev[c];
    const bd = prev[best];
    if (d < bd || (d === bd && Math.abs(c - m) < Math.abs(best - m))) best = c;
  }
  return { distance: prev[best], length: best, steps: m * n };
}

export function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}
