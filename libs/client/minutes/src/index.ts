export { MinutesPanelComponent } from './lib/panel/minutes-panel.component';
export { MinutesDocumentComponent } from './lib/document/minutes-document.component';
export { MeetingStatsComponent } from './lib/stats/meeting-stats.component';
export { DraftSaver } from './lib/document/draft-saver';
export type { SaveResult, DraftSaverOptions } from './lib/document/draft-saver';
export { pastedParagraphs, pasteInsert, htmlToPlainText, escapeHtml } from './lib/editor/paste';
export type { PasteInsert } from './lib/editor/paste';
export {
  minutesAudience,
  minutesView,
  showsMinutes,
  showsStatistics,
  saveLabel,
  versionRows,
  conclusionRows,
  changedConclusions,
  isBlankHtml,
  MINUTES_MEETING_STATUSES,
} from './lib/minutes-view';
export type { MinutesAudience, MinutesMode, MinutesView, SaveState, SaveLabel, VersionRow, ConclusionRow } from './lib/minutes-view';
export { niceMax, barPct, formatDuration, attendanceRows, durationRows, durationTone, speakerRows, documentRows, itemNumbers, share, WARN_SHARE } from './lib/stats/bars';
export type { StackRow, DurationRow, DurationTone, SpeakerRow, DocumentRow } from './lib/stats/bars';
