import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { QuorumCount } from '@phonghop/contracts';
import { DONUT_C, DONUT_R, quorumPicture } from '../live-view';

/**
 * The quorum as a picture: a ring of all members, filled for those present (hall and sites in two colours), with
 * a mark where the quorum lies, the count in its centre and the verdict beside it. Used on the meeting page and,
 * larger and on dark, on the hall display.
 */
@Component({
  selector: 'ph-live-quorum',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <div class="quorum" [class.reached]="count().reached" [attr.data-testid]="testId()" [attr.data-reached]="count().reached"
         [attr.data-present]="count().present" [attr.data-members]="count().members">
      <svg class="donut" viewBox="0 0 100 100" role="img"
           [attr.aria-label]="'live.quorum.aria' | t: { present: count().present, members: count().members, required: count().required }">
        <circle class="track" cx="50" cy="50" [attr.r]="r" />
        @if (picture().hallArc > 0) {
          <circle class="hall" cx="50" cy="50" [attr.r]="r" [attr.stroke-dasharray]="picture().hallArc + ' ' + c" transform="rotate(-90 50 50)" />
        }
        @if (picture().sitesArc > 0) {
          <circle class="sites" cx="50" cy="50" [attr.r]="r" [attr.stroke-dasharray]="picture().sitesArc + ' ' + c"
                  [attr.stroke-dashoffset]="-picture().hallArc" transform="rotate(-90 50 50)" />
        }
        @if (count().members > 0) {
          <line class="mark" [attr.x1]="picture().mark.x1" [attr.y1]="picture().mark.y1" [attr.x2]="picture().mark.x2" [attr.y2]="picture().mark.y2" />
        }
        <text class="big" x="50" y="47">{{ count().present }}</text>
        <text class="small" x="50" y="71">/ {{ count().members }}</text>
      </svg>
      <div class="words">
        <p class="verdict">
          <mat-icon [svgIcon]="count().reached ? 'check-circle' : 'hourglass'" />
          @if (count().reached) { {{ 'live.quorum.reached' | t }} } @else { {{ 'live.quorum.notYet' | t: { missing: picture().missing } }} }
        </p>
        <p class="rule">{{ 'live.quorum.rule' | t: { required: count().required, members: count().members } }}</p>
        <ul class="legend">
          <li><span class="swatch hall"></span>{{ 'live.quorum.hall' | t }} <strong>{{ count().hall }}</strong></li>
          <li><span class="swatch sites"></span>{{ 'live.quorum.sites' | t }} <strong>{{ count().sites }}</strong></li>
          <li><span class="swatch absent"></span>{{ 'live.quorum.notHere' | t }} <strong>{{ count().members - count().present }}</strong></li>
        </ul>
        @if (count().byProxy) { <p class="proxy">{{ 'live.quorum.byProxy' | t: { count: count().byProxy } }}</p> }
      </div>
    </div>
  `,
  styles: `
    :host { display: block; container-type: inline-size; --q-hall: #1565c0; --q-sites: #00897b; --q-track: #e3e8ef; --q-mark: #1f2933; --q-ok: #1b7f4c; --q-wait: #a15c00; }
    .quorum { display: flex; align-items: center; gap: 16px; }
    .donut { width: var(--q-size, 128px); height: var(--q-size, 128px); flex: none; }
    circle { fill: none; stroke-width: 14; }
    .track { stroke: var(--q-track); }
    .hall { stroke: var(--q-hall); }
    .sites { stroke: var(--q-sites); }
    .mark { stroke: var(--q-mark); stroke-width: 3; stroke-linecap: round; }
    text { text-anchor: middle; fill: currentColor; font-family: inherit; }
    .big { font-size: 28px; font-weight: 700; dominant-baseline: central; }
    .small { font-size: 13px; opacity: 0.75; }
    .words { min-width: 0; }
    .verdict mat-icon { flex: none; width: 1.2em; height: 1.2em; }
    .verdict { display: flex; align-items: center; gap: 6px; margin: 0 0 2px; font-weight: 700; font-size: var(--q-verdict, 17px); color: var(--q-wait); }
    .reached .verdict { color: var(--q-ok); }
    .rule, .proxy { margin: 0 0 6px; font-size: var(--q-small, 14px); opacity: 0.8; }
    .legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: var(--q-small, 14px); }
    .legend li { display: inline-flex; align-items: center; gap: 6px; }
    .swatch { width: 12px; height: 12px; border-radius: 3px; display: inline-block; }
    .swatch.hall { background: var(--q-hall); }
    .swatch.sites { background: var(--q-sites); }
    @container (max-width: 330px) {
      .quorum { flex-direction: column; align-items: flex-start; gap: 10px; }
    }
    .swatch.absent { background: var(--q-track); outline: 1px solid rgba(0, 0, 0, 0.15); }
  `,
})
export class QuorumComponent {
  readonly count = input.required<QuorumCount>();
  readonly testId = input('live-quorum');
  protected readonly picture = computed(() => quorumPicture(this.count()));
  protected readonly r = DONUT_R;
  protected readonly c = DONUT_C;
}
