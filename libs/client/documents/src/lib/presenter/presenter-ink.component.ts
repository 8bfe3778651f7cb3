import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { LiveInkComponent } from '@phonghop/client-annotations';
import { normalisedPoint } from './live-ink';
import { PresenterSession } from './presenter-session';

/**
 * Over one page of the reader: the presentation's live ink when this is the presented page, and, for the presenter
 * with the pen on, the surface that draws it (pointer events, no scrolling under the pen).
 */
@Component({
  selector: 'ph-presenter-ink',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveInkComponent],
  template: `
    @if (ink(); as strokes) {
      <ph-live-ink [strokes]="strokes" [aspect]="aspect()" />
    }
  `,
  host: {
    '[class.drawing]': 'drawing()',
    '(pointerdown)': 'down($event)',
    '(pointermove)': 'move($event)',
    '(pointerup)': 'up()',
    '(pointercancel)': 'up()',
  },
  styles: `
    :host { position: absolute; inset: 0; pointer-events: none; z-index: 3; }
    :host(.drawing) { pointer-events: auto; touch-action: none; cursor: crosshair; }
  `,
})
export class PresenterInkComponent {
  readonly page = input.required<number>();
  readonly aspect = input(1.414);

  private readonly s = inject(PresenterSession);
  protected readonly ink = computed(() => this.s.inkFor(this.page()));
  protected readonly drawing = computed(() => this.s.pen() && this.s.isPresenter() && !!this.ink());
  private active = false;

  protected down(e: PointerEvent): void {
    if (!this.drawing() || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    this.active = true;
    this.s.beginStroke(this.page(), this.point(e));
  }

  protected move(e: PointerEvent): void {
    if (!this.active) return;
    e.preventDefault();
    this.s.addPoint(this.point(e));
  }

  protected up(): void {
    if (!this.active) return;
    this.active = false;
    this.s.endStroke();
  }

  private point(e: PointerEvent): number[] {
    return normalisedPoint(e.clientX, e.clientY, (e.currentTarget as HTMLElement).getBoundingClientRect());
  }
}
