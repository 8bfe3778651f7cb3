/**
 * Ids a device chooses itself: an op id per change (the server answers a resend `duplicate`) and an annotation id
 * per new annotation (a lost answer cannot make two). `crypto.getRandomValues` rather than `crypto.randomUUID`: the
 * latter exists only in secure contexts, and a hall's server may be reached over plain HTTP on the local network.
 */
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

const fill: RandomFill = (bytes) => globalThis.crypto.getRandomValues(bytes);

/** The server takes 8–64 of [A-Za-z0-9_-]. */
export const OP_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** `op_` and 32 hex digits. */
export function newOpId(random: RandomFill = fill): string {
  return `op_${hex(random(new Uint8Array(16)))}`;
}

/** A random (version 4) UUID, lower case as the server stores it. */
export function newAnnotationId(random: RandomFill = fill): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
