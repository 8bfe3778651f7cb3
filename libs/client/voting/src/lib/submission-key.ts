/**
 * A fresh submission key for one ballot submission: 32 hex characters (the server accepts 8–64 of [A-Za-z0-9_-]).
 * `crypto.getRandomValues` rather than `crypto.randomUUID`: the latter exists only in secure contexts, and a hall's
 * server may be reached over plain HTTP on the local network.
 */
export function newSubmissionKey(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const SUBMISSION_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
