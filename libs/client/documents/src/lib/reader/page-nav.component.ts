import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { PageTurn } from './page-turn';

/**
 * `<ph-reader-page-nav [page] [count] (turn)>`: the reader's ‹ "Trang 2/12" › — large buttons for a thumb at the
 * bottom of a tablet, the page indicator between them (announced politely to screen readers as it changes).
 */
@Component({
  selector: 'ph-reader-page-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ...I18N_PIPES],
  template: `
    <nav class="nav" [attr.aria-label]="'reader.pageNav' | t">
      <button mat-icon-button type="button" class="turn" (click)="turn.emit('prev')" [disabled]="page() <= 1"
              [attr.aria-label]="'reader.prevPage' | t" data-testid="reader-prev">
        <mat-icon svgIcon="chevron-left" />
      </button>
      <span class="where" aria-live="polite" data-testid="reader-page-indicator">{{ 'reader.pageOf' | t: { page: page(), count: count() } }}</span>
      <button mat-icon-button type="button" class="turn" (click)="turn.emit('next')" [disabled]="page() >= count()"
              [attr.aria-label]="'reader.nextPage' | t" data-testid="reader-next">
        <mat-icon svgIcon="chevron-right" />
      </button>
    </nav>
  `,
  styles: `
    :host { display: block; }
    .nav { display: flex; align-items: center; justify-content: center; gap: 12px; }
    .where { min-width: 7.5em; font-size: 15px; font-weight: 600; font-variant-numeric: tabular-nums; text-align: center; }
    .turn { --mat-icon-button-state-layer-size: 56px; --mat-icon-button-icon-size: 32px; background: var(--mat-sys-surface-container-high); }
    .turn:disabled { background: none; }
  `,
})
export class ReaderPageNavComponent {
  readonly page = input(1);
  readonly count = input(0);
  readonly turn = output<PageTurn>();
}
