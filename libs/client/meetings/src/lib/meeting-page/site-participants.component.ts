import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { SiteParticipantDto } from '@phonghop/contracts';

/**
 * The sites invited to the meeting, in the province → district → commune order: where each sits, and who operates
 * it — a site without an operator account is invited all the same, and says so (someone has to create one before
 * it can connect).
 */
@Component({
  selector: 'ph-site-participants',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, ...I18N_PIPES],
  template: `
    @if (sites().length === 0) {
      <p class="empty" data-testid="site-participants-empty">{{ 'siteParticipants.empty' | t }}</p>
    }
    <ul class="sites" role="list">
      @for (s of sites(); track s.id) {
        <li class="row" [style.--depth]="s.unitPath.length" [attr.data-testid]="'site-participant-' + s.id"
            [attr.data-operator]="s.operators.length ? 'yes' : 'none'">
          <mat-icon svgIcon="videocam" class="icon" aria-hidden="true" />
          <div class="who">
            <span class="name">{{ s.name }}@if (s.isHost) { <span class="host">{{ 'siteParticipants.host' | t }}</span> }</span>
            <span class="sub">{{ pathOf(s) }}</span>
            @if (s.operators.length) {
              <span class="sub">{{ 'siteParticipants.operators' | t: { names: operatorNames(s) } }}</span>
            } @else {
              <span class="sub warn">{{ 'siteParticipants.noOperator' | t }}</span>
            }
          </div>
          @if (editable()) {
            <button mat-icon-button type="button" class="ph-touch-button" (click)="remove.emit(s)"
                    [attr.aria-label]="('siteParticipants.remove' | t) + ': ' + s.name" [matTooltip]="'siteParticipants.remove' | t"
                    [attr.data-testid]="'site-participant-remove-' + s.id">
              <mat-icon svgIcon="delete" />
            </button>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .sites { margin: 0; padding: 0; list-style: none; }
    .row {
      /* The remove button: a 48 px touch target, as in the roster above. */
      --mat-icon-button-state-layer-size: 48px;
      display: flex; align-items: center; gap: 12px; min-height: 56px; padding: 8px 4px;
      padding-inline-start: calc(4px + (var(--depth) - 1) * 16px);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .icon { flex: none; color: var(--mat-sys-primary); }
    .who { flex: 1; display: flex; flex-direction: column; min-width: 0; }
    .name { font-weight: 500; }
    .host { margin-inline-start: 8px; padding: 0 8px; border-radius: 999px; background: var(--mat-sys-primary-container); font-size: 12px; }
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .sub.warn { color: var(--mat-sys-error); }
    .empty { margin: 0; padding: 8px 0; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class SiteParticipantsComponent {
  readonly sites = input.required<SiteParticipantDto[]>();
  readonly editable = input(false);
  readonly remove = output<SiteParticipantDto>();

  /** Where the site sits: province › district › commune, as the conference's site tree will show it. */
  protected pathOf(s: SiteParticipantDto): string {
    return s.unitPath.map((u) => u.name).join(' › ');
  }

  protected operatorNames(s: SiteParticipantDto): string {
    return s.operators.map((o) => o.fullName).join(', ');
  }
}
