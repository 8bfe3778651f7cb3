import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { LiveStroke } from '@phonghop/contracts';
import { VIEW_WIDTH, strokePath } from '../model/geometry';

/**
 * A presenter's live ink over a page, drawn with the annotation overlay's maths (page-normalised points into view
 * units, a thousandth of the page width): the reader, the tablets that follow and the hall display draw it alike.
 * Display only: input comes from whoever hosts it.
 */
@Component({
  selector: 'ph-live-ink',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg [attr.viewBox]="viewBox()" preserveAspectRatio="none" aria-hidden="true" data-testid="present-ink-layer" [attr.data-strokes]="strokes().length">
      @for (s of paths(); track s.id) {
        <path [attr.d]="s.d" [attr.stroke]="s.color" [attr.stroke-width]="s.width" fill="none" stroke-linecap="round" stroke-linejoin="round" />
      }
    </svg>
  `,
  styles: `
    :host { position: absolute; inset: 0; pointer-events: none; }
    svg { width: 100%; height: 100%; display: block; }
  `,
})
export class LiveInkComponent {
  readonly strokes = input<readonly LiveStroke[]>([]);
  /** Page height / width. */
  readonly aspect = input(1.414);

  protected readonly viewBox = computed(() => `0 0 ${VIEW_WIDTH} ${VIEW_WIDTH * this.aspect()}`);
  protected readonly paths = computed(() =>
    this.strokes().map((s) => ({ id: s.id, color: s.color, width: Math.max(1, s.width * VIEW_WIDTH), d: strokePath(s.points, this.aspect()) })),
  );
}
