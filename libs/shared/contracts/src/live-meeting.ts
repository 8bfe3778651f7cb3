import type { RosterEntry } from './meeting-room';
import type { Ack } from './realtime';
import type { RoomSlice } from './room-slice';

/**
 * The live meeting (phiên họp): one floor for the hall and every site. The floor is server-authoritative, stored
 * with a version on every change, and reaches every screen through the meeting room as slices: `floor` (session,
 * current item, speaker, speakers list) and `attendance` for everyone, `absenceReasons` for hosts only.
 * Clocks are server timestamps (ISO); each device corrects them with its measured clock offset.
 */

export type FloorPhase = 'not_started' | 'in_session' | 'ended';
/** A point of order (kiến nghị về thủ tục) goes ahead of ordinary speeches. */
export type SpeechKind = 'speech' | 'point_of_order';
export const SPEECH_KINDS: readonly SpeechKind[] = ['speech', 'point_of_order'];

/** A request to speak, from a tablet in the hall or from a site (điểm cầu). */
export interface SpeakerRequest {
  id: string;
  /** The account that asked: a person, or a site's operator account speaking for the site. */
  userId: string;
  /** The person's or the site's name as everyone sees it. */
  name: string;
  unitName: string | null;
  siteId: string | null;
  kind: SpeechKind;
  topic: string | null;
  requestedAt: string;
}

export interface CurrentSpeaker extends SpeakerRequest {
  startedAt: string;
  /** Seconds given; the countdown warns in the last 30 s and shows an overrun beyond. */
  allottedSeconds: number;
}

/** Quorum (đủ số lượng): present × denominator ≥ members × numerator. Default two thirds. */
export interface QuorumRule {
  numerator: number;
  denominator: number;
}

export const DEFAULT_QUORUM: QuorumRule = { numerator: 2, denominator: 3 };
export const DEFAULT_SPEAKING_SECONDS = 300;
export const SPEAKING_WARNING_SECONDS = 30;
export const TOPIC_MAX_LENGTH = 200;

export interface FloorState {
  phase: FloorPhase;
  startedAt: string | null;
  endedAt: string | null;
  /** The agenda item under discussion, and since when. */
  currentItemId: string | null;
  itemOpenedAt: string | null;
  /** Seconds each item was open before its current opening (items can be reopened). */
  itemSeconds: Record<string, number>;
  closedItemIds: string[];
  speaker: CurrentSpeaker | null;
  /** The speakers list in the order the chair will give the floor. */
  queue: SpeakerRequest[];
  speakingSeconds: number;
  quorum: QuorumRule;
  /** Bumped when the hall's check-in code is renewed (the code itself is not here): displays fetch the new QR. */
  checkInRevision: number;
}

export type FloorDelta =
  | { kind: 'session'; phase: FloorPhase; startedAt: string | null; endedAt: string | null }
  | { kind: 'item'; currentItemId: string | null; itemOpenedAt: string | null; itemSeconds: Record<string, number>; closedItemIds: string[] }
  | { kind: 'speaker'; speaker: CurrentSpeaker | null }
  | { kind: 'queue'; queue: SpeakerRequest[] }
  | { kind: 'settings'; speakingSeconds: number; quorum: QuorumRule }
  | { kind: 'checkIn'; checkInRevision: number };

export function emptyFloor(): FloorState {
  return {
    phase: 'not_started',
    startedAt: null,
    endedAt: null,
    currentItemId: null,
    itemOpenedAt: null,
    itemSeconds: {},
    closedItemIds: [],
    speaker: null,
    queue: [],
    speakingSeconds: DEFAULT_SPEAKING_SECONDS,
    quorum: DEFAULT_QUORUM,
    checkInRevision: 0,
  };
}

export const floorSlice: RoomSlice<FloorState, FloorDelta> = {
  audience: 'everyone',
  empty: emptyFloor,
  apply(state, delta) {
    const { kind: _kind, ...change } = delta;
    return { ...state, ...change };
  },
};

// ---- attendance (điểm danh) ------------------------------------------------------------------------------

