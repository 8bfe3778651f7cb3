import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MeetingsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { ApiErrorBody, MeetingKind, MeetingRole, MeetingStatus, MeetingSummaryDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { orderMyMeetings, statusTone } from './meeting-order';

/** "Cuộc họp của tôi": every meeting the signed-in person is invited to, as cards. */
@Component({
  selector: 'ph-my-meetings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, ...I18N_PIPES],
  templateUrl: './my-meetings.page.html',
  styleUrl: './my-meetings.page.scss',
})
export class MyMeetingsPage {
  private readonly meetingsApi = inject(MeetingsApi);

  protected readonly meetings = signal<MeetingSummaryDto[] | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly ordered = computed(() => orderMyMeetings(this.meetings() ?? []));

  constructor() {
    void this.load();
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
