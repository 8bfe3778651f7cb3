import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { RsvpState } from '@phonghop/contracts';
import { RSVP_ICONS, rsvpKey } from '../labels';
import type { RosterRow } from '../rsvp';

/** One of the three answers, as a button of the card. */
interface RsvpChoice {
  state: Exclude<RsvpState, 'pending'>;
  label: MessageKey;
  icon: string;
  testId: string;
}

const CHOICES: readonly RsvpChoice[] = [
  { state: 'attending', label: 'rsvp.attend', icon: 'check-circle', testId: 'rsvp-attend' },
  { state: 'declined', label: 'rsvp.decline', icon: 'cancel', testId: 'rsvp-decline' },
  { state: 'delegated', label: 'rsvp.delegate', icon: 'forward', testId: 'rsvp-delegate' },
];

/**
 * "Xác nhận tham dự": my own answer, and the three ways to give it. Before an answer every choice is outlined and
 * none is pressed (a filled button read as "already chosen"); the chosen one is filled, ticked and aria-pressed.
 */
@Component({
  selector: 'ph-rsvp-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ...I18N_PIPES],
  template: `
    <div class="current" [attr.data-state]="me().rsvp" data-testid="rsvp-current">
      <mat-icon [svgIcon]="icons[me().rsvp]" />
      <div>
        <span class="label">{{ 'rsvp.yourAnswer' | t }}</span>
        <span class="state">{{ rsvpKey(me().rsvp) | t }}</span>
        @if (me().rsvp === 'delegated' && me().delegateName) {
          <span class="detail">{{ 'roster.delegatedTo' | t: { name: me().delegateName! } }}</span>
        }
        @if (me().representsUserId) {
          <span class="detail">{{ 'rsvp.youRepresent' | t: { name: me().representsName ?? '—' } }}</span>
        }
      </div>
    </div>
    @if (canAnswer()) {
      <p class="ask" id="rsvp-ask">{{ (me().rsvp === 'pending' ? 'rsvp.ask' : 'rsvp.change') | t }}</p>
      <div class="choices" role="group" aria-labelledby="rsvp-ask">
        @for (c of choices(); track c.state) {
          @let chosen = me().rsvp === c.state;
          <button type="button" class="ph-touch-button choice" [matButton]="chosen ? 'filled' : 'outlined'" [class.chosen]="chosen"
                  [attr.data-choice]="c.state" [attr.aria-pressed]="chosen" [disabled]="busy()" (click)="choose(c.state)"
                  [attr.data-testid]="c.testId">
            <mat-icon [svgIcon]="chosen ? 'check' : c.icon" /> {{ c.label | t }}
          </button>
        }
      </div>
    } @else {
      <p class="ask">{{ 'rsvp.closed' | t }}</p>
    }
  `,
  styles: `
    :host { display: block; }
    .current { display: flex; align-items: center; gap: 12px; padding: 12px 14px; border-radius: 10px; background: var(--mat-sys-surface-container); }
    .current mat-icon { width: 32px; height: 32px; flex: 0 0 auto; }
    .current > div { display: flex; flex-direction: column; }
    .label { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .state { font-size: 18px; font-weight: 700; }
    .detail { font-size: 14px; color: var(--mat-sys-on-surface-variant); }
    /* Not answered yet: an open, dashed box, so nothing looks decided. */
    .current[data-state='pending'] { background: transparent; border: 2px dashed var(--mat-sys-outline); color: #7a4b00; }
    .current[data-state='attending'] { background: #d8f3e3; color: #0e5a33; }
    .current[data-state='declined'] { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .current[data-state='delegated'] { background: #fdf0c8; color: #6a4c00; }
    .ask { margin: 14px 0 10px; color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .choices { display: flex; flex-direction: column; gap: 8px; }
    .choices button { justify-content: flex-start; min-height: 48px; }
    .chosen { font-weight: 700; }
    .chosen[data-choice='attending'] { --mat-button-filled-container-color: #1b7f4c; --mat-button-filled-label-text-color: #fff; }
    .chosen[data-choice='declined'] { --mat-button-filled-container-color: var(--mat-sys-error); --mat-button-filled-label-text-color: var(--mat-sys-on-error); }
    .chosen[data-choice='delegated'] { --mat-button-filled-container-color: #8a6100; --mat-button-filled-label-text-color: #fff; }
  `,
})
export class RsvpCardComponent {
  readonly me = input.required<RosterRow>();
  readonly canAnswer = input(true);
  readonly busy = input(false);
  readonly attend = output<void>();
  readonly decline = output<void>();
  readonly delegate = output<void>();
  protected readonly icons = RSVP_ICONS;
  protected readonly rsvpKey = rsvpKey;
  /** A proxy cannot pass the seat on again (no delegating a delegation). */
  protected readonly choices = computed(() => CHOICES.filter((c) => c.state !== 'delegated' || !this.me().representsUserId));

  protected choose(state: RsvpChoice['state']): void {
    if (state === 'attending') {
      // Already coming: pressing it again changes nothing. Declining or delegating again may change the reason or person.
      if (this.me().rsvp !== 'attending') this.attend.emit();
    } else if (state === 'declined') this.decline.emit();
    else this.delegate.emit();
  }
}
