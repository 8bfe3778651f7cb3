/**
 * The meeting room is the one live channel of a meeting. Each domain owns a slice of its state: a key, an empty
 * value and a pure reducer. The server applies a domain's delta with the slice's reducer, and so does every
 * client, so both agree by construction.
 */
export interface RoomSlice<S, D> {
  /** Who receives this slice: everyone in the room, or only those who preside (chair and secretaries). */
  readonly audience: RoomAudience;
  empty(): S;
  /** Returns a new state; never mutates its input. Deltas are idempotent (applying one twice does no harm). */
  apply(state: S, delta: D): S;
}

/**
 * Everyone in the meeting, or its hosts only (those who may preside: chair and secretaries). Each audience is a
 * channel of its own, with its own version, so a host's resync never needs what delegates may not see.
 */
export const ROOM_AUDIENCES = ['everyone', 'hosts'] as const;
export type RoomAudience = (typeof ROOM_AUDIENCES)[number];

/** Sorts people as a Vietnamese reader expects. */
export const byFullName = (a: { fullName: string }, b: { fullName: string }) => a.fullName.localeCompare(b.fullName, 'vi');
