import type { KeyValueStore } from '../reader/last-page';

/** Receipts already sent, per user, so a tablet reports each saved version once. */
export const RECEIVED_STORAGE_PREFIX = 'phonghop.received.';

export function offlineKey(documentId: string, version: number): string {
  return `${offlineKeyPrefix(documentId)}${version}`;
}

/** What the keys of every version of one document begin with. */
export function offlineKeyPrefix(documentId: string): string {
  return `${documentId}@`;
}

/**
 * The URL whose full response the service worker keeps. The `u` parameter (ignored by the server)
 * gives each person on a shared tablet their own cache entry: confidential copies carry the reader's name.
 */
export function offlineUrl(fileUrl: string, userId: string): string {
  return `${fileUrl}?u=${encodeURIComponent(userId)}`;
}

export function readReported(store: KeyValueStore | null | undefined, userId: string): Set<string> {
  try {
    const raw = store?.getItem(RECEIVED_STORAGE_PREFIX + userId);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function writeReported(store: KeyValueStore | null | undefined, userId: string, keys: ReadonlySet<string>): void {
  try {
    // The newest 1000 are plenty: an old meeting's receipts are long recorded.
    store?.setItem(RECEIVED_STORAGE_PREFIX + userId, JSON.stringify([...keys].slice(-1000)));
  } catch {
    // Full storage: at worst the receipt is sent again (the server treats it as idempotent).
  }
}
