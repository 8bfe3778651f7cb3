/** Page turning in the reader (pure): keys, swipes, where a turn leads, and which page is the current one. */
export type PageTurn = 'next' | 'prev' | 'first' | 'last';

/** A swipe must travel this far sideways (CSS px)… */
export const SWIPE_MIN_PX = 60;
/** …clearly more sideways than up or down (a vertical scroll that drifts is not a swipe)… */
export const SWIPE_RATIO = 2;
/** …and be quick: a slow drag is reading with a finger or selecting text. */
export const SWIPE_MAX_MS = 800;

/** The page a turn leads to from `from`, or null when there is nowhere to go. */
export function turnTarget(turn: PageTurn, from: number, count: number): number | null {
  if (count < 1) return null;
  const to = turn === 'first' ? 1 : turn === 'last' ? count : turn === 'next' ? from + 1 : from - 1;
  const clamped = Math.min(count, Math.max(1, to));
  return clamped === from ? null : clamped;
}

/**
 * The turn a key asks for. ArrowLeft/ArrowRight turn pages only while the pages fit the width: zoomed in
 * (`canPanX`), they keep scrolling sideways as the browser does, or half of a wide page could not be reached.
 */
export function turnForKey(key: string, canPanX: boolean): PageTurn | null {
  switch (key) {
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'ArrowRight':
      return canPanX ? null : 'next';
    case 'ArrowLeft':
      return canPanX ? null : 'prev';
    default:
      return null;
  }
}

/** A finger's movement from touch-down to lift: right to left turns forward, like a page of paper. */
export function swipeTurn(dx: number, dy: number, ms: number): 'next' | 'prev' | null {
  if (ms > SWIPE_MAX_MS || Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < SWIPE_RATIO * Math.abs(dy)) return null;
  return dx < 0 ? 'next' : 'prev';
}

/**
 * The current page from the scroll position: the page under the reading line a third of the way down the view.
 * At the very end of the document the last page whose top is in view counts instead — a last page shorter than
 * the view never reaches the reading line, and the indicator would never say "4/4". `tops` are the page boxes' top
 * edges in scroll coordinates, in page order.
 */
export function pageAtScroll(tops: readonly number[], scrollTop: number, viewHeight: number, scrollHeight: number): number {
  if (!tops.length) return 1;
  const atEnd = scrollTop + viewHeight >= scrollHeight - 2;
  const line = atEnd ? scrollTop + viewHeight - 1 : scrollTop + viewHeight / 3;
  let page = 1;
  for (let i = 0; i < tops.length && tops[i] <= line; i++) page = i + 1;
  return page;
}
