import {
  SPEAKING_WARNING_SECONDS,
  type AttendanceEntry,
  type AttendanceStatus,
  type CheckInMethod,
  type CurrentSpeaker,
  type FloorState,
  type MeetingRole,
  type PresenceEntry,
  type QuorumCount,
  type RosterEntry,
  type SpeakerRequest,
  isMember,
  itemElapsedSeconds,
  speakerRemainingSeconds,
} from '@phonghop/contracts';

/**
 * The live meeting as screens show it, pure: clocks, the quorum picture, the speakers list, the agenda with its
 * clocks and the attendance table. Components and the hall display only lay these out.
 */

export type Tone = 'normal' | 'warning' | 'overrun';

const pad = (n: number) => String(n).padStart(2, '0');

/** `mm:ss` (or `h:mm:ss` from an hour); a negative value is an overrun: `+mm:ss`. */
export function formatClock(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const text = h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
  return seconds < 0 ? `+${text}` : text;
}

export interface Countdown {
  text: string;
  tone: Tone;
  remaining: number;
}

/** The speaker's countdown: amber in the last 30 s, red with `+mm:ss` once over time. */
export function countdown(remainingSeconds: number): Countdown {
  const tone: Tone = remainingSeconds < 0 ? 'overrun' : remainingSeconds <= SPEAKING_WARNING_SECONDS ? 'warning' : 'normal';
  return { text: formatClock(remainingSeconds), tone, remaining: remainingSeconds };
}

/**
 * The current speaker's countdown at server time `now`. A device whose clock estimate is a few ms behind the
 * server's may see the speech start "in the future"; it shows the full time, never more.
 */
export function speakerCountdown(speaker: CurrentSpeaker, now: number): Countdown {
  return countdown(Math.min(speaker.allottedSeconds, speakerRemainingSeconds(speaker, now)));
}

/** An item is "near its plan" from this share of the planned time on. */
export const ITEM_WARNING_SHARE = 0.8;

export interface ItemClock {
  elapsed: string;
  /** Planned minutes as a clock (`15:00`), or null when the item has no plan. */
  planned: string | null;
  /** Bar fill, 0..1 (full when over the plan, empty without a plan). */
  fraction: number;
  tone: Tone;
}

/** An agenda item's clock against its planned minutes: amber from 80 % of the plan, red past it. */
export function itemClock(elapsedSeconds: number, plannedMinutes: number | null): ItemClock {
  const elapsed = formatClock(Math.max(0, elapsedSeconds));
  if (!plannedMinutes) return { elapsed, planned: null, fraction: 0, tone: 'normal' };
  const plan = plannedMinutes * 60;
  const share = elapsedSeconds / plan;
  const tone: Tone = elapsedSeconds > plan ? 'overrun' : share >= ITEM_WARNING_SHARE ? 'warning' : 'normal';
  return { elapsed, planned: formatClock(plan), fraction: Math.min(1, Math.max(0, share)), tone };
}

// ---- quorum --------------------------------------------------------------------------------------------------

/** Circumference of the quorum donut's circle (r = 42 in a 100 × 100 box). */
export const DONUT_R = 42;
export const DONUT_C = 2 * Math.PI * DONUT_R;

export interface QuorumPicture {
  count: QuorumCount;
  /** Arc lengths on the donut (sum ≤ DONUT_C): the hall, then the sites after it. */
  hallArc: number;
  sitesArc: number;
  /** Shares of the bar, in %. */
  hallPct: number;
  sitesPct: number;
  requiredPct: number;
  /** The required mark on the donut: end points of a short radial line. */
  mark: { x1: number; y1: number; x2: number; y2: number };
  /** Members still needed for the quorum (0 once reached). */
  missing: number;
}

export function quorumPicture(count: QuorumCount): QuorumPicture {
  const share = (n: number) => (count.members ? Math.min(1, n / count.members) : 0);
  const requiredShare = share(count.required);
  const angle = requiredShare * 2 * Math.PI - Math.PI / 2;
  const point = (r: number) => ({ x: 50 + r * Math.cos(angle), y: 50 + r * Math.sin(angle) });
  const inner = point(DONUT_R - 11);
  const outer = point(DONUT_R + 11);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count,
    hallArc: round(share(count.hall) * DONUT_C),
    sitesArc: round(share(count.sites) * DONUT_C),
    hallPct: round(share(count.hall) * 100),
    sitesPct: round(share(count.sites) * 100),
    requiredPct: round(requiredShare * 100),
    mark: { x1: round(inner.x), y1: round(inner.y), x2: round(outer.x), y2: round(outer.y) },
    missing: Math.max(0, count.required - count.present),
  };
}

// ---- the speakers list ----------------------------------------------------------------------------------------

export interface QueueRow {
  request: SpeakerRequest;
  /** 1-based place in the list. */
  position: number;
  /** Connected to the meeting room now (a request from someone who dropped out keeps its place, shown offline). */
  online: boolean;
  mine: boolean;
}

