import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { VoteProgress } from '@phonghop/contracts';
import { progressPicture } from './vote-progress';

/**
 * How many have voted, as one bar of everyone eligible: the hall's ballots and the sites' in two colours, the
 * count large beside it. Counts only; a choice never shows here. Colours and sizes come from CSS variables, so
 * the chair's console and the hall display (dark, large) share it.
 */
@Component({
  selector: 'ph-vote-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    <div class="progress" data-testid="vote-progress" [attr.data-voted]="p().voted" [attr.data-eligible]="p().eligible">
      <p class="count">
        <strong class="voted">{{ p().voted }}</strong><span class="of">/ {{ p().eligible }}</span>
        <span class="words">{{ 'vote.progress.voted' | t }}</span>
        <span class="pct">{{ p().pct }}%</span>
      </p>
      <div class="bar" role="progressbar" aria-valuemin="0" [attr.aria-valuemax]="p().eligible" [attr.aria-valuenow]="p().voted"
           [attr.aria-label]="'vote.progress.aria' | t: { voted: p().voted, eligible: p().eligible }">
        <span class="hall" [style.width.%]="p().hallPct"></span>
        <span class="sites" [style.width.%]="p().sitesPct"></span>
      </div>
      @if (p().hasSites) {
        <ul class="legend">
          <li data-testid="vote-progress-hall"><span class="swatch hall"></span>{{ 'vote.progress.hall' | t }} <strong>{{ p().hall.voted }}/{{ p().hall.eligible }}</strong></li>
          <li data-testid="vote-progress-sites"><span class="swatch sites"></span>{{ 'vote.progress.sites' | t }} <strong>{{ p().sites.voted }}/{{ p().sites.eligible }}</strong></li>
          <li><span class="swatch rest"></span>{{ 'vote.progress.waiting' | t }} <strong>{{ p().remaining }}</strong></li>
        </ul>
      } @else if (p().remaining > 0) {
        <p class="waiting">{{ 'vote.progress.waitingCount' | t: { count: p().remaining } }}</p>
      }
    </div>
  `,
  styles: `
    :host { display: block; --vp-hall: #1565c0; --vp-sites: #00897b; --vp-track: #e3e8ef; --vp-big: 34px; --vp-small: 14px; --vp-bar: 22px; }
    .count { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; margin: 0 0 8px; }
    .voted { font-size: var(--vp-big); line-height: 1; font-weight: 750; font-variant-numeric: tabular-nums; }
    .of { font-size: calc(var(--vp-big) * 0.55); font-weight: 600; opacity: 0.75; font-variant-numeric: tabular-nums; }
    .words { font-size: var(--vp-small); opacity: 0.8; }
    .pct { margin-left: auto; font-size: calc(var(--vp-big) * 0.55); font-weight: 700; font-variant-numeric: tabular-nums; }
    .bar { display: flex; height: var(--vp-bar); border-radius: 999px; overflow: hidden; background: var(--vp-track); }
    .bar span { display: block; height: 100%; transition: width 0.4s ease; }
    .hall { background: var(--vp-hall); }
    .sites { background: var(--vp-sites); }
    .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 8px 0 0; padding: 0; font-size: var(--vp-small); }
    .legend li { display: inline-flex; align-items: center; gap: 6px; }
    .swatch { width: 12px; height: 12px; border-radius: 3px; display: inline-block; }
    .swatch.hall { background: var(--vp-hall); }
    .swatch.sites { background: var(--vp-sites); }
    .swatch.rest { background: var(--vp-track); outline: 1px solid rgba(0, 0, 0, 0.15); }
    .waiting { margin: 6px 0 0; font-size: var(--vp-small); opacity: 0.8; }
  `,
})
export class VoteProgressComponent {
  readonly progress = input.required<VoteProgress>();
  protected readonly p = computed(() => progressPicture(this.progress()));
}
