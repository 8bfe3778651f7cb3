import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { CHART, type ResultPicture, chartLayout } from './result-view';

/**
 * The result as horizontal bars, one per option, drawn in SVG on the chart's own 640-wide box so it scales with
 * the screen: the label above each bar, ballots (and weight, when members weigh differently) at its end, and a
 * dashed line where the required amount lies. The winning bar is marked; tied candidates are striped.
 */
@Component({
  selector: 'ph-vote-result-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    <svg class="chart" [attr.viewBox]="'0 0 ' + width + ' ' + layout().height" role="img" data-testid="vote-result-chart"
         [attr.aria-label]="'vote.result.chartAria' | t">
      <defs>
        <pattern id="ph-vote-tied" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="10" height="10" class="tied-bg" /><rect width="5" height="10" class="tied-fg" />
        </pattern>
      </defs>
      @for (row of picture().rows; track row.optionId; let i = $index) {
        @let at = layout().rows[i];
        <g [attr.data-testid]="'vote-result-row-' + row.optionId" [attr.data-ballots]="row.ballots" [attr.data-weight]="row.weight"
           [attr.data-winner]="row.winner" [class.winner]="row.winner" [attr.data-tone]="row.tone">
          <text class="label" x="0" [attr.y]="at.labelY">{{ row.winner ? '✓ ' : '' }}{{ row.label }}</text>
          <rect class="track" x="0" [attr.y]="at.barY" [attr.width]="layout().barArea" [attr.height]="barHeight" rx="6" />
          @if (at.barWidth > 0) {
            <rect class="bar" [class.tied]="row.tied" x="0" [attr.y]="at.barY" [attr.width]="at.barWidth" [attr.height]="barHeight" rx="6" />
          }
          <text class="value" [class.inside]="at.valueInside" [attr.x]="at.valueX" [attr.y]="at.barY + barHeight / 2"
                [attr.text-anchor]="at.valueInside ? 'end' : 'start'">
            {{ row.ballots }}
            @if (picture().weighted) { <tspan class="weight"> · {{ 'vote.result.weightShort' | t: { weight: row.weight } }}</tspan> }
          </text>
        </g>
      }
      @if (layout().requiredX; as x) {
        <line class="required" [attr.x1]="x" [attr.x2]="x" y1="0" [attr.y2]="layout().height - 20" />
        <text class="required-label" [attr.x]="x" [attr.y]="layout().height - 4" text-anchor="middle">
          {{ 'vote.result.requiredMark' | t: { required: picture().required } }}
        </text>
      }
    </svg>
  `,
  styles: `
    :host { display: block; --vr-yes: #1b7f4c; --vr-no: #c62828; --vr-abstain: #8d96a0; --vr-other: #1565c0; --vr-track: #eef2f6; --vr-text: currentColor; --vr-mark: #1f2933; }
    .chart { width: 100%; height: auto; display: block; overflow: visible; }
    text { fill: var(--vr-text); font-family: inherit; }
    .label { font-size: 17px; font-weight: 600; }
    .winner .label { font-weight: 800; }
    .track { fill: var(--vr-track); }
    .bar { fill: var(--vr-other); }
    [data-tone='yes'] .bar { fill: var(--vr-yes); }
    [data-tone='no'] .bar { fill: var(--vr-no); }
    [data-tone='abstain'] .bar { fill: var(--vr-abstain); }
    .bar.tied { fill: url(#ph-vote-tied); }
    .tied-bg { fill: var(--vr-other); }
    .tied-fg { fill: var(--vr-abstain); }
    .value { font-size: 17px; font-weight: 750; dominant-baseline: central; font-variant-numeric: tabular-nums; }
    .value.inside { fill: #fff; }
    .weight { font-weight: 500; font-size: 14px; }
    .required { stroke: var(--vr-mark); stroke-width: 2; stroke-dasharray: 5 4; }
    .required-label { font-size: 13px; font-weight: 700; }
  `,
})
export class ResultChartComponent {
  readonly picture = input.required<ResultPicture>();
  protected readonly layout = computed(() => chartLayout(this.picture()));
  protected readonly width = CHART.width;
  protected readonly barHeight = CHART.barHeight;
}