export function queueRows(queue: readonly SpeakerRequest[], presence: readonly PresenceEntry[], myUserId: string | null): QueueRow[] {
  const here = new Set(presence.map((p) => p.userId));
  return queue.map((request, i) => ({ request, position: i + 1, online: here.has(request.userId), mine: request.userId === myUserId }));
}

/** The list in a new order after a drag (every request once), or null when nothing moved. */
export function movedOrder(queue: readonly SpeakerRequest[], from: number, to: number): string[] | null {
  if (from === to || from < 0 || from >= queue.length) return null;
  const ids = queue.map((q) => q.id);
  const [moved] = ids.splice(from, 1);
  ids.splice(Math.max(0, Math.min(to, ids.length)), 0, moved);
  return ids;
}

/** The list as last sent by the chair while the server's answer is on its way (a drop does not jump back). */
export function withPendingOrder(queue: readonly SpeakerRequest[], pending: readonly string[] | null): SpeakerRequest[] {
  if (!pending) return [...queue];
  const byId = new Map(queue.map((q) => [q.id, q]));
  const ordered = pending.flatMap((id) => byId.get(id) ?? []);
  const rest = queue.filter((q) => !pending.includes(q.id));
  return [...ordered, ...rest];
}

// ---- the agenda -------------------------------------------------------------------------------------------------

/** What both the meeting page (AgendaItemDto) and the display (DisplayInfoDto) know of an item. */
export interface AgendaLike {
  id: string;
  parentId: string | null;
  title: string;
  plannedMinutes: number | null;
  position?: number;
}

export interface AgendaRow {
  id: string;
  number: string;
  depth: 0 | 1;
  title: string;
  plannedMinutes: number | null;
  current: boolean;
  closed: boolean;
  clock: ItemClock;
}

/** Reading order 1, 1.1, 2 … with each item's clock (closed and current items) at server time `now`. */
export function agendaRows(items: readonly AgendaLike[], floor: FloorState, now: number): AgendaRow[] {
  const sorted = [...items].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const tops = sorted.filter((i) => i.parentId === null || !sorted.some((p) => p.id === i.parentId && p.parentId === null));
  const rows: AgendaRow[] = [];
  const row = (item: AgendaLike, number: string, depth: 0 | 1): AgendaRow => ({
    id: item.id,
    number,
    depth,
    title: item.title,
    plannedMinutes: item.plannedMinutes,
    current: floor.currentItemId === item.id,
    closed: floor.closedItemIds.includes(item.id),
    clock: itemClock(itemElapsedSeconds(floor, item.id, now), item.plannedMinutes),
  });
  tops.forEach((top, i) => {
    rows.push(row(top, `${i + 1}`, 0));
    sorted.filter((c) => c.parentId === top.id && c !== top).forEach((child, j) => rows.push(row(child, `${i + 1}.${j + 1}`, 1)));
  });
  return rows;
}

// ---- attendance -------------------------------------------------------------------------------------------------

export interface AttendanceRow {
  userId: string;
  fullName: string;
  unitName: string | null;
  meetingRole: MeetingRole;
  /** Counts towards the quorum (chair and delegates, not proxies). */
  member: boolean;
  /** Attends for this person (ủy quyền). */
  representsName: string | null;
  status: AttendanceStatus | null;
  method: CheckInMethod | null;
  siteName: string | null;
  at: string | null;
  reason: string | null;
  online: boolean;
}

const ROLE_ORDER: Record<MeetingRole, number> = { chair: 0, delegate: 1, site: 2, secretary: 3, guest: 4 };

/** Everyone invited with their check-in: members first (chair, delegates), then sites, secretaries and guests. */
export function attendanceRows(
  roster: readonly RosterEntry[],
  attendance: Readonly<Record<string, AttendanceEntry>>,
  reasons: Readonly<Record<string, string>>,
  presence: readonly PresenceEntry[],
): AttendanceRow[] {
  const here = new Set(presence.map((p) => p.userId));
  const nameOf = new Map(roster.map((r) => [r.userId, r.fullName]));
  return roster
    .map((r) => {
      const a = attendance[r.userId];
      return {
        userId: r.userId,
        fullName: r.fullName,
        unitName: r.unitName,
        meetingRole: r.meetingRole,
        member: isMember(r),
        representsName: r.representsUserId ? (nameOf.get(r.representsUserId) ?? null) : null,
        status: a?.status ?? null,
        method: a?.method ?? null,
        siteName: a?.siteName ?? null,
        at: a?.at ?? null,
        reason: a?.status === 'absent' ? (reasons[r.userId] ?? null) : null,
        online: here.has(r.userId),
      };
    })
    .sort((a, b) => ROLE_ORDER[a.meetingRole] - ROLE_ORDER[b.meetingRole] || a.fullName.localeCompare(b.fullName, 'vi'));
}

export interface AttendanceTally {
  present: number;
  absent: number;
  unmarked: number;
}

export function attendanceTally(rows: readonly AttendanceRow[]): AttendanceTally {
  const present = rows.filter((r) => r.status === 'present').length;
  const absent = rows.filter((r) => r.status === 'absent').length;
  return { present, absent, unmarked: rows.length - present - absent };
}
