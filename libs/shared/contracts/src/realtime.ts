import type { AnnotationsChangedNotice } from './annotations';
import type { ApiErrorBody } from './errors';
import type { InvitationNotice, MeetingSummaryDto } from './meetings';
import type { ConferenceNotification, ConferenceRequest } from './conference';
import { type PresentationRequest, presentationSlice } from './presentation';
import { type FloorRequest, absenceReasonsSlice, attendanceSlice, floorSlice } from './live-meeting';
import { noticeSlice, presenceSlice, rosterSlice } from './meeting-room';
import type { RoomAudience } from './room-slice';
import { type VoteRequest, votesSlice } from './voting-live';

/**
 * Realtime pattern (see docs/architecture.md): the server owns each meeting room's state and a
 * version number. A client joins and gets a snapshot; afterwards every change arrives as a delta
 * carrying the version it produces. A client that sees a gap (version ≠ its version + 1) asks to
 * resync and gets either the missed deltas or a fresh snapshot. The reducer below is shared, so
 * server and client apply a delta in exactly the same way.
 */

/**
 * Every slice of a room, by key. A domain adds its slice here (its state type and reducer live in its own file);
 * `applyRoomDelta` dispatches on the slice.
 */
export const ROOM_SLICES = {
  presence: presenceSlice,
  roster: rosterSlice,
  notice: noticeSlice,
  floor: floorSlice,
  attendance: attendanceSlice,
  absenceReasons: absenceReasonsSlice,
  presentation: presentationSlice,
  votes: votesSlice,
} as const;

type Slices = typeof ROOM_SLICES;
export type RoomSliceKey = keyof Slices;
type StateOf<K extends RoomSliceKey> = ReturnType<Slices[K]['empty']>;
export type SliceDelta<K extends RoomSliceKey> = Parameters<Slices[K]['apply']>[1];

/**
 * One audience's view of a meeting room. Slices of the other audience stay empty in it (a delegate's state has
 * empty `absenceReasons`; the hosts' channel carries only the hosts' slices).
 */
export type MeetingRoomState = { meetingId: string } & { [K in RoomSliceKey]: StateOf<K> };

export type MeetingRoomDelta = { [K in RoomSliceKey]: { slice: K; change: SliceDelta<K> } }[RoomSliceKey];

/** Builds a delta with its slice key checked against the change's type. */
export function roomDelta<K extends RoomSliceKey>(slice: K, change: SliceDelta<K>): MeetingRoomDelta {
  return { slice, change } as MeetingRoomDelta;
}

export function audienceOf(slice: RoomSliceKey): RoomAudience {
  return ROOM_SLICES[slice].audience;
}

export interface RoomSnapshot {
  meetingId: string;
  audience: RoomAudience;
  version: number;
  state: MeetingRoomState;
}

export interface RoomDeltaMessage {
  meetingId: string;
  audience: RoomAudience;
  /** The version this delta produces; the one before it is version - 1. */
  version: number;
  delta: MeetingRoomDelta;
}

/** Answer to a resync: missed deltas when the server still has them, else a full snapshot. */
export type RoomResync =
  | { mode: 'deltas'; meetingId: string; audience: RoomAudience; deltas: RoomDeltaMessage[] }
  | { mode: 'snapshot'; snapshot: RoomSnapshot };

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

export interface JoinRoomRequest {
  meetingId: string;
  /** Defaults to everyone; `hosts` only for those who may preside. */
  audience?: RoomAudience;
}

export interface ResyncRequest {
  meetingId: string;
  audience?: RoomAudience;
  /** The last version the client applied. */
  fromVersion: number;
}

export interface SetNoticeRequest {
  meetingId: string;
  notice: string | null;
}

export interface ClientToServerEvents {
  'room:join': (req: JoinRoomRequest, ack: (res: Ack<RoomSnapshot>) => void) => void;
  'room:leave': (req: JoinRoomRequest, ack: (res: Ack<null>) => void) => void;
  'room:resync': (req: ResyncRequest, ack: (res: Ack<RoomResync>) => void) => void;
  'room:notice': (req: SetNoticeRequest, ack: (res: Ack<{ version: number }>) => void) => void;
  /** The server's clock, for the device's clock offset (countdowns right on a tablet whose clock is wrong). */
  'clock:sync': (req: null, ack: (res: Ack<{ serverTime: number }>) => void) => void;
  /** Conference signalling: one event, the method inside (see conference.ts). */
  'conference:request': (req: ConferenceRequest, ack: (res: Ack<unknown>) => void) => void;
  /** The live meeting's floor and attendance (see live-meeting.ts). */
  'floor:request': (req: FloorRequest, ack: (res: Ack<unknown>) => void) => void;
  /** Presenter mode: the presented page, zoom and live ink (see presentation.ts). */
  'presentation:request': (req: PresentationRequest, ack: (res: Ack<unknown>) => void) => void;
  /** Voting: open, close, cast (see voting-live.ts). */
  'vote:request': (req: VoteRequest, ack: (res: Ack<unknown>) => void) => void;
}

export interface ServerToClientEvents {
  'room:delta': (msg: RoomDeltaMessage) => void;
  /** The session behind this socket ended (logout, disabled account): the client must sign in again. */
  'session:ended': () => void;
  /** Sent to each participant the moment a meeting they are invited to is published. */
  'invitation:new': (notice: InvitationNotice) => void;
  /** A meeting in the user's list changed (time, place, status, cancellation). */
  'meeting:changed': (meeting: MeetingSummaryDto) => void;
  /**
   * The documents of a meeting the user takes part in changed (published, new published version, deleted):
   * the client reloads the list and copies new published versions for offline reading in the background.
   */
  'documents:changed': (notice: DocumentsChangedNotice) => void;
  'conference:notification': (notice: ConferenceNotification) => void;
  /** Annotations this person can see changed: their own on another device, or ones shared with them. */
  'annotations:changed': (notice: AnnotationsChangedNotice) => void;
}

export interface DocumentsChangedNotice {
  meetingId: string;
}

export const REALTIME_PATH = '/api/realtime';

export function emptyRoomState(meetingId: string): MeetingRoomState {
  const state = { meetingId } as Record<string, unknown>;
  for (const [key, slice] of Object.entries(ROOM_SLICES)) state[key] = slice.empty();
  return state as MeetingRoomState;
}

/** Pure reducer shared by server and client: the delta's slice applies it. Never mutates its input. */
export function applyRoomDelta(state: MeetingRoomState, delta: MeetingRoomDelta): MeetingRoomState {
  const slice = ROOM_SLICES[delta.slice] as unknown as { apply(s: unknown, d: unknown): unknown };
  return { ...state, [delta.slice]: slice.apply(state[delta.slice], delta.change) };
}

/**
 * Client-side bookkeeping of one room: apply in-order deltas, report a gap otherwise.
 * Returns 'applied', 'stale' (already seen, ignored) or 'gap' (caller must resync).
 */
export function applyRoomMessage(
  current: RoomSnapshot,
  msg: RoomDeltaMessage,
): { result: 'applied'; next: RoomSnapshot } | { result: 'stale' | 'gap'; next: RoomSnapshot } {
  if (msg.version <= current.version) return { result: 'stale', next: current };
  if (msg.version !== current.version + 1) return { result: 'gap', next: current };
  return {
    result: 'applied',
    next: { ...current, version: msg.version, state: applyRoomDelta(current.state, msg.delta) },
  };
}
