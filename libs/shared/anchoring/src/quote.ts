import { alignPrefix, ApproxPattern, compilePattern, reverse, scanApprox } from './approx';
import { asPrepared, docRangeToSegments, PageRange, pageByNumber, pageIndexAt, PageText, PreparedDocument } from './document';
import { isCombiningMark, normalizeForMatch, toNormalizedRange } from './normalize';

/**
 * A highlight's target: the quoted text with some context (W3C TextQuoteSelector) and where it was (page and
 * TextPositionSelector offsets in that page's text). Structurally the `page` and `text` of an annotation target in
 * `@phonghop/contracts`.
 */
export interface QuoteAnchor {
  /** 1-based page number in the old version. */
  page: number;
  /** Offsets in that page's text, end exclusive. */
  start: number;
  end: number;
  /** The quoted text as it was on the page. */
  exact: string;
  /** Up to `contextLength` characters of the page's text before and after the quote (in match form when built here). */
  prefix: string;
  suffix: string;
}

export type QuoteStatus = 'exact' | 'moved' | 'fuzzy';

export interface QuotePlaced {
  /**
   * exact: same page and offsets, the text there unchanged; moved: the same text elsewhere (another page, or other
   * offsets on the same page); fuzzy: text within the allowed number of edits of the quote.
   */
  status: QuoteStatus;
  /** Where the placed quote begins, and its end on that page. */
  page: number;
  start: number;
  end: number;
  /** Every page piece the quote covers (more than one when a new pagination cut it in two). */
  segments: PageRange[];
  /** 0..1: mostly the quote's likeness, then the context's, a little for nearness to the old place. */
  score: number;
  /** Edits (in match-form characters) between the quote and the text found. */
  errors: number;
}

export interface QuoteOrphan {
  status: 'orphan';
  /**
   * not-found: the whole document was searched; budget: the search stopped at its step (or candidate) budget
   * before reaching every page; ambiguous: approximate matches were found in several places, none clearly the best;
   * empty: the quote has no text (white space only).
   */
  reason: 'not-found' | 'budget' | 'ambiguous' | 'empty';
  oldPage: number;
  quote: string;
}

export type QuotePlacement = QuotePlaced | QuoteOrphan;

export interface PlaceQuoteOptions {
  /** Allowed edits = max(minErrors, floor(quote length × maxErrorRate)). Default 0.25. */
  maxErrorRate?: number;
  /** Default 2. */
  minErrors?: number;
  /** The quote's exact text is accepted at a place scoring at least this. Default 0.5 (any place, for a long quote). */
  minScore?: number;
  /** Approximate text (some edits) is accepted at a place scoring at least this. Default 0.65. */
  minFuzzyScore?: number;
  /** Quotes shorter than this (match-form characters) also need their context to agree. Default 24. */
  shortQuote?: number;
  /** The context agreement (0..1) a short quote needs. Default 0.4. */
  minShortContext?: number;
  /** The approximate search stops widening (to farther pages) once a place scores this. Default 0.8. */
  goodEnough?: number;
  /**
   * Approximate text is accepted only if no other place (not overlapping it) scores within this of it: in repetitive
   * text (tables, lists of communes) a deleted row would otherwise land on a similar row. Default 0.05.
   */
  ambiguityMargin?: number;
  /**
   * Places examined (context compared) per quote in the exact search, and again in the approximate one; an
   * approximate search that has examined this many stops as if out of budget. Default 40.
   */
  maxCandidates?: number;
  /** Steps one quote may spend. Default 5,000,000. */
  maxStepsPerQuote?: number;
}

export const DEFAULT_PLACE_QUOTE_OPTIONS: Readonly<Required<PlaceQuoteOptions>> = {
  maxErrorRate: 0.25,
  minErrors: 2,
  minScore: 0.5,
  minFuzzyScore: 0.65,
  shortQuote: 24,
  minShortContext: 0.4,
  goodEnough: 0.8,
  ambiguityMargin: 0.05,
  maxCandidates: 40,
  maxStepsPerQuote: 5_000_000,
};

