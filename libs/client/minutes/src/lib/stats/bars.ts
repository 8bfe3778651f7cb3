import type { AttendanceGroupDto, MeetingStatisticsDto } from '@phonghop/contracts';

/**
 * The meeting's statistics as bars: pure arithmetic (scales, shares, tones, clock text) the chart components only
 * draw. Lengths are percentages of the chart's width, so the charts follow any screen.
 */

/** The top of a scale: the largest value rounded up to 1, 2, 2.5 or 5 × 10ⁿ (at least 1), so bars compare. */
export function niceMax(values: readonly number[]): number {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (max <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

/** A value's length in % of `max`, 0–100; a value above zero stays visible (at least `minPct`). */
export function barPct(value: number, max: number, minPct = 1.5): number {
  if (!(value > 0) || !(max > 0)) return 0;
  const pct = Math.min(100, (value / max) * 100);
  return Math.round(Math.max(pct, minPct) * 10) / 10;
}

/** Seconds as a clock: "0:45", "12:05", "1:02:03". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

// ── Attendance: present and absent, stacked ────────────────────────────────

export interface StackRow {
  /** The group's name; null for the hall (by place) or people without a unit (by unit). */
  name: string | null;
  present: number;
  absent: number;
  total: number;
  /** Segment lengths in % of the chart (the longest group fills it). */
  presentPct: number;
  absentPct: number;
}

export function attendanceRows(groups: readonly AttendanceGroupDto[]): StackRow[] {
  const max = Math.max(1, ...groups.map((g) => g.total));
  return groups.map((g) => ({
    name: g.name,
    present: g.present,
    absent: g.absent,
    total: g.total,
    presentPct: barPct(g.present, max),
    absentPct: barPct(g.absent, max),
  }));
}

// ── Durations: plan against actual ─────────────────────────────────────────

/** Within the plan (or no plan), a little over it (up to `WARN_SHARE` more), or well over it. */
export type DurationTone = 'none' | 'ok' | 'warn' | 'bad';
/** Up to 20 % over the plan is amber; more is red. */
export const WARN_SHARE = 0.2;

export interface DurationRow {
  id: string;
  title: string;
  /** 1, 2 … for agenda items, 1.1 for sub-items; null for the session. */
  number: string | null;
  sub: boolean;
  plannedSeconds: number | null;
  actualSeconds: number;
  overSeconds: number;
  plannedPct: number;
  actualPct: number;
  tone: DurationTone;
  speeches: number;
}

export function durationTone(actualSeconds: number, plannedSeconds: number | null): DurationTone {
  if (!plannedSeconds) return 'none';
  if (actualSeconds <= plannedSeconds) return 'ok';
  return actualSeconds <= plannedSeconds * (1 + WARN_SHARE) ? 'warn' : 'bad';
}

/**
 * The session and each item, plan and actual on one scale per block (the session is hours, items minutes: they
 * get separate scales so the items stay readable).
 */
export function durationRows(stats: Pick<MeetingStatisticsDto, 'session' | 'items'>): { session: DurationRow; items: DurationRow[] } {
  const session = toRow('session', null, false, '', stats.session.plannedMinutes, stats.session.seconds, 0);
  const sessionMax = niceMax([session.actualSeconds, session.plannedSeconds ?? 0]);
  scale(session, sessionMax);

  const numbers = itemNumbers(stats.items);
  const items = stats.items.map((i) => toRow(i.itemId, numbers.get(i.itemId) ?? null, i.parentId !== null, i.title, i.plannedMinutes, i.seconds, i.speeches));
  const itemMax = niceMax(items.flatMap((r) => [r.actualSeconds, r.plannedSeconds ?? 0]));
  for (const r of items) scale(r, itemMax);
  return { session, items };
}

function toRow(id: string, number: string | null, sub: boolean, title: string, plannedMinutes: number | null, actualSeconds: number, speeches: number): DurationRow {
  const plannedSeconds = plannedMinutes ? plannedMinutes * 60 : null;
  return {
    id,
    title,
    number,
    sub,
    plannedSeconds,
    actualSeconds,
    overSeconds: plannedSeconds ? Math.max(0, actualSeconds - plannedSeconds) : 0,
    plannedPct: 0,
    actualPct: 0,
    tone: durationTone(actualSeconds, plannedSeconds),
    speeches,
  };
}

function scale(row: DurationRow, max: number): void {
  row.plannedPct = barPct(row.plannedSeconds ?? 0, max);
  row.actualPct = barPct(row.actualSeconds, max);
}

/** "1", "2", "2.1" … in reading order (items come in reading order, parents before their children). */
export function itemNumbers(items: readonly { itemId: string; parentId: string | null }[]): Map<string, string> {
  const numbers = new Map<string, string>();
  const childCount = new Map<string, number>();
  let top = 0;
  for (const item of items) {
    const parent = item.parentId ? numbers.get(item.parentId) : undefined;
    if (item.parentId && parent) {
      const n = (childCount.get(item.parentId) ?? 0) + 1;
      childCount.set(item.parentId, n);
      numbers.set(item.itemId, `${parent}.${n}`);
    } else {
      numbers.set(item.itemId, String(++top));
    }
  }
  return numbers;
}

// ── Speakers: time spoken, the part over the time given ────────────────────

export interface SpeakerRow {
  userId: string;
  name: string;
  /** Unit, or "site" for a site's speeches. */
  detail: string | null;
  speeches: number;
  totalSeconds: number;
  overruns: number;
  overrunSeconds: number;
  /** Within the time given, then over it: together the whole bar. */
  withinPct: number;
  overPct: number;
}

export function speakerRows(speakers: MeetingStatisticsDto['speakers']): SpeakerRow[] {
  const max = niceMax(speakers.map((s) => s.totalSeconds));
  return speakers.map((s) => {
    const over = Math.min(s.overrunSeconds, s.totalSeconds);
    const overPct = barPct(over, max);
    const totalPct = barPct(s.totalSeconds, max);
    return {
      userId: s.userId,
      name: s.name,
      detail: s.siteName && s.siteName !== s.name ? s.siteName : s.unitName,
      speeches: s.speeches,
      totalSeconds: s.totalSeconds,
      overruns: s.overruns,
      overrunSeconds: s.overrunSeconds,
      withinPct: Math.max(0, Math.round((totalPct - overPct) * 10) / 10),
      overPct,
    };
  });
}

// ── Documents: received and opened out of those it went to ──────────────────

export interface DocumentRow {
  documentId: string;
  title: string;
  version: number;
  recipients: number;
  received: number;
  opened: number;
  /** The recipients' track in % of the chart (the document sent to most people fills it). */
  recipientsPct: number;
  /** Received and opened in % of the recipients' track. */
  receivedPct: number;
  openedPct: number;
}

export function documentRows(documents: MeetingStatisticsDto['documents']): DocumentRow[] {
  const max = Math.max(1, ...documents.map((d) => d.recipients));
  return documents.map((d) => ({
    ...d,
    recipientsPct: barPct(d.recipients, max),
    receivedPct: barPct(d.received, d.recipients),
    openedPct: barPct(d.opened, d.recipients),
  }));
}

/** A share as a whole percentage ("75 %"), 0 when there is nothing to share. */
export function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
