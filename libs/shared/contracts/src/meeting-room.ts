import type { MeetingRole, ParticipantDto, RsvpState } from './meetings';
import { type RoomSlice, byFullName } from './room-slice';

/** The meetings domain's slices of the room: who is connected, who is invited, and the chair's notice line. */

/** A person in the room; several tabs or devices of one person count once. */
export interface PresenceEntry {
  userId: string;
  fullName: string;
  meetingRole: MeetingRole;
}

/**
 * One arrival or departure, or (`changes`) everyone who came and went within a short window: a hall connecting
 * at once then costs one message per window to each tablet, not one per tablet.
 */
export type PresenceDelta =
  | { kind: 'upsert'; entry: PresenceEntry }
  | { kind: 'remove'; userId: string }
  | { kind: 'changes'; upserts: PresenceEntry[]; removes: string[] };

export const presenceSlice: RoomSlice<PresenceEntry[], PresenceDelta> = {
  audience: 'everyone',
  empty: () => [],
  apply(state, delta) {
    const upserts = delta.kind === 'upsert' ? [delta.entry] : delta.kind === 'changes' ? delta.upserts : [];
    const gone = new Set(delta.kind === 'remove' ? [delta.userId] : delta.kind === 'changes' ? delta.removes : []);
    for (const e of upserts) gone.add(e.userId);
    const others = state.filter((p) => !gone.has(p.userId));
    return upserts.length ? [...others, ...upserts].sort(byFullName) : others;
  },
};

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

/** A participant as the room's roster shows it (what everyone may see of them). */
export function rosterEntryOf(p: ParticipantDto): RosterEntry {
  return {
    participantId: p.id,
    userId: p.userId,
    fullName: p.fullName,
    unitName: p.unitName,
    meetingRole: p.meetingRole,
    rsvp: p.rsvp,
    delegateUserId: p.delegateUserId,
    representsUserId: p.representsUserId,
  };
}

export type RosterDelta = { kind: 'upsert'; entry: RosterEntry } | { kind: 'remove'; participantId: string };

export const rosterSlice: RoomSlice<RosterEntry[], RosterDelta> = {
  audience: 'everyone',
  empty: () => [],
  apply(state, delta) {
    const id = delta.kind === 'upsert' ? delta.entry.participantId : delta.participantId;
    const others = state.filter((r) => r.participantId !== id);
    return delta.kind === 'upsert' ? [...others, delta.entry].sort(byFullName) : others;
  },
};

/** A short line the chair or a secretary shows to everyone in the room. */
export type NoticeDelta = { kind: 'set'; notice: string | null };

export const noticeSlice: RoomSlice<string | null, NoticeDelta> = {
  audience: 'everyone',
  empty: () => null,
  apply: (_state, delta) => delta.notice,
};

export const NOTICE_MAX_LENGTH = 500;

/**
 * The one "may preside" rule: the chair runs the meeting and its secretaries assist (attendance, speakers list,
 * display). The server decides with it in the meetings domain only; the client uses it to show the right tools.
 */
export function mayPreside(role: MeetingRole | null | undefined): boolean {
  return role === 'chair' || role === 'secretary';
}
