/** Where the display keeps its token for reloads (this tab only; the link's fragment is cleared from the bar). */
export const DISPLAY_TOKEN_STORAGE_KEY = 'phonghop.displayToken';

/** The token from the link's fragment (`/display#<token>`), else the one this tab kept. */
export function readDisplayToken(hash: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): string | null {
  let fromHash: string;
  try {
    fromHash = decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    fromHash = '';
  }
  if (fromHash) {
    try {
      storage?.setItem(DISPLAY_TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Private mode: a reload will need the link again.
    }
    return fromHash;
  }
  try {
    return storage?.getItem(DISPLAY_TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
