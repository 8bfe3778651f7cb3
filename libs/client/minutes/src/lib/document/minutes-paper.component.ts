import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { MinutesDto } from '@phonghop/contracts';
import { conclusionRows } from '../minutes-view';

/**
 * A version read, not edited: the number, the body and, for conclusions, the conclusion on each agenda item.
 * The HTML is the server's sanitized subset (p, h3, lists, strong, em, u, br); Angular's own sanitizer keeps it.
 */
@Component({
  selector: 'ph-minutes-paper',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    <article class="paper" [attr.data-testid]="testId()" [attr.data-version]="doc().version" [attr.data-status]="doc().status">
      @if (doc().status === 'draft') { <p class="stamp" aria-hidden="true">{{ 'minutes.status.draft' | t }}</p> }
      @if (doc().number) { <p class="number">{{ 'minutes.numberShort' | t: { number: doc().number } }}</p> }
      <div class="body" [innerHTML]="doc().bodyHtml"></div>
      @for (item of items(); track item.itemId) {
        <section class="item">
          <h3>{{ item.number }}. {{ item.title }}</h3>
          @if (item.html) {
            <div [innerHTML]="item.html"></div>
          } @else {
            <p class="none">{{ 'minutes.itemEmpty' | t }}</p>
          }
        </section>
      }
    </article>
  `,
  styles: `
    .paper {
      position: relative;
      max-width: 820px;
      margin: 0 auto;
      padding: 28px 36px 32px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 6px;
      background: #fff;
      box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
      font-family: 'Times New Roman', 'Liberation Serif', 'Noto Serif', serif;
      font-size: 18px;
      line-height: 1.6;
      text-align: justify;
      overflow-wrap: anywhere;
    }
    .stamp {
      position: absolute;
      top: 14px;
      right: 18px;
      margin: 0;
      padding: 2px 10px;
      border: 2px solid #b3261e;
      border-radius: 4px;
      color: #b3261e;
      font: 700 14px/1.4 system-ui, sans-serif;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      transform: rotate(3deg);
    }
    .number { margin: 0 0 12px; font-style: italic; }
    :host ::ng-deep .paper p { margin: 0 0 8px; }
    :host ::ng-deep .paper h3 { margin: 16px 0 8px; font-size: 18px; font-weight: 700; }
    :host ::ng-deep .paper :is(ul, ol) { margin: 0 0 8px; padding-left: 28px; }
    .none { color: #6b6f76; font-style: italic; }
    @media (max-width: 600px) {
      .paper { padding: 18px 16px 22px; font-size: 17px; }
    }
  `,
})
export class MinutesPaperComponent {
  readonly doc = input.required<MinutesDto>();
  readonly testId = input('minutes-read');
  protected readonly items = computed(() => conclusionRows(this.doc().items));
}
