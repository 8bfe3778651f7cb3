import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MinutesApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ApiErrorBody, MeetingStatisticsDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { AttendanceChartComponent } from './attendance-chart.component';
import { durationRows, formatDuration, share } from './bars';
import { DocumentsChartComponent } from './documents-chart.component';
import { DurationChartComponent } from './duration-chart.component';
import { SpeakersChartComponent } from './speakers-chart.component';

/**
 * "Thống kê cuộc họp" for the chair and secretaries, as pictures: attendance by unit and by place, the session's
 * and each item's time against plan, the speakers, and how far each document went. Figures are taken when the
 * tab opens and again with "Làm mới" (a running meeting's clocks go on).
 */
@Component({
  selector: 'ph-meeting-stats',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    AttendanceChartComponent,
    DocumentsChartComponent,
    DurationChartComponent,
    SpeakersChartComponent,
    ...I18N_PIPES,
  ],
  templateUrl: './meeting-stats.component.html',
  styleUrl: './meeting-stats.component.scss',
})
export class MeetingStatsComponent {
  readonly meetingId = input.required<string>();

  private readonly api = inject(MinutesApi);
  protected readonly stats = signal<MeetingStatisticsDto | null>(null);
  protected readonly outcomeKeys = {
    passed: 'stats.voteOutcome.passed',
    not_passed: 'stats.voteOutcome.not_passed',
    elected: 'stats.voteOutcome.elected',
    tied: 'stats.voteOutcome.tied',
    none: 'stats.voteOutcome.none',
  } as const satisfies Record<MeetingStatisticsDto['votes'][number]['outcome'], string>;
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  protected readonly durations = computed(() => {
    const s = this.stats();
    return s ? durationRows(s) : null;
  });
  protected readonly presentShare = computed(() => {
    const a = this.stats()?.attendance;
    return a ? share(a.present, a.participants) : 0;
  });
  protected readonly speeches = computed(() => (this.stats()?.speakers ?? []).reduce((n, s) => n + s.speeches, 0));
  protected readonly clock = formatDuration;

  constructor() {
    effect(() => {
      const id = this.meetingId();
      untracked(() => void this.load(id));
    });
  }

  protected refresh(): void {
    void this.load(this.meetingId());
  }

  private async load(meetingId: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.stats.set(await firstValueFrom(this.api.statistics(meetingId)));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }
}
