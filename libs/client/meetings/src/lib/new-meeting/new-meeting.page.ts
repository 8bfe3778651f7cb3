import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { MeetingsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ApiErrorBody, CreateMeetingRequest } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { MeetingFormComponent } from '../meeting-form/meeting-form.component';

/** "Tạo cuộc họp": a draft that only its secretary sees until it is published. */
@Component({
  selector: 'ph-new-meeting-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, MeetingFormComponent, ...I18N_PIPES],
  template: `
    <div class="ph-page narrow">
      <header class="ph-page-header">
        <div>
          <h1 data-testid="meeting-new-title">{{ 'meetingForm.newTitle' | t }}</h1>
          <p class="ph-page-subtitle">{{ 'meetingForm.newSubtitle' | t }}</p>
        </div>
      </header>
      <section class="ph-panel form-panel">
        <ph-meeting-form [saving]="saving()" [error]="error()" submitLabel="meetingForm.create" (save)="create($event)" (cancelled)="back()" />
      </section>
    </div>
  `,
  styles: `
    .narrow { max-width: 880px; }
    .form-panel { padding: 24px 24px 16px; }
  `,
})
export class NewMeetingPage {
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly router = inject(Router);
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  async create(request: CreateMeetingRequest): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      const meeting = await firstValueFrom(this.meetingsApi.create(request));
      await this.router.navigate(['/meetings', meeting.id]);
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }

  protected back(): void {
    void this.router.navigate(['/']);
  }
}
