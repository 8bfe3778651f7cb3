import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { RSVP_ICONS, rsvpKey } from '../labels';
import type { RosterRow } from '../rsvp';

/** "Xác nhận tham dự": my own answer, and the three ways to give it. */
@Component({
  selector: 'ph-rsvp-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ...I18N_PIPES],
  template: `
    <div class="current" [attr.data-state]="me().rsvp" data-testid="rsvp-current">
      <mat-icon [svgIcon]="icons[me().rsvp]" />
      <div>
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
      <p class="ask">{{ (me().rsvp === 'pending' ? 'rsvp.ask' : 'rsvp.change') | t }}</p>
      <div class="choices">
        <button mat-flat-button type="button" class="ph-touch-button attend" [disabled]="busy() || me().rsvp === 'attending'"
                (click)="attend.emit()" data-testid="rsvp-attend">
          <mat-icon svgIcon="check-circle" /> {{ 'rsvp.attend' | t }}
        </button>
        <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="decline.emit()" data-testid="rsvp-decline">
          <mat-icon svgIcon="cancel" /> {{ 'rsvp.decline' | t }}
        </button>
        @if (!me().representsUserId) {
          <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="delegate.emit()" data-testid="rsvp-delegate">
            <mat-icon svgIcon="forward" /> {{ 'rsvp.delegate' | t }}
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
    .state { font-size: 18px; font-weight: 700; }
    .detail { font-size: 14px; color: var(--mat-sys-on-surface-variant); }
    .current[data-state='attending'] { background: #d8f3e3; color: #0e5a33; }
    .current[data-state='declined'] { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .current[data-state='delegated'] { background: #fdf0c8; color: #6a4c00; }
    .ask { margin: 14px 0 10px; color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .choices { display: flex; flex-direction: column; gap: 8px; }
    .choices button { justify-content: flex-start; }
    .attend { --mat-button-filled-container-color: #1b7f4c; --mat-button-filled-label-text-color: #fff; }
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
}
