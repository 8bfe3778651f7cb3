/** Where each document was left, so it reopens there (per device, in localStorage). */
export const LAST_PAGE_STORAGE_KEY = 'phonghop.lastPages';
/** Enough for several meetings' packs; the oldest entries go first. */
export const LAST_PAGE_MAX_ENTRIES = 300;

export interface LastPageEntry {
  page: number;
  at: number;
}
export type LastPageMap = Record<string, LastPageEntry>;

/** The subset of Storage used here, so specs can pass a plain object. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function parseLastPages(raw: string | null): LastPageMap {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: LastPageMap = {};
    for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
      const e = entry as Partial<LastPageEntry> | null;
      if (e && Number.isInteger(e.page) && (e.page as number) >= 1 && typeof e.at === 'number') out[id] = { page: e.page as number, at: e.at };
    }
    return out;
  } catch {
    return {};
  }
}

/** Adds or moves an entry, keeping only the `max` most recent documents. */
export function withLastPage(map: LastPageMap, documentId: string, page: number, now: number, max = LAST_PAGE_MAX_ENTRIES): LastPageMap {
  const next: LastPageMap = { ...map, [documentId]: { page: Math.max(1, Math.floor(page)), at: now } };
  const ids = Object.keys(next);
  if (ids.length <= max) return next;
  ids.sort((a, b) => next[b].at - next[a].at);
  const kept: LastPageMap = {};
  for (const id of ids.slice(0, max)) kept[id] = next[id];
  return kept;
}

/** The page to reopen at, clamped to the document (a new version may be shorter); null = start. */
export function lastPageOf(map: LastPageMap, documentId: string, pageCount: number): number | null {
  const entry = map[documentId];
  if (!entry || pageCount < 1) return null;
  const page = Math.min(entry.page, pageCount);
  return page > 1 ? page : null;
}

export function readLastPage(store: KeyValueStore | null | undefined, documentId: string, pageCount: number): number | null {
  try {
    return lastPageOf(parseLastPages(store?.getItem(LAST_PAGE_STORAGE_KEY) ?? null), documentId, pageCount);
  } catch {
    return null;
  }
}

export function rememberLastPage(store: KeyValueStore | null | undefined, documentId: string, page: number, now = Date.now()): void {
  if (!store) return;
  try {
    const map = withLastPage(parseLastPages(store.getItem(LAST_PAGE_STORAGE_KEY)), documentId, page, now);
    store.setItem(LAST_PAGE_STORAGE_KEY, JSON.stringify(map));
  } catch {
    // Private mode or full storage: the reader simply opens at page 1 next time.
  }
}
