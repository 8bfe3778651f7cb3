import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { MeetingsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { AgendaItemDto, ApiErrorBody, MeetingDetailDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { MeetingDocumentsComponent } from '../list/meeting-documents.component';

/**
 * `/meetings/:meetingId/documents`: the documents of one meeting on a page of their own (a deep link
 * for tablets, and the way back from the reader). The meeting page embeds the same component.
 */
@Component({
  selector: 'ph-meeting-documents-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink, MeetingDocumentsComponent, ...I18N_PIPES],
  template: `
    <div class="ph-page">
      <header class="ph-page-header">
        <div>
          <h1 data-testid="documents-page-title">{{ 'docs.pageTitle' | t }}</h1>
          @if (meeting(); as m) {
            <p class="ph-page-subtitle">{{ m.title }} · {{ m.startsAt | dateTime }}</p>
          }
        </div>
        <a mat-stroked-button class="ph-touch-button" [routerLink]="['/meetings', meetingId()]">
          <mat-icon svgIcon="arrow-back" /> {{ 'docs.backToMeeting' | t }}
        </a>
      </header>
      @if (error(); as err) {
        <div class="ph-error-banner" role="alert"><mat-icon svgIcon="error" /><span>{{ err | apiError }}</span></div>
      }
      <ph-meeting-documents [meetingId]="meetingId()" [canManage]="canManage()" [agenda]="agenda()" />
    </div>
  `,
})
export class MeetingDocumentsPage {
  readonly meetingId = input.required<string>();

  private readonly meetingsApi = inject(MeetingsApi);
  protected readonly meeting = signal<MeetingDetailDto | null>(null);
  protected readonly agenda = signal<AgendaItemDto[]>([]);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly canManage = computed(() => this.meeting()?.myRole === 'secretary');

  constructor() {
    effect(() => {
      const id = this.meetingId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const [meeting, agenda] = await Promise.all([firstValueFrom(this.meetingsApi.get(id)), firstValueFrom(this.meetingsApi.agenda(id))]);
      this.meeting.set(meeting);
      this.agenda.set(agenda);
    } catch (e) {
      this.error.set(toApiError(e));
    }
  }
}
