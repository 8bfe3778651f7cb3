import type { MeetingRole, MeetingStatus, MinutesDto, MinutesKind, MinutesStatus, MinutesVersionDto } from '@phonghop/contracts';

/**
 * Who someone is for the minutes: the secretaries write them, the chair reads drafts and finalizes, everyone
 * else reads final versions only (the server enforces the same; this only decides what to show).
 */
export type MinutesAudience = 'writer' | 'chair' | 'reader';

export function minutesAudience(role: MeetingRole | null | undefined): MinutesAudience {
  return role === 'secretary' ? 'writer' : role === 'chair' ? 'chair' : 'reader';
}

/** Meetings whose minutes the page shows: running (the secretary may start early), ended, archived. */
export const MINUTES_MEETING_STATUSES: readonly MeetingStatus[] = ['in_progress', 'ended', 'archived'];

export function showsMinutes(status: MeetingStatus | null | undefined): boolean {
  return !!status && MINUTES_MEETING_STATUSES.includes(status);
}

/** The statistics are for those who preside (chair and secretaries). */
export function showsStatistics(role: MeetingRole | null | undefined): boolean {
  return role === 'chair' || role === 'secretary';
}

/**
 * What one kind's card shows:
 * - `start`: nothing yet, the secretary may start the draft (pre-filled from the running record);
 * - `waiting`: nothing (readable) yet for the chair or a reader;
 * - `edit`: the secretary edits the draft;
 * - `review`: the chair reads the draft (and may finalize it);
 * - `final`: the final version, read-only (a secretary may start a correction).
 */
export type MinutesMode = 'start' | 'waiting' | 'edit' | 'review' | 'final';

export interface MinutesView {
  mode: MinutesMode;
  canFinalize: boolean;
  canCorrect: boolean;
}

export function minutesView(audience: MinutesAudience, doc: Pick<MinutesDto, 'status'> | null): MinutesView {
  if (!doc) return { mode: audience === 'writer' ? 'start' : 'waiting', canFinalize: false, canCorrect: false };
  if (doc.status === 'final') return { mode: 'final', canFinalize: false, canCorrect: audience === 'writer' };
  // A reader never gets a draft from the server; should one arrive, it is not shown as readable.
  if (audience === 'reader') return { mode: 'waiting', canFinalize: false, canCorrect: false };
  return { mode: audience === 'writer' ? 'edit' : 'review', canFinalize: true, canCorrect: false };
}

/** The state of the draft on the server, as the save indicator tells it. */
export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error' }
  | { kind: 'conflict' }
  | { kind: 'final' };

export type SaveTone = 'ok' | 'busy' | 'warn' | 'bad';

export interface SaveLabel {
  key: 'minutes.save.saved' | 'minutes.save.unchanged' | 'minutes.save.dirty' | 'minutes.save.saving' | 'minutes.save.error' | 'minutes.save.conflict' | 'minutes.save.final';
  time: string | null;
  tone: SaveTone;
}

/** The indicator's words and colour; `time` formats the saved moment (hh:mm in the UI's locale). */
export function saveLabel(state: SaveState, time: (iso: string) => string): SaveLabel {
  switch (state.kind) {
    case 'saved':
      return state.at ? { key: 'minutes.save.saved', time: time(state.at), tone: 'ok' } : { key: 'minutes.save.unchanged', time: null, tone: 'ok' };
    case 'dirty':
      return { key: 'minutes.save.dirty', time: null, tone: 'busy' };
    case 'saving':
      return { key: 'minutes.save.saving', time: null, tone: 'busy' };
    case 'error':
      return { key: 'minutes.save.error', time: null, tone: 'warn' };
    case 'conflict':
      return { key: 'minutes.save.conflict', time: null, tone: 'bad' };
    case 'final':
      return { key: 'minutes.save.final', time: null, tone: 'bad' };
  }
}

export interface VersionRow {
  version: number;
  status: MinutesStatus;
  number: string;
  /** Who last touched it: the one who finalized a final version, else the last editor. */
  by: string | null;
  /** When: finalized, else last changed. */
  at: string;
  /** The version the card shows now. */
  current: boolean;
}

/** The history, newest first, each with who and when. */
export function versionRows(versions: readonly MinutesVersionDto[], currentVersion: number | null): VersionRow[] {
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: v.version,
      status: v.status,
      number: v.number,
      by: v.status === 'final' ? (v.finalizedByName ?? v.updatedByName) : v.updatedByName,
      at: v.status === 'final' ? (v.finalizedAt ?? v.updatedAt) : v.updatedAt,
      current: v.version === currentVersion,
    }));
}

/** The kind's name in the UI. */
export function kindTitleKey(kind: MinutesKind): 'minutes.kind.minutes' | 'minutes.kind.conclusions' {
  return kind === 'minutes' ? 'minutes.kind.minutes' : 'minutes.kind.conclusions';
}

/** One conclusion editor per agenda item, numbered in the draft's order. */
export interface ConclusionRow {
  itemId: string;
  number: number;
  title: string;
  html: string;
}

export function conclusionRows(items: MinutesDto['items']): ConclusionRow[] {
  return items.map((item, i) => ({ itemId: item.itemId, number: i + 1, title: item.title, html: item.conclusionHtml ?? '' }));
}

/**
 * What a save sends for the conclusions: every item whose text changed since the last save (empty → null, which
 * the server stores as "nothing concluded yet").
 */
export function changedConclusions(saved: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): { itemId: string; conclusionHtml: string | null }[] {
  const out: { itemId: string; conclusionHtml: string | null }[] = [];
  for (const [itemId, html] of now) {
    if (saved.get(itemId) === html) continue;
    out.push({ itemId, conclusionHtml: isBlankHtml(html) ? null : html });
  }
  return out;
}

/** True for what an emptied editor leaves behind: `<p><br></p>`, `<br>`, whitespace, &nbsp;. */
export function isBlankHtml(html: string): boolean {
  return (
    html
      .replace(/<br\s*\/?>/gi, '')
      .replace(/<\/?(p|div|h3|ul|ol|li|strong|em|u|b|i|span)(\s[^>]*)?>/gi, '')
      .replace(/&nbsp;|\u00a0/g, '')
      .trim() === ''
  );
}
