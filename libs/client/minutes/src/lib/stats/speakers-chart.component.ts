import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import type { MeetingStatisticsDto } from '@phonghop/contracts';
import { formatDuration, speakerRows, type SpeakerRow } from './bars';

/** Speaking time per speaker, the part over the time given in red at the end of the bar. */
@Component({
  selector: 'ph-speakers-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    <ul class="legend" aria-hidden="true">
      <li><i class="within"></i>{{ 'stats.spoken' | t }}</li>
      <li><i class="over"></i>{{ 'stats.overTime' | t }}</li>
    </ul>
    <ul class="rows">
      @for (row of rows(); track row.userId) {
        <li class="row" [attr.data-testid]="'stats-speaker-' + row.userId" [attr.data-seconds]="row.totalSeconds" [attr.data-overruns]="row.overruns">
          <span class="label">{{ row.name }} @if (row.detail) { <small>{{ row.detail }}</small> }</span>
          <span class="line">
            <span class="track" role="img" [attr.aria-label]="aria(row)">
              <span class="seg within" [style.width.%]="row.withinPct"></span>
              @if (row.overPct) { <span class="seg over" [style.width.%]="row.overPct"></span> }
            </span>
            <span class="value" [class.over]="row.overruns > 0" aria-hidden="true">
              {{ clock(row.totalSeconds) }} · {{ 'stats.speeches' | t: { count: row.speeches } }}
              @if (row.overruns) { <small>{{ 'stats.overruns' | t: { count: row.overruns, time: clock(row.overrunSeconds) } }}</small> }
            </span>
          </span>
        </li>
      }
    </ul>
  `,
  styleUrls: ['./chart.scss'],
  styles: `
    .within { background: var(--actual); }
    .over { background: var(--bad); }
    .value { min-width: 150px; white-space: normal; }
    .value small { display: block; font-weight: 600; }
  `,
})
export class SpeakersChartComponent {
  readonly speakers = input.required<MeetingStatisticsDto['speakers']>();

  private readonly i18n = inject(I18nService);
  protected readonly rows = computed(() => speakerRows(this.speakers()));
  protected readonly clock = formatDuration;

  protected aria(row: SpeakerRow): string {
    const text = this.i18n.t('stats.speakerAria', { name: row.name, count: row.speeches, time: formatDuration(row.totalSeconds) });
    return row.overruns ? `${text}; ${this.i18n.t('stats.overruns', { count: row.overruns, time: formatDuration(row.overrunSeconds) })}` : text;
  }
}