const WEIGHT_QUOTE = 0.5;
const WEIGHT_CONTEXT = 0.4;
const WEIGHT_NEARNESS = 0.1;
const MAX_OCCURRENCES = 5000;

/**
 * Work done by searches, shared by every quote of one re-anchoring. A step is one cell of a dynamic programming
 * table or one text character × pattern block of the bit-parallel scan; `scannedChars` counts the characters of
 * the (native, linear) exact searches, which are not limited.
 */
export class StepBudget {
  used = 0;
  scannedChars = 0;
  candidates = 0;
  constructor(readonly limit: number) {}
  get remaining(): number {
    return this.limit - this.used;
  }
}

/** Builds the anchor of a selection [start, end) of page `page`'s text, with `contextLength` characters each side. */
export function quoteAnchorAt(
  pages: readonly PageText[] | PreparedDocument,
  page: number,
  start: number,
  end: number,
  contextLength = 32,
): QuoteAnchor {
  const prepared = 'prepared' in pages ? pageByNumber(pages, page) : undefined;
  const text = prepared?.text ?? ('prepared' in pages ? undefined : pages.find((p) => p.page === page)?.text);
  if (text === undefined) throw new RangeError(`no page ${page}`);
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) {
    throw new RangeError(`[${start}, ${end}) is not a range of page ${page} (length ${text.length})`);
  }
  // Never split a letter from its combining marks (NFD text) or a surrogate pair.
  let s = start;
  let e = end;
  while (s > 0 && s < text.length && (isCombiningMark(text.charCodeAt(s)) || isLowSurrogate(text.charCodeAt(s)))) s--;
  while (e > s && e < text.length && (isCombiningMark(text.charCodeAt(e)) || isLowSurrogate(text.charCodeAt(e)))) e++;
  const norm = prepared?.norm ?? normalizeForMatch(text);
  const r = toNormalizedRange(norm, s, e);
  return {
    page,
    start: s,
    end: e,
    exact: text.slice(s, e),
    prefix: norm.text.slice(Math.max(0, r.start - contextLength), r.start),
    suffix: norm.text.slice(r.end, r.end + contextLength),
  };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Places a highlight's quote on a new version:
 * 1. the same page and offsets, if the text there (in match form) is the quote;
 * 2. else the quote's exact occurrences anywhere, the best by context and nearness;
 * 3. else an approximate search (at most max(2, ¼ of the quote's length) edits), page by page from the old page
 *    outwards, within a step budget;
 * and an orphan when nothing scores well enough. Pass a `PreparedDocument` when placing many quotes.
 */
export function placeQuote(anchor: QuoteAnchor, newPages: readonly PageText[] | PreparedDocument, options: PlaceQuoteOptions = {}): QuotePlacement {
  const opts = { ...DEFAULT_PLACE_QUOTE_OPTIONS, ...options };
  const job = new QuoteJob(anchor, asPrepared(newPages), opts, new StepBudget(opts.maxStepsPerQuote));
  if (!job.cheapStages()) {
    for (let d = 0; d <= job.maxRadius && job.searching; d++) job.scanRing(d);
  }
  return job.finish();
}

interface Candidate {
  docStart: number;
  docEnd: number;
  errors: number;
  /** Context agreement 0..1, or null when the anchor has none or it was not computed. */
  context: number | null;
  score: number;
}

/** One quote's search, in stages, so that `reanchorAll` can interleave many within one budget. @internal */
export class QuoteJob {
  readonly quote: string;
  private readonly k: number;
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly revPrefix: string;
  private revQuote: string | undefined;
  private pattern: ApproxPattern | undefined;
  private best: Candidate | undefined;
  /** The best place seen that does not overlap `best`. */
  private rival: Candidate | undefined;
  private positional: { docStart: number; docEnd: number } | undefined;
  private result: QuotePlacement | undefined;
  private readonly seen = new Set<string>();
  private verified = 0;
  private steps = 0;
  /** Pages up to this distance from the old page have been scanned approximately (-1: none). */
  radius = -1;
  exhausted = false;
  readonly maxRadius: number;

  constructor(
    private readonly anchor: QuoteAnchor,
    private readonly doc: PreparedDocument,
    private readonly opts: Required<PlaceQuoteOptions>,
    private readonly budget: StepBudget,
  ) {
    this.quote = normalizeForMatch(anchor.exact).text;
    this.k = Math.max(opts.minErrors, Math.floor(this.quote.length * opts.maxErrorRate));
    // Keep the space that joined the context to the quote: the match form trims it.
    this.prefix = normalizeForMatch(anchor.prefix).text + (/\s$/.test(anchor.prefix) ? ' ' : '');
    this.suffix = (/^\s/.test(anchor.suffix) ? ' ' : '') + normalizeForMatch(anchor.suffix).text;
    if (this.prefix === ' ') this.prefix = '';
    if (this.suffix === ' ') this.suffix = '';
    this.revPrefix = reverse(this.prefix);
    let maxRadius = 0;
    for (const p of doc.pages) maxRadius = Math.max(maxRadius, Math.abs(p.page - anchor.page));
    this.maxRadius = maxRadius;
  }

  get searching(): boolean {
    return this.result === undefined && !this.exhausted;
  }

  /** Stages 1 (same place) and 2 (exact occurrences). True when the quote is placed (or found empty). */
  cheapStages(): boolean {
    const { anchor, doc, quote } = this;
    if (quote.length === 0) {
      this.result = { status: 'orphan', reason: 'empty', oldPage: anchor.page, quote: anchor.exact };
      return true;
    }
    const page = pageByNumber(doc, anchor.page);
    if (page !== undefined && 0 <= anchor.start && anchor.start <= anchor.end && anchor.end <= page.text.length) {
      const r = toNormalizedRange(page.norm, anchor.start, anchor.end);
      if (page.norm.text.slice(r.start, r.end) === quote) {
        this.positional = { docStart: page.docStart + r.start, docEnd: page.docStart + r.end };
        const c = this.consider(this.positional.docStart, this.positional.docEnd, 0);
        if (c !== undefined && this.acceptable(c)) {
          this.settle(c);
          return true;
        }
      }
    }

    const text = doc.text;
    const found: { at: number; distance: number }[] = [];
    for (let at = text.indexOf(quote); at >= 0 && found.length < MAX_OCCURRENCES; at = text.indexOf(quote, at + 1)) {
      found.push({ at, distance: this.distanceFromOldPlace(at) });
    }
    this.budget.scannedChars += text.length;
    found.sort((a, b) => a.distance - b.distance);
    for (const { at } of found.slice(0, this.opts.maxCandidates)) this.consider(at, at + quote.length, 0);
    const best = this.best;
    if (best !== undefined && this.placeable(best)) {
      this.settle(best);
      return true;
    }
    return false;
  }

  /** Stage 3 on the pages `d` away from the old page (the following page first). */
  scanRing(d: number): void {
    if (!this.searching) return;
    const numbers = d === 0 ? [this.anchor.page] : [this.anchor.page + d, this.anchor.page - d];
    for (const n of numbers) {
      const i = this.doc.indexOfPage.get(n);
      if (i !== undefined && !this.scanPage(i)) {
        this.exhausted = true;
        return;
      }
    }
    this.radius = d;
    const best = this.best;
    if (best !== undefined && this.placeable(best) && best.score >= this.opts.goodEnough) this.settle(best);
  }

  finish(): QuotePlacement {
    if (this.result !== undefined) return this.result;
    const best = this.best;
    if (best !== undefined && this.placeable(best)) return this.settle(best);
    const reason = best !== undefined && this.acceptable(best) ? 'ambiguous' : this.radius >= this.maxRadius ? 'not-found' : 'budget';
    this.result = { status: 'orphan', reason, oldPage: this.anchor.page, quote: this.anchor.exact };
    return this.result;
  }

  private scanPage(i: number): boolean {
    const { doc } = this;
    const page = doc.pages[i];
    if (page === undefined || page.docEnd === page.docStart) return true;
    const m = this.quote.length;
    const reportAfter = page.docStart;
    const to = Math.min(doc.text.length, page.docEnd + 1);
    const from = Math.max(0, page.docStart - (m + this.k));
    this.pattern ??= compilePattern(this.quote);
    // Stop when the scan cannot be paid for, or when places found can no longer be examined.
    if (this.verified >= this.opts.maxCandidates || !this.afford((to - from) * this.pattern.blocks)) return false;

    // Runs of neighbouring end offsets are one match; keep its best end (the first and last of equal ones).
    const ends: { end: number; distance: number }[] = [];
    let runLast = -2;
    let runBest = Infinity;
    let runFirstBestEnd = -1;
    let runLastBestEnd = -1;
    const flush = (): void => {
      if (runFirstBestEnd < 0) return;
      ends.push({ end: runFirstBestEnd, distance: runBest });
      if (runLastBestEnd !== runFirstBestEnd) ends.push({ end: runLastBestEnd, distance: runBest });
    };
    const used = scanApprox(this.pattern, doc.text, from, to, this.k, reportAfter, (end, distance) => {
      if (end !== runLast + 1) {
        flush();
        runBest = Infinity;
        runFirstBestEnd = runLastBestEnd = -1;
      }
      runLast = end;
      if (distance < runBest) {
        runBest = distance;
        runFirstBestEnd = runLastBestEnd = end;
      } else if (distance === runBest) {
        runLastBestEnd = end;
      }
    });
    flush();
    this.charge(used);

    ends.sort((a, b) => a.distance - b.distance || a.end - b.end);
    this.revQuote ??= reverse(this.quote);
    for (const { end } of ends) {
      if (this.verified >= this.opts.maxCandidates) break;
      const windowStart = Math.max(0, end - m - this.k);
      const cost = m * (end - windowStart);
      if (!this.afford(cost)) return false;
      this.verified++;
      const al = alignPrefix(this.revQuote, reverse(doc.text.slice(windowStart, end)));
      this.charge(al.steps);
      this.consider(end - al.length, end, al.distance);
    }
    return true;
  }

  private afford(cost: number): boolean {
    return cost <= this.budget.remaining && this.steps + cost <= this.opts.maxStepsPerQuote;
  }

  private charge(steps: number): void {
    this.steps += steps;
    this.budget.used += steps;
  }

  /** Scores the place [docStart, docEnd) of the document's match form and keeps it if it is the best so far. */
  private consider(docStart: number, docEnd: number, errors: number): Candidate | undefined {
    const text = this.doc.text;
    while (docStart < docEnd && text.charCodeAt(docStart) === 0x20) docStart++;
    while (docEnd > docStart && text.charCodeAt(docEnd - 1) === 0x20) docEnd--;
    if (docEnd <= docStart) return undefined;
    const key = `${docStart}:${docEnd}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    this.budget.candidates++;

    const m = this.quote.length;
    const quoteLikeness = Math.max(0, 1 - errors / m);
    const context = this.contextAgreement(docStart, docEnd);
    const nearness = 1 / (1 + this.distanceFromOldPlace(docStart));
    const score =
      context === null
        ? (WEIGHT_QUOTE + WEIGHT_CONTEXT) * quoteLikeness + WEIGHT_NEARNESS * nearness
        : WEIGHT_QUOTE * quoteLikeness + WEIGHT_CONTEXT * context + WEIGHT_NEARNESS * nearness;
    const c: Candidate = { docStart, docEnd, errors, context, score };
    const best = this.best;
    if (best === undefined || (this.acceptable(c) && !this.acceptable(best)) || (this.acceptable(c) === this.acceptable(best) && better(c, best))) {
      this.best = c;
      // the runner-up elsewhere: the old best or the old runner-up, whichever does not overlap the new best
      const rivals = [best, this.rival].filter((r): r is Candidate => r !== undefined && !overlaps(r, c));
      this.rival = rivals.sort((a, b) => b.score - a.score)[0];
    } else if (!overlaps(c, best) && (this.rival === undefined || c.score > this.rival.score)) {
      this.rival = c;
    }
    return c;
  }

  private contextAgreement(docStart: number, docEnd: number): number | null {
    const text = this.doc.text;
    const parts: number[] = [];
    let unknown = false;
    for (const side of ['prefix', 'suffix'] as const) {
      const ctx = side === 'prefix' ? this.prefix : this.suffix;
      const L = ctx.length;
      if (L === 0) continue;
      const W = L + Math.ceil(L / 4) + 4;
      const window = side === 'prefix' ? reverse(text.slice(Math.max(0, docStart - W), docStart)) : text.slice(docEnd, docEnd + W);
      if (!this.afford(L * window.length)) {
        unknown = true;
        this.exhausted = true;
        continue;
      }
      const al = alignPrefix(side === 'prefix' ? this.revPrefix : ctx, window);
      this.charge(al.steps);
      parts.push(Math.max(0, 1 - al.distance / L));
    }
    if (parts.length === 0 || unknown) return null;
    return parts.reduce((a, b) => a + b, 0) / parts.length;
  }

  /** Pages from the old page, plus up to half a page for the offset within it. */
  private distanceFromOldPlace(docOffset: number): number {
    const page = this.doc.pages[pageIndexAt(this.doc, docOffset)];
    if (page === undefined) return 0;
    // The old offset is in the old page's original text: close enough to a match-form offset for this purpose.
    const within = Math.min(1, Math.abs(docOffset - page.docStart - this.anchor.start) / Math.max(1, page.norm.text.length));
    return Math.abs(page.page - this.anchor.page) + 0.5 * within;
  }

  private acceptable(c: Candidate): boolean {
    if (c.score < (c.errors === 0 ? this.opts.minScore : this.opts.minFuzzyScore)) return false;
    if (this.quote.length >= this.opts.shortQuote || (this.prefix.length === 0 && this.suffix.length === 0)) return true;
    return c.context !== null && c.context >= this.opts.minShortContext;
  }

  /** Acceptable, and for approximate text clearly better than any other place (else it is ambiguous). */
  private placeable(c: Candidate): boolean {
    if (!this.acceptable(c)) return false;
    const rival = this.rival;
    return c.errors === 0 || rival === undefined || c.score - rival.score >= this.opts.ambiguityMargin;
  }

  private settle(c: Candidate): QuotePlaced {
    const pos = this.positional;
    const samePlace = c.errors === 0 && pos !== undefined && pos.docStart === c.docStart && pos.docEnd === c.docEnd;
    let placed: QuotePlaced;
    if (samePlace) {
      const { page, start, end } = this.anchor;
      placed = { status: 'exact', page, start, end, segments: [{ page, start, end }], score: round(c.score), errors: 0 };
    } else {
      const segments = docRangeToSegments(this.doc, c.docStart, c.docEnd);
      const first = segments[0] ?? { page: this.anchor.page, start: 0, end: 0 };
      placed = { status: c.errors === 0 ? 'moved' : 'fuzzy', page: first.page, start: first.start, end: first.end, segments, score: round(c.score), errors: c.errors };
    }
    this.result = placed;
    return placed;
  }
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.docStart < b.docEnd && b.docStart < a.docEnd;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.errors !== b.errors) return a.errors < b.errors;
  return a.docStart < b.docStart;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