export type AttendanceStatus = 'present' | 'absent';
/** Scanned the display's QR code (in the hall), marked by a secretary, or confirmed by a site's roll call. */
export type CheckInMethod = 'qr' | 'secretary' | 'site';

export interface AttendanceEntry {
  userId: string;
  status: AttendanceStatus;
  method: CheckInMethod;
  /** Present at a remote site (điểm cầu) rather than in the hall. */
  siteId: string | null;
  siteName: string | null;
  at: string;
}

/** `upsertMany`: a batch of check-ins (a hall scanning the QR at once) travels as one delta. */
export type AttendanceDelta = { kind: 'upsert'; entry: AttendanceEntry } | { kind: 'upsertMany'; entries: AttendanceEntry[] } | { kind: 'remove'; userId: string };

export const attendanceSlice: RoomSlice<Record<string, AttendanceEntry>, AttendanceDelta> = {
  audience: 'everyone',
  empty: () => ({}),
  apply(state, delta) {
    const next = { ...state };
    if (delta.kind === 'upsert') next[delta.entry.userId] = delta.entry;
    else if (delta.kind === 'upsertMany') for (const e of delta.entries) next[e.userId] = e;
    else delete next[delta.userId];
    return next;
  },
};

/** Why someone is absent: for the chair and secretaries only. */
export type AbsenceReasonDelta = { kind: 'set'; userId: string; reason: string | null };

export const absenceReasonsSlice: RoomSlice<Record<string, string>, AbsenceReasonDelta> = {
  audience: 'hosts',
  empty: () => ({}),
  apply(state, delta) {
    const next = { ...state };
    if (delta.reason) next[delta.userId] = delta.reason;
    else delete next[delta.userId];
    return next;
  },
};

/** Members are those who count towards the quorum and vote: the chair and the delegates (not their proxies). */
export function isMember(entry: RosterEntry): boolean {
  return (entry.meetingRole === 'chair' || entry.meetingRole === 'delegate') && entry.representsUserId === null;
}

export interface QuorumCount {
  members: number;
  present: number;
  hall: number;
  sites: number;
  /** Members counted through the proxy (ủy quyền) who is present for them. */
  byProxy: number;
  required: number;
  reached: boolean;
}

/**
 * Who counts as present: a member checked in, or a member whose proxy is checked in (once, never twice: a member
 * present in person is not counted again through a proxy). Hall and sites are counted apart and together.
 */
export function countQuorum(roster: readonly RosterEntry[], attendance: Readonly<Record<string, AttendanceEntry>>, rule: QuorumRule): QuorumCount {
  const here = (userId: string) => (attendance[userId]?.status === 'present' ? attendance[userId] : null);
  const proxyOf = new Map<string, string>();
  for (const r of roster) if (r.representsUserId && here(r.userId)) proxyOf.set(r.representsUserId, r.userId);
  let members = 0;
  let hall = 0;
  let sites = 0;
  let byProxy = 0;
  for (const m of roster) {
    if (!isMember(m)) continue;
    members++;
    const self = here(m.userId);
    const proxy = self ? null : proxyOf.get(m.userId);
    const where = self ?? (proxy ? here(proxy) : null);
    if (!where) continue;
    if (proxy) byProxy++;
    if (where.siteId) sites++;
    else hall++;
  }
  const present = hall + sites;
  const required = Math.ceil((members * rule.numerator) / rule.denominator);
  return { members, present, hall, sites, byProxy, required, reached: members > 0 && present >= required };
}

/** Seconds an item has been open in total at `now` (server time, ms). */
export function itemElapsedSeconds(floor: FloorState, itemId: string, now: number): number {
  const before = floor.itemSeconds[itemId] ?? 0;
  if (floor.currentItemId !== itemId || !floor.itemOpenedAt) return before;
  return before + Math.max(0, Math.floor((now - Date.parse(floor.itemOpenedAt)) / 1000));
}

/** The speaker's remaining seconds at `now` (server time, ms); negative is an overrun. */
export function speakerRemainingSeconds(speaker: CurrentSpeaker, now: number): number {
  return speaker.allottedSeconds - Math.floor((now - Date.parse(speaker.startedAt)) / 1000);
}

// ---- requests on the room's socket -------------------------------------------------------------------------

