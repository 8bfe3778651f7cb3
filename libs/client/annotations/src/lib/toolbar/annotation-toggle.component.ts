import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { registerAnnotationIcons } from '../icons';
import { AnnotationSession } from '../sync/annotation-session';

/**
 * `<ph-annotation-toggle [meetingId] [documentId] [version]>`: the reader's "Ghi chú" switch. Off (the default),
 * the reader shows the pages as before; on, the annotations and the tools (remembered on the device). Tells the
 * session which document version is open.
 */
@Component({
  selector: 'ph-annotation-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <button type="button" class="ph-annot-toggle" [class.on]="session.enabled()" [attr.aria-pressed]="session.enabled()" (click)="toggle()"
            [attr.aria-description]="'annot.toggleHint' | t" data-testid="annot-toggle">
      <mat-icon svgIcon="annot-pen" />
      <span>{{ 'annot.toggle' | t }}</span>
      @if (session.enabled() && count()) {
        <span class="count" data-testid="annot-count">{{ count() }}</span>
      }
    </button>
  `,
  styles: `
    .ph-annot-toggle {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      min-height: 48px;
      padding: 0 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 24px;
      background: var(--mat-sys-surface-container-low);
      color: inherit;
      font: inherit;
      font-size: 15px;
      font-weight: 600;
      cursor: pointer;

      &.on {
        border-color: var(--mat-sys-primary);
        background: var(--mat-sys-primary-container);
        color: var(--mat-sys-on-primary-container);
      }
    }
    .count {
      min-width: 22px;
      padding: 1px 6px;
      border-radius: 11px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font-size: 12px;
      text-align: center;
    }
  `,
})
export class AnnotationToggleComponent {
  readonly meetingId = input.required<string>();
  readonly documentId = input<string | null>(null);
  readonly version = input(0);

  protected readonly session = inject(AnnotationSession);
  protected readonly count = computed(() => this.session.items().length);

  constructor() {
    registerAnnotationIcons();
    effect(() => {
      const meetingId = this.meetingId();
      const documentId = this.documentId();
      const version = this.version();
      if (documentId && version) untracked(() => this.session.open(meetingId, documentId, version));
    });
  }

  protected toggle(): void {
    this.session.setEnabled(!this.session.enabled());
  }
}
