import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, computed, inject, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { AnnotationVisibility } from '@phonghop/contracts';
import type { ViewItem } from '../model/annotation-state';
import { ANNOTATION_COLORS } from '../sync/annotation-session';

export type MenuAction = { type: 'edit' | 'view' | 'delete' | 'close' | 'named' } | { type: 'share'; visibility: Exclude<AnnotationVisibility, 'named'> } | { type: 'color'; color: string };

/** Where the menu sits on the page, in % of the page box. */
export interface MenuPlace {
  left: number;
  top: number;
  /** Open to the left of `left` (near the right edge). */
  alignRight: boolean;
  /** Open above `top` (near the bottom). */
  above: boolean;
}

const VISIBILITY: Record<AnnotationVisibility, MessageKey> = {
  private: 'annot.visibility.private',
  meeting: 'annot.visibility.meeting',
  named: 'annot.visibility.named',
};

/**
 * The small menu of one annotation, on the page beside it: for the person's own, edit the text, colour, who sees
 * it (private, the meeting, named participants) and delete; for someone else's, whose it is and its text.
 */
@Component({
  selector: 'ph-annotation-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <div class="ph-annot-menu" role="menu" data-testid="annot-menu" [attr.data-item]="item().id" [style.left.%]="place().left" [style.top.%]="place().top"
         [class.right]="place().alignRight" [class.above]="place().above" (pointerdown)="$event.stopPropagation()" (click)="$event.stopPropagation()">
      <div class="head">
        <span class="who">
          @if (item().mine) {
            {{ 'annot.menu.mine' | t }} · <b data-testid="annot-menu-visibility">{{ visibilityKey() | t }}</b>
          } @else {
            {{ 'annot.menu.others' | t: { name: item().ownerName } }}
          }
        </span>
        <button type="button" class="icon" (click)="act.emit({ type: 'close' })" [attr.aria-label]="'common.close' | t" data-testid="annot-menu-close">
          <mat-icon svgIcon="close" />
        </button>
      </div>
      @if (item().mine) {
        @if (item().kind === 'note' || item().body) {
          <button type="button" role="menuitem" (click)="act.emit({ type: 'edit' })" data-testid="annot-menu-edit">
            <mat-icon svgIcon="annot-pen" />{{ 'annot.menu.edit' | t }}
          </button>
        }
        <div class="colors" role="group" [attr.aria-label]="'annot.colors' | t">
          @for (c of colors; track c) {
            <button type="button" class="swatch" [style.background]="c" [class.on]="c === item().color" [attr.aria-pressed]="c === item().color"
                    [attr.aria-label]="colorKey(c) | t" (click)="act.emit({ type: 'color', color: c })"></button>
          }
        </div>
        <button type="button" role="menuitemradio" [attr.aria-checked]="item().visibility === 'private'" (click)="act.emit({ type: 'share', visibility: 'private' })"
                data-testid="annot-menu-private"><mat-icon svgIcon="annot-private" />{{ 'annot.menu.private' | t }}</button>
        <button type="button" role="menuitemradio" [attr.aria-checked]="item().visibility === 'meeting'" (click)="act.emit({ type: 'share', visibility: 'meeting' })"
                data-testid="annot-menu-meeting"><mat-icon svgIcon="annot-meeting" />{{ 'annot.menu.meeting' | t }}</button>
        <button type="button" role="menuitemradio" [attr.aria-checked]="item().visibility === 'named'" (click)="act.emit({ type: 'named' })"
                data-testid="annot-menu-named"><mat-icon svgIcon="annot-person" />{{ 'annot.menu.named' | t }}</button>
        <button type="button" role="menuitem" class="danger" (click)="act.emit({ type: 'delete' })" data-testid="annot-menu-delete">
          <mat-icon svgIcon="delete" />{{ 'common.delete' | t }}
        </button>
      } @else if (item().body) {
        <button type="button" role="menuitem" (click)="act.emit({ type: 'view' })" data-testid="annot-menu-view">
          <mat-icon svgIcon="annot-note" />{{ 'annot.menu.view' | t }}
        </button>
      }
    </div>
  `,
  styleUrl: './annotation-menu.component.scss',
})
export class AnnotationMenuComponent {
  readonly item = input.required<ViewItem>();
  readonly place = input.required<MenuPlace>();
  readonly act = output<MenuAction>();

  protected readonly colors = ANNOTATION_COLORS;
  protected readonly visibilityKey = computed(() => VISIBILITY[this.item().visibility]);

  constructor() {
    // Opened near the bottom of the screen: bring all of it into view.
    const host = inject<ElementRef<HTMLElement>>(ElementRef);
    afterNextRender(() => host.nativeElement.querySelector('.ph-annot-menu')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  }

  protected colorKey(color: string): MessageKey {
    return `annot.color.${color.slice(1)}` as MessageKey;
  }
}
