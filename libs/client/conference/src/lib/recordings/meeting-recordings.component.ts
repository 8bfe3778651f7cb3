import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { ConferenceApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { ApiErrorBody, ConferenceRecordingDto, RecordingStatus } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';

const STATUS: Record<RecordingStatus, MessageKey> = {
  recording: 'conf.rec.status.recording',
  processing: 'conf.rec.status.processing',
  ready: 'conf.rec.status.ready',
  failed: 'conf.rec.status.failed',
};

/** The meeting page's list of conference recordings, with downloads (meeting secretaries). */
@Component({
  selector: 'ph-meeting-recordings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ...I18N_PIPES],
  template: `
    <section class="ph-panel recordings" aria-labelledby="recordings-heading" data-testid="meeting-recordings">
      <h2 id="recordings-heading">{{ 'conf.rec.title' | t }}</h2>
      @if (error(); as err) {
        <p class="ph-error-text" role="alert">{{ err | apiError }}</p>
      }
      @if (!recordings().length) {
        <p class="empty">{{ 'conf.rec.empty' | t }}</p>
      }
      <ul>
        @for (r of recordings(); track r.id) {
          <li [attr.data-testid]="'recording-' + r.id" [attr.data-status]="r.status">
            <span class="when">{{ r.startedAt | dateTime: 'short' }}</span>
            <span class="length">{{ 'conf.rec.minutes' | t: { minutes: minutes(r) } }}</span>
            <span class="status">{{ statusKey(r.status) | t }}</span>
            @if (r.status === 'ready') {
              <a mat-stroked-button class="ph-touch-button" [href]="api.recordingFileUrl(meetingId(), r.id)" download data-testid="recording-download">
                <mat-icon svgIcon="download" /> {{ 'conf.rec.download' | t }}
              </a>
            }
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .recordings ul { list-style: none; margin: 0; padding: 0; }
    .recordings li { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; min-height: 56px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .recordings .when { font-weight: 500; }
    .recordings .status, .recordings .length { color: var(--mat-sys-on-surface-variant); }
    .recordings li a { margin-left: auto; }
  `,
})
export class MeetingRecordingsComponent {
  readonly meetingId = input.required<string>();
  protected readonly api = inject(ConferenceApi);
  protected readonly recordings = signal<ConferenceRecordingDto[]>([]);
  protected readonly error = signal<ApiErrorBody | null>(null);

  constructor() {
    effect(() => {
      const id = this.meetingId();
      untracked(() => void this.load(id));
    });
  }

  protected statusKey(status: RecordingStatus): MessageKey {
    return STATUS[status];
  }

  protected minutes(r: ConferenceRecordingDto): number {
    return Math.max(1, Math.round(r.durationSeconds / 60));
  }

  private async load(meetingId: string): Promise<void> {
    try {
      this.recordings.set(await firstValueFrom(this.api.recordings(meetingId)));
      this.error.set(null);
    } catch (e) {
      this.error.set(toApiError(e));
    }
  }
}
