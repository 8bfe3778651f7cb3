import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { formatDuration, type DurationRow } from './bars';

/**
 * Plan against actual as paired bars (plan above, actual below, on one scale); the actual bar turns amber a little
 * over the plan and red well over it, and says by how much.
 */
@Component({
  selector: 'ph-duration-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    <ul class="rows">
      @for (row of rows(); track row.id) {
        <li class="row" [class.sub]="row.sub" [attr.data-testid]="testId() + '-' + row.id" [attr.data-tone]="row.tone"
            [attr.data-seconds]="row.actualSeconds" [attr.data-planned]="row.plannedSeconds ?? ''">
          <span class="label">
            @if (row.number) { <span class="num">{{ row.number }}.</span> }
            {{ row.title || ('stats.session' | t) }}
            @if (row.number) { <small>{{ 'stats.speeches' | t: { count: row.speeches } }}</small> }
          </span>
          <span class="bars" role="img" [attr.aria-label]="aria(row)">
            <span class="line">
              <span class="track thin"><span class="seg plan" [style.width.%]="row.plannedPct"></span></span>
              <span class="value plan-value" aria-hidden="true">
                {{ 'stats.plan' | t }} {{ row.plannedSeconds ? clock(row.plannedSeconds) : '—' }}
              </span>
            </span>
            <span class="line">
              <span class="track"><span class="seg actual" [attr.data-tone]="row.tone" [style.width.%]="row.actualPct"></span></span>
              <span class="value" [class.warn]="row.tone === 'warn'" [class.over]="row.tone === 'bad'" aria-hidden="true">
                {{ 'stats.actual' | t }} {{ clock(row.actualSeconds) }}
                @if (row.overSeconds) { <small>(+{{ clock(row.overSeconds) }})</small> }
              </span>
            </span>
          </span>
        </li>
      }
    </ul>
  `,
  styleUrls: ['./chart.scss'],
  styles: `
    .num { color: var(--mat-sys-primary); }
    .sub .label { padding-left: 18px; font-weight: 500; }
    .plan { background: var(--plan); }
    .actual { background: var(--actual); }
    .actual[data-tone='warn'] { background: var(--warn); }
    .actual[data-tone='bad'] { background: var(--bad); }
    .value { min-width: 150px; }
    .plan-value { font-weight: 500; color: var(--mat-sys-on-surface-variant); }
    @container (max-width: 520px) { .value { min-width: 120px; } }
  `,
})
export class DurationChartComponent {
  readonly rows = input.required<DurationRow[]>();
  readonly testId = input('stats-item');

  private readonly i18n = inject(I18nService);
  protected readonly clock = formatDuration;

  protected aria(row: DurationRow): string {
    const name = row.title || this.i18n.t('stats.session');
    const plan = row.plannedSeconds ? formatDuration(row.plannedSeconds) : this.i18n.t('stats.noPlan');
    const text = this.i18n.t('stats.durationAria', { name, actual: formatDuration(row.actualSeconds), plan });
    return row.overSeconds ? `${text}; ${this.i18n.t('stats.over', { time: formatDuration(row.overSeconds) })}` : text;
  }
}
