import type { ApiErrorBody } from './errors';
import type { InvitationNotice, MeetingRole, MeetingSummaryDto, RsvpState } from './meetings';
import type { ConferenceNotification, ConferenceRequest } from './conference';

/**
 * Realtime pattern (see docs/architecture.md): the server owns each meeting room's state and a
 * version number. A client joins and gets a snapshot; afterwards every change arrives as a delta
 * carrying the version it produces. A client that sees a gap (version ≠ its version + 1) asks to
 * resync and gets either the missed deltas or a fresh snapshot. The reducer below is shared, so
 * server and client apply a delta in exactly the same way.
 */

/** A person in the room; several tabs or devices of one person count once. */
export interface PresenceEntry {
  userId: string;
  fullName: string;
  meetingRole: MeetingRole;
}

/** One invited person as everyone in the room sees them (reasons for declining stay with the secretary). */
export interface RosterEntry {
  participantId: string;
  userId: string;
  fullName: string;
  unitName: string | null;
  meetingRole: MeetingRole;
  rsvp: RsvpState;
  delegateUserId: string | null;
  representsUserId: string | null;
}

/** Later features add slices (agenda, speakers, votes, conference) next to presence and the roster. */
export interface MeetingRoomState {
  meetingId: string;
  presence: PresenceEntry[];
  /** Loaded from the database when the room opens; kept current by deltas. */
  roster: RosterEntry[];
  /** A short line the chair/secretary shows to everyone in the room. */
  notice: string | null;
}

export type MeetingRoomDelta =
  | { kind: 'presence.upsert'; entry: PresenceEntry }
  | { kind: 'presence.remove'; userId: string }
  | { kind: 'notice.set'; notice: string | null }
  | { kind: 'roster.upsert'; entry: RosterEntry }
  | { kind: 'roster.remove'; participantId: string };

export interface RoomSnapshot {
  meetingId: string;
  version: number;
  state: MeetingRoomState;
}

export interface RoomDeltaMessage {
  meetingId: string;
  /** The version this delta produces; the one before it is version - 1. */
  version: number;
  delta: MeetingRoomDelta;
}

/** Answer to a resync: missed deltas when the server still has them, else a full snapshot. */
export type RoomResync =
  | { mode: 'deltas'; meetingId: string; deltas: RoomDeltaMessage[] }
  | { mode: 'snapshot'; snapshot: RoomSnapshot };

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

export interface JoinRoomRequest {
  meetingId: string;
}

export interface ResyncRequest {
  meetingId: string;
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
  /** Conference signalling: one event, the method inside (see conference.ts). */
  'conference:request': (req: ConferenceRequest, ack: (res: Ack<unknown>) => void) => void;
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
}

export interface DocumentsChangedNotice {
  meetingId: string;
}

export const REALTIME_PATH = '/api/realtime';

export function emptyRoomState(meetingId: string): MeetingRoomState {
  return { meetingId, presence: [], roster: [], notice: null };
}

const byName = (a: { fullName: string }, b: { fullName: string }) => a.fullName.localeCompare(b.fullName, 'vi');

/** Pure reducer shared by server and client. Returns a new state; never mutates its input. */
export function applyRoomDelta(state: MeetingRoomState, delta: MeetingRoomDelta): MeetingRoomState {
  switch (delta.kind) {
    case 'presence.upsert': {
      const others = state.presence.filter((p) => p.userId !== delta.entry.userId);
      const presence = [...others, delta.entry].sort(byName);
      return { ...state, presence };
    }
    case 'presence.remove':
      return { ...state, presence: state.presence.filter((p) => p.userId !== delta.userId) };
    case 'notice.set':
      return { ...state, notice: delta.notice };
    case 'roster.upsert': {
      const others = state.roster.filter((r) => r.participantId !== delta.entry.participantId);
      return { ...state, roster: [...others, delta.entry].sort(byName) };
    }
    case 'roster.remove':
      return { ...state, roster: state.roster.filter((r) => r.participantId !== delta.participantId) };
  }
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
    next: { meetingId: current.meetingId, version: msg.version, state: applyRoomDelta(current.state, msg.delta) },
  };
}
