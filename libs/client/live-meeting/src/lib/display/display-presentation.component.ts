import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { LiveInkComponent } from '@phonghop/client-annotations';
import { PresentedPageComponent } from '@phonghop/client-documents';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { PresentationState } from '@phonghop/contracts';

/** A4 portrait: the room slice does not carry the page's size. */
const PAGE_ASPECT = 297 / 210;

/**
 * The hall display while something is presented: title, page number, presenter, and the live ink on a page-shaped
 * sheet, the page drawn by pdf.js from the display's own file route (`/api/display/presentation/file`, its token in a
 * header). The sheet is A4-shaped: ink on pages of another shape is placed on the A4 sheet.
 */
@Component({
  selector: 'ph-display-presentation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveInkComponent, PresentedPageComponent, ...I18N_PIPES],
  template: `
    @let p = presentation();
    <section class="presentation" data-testid="display-presentation" [attr.data-page]="p.page" [attr.data-document-id]="p.documentId">
      <header>
        <h2 class="title">{{ p.title }}</h2>
        <span class="page" data-testid="display-presentation-page">{{ 'present.displayPage' | t: { page: p.page, count: p.pageCount } }}</span>
        <span class="by">{{ 'present.displayBy' | t: { name: p.presenter } }}</span>
      </header>
      <div class="stage">
        <div class="sheet" [style.aspect-ratio]="1 / aspect" [style.transform]="p.zoom > 1 ? 'scale(' + p.zoom + ')' : null">
          @if (token(); as t) {
            <ph-presented-page class="pdf" [documentId]="p.documentId" [page]="p.page" [displayToken]="t" />
          } @else {
            <span class="big-number" aria-hidden="true">{{ p.page }}</span>
          }
          <ph-live-ink [strokes]="p.ink" [aspect]="aspect" />
        </div>
      </div>
    </section>
  `,
  styles: `
    :host { display: block; height: 100%; }
    .presentation { display: flex; flex-direction: column; height: 100%; gap: 12px; }
    header { display: flex; align-items: baseline; gap: 24px; flex-wrap: wrap; }
    .title { margin: 0; font-size: 2.2rem; font-weight: 600; }
    .page { padding: 4px 16px; border-radius: 20px; background: rgb(255 255 255 / 15%); font-size: 1.8rem; }
    .by { margin-left: auto; opacity: 0.8; font-size: 1.4rem; }
    .stage { flex: 1; min-height: 0; display: flex; justify-content: center; align-items: center; overflow: hidden; }
    .sheet { position: relative; height: 100%; max-width: 100%; background: #fff; box-shadow: 0 2px 16px rgb(0 0 0 / 40%);
             display: flex; align-items: center; justify-content: center; transform-origin: center; }
    .big-number { font-size: 8rem; color: #eceff1; font-weight: 700; }
    .pdf { position: absolute; inset: 0; }
  `,
})
export class DisplayPresentationComponent {
  readonly presentation = input.required<PresentationState>();
  /** The display's token: the presented page is drawn from the display's own file route. */
  readonly token = input<string | null>(null);
  protected readonly aspect = PAGE_ASPECT;
}
