import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { SessionStore } from '@phonghop/client-auth';
import { MeetingsApi, RealtimeClient, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { MeetingFactsComponent } from '@phonghop/client-shell';
import type { ApiErrorBody, MeetingKind, MeetingRole, MeetingStatus, MeetingSummaryDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { InvitationToastComponent, type InvitationToastData } from './invitation-toast.component';
import { orderMyMeetings, statusTone, upsertMeeting } from './meeting-order';

/**
 * "Cuộc họp của tôi": every meeting the signed-in person is invited to, as cards linking to the
 * meeting. Kept live: a new invitation pops up and joins the list, changes and cancellations replace
 * their card, and after a dropped connection the list reloads.
 */
@Component({
  selector: 'ph-my-meetings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, MeetingFactsComponent, ...I18N_PIPES],
  templateUrl: './my-meetings.page.html',
  styleUrl: './my-meetings.page.scss',
})
export class MyMeetingsPage {
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionStore);

  protected readonly meetings = signal<MeetingSummaryDto[] | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly ordered = computed(() => orderMyMeetings(this.meetings() ?? []));
  /** Secretaries and admins prepare meetings. */
  protected readonly canCreate = computed(() => !!this.session.user() && this.session.hasAnyRole(['secretary', 'admin']));

  constructor() {
    void this.load();
    const realtime = inject(RealtimeClient);
    realtime.invitations$.pipe(takeUntilDestroyed()).subscribe(({ meeting }) => {
      this.meetings.update((list) => upsertMeeting(list, meeting));
      const data: InvitationToastData = { meetingId: meeting.id, title: meeting.title };
      this.snackBar.openFromComponent(InvitationToastComponent, { data, duration: 10_000 });
    });
    realtime.meetingChanged$.pipe(takeUntilDestroyed()).subscribe((meeting) => {
      const before = this.meetings()?.find((m) => m.id === meeting.id);
      this.meetings.update((list) => upsertMeeting(list, meeting));
      if (before && before.status !== 'cancelled' && meeting.status === 'cancelled') {
        this.snackBar.open(this.i18n.t('home.meetingCancelled', { title: meeting.title }), undefined, { duration: 6000 });
      }
    });
    realtime.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => void this.load());
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.meetings.set(await firstValueFrom(this.meetingsApi.mine()));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected statusKey(status: MeetingStatus): MessageKey {
    return `meeting.status.${status}`;
  }
  protected kindKey(kind: MeetingKind): MessageKey {
    return `meeting.kind.${kind}`;
  }
  protected roleKey(role: MeetingRole): MessageKey {
    return `meeting.role.${role}`;
  }
  protected readonly tone = statusTone;
}
