import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { type MeetingTab, TAB_LABELS } from './meeting-tabs';

/**
 * The secretary's tab bar: links within the page (each sets `?tab=`), whose sections show one at a time; without a
 * tab panel, the links say which part is current with aria-current.
 */
@Component({
  selector: 'ph-meeting-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTabsModule, ...I18N_PIPES],
  template: `
    <nav mat-tab-nav-bar mat-stretch-tabs="false" [attr.aria-label]="'meetingPage.tabs' | t" data-testid="meeting-tabs">
      @for (t of tabs(); track t) {
        <button mat-tab-link type="button" [active]="t === active()" (click)="picked.emit(t)" [attr.data-testid]="'meeting-tab-' + t">
          {{ labels[t] | t }}@if (t === 'participants' && participantCount() !== null) { <span class="count">{{ participantCount() }}</span> }
        </button>
      }
    </nav>
  `,
  styles: `
    :host { display: block; margin-bottom: 16px; }
    nav { --mat-tab-container-height: 52px; background: var(--mat-sys-surface-container-lowest); border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; }
    button { font-size: 16px; font-weight: 600; }
    .count { margin-left: 6px; padding: 0 8px; border-radius: 999px; font-size: 13px; background: var(--mat-sys-surface-container-high); }
  `,
})
export class MeetingTabsComponent {
  readonly tabs = input.required<readonly MeetingTab[]>();
  readonly active = input.required<MeetingTab>();
  readonly participantCount = input<number | null>(null);
  readonly picked = output<MeetingTab>();
  protected readonly labels = TAB_LABELS;
}