/** What a change answers: the floor's stored version after it. */
export interface FloorChangeResult {
  floorVersion: number;
}

export interface FloorRequests {
  /** Hosts: open the session (starts the meeting if it was only published) or close it. */
  start: { req: { meetingId: string }; res: FloorChangeResult };
  end: { req: { meetingId: string }; res: FloorChangeResult };
  openItem: { req: { meetingId: string; itemId: string }; res: FloorChangeResult };
  closeItem: { req: { meetingId: string }; res: FloorChangeResult };
  /** Anyone present in the meeting (delegates, sites): ask for the floor. */
  requestFloor: { req: { meetingId: string; kind: SpeechKind; topic: string | null }; res: FloorChangeResult & { requestId: string } };
  /** Withdraw one's own request (hosts may remove anyone's). */
  withdraw: { req: { meetingId: string; requestId: string }; res: FloorChangeResult };
  /** Hosts: give the floor to a request in the list, or straight to a participant (userId). */
  giveFloor: { req: { meetingId: string; requestId?: string; userId?: string; seconds?: number }; res: FloorChangeResult };
  /** Hosts: take the floor back from the current speaker. */
  endSpeech: { req: { meetingId: string }; res: FloorChangeResult };
  extendSpeech: { req: { meetingId: string; seconds: number }; res: FloorChangeResult };
  /** Hosts: the whole list in its new order (every request once). */
  reorderQueue: { req: { meetingId: string; requestIds: string[] }; res: FloorChangeResult };
  setSettings: { req: { meetingId: string; speakingSeconds?: number; quorum?: QuorumRule }; res: FloorChangeResult };
  /** Hosts: mark someone present or absent (with a reason), or clear the mark. */
  markAttendance: { req: { meetingId: string; userId: string; status: AttendanceStatus | null; reason?: string | null }; res: FloorChangeResult };
  /** A delegate in the hall, with the code from the display's QR. */
  checkIn: { req: { meetingId: string; code: string }; res: FloorChangeResult };
  /** A site's operator: who of the meeting's members is present at the site. */
  confirmRollCall: { req: { meetingId: string; userIds: string[] }; res: FloorChangeResult };
}

export type FloorMethod = keyof FloorRequests;
export type FloorRequest = { [M in FloorMethod]: { method: M; data: FloorRequests[M]['req'] } }[FloorMethod];
export type FloorResponse<M extends FloorMethod> = Ack<FloorRequests[M]['res']>;

/** Hosts and the display: the code behind the hall's check-in QR. */
export interface CheckInCodeDto {
  meetingId: string;
  code: string;
  /** Path the QR encodes (the origin is the display's own). */
  path: string;
}

export function checkInPath(meetingId: string, code: string): string {
  return `/meetings/${meetingId}/check-in?code=${encodeURIComponent(code)}`;
}

// ---- the hall's display screen (màn hình trình chiếu) ------------------------------------------------------

/** The header a display sends its token in (never in a URL: URLs end up in logs). */
export const DISPLAY_TOKEN_HEADER = 'x-display-token';

export interface DisplayDto {
  id: string;
  meetingId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Answer to creating a display: the token is shown once; the link carries it in its fragment. */
export interface CreatedDisplayDto extends DisplayDto {
  token: string;
  /** `/display#<token>`: a fragment is never sent to a server, so the token stays out of every log. */
  path: string;
}

export interface CreateDisplayRequest {
  label: string;
}

/** What a display needs besides the room: the meeting, its agenda and the check-in code for the QR. */
export interface DisplayInfoDto {
  meeting: { id: string; title: string; status: string; kind: string; startsAt: string; location: string | null; organiserUnitName: string | null };
  agenda: { id: string; parentId: string | null; title: string; plannedMinutes: number | null }[];
  checkInCode: string;
}

// ---- the running record (minutes are written beside it) -----------------------------------------------------

export type RecordEventKind = 'session_opened' | 'session_closed' | 'item_opened' | 'item_closed' | 'speech_started' | 'speech_ended' | 'attendance';

export interface RecordEventDto {
  kind: RecordEventKind;
  at: string;
  data: Record<string, unknown>;
}
