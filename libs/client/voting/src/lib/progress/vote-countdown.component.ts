import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { voteClock } from './vote-progress';

/**
 * The vote's countdown in server time (the caller passes its ServerClock's tick, so every tablet and the display
 * flip together): digits and a shrinking bar, amber in the last seconds. Without `closesAt` it says the chair
 * will close the vote.
 */
@Component({
  selector: 'ph-vote-countdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    @if (clock(); as c) {
      <div class="clock" role="timer" data-testid="vote-countdown" [attr.data-remaining]="c.remaining" [attr.data-tone]="c.tone"
           [attr.aria-label]="'vote.countdown.aria' | t: { time: c.text }">
        <mat-icon svgIcon="timer" />
        <span class="digits">{{ c.text }}</span>
        @if (c.tone === 'ending') { <span class="ending">{{ 'vote.countdown.closing' | t }}</span> }
        <span class="bar"><span [style.width.%]="c.fraction * 100"></span></span>
      </div>
    } @else {
      <p class="manual" data-testid="vote-countdown" data-remaining="">{{ 'vote.countdown.manual' | t }}</p>
    }
  `,
  styles: `
    :host { display: block; --vc-size: 30px; --vc-fill: #0b4f8a; --vc-warn: #b26a00; --vc-track: #e3e8ef; }
    .clock { display: grid; grid-template-columns: auto auto 1fr; align-items: center; gap: 4px 10px; }
    mat-icon { width: calc(var(--vc-size) * 0.8); height: calc(var(--vc-size) * 0.8); opacity: 0.8; }
    .digits { font-size: var(--vc-size); font-weight: 750; font-variant-numeric: tabular-nums; line-height: 1; }
    .ending { font-size: calc(var(--vc-size) * 0.5); font-weight: 600; }
    .bar { grid-column: 1 / -1; height: 6px; border-radius: 3px; background: var(--vc-track); overflow: hidden; }
    .bar span { display: block; height: 100%; background: var(--vc-fill); transition: width 1s linear; }
    [data-tone='warning'] .digits, [data-tone='ending'] .digits { color: var(--vc-warn); }
    [data-tone='warning'] .bar span { background: var(--vc-warn); }
    .manual { margin: 0; font-size: 14px; opacity: 0.8; }
  `,
})
export class VoteCountdownComponent {
  readonly openedAt = input.required<string>();
  readonly closesAt = input<string | null>(null);
  /** Server time (ms). */
  readonly now = input.required<number>();
  protected readonly clock = computed(() => voteClock(this.openedAt(), this.closesAt(), this.now()));
}
