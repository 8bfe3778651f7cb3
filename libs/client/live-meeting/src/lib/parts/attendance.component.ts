import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import type { AttendanceEntry, AttendanceStatus, CheckInMethod, MeetingRole, PresenceEntry, RosterEntry } from '@phonghop/contracts';
import { TextPromptDialog, type TextPromptData } from '../dialogs';
import { FloorCommands } from '../floor-commands';
import { attendanceRows, attendanceTally, type AttendanceRow } from '../live-view';

const METHOD_ICONS: Record<CheckInMethod, string> = { qr: 'qr-code', secretary: 'edit', site: 'videocam' };

/**
 * The secretary's attendance (điểm danh): everyone invited, present (how: QR in the hall, marked by a secretary,
 * or at a site), absent with a reason, or not yet marked; mark present, absent or clear.
 */
@Component({
  selector: 'ph-live-attendance',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, ...I18N_PIPES],
  templateUrl: './attendance.component.html',
  styleUrl: './attendance.component.scss',
})
export class AttendanceComponent {
  readonly meetingId = input.required<string>();
  readonly roster = input.required<RosterEntry[]>();
  readonly attendance = input.required<Record<string, AttendanceEntry>>();
  readonly reasons = input.required<Record<string, string>>();
  readonly presence = input.required<PresenceEntry[]>();

  protected readonly commands = inject(FloorCommands);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);

  protected readonly rows = computed(() => attendanceRows(this.roster(), this.attendance(), this.reasons(), this.presence()));
  protected readonly tally = computed(() => attendanceTally(this.rows()));
  protected readonly methodIcons = METHOD_ICONS;

  protected roleKey(role: MeetingRole): MessageKey {
    return `meeting.role.${role}`;
  }

  protected methodKey(method: CheckInMethod): MessageKey {
    return `live.method.${method}`;
  }

  protected time(iso: string | null): string {
    return this.i18n.formatTime(iso);
  }

  protected mark(row: AttendanceRow, status: AttendanceStatus | null): void {
    if (status !== 'absent') {
      void this.commands.send('markAttendance', { meetingId: this.meetingId(), userId: row.userId, status });
      return;
    }
    const data: TextPromptData = {
      title: 'live.att.absentTitle',
      message: 'live.att.absentBody',
      params: { name: row.fullName },
      label: 'live.att.reason',
      confirm: 'live.att.markAbsent',
      required: false,
      maxLength: 500,
    };
    this.dialog
      .open<TextPromptDialog, TextPromptData, string>(TextPromptDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((reason) => {
        if (reason === undefined) return;
        void this.commands.send('markAttendance', { meetingId: this.meetingId(), userId: row.userId, status: 'absent', reason: reason || null });
      });
  }
}
