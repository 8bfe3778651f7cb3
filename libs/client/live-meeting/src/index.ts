export { LiveMeetingPanelComponent } from './lib/panel/live-meeting-panel.component';
export { CheckInPage } from './lib/check-in/check-in.page';
export { DisplayPage } from './lib/display/display.page';
export { readDisplayToken, DISPLAY_TOKEN_STORAGE_KEY } from './lib/display/display-token';
export { DisplayConnection } from './lib/display/display-connection';
export type { DisplayLinkState } from './lib/display/display-connection';
export { QuorumComponent } from './lib/parts/quorum.component';
export { QrCodeComponent } from './lib/parts/qr-code.component';
export {
  formatClock,
  countdown,
  speakerCountdown,
  itemClock,
  quorumPicture,
  queueRows,
  movedOrder,
  withPendingOrder,
  agendaRows,
  attendanceRows,
  attendanceTally,
  ITEM_WARNING_SHARE,
} from './lib/live-view';
export type { Tone, Countdown, ItemClock, QuorumPicture, QueueRow, AgendaRow, AgendaLike, AttendanceRow, AttendanceTally } from './lib/live-view';
export { qrPicture } from './lib/qr';
export type { QrPicture } from './lib/qr';
