import { asPrepared, pageByNumber, PageText, PreparedDocument } from './document';
import { placeOnPage, PagePlacement, PlaceOnPageOptions } from './page';
import { DEFAULT_PLACE_QUOTE_OPTIONS, PlaceQuoteOptions, QuoteAnchor, QuoteJob, QuotePlacement, StepBudget } from './quote';

export type ReanchorItem<Id = string> = { id: Id; kind: 'quote'; anchor: QuoteAnchor } | { id: Id; kind: 'page'; page: number };

export type ReanchorPlacement<Id = string> =
  | { id: Id; kind: 'quote'; placement: QuotePlacement }
  | { id: Id; kind: 'page'; placement: PagePlacement };

/**
 * Steps all the quotes of one re-anchoring may spend together, by default: about half a second of a server core
 * (a step is a few nanoseconds to a few tens; see the README). A tablet may pass less.
 */
export const DEFAULT_MAX_STEPS = 30_000_000;

export interface ReanchorOptions extends PlaceQuoteOptions, PlaceOnPageOptions {
  /** Steps all the quotes of one re-anchoring may spend together. Default `DEFAULT_MAX_STEPS`. */
  maxSteps?: number;
}

export interface ReanchorStats {
  /** Steps spent (dynamic programming cells and bit-parallel scan steps) and the limit they were held to. */
  steps: number;
  maxSteps: number;
  /** Characters read by exact (native) searches: one pass over the document per quote not placed at once. */
  scannedChars: number;
  /** Places whose context was compared. */
  candidates: number;
  /** True when some quote's search stopped at a budget before reaching every page. */
  budgetExhausted: boolean;
  /** Every quote left unplaced was searched at least this many pages either side of its old page (-1: none). */
  searchedRadius: number;
  /** Wall time, for the record; the bound is on steps. */
  elapsedMs: number;
  counts: Record<QuotePlacement['status'] | PagePlacement['status'], number>;
}

export interface ReanchorResult<Id = string> {
  /** One per item, in the items' order: none is dropped. */
  placements: ReanchorPlacement<Id>[];
  stats: ReanchorStats;
}

/**
 * Re-anchors every annotation of an old version on a new one. Quotes are first tried at their old place and by
 * exact search; those still unplaced are then searched approximately ring by ring (pages 0, 1, 2… away from their
 * old page), every quote taking its turn at each ring, so a limited budget is shared fairly and each is searched
 * near its old page first. Page-bound items are placed by their old page's text.
 */
export function reanchorAll<Id = string>(
  items: readonly ReanchorItem<Id>[],
  oldPages: readonly PageText[] | PreparedDocument,
  newPages: readonly PageText[] | PreparedDocument,
  options: ReanchorOptions = {},
): ReanchorResult<Id> {
  const started = now();
  const doc = asPrepared(newPages);
  const opts = { ...DEFAULT_PLACE_QUOTE_OPTIONS, ...options };
  const budget = new StepBudget(options.maxSteps ?? DEFAULT_MAX_STEPS);

  const jobs = new Map<number, QuoteJob>();
  items.forEach((item, i) => {
    if (item.kind === 'quote') jobs.set(i, new QuoteJob(item.anchor, doc, opts, budget));
  });
  const searching: QuoteJob[] = [];
  for (const job of jobs.values()) if (!job.cheapStages()) searching.push(job);
  const maxRadius = searching.reduce((r, j) => Math.max(r, j.maxRadius), -1);
  for (let d = 0; d <= maxRadius; d++) {
    for (const job of searching) if (d <= job.maxRadius) job.scanRing(d);
  }

  const oldDoc = items.some((i) => i.kind === 'page') ? asPrepared(oldPages) : undefined;
  const counts: ReanchorStats['counts'] = { exact: 0, moved: 0, fuzzy: 0, orphan: 0, same: 0, similar: 0, unverified: 0 };
  const placements = items.map((item, i): ReanchorPlacement<Id> => {
    if (item.kind === 'quote') {
      const placement = (jobs.get(i) as QuoteJob).finish();
      counts[placement.status]++;
      return { id: item.id, kind: 'quote', placement };
    }
    const oldText = oldDoc === undefined ? '' : (pageByNumber(oldDoc, item.page)?.text ?? '');
    const placement = placeOnPage(oldText, item.page, doc, options);
    counts[placement.status]++;
    return { id: item.id, kind: 'page', placement };
  });

  let searchedRadius = Infinity;
  for (const job of searching) if (job.finish().status === 'orphan') searchedRadius = Math.min(searchedRadius, job.radius);
  return {
    placements,
    stats: {
      steps: budget.used,
      maxSteps: budget.limit,
      scannedChars: budget.scannedChars,
      candidates: budget.candidates,
      budgetExhausted: searching.some((j) => j.exhausted),
      searchedRadius: searchedRadius === Infinity ? maxRadius : searchedRadius,
      elapsedMs: Math.round((now() - started) * 10) / 10,
      counts,
    },
  };
}

function now(): number {
  // performance exists in browsers and in Node; this library is typed without either's globals.
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf === undefined ? Date.now() : perf.now();
}
