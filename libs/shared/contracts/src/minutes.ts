import type { QuorumCount } from './live-meeting';

/**
 * Minutes (biên bản) and conclusions (thông báo kết luận) of a meeting. Each kind has numbered versions: version 1
 * is the first draft; a finalized version never changes, and a correction is a new draft (version + 1) started
 * from the latest final. Within a draft every save bumps `revision`, so two secretaries editing at once cannot
 * overwrite each other: a save names the version and revision it was made from, and a stale one is refused
 * (409 MINUTES_CONFLICT).
 *
 * The chair and the secretaries read the latest version, draft or final; every other participant reads final
 * versions only.
 */
export const MINUTES_KINDS = ['minutes', 'conclusions'] as const;
export type MinutesKind = (typeof MINUTES_KINDS)[number];
export type MinutesStatus = 'draft' | 'final';

/** Longest body or conclusion, in characters of HTML (the server's sanitizer enforces it: MINUTES_HTML_TOO_LARGE). */
export const MINUTES_HTML_MAX_CHARS = 200_000;
/** "05/BB-UBND"; blank or "/BB-UBND" leaves the number for the clerk to write in. */
export const MINUTES_NUMBER_MAX_LENGTH = 60;

/** The conclusion on one agenda item (the title is the item's when the draft was made). */
export interface MinutesItemDto {
  itemId: string;
  title: string;
  /** Sanitized HTML (p, h3, ul, ol, li, strong, em, u, br), or null when nothing was concluded yet. */
  conclusionHtml: string | null;
}

export interface MinutesDto {
  meetingId: string;
  kind: MinutesKind;
  version: number;
  /** Saves of this version so far (0 for a new draft); send it back as `baseRevision`. */
  revision: number;
  status: MinutesStatus;
  number: string;
  /** Sanitized HTML, safe to show with innerHTML. */
  bodyHtml: string;
  items: MinutesItemDto[];
  updatedAt: string;
  updatedByName: string | null;
  finalizedAt: string | null;
  finalizedByName: string | null;
}

/** One line of the version history (no body). */
export interface MinutesVersionDto {
  version: number;
  revision: number;
  status: MinutesStatus;
  number: string;
  createdAt: string;
  updatedAt: string;
  updatedByName: string | null;
  finalizedAt: string | null;
  finalizedByName: string | null;
}

export interface SaveMinutesDraftRequest {
  bodyHtml: string;
  number: string;
  /** Conclusions to change, by agenda item; items not listed keep theirs. */
  items?: { itemId: string; conclusionHtml: string | null }[];
  /** The version the edit was made on: a correction started meanwhile makes it stale. */
  baseVersion: number;
  /** The revision the edit was made on: another save meanwhile makes it stale. */
  baseRevision: number;
}

export interface FinalizeMinutesRequest {
  /** When given, finalizing is refused (MINUTES_CONFLICT) if the draft changed since this revision was read. */
  baseRevision?: number;
}

// ---- meeting statistics (thống kê cuộc họp) ------------------------------------------------------------------

/** Attendance of one group of participants: a unit, or a place (the hall or a site). */
export interface AttendanceGroupDto {
  /** The site's id for a site; null for a unit and for the hall. */
  siteId: string | null;
  /** The unit's or site's name; null for people without a unit, and for the hall. */
  name: string | null;
  present: number;
  /** Marked absent or never checked in. */
  absent: number;
  total: number;
}

export interface MeetingStatisticsDto {
  meetingId: string;
  /** Server time the figures were taken (a running meeting's clocks go on). */
  generatedAt: string;
  attendance: {
    /** Everyone invited except the secretaries (who run the meeting), proxies included. */
    participants: number;
    present: number;
    absent: number;
    /** Present in the hall / at remote sites (điểm cầu). */
    hall: number;
    sites: number;
    /** Members (chair and delegates) for the quorum, counted as the live meeting counts them. */
    quorum: QuorumCount;
    byUnit: AttendanceGroupDto[];
    /**
     * The hall first (siteId null), then each site. A person counts where they checked in; someone absent counts at
     * their site when their account is a site's, else in the hall.
     */
    bySite: AttendanceGroupDto[];
  };
  session: {
    startedAt: string | null;
    endedAt: string | null;
    /** Seconds the session was open (until now while it runs). */
    seconds: number;
    /** The meeting's scheduled length (start to planned end), if it has an end. */
    plannedMinutes: number | null;
  };
  /** Every agenda item in reading order. */
  items: {
    itemId: string;
    parentId: string | null;
    title: string;
    plannedMinutes: number | null;
    /** Seconds the item was open (reopenings add up). */
    seconds: number;
    /** Seconds beyond the planned minutes (0 when none planned or within them). */
    overrunSeconds: number;
    speeches: number;
  }[];
  /** Finished speeches per speaker (a person, or a site), in order of first speech. */
  speakers: {
    userId: string;
    name: string;
    unitName: string | null;
    siteName: string | null;
    speeches: number;
    totalSeconds: number;
    /** Speeches that ran over the time given, and by how much in total. */
    overruns: number;
    overrunSeconds: number;
  }[];
  /** Published documents (current version): to how many participants, received on tablets, opened. */
  documents: { documentId: string; title: string; version: number; recipients: number; received: number; opened: number }[];
  /** Closed votes in closing order: how many took part of those who could, and the outcome. */
  votes: { motionId: string; itemId: string | null; title: string; secret: boolean; eligible: number; cast: number; outcome: 'passed' | 'not_passed' | 'elected' | 'tied' | 'none' }[];
}
