import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { PresentedPageComponent } from '@phonghop/client-documents';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ConferencePresentation } from '@phonghop/contracts';

/**
 * The document page the host presents, large on everyone's stage, with its title and page number; the host also
 * gets large previous/next buttons (and swipes) and a stop button. Each device draws the page itself.
 */
@Component({
  selector: 'ph-presentation-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, PresentedPageComponent, ...I18N_PIPES],
  template: `
    @let p = presentation();
    <section class="panel" data-testid="conf-presentation" [attr.data-page]="p.page" [attr.aria-label]="'conf.presenting' | t">
      <header>
        <mat-icon svgIcon="description" aria-hidden="true" />
        <span class="title">{{ p.title }}</span>
        <span class="page" data-testid="conf-presentation-page">{{ 'conf.pageOf' | t: { page: p.page, count: p.pageCount } }}</span>
        <span class="by">{{ 'conf.presentedBy' | t: { name: p.presenter } }}</span>
      </header>
      <ph-presented-page [documentId]="p.documentId" [page]="p.page" (touchstart)="swipeStart($event)" (touchend)="swipeEnd($event)" />
      @if (host()) {
        <nav class="turn" [attr.aria-label]="'conf.presenting' | t">
          <button mat-flat-button type="button" class="ph-touch-button" [disabled]="p.page <= 1" (click)="turn.emit(p.page - 1)" data-testid="conf-present-prev"
                  [attr.aria-label]="'conf.prevPage' | t">
            <mat-icon svgIcon="chevron-left" />
          </button>
          <button mat-flat-button type="button" class="ph-touch-button" [disabled]="p.page >= p.pageCount" (click)="turn.emit(p.page + 1)" data-testid="conf-present-next"
                  [attr.aria-label]="'conf.nextPage' | t">
            <mat-icon svgIcon="chevron-right" />
          </button>
          <button mat-stroked-button type="button" class="ph-touch-button" (click)="stop.emit()" data-testid="conf-present-stop">
            {{ 'conf.stopPresenting' | t }}
          </button>
        </nav>
      }
    </section>
  `,
  styles: `
    :host { display: block; min-height: 0; }
    .panel { display: flex; flex-direction: column; height: 100%; background: #263238; border-radius: 8px; overflow: hidden; }
    header { display: flex; align-items: center; gap: 10px; padding: 6px 12px; font-size: 15px; }
    .title { font-weight: 500; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .page { padding: 2px 10px; border-radius: 12px; background: #37474f; white-space: nowrap; }
    .by { margin-left: auto; opacity: 0.75; font-size: 13px; white-space: nowrap; }
    ph-presented-page { flex: 1; min-height: 0; }
    .turn { display: flex; justify-content: center; gap: 12px; padding: 8px; }
    .turn .ph-touch-button { min-width: 72px; }
    .turn .mat-mdc-outlined-button { color: #fff; }
  `,
})
export class PresentationPanelComponent {
  readonly presentation = input.required<ConferencePresentation>();
  readonly host = input(false);
  readonly turn = output<number>();
  readonly stop = output<void>();

  private swipeX: number | null = null;

  /** The host turns pages with a swipe too, as on the tablet's own reader. */
  protected swipeStart(e: TouchEvent): void {
    this.swipeX = this.host() && e.touches.length === 1 ? e.touches[0].clientX : null;
  }

  protected swipeEnd(e: TouchEvent): void {
    if (this.swipeX === null || !e.changedTouches.length) return;
    const dx = e.changedTouches[0].clientX - this.swipeX;
    this.swipeX = null;
    const p = this.presentation();
    if (dx < -60 && p.page < p.pageCount) this.turn.emit(p.page + 1);
    else if (dx > 60 && p.page > 1) this.turn.emit(p.page - 1);
  }
}
