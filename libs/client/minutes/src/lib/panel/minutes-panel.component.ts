import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { MeetingDetailDto } from '@phonghop/contracts';
import { MinutesDocumentComponent } from '../document/minutes-document.component';
import { minutesAudience, showsStatistics } from '../minutes-view';
import { MeetingStatsComponent } from '../stats/meeting-stats.component';

type Tab = 'minutes' | 'conclusions' | 'stats';

/**
 * "Biên bản và kết luận" on the meeting page (loaded with a dynamic import): the minutes and the conclusions, each
 * with its versions and PDFs, and for the chair and secretaries the meeting's statistics. One view at a time,
 * chosen with large buttons; leaving a draft's view saves it.
 */
@Component({
  selector: 'ph-minutes-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, MinutesDocumentComponent, MeetingStatsComponent, ...I18N_PIPES],
  template: `
    <section class="panel ph-panel" aria-labelledby="minutes-heading" data-testid="minutes-panel" [attr.data-tab]="tab()">
      <header class="head">
        <h2 id="minutes-heading"><mat-icon svgIcon="description" /> {{ 'minutes.title' | t }}</h2>
        <div class="tabs" role="tablist" [attr.aria-label]="'minutes.title' | t">
          @for (t of tabs(); track t.id) {
            <button type="button" role="tab" class="tab" [class.on]="tab() === t.id" [attr.aria-selected]="tab() === t.id"
                    [attr.data-testid]="'minutes-tab-' + t.id" (click)="tab.set(t.id)">
              <mat-icon [svgIcon]="t.icon" /> {{ t.label | t }}
            </button>
          }
        </div>
      </header>
      <div role="tabpanel">
        @switch (tab()) {
          @case ('stats') { <ph-meeting-stats [meetingId]="meetingId()" /> }
          @default { <ph-minutes-document [meetingId]="meetingId()" [kind]="tab() === 'conclusions' ? 'conclusions' : 'minutes'" [audience]="audience()" /> }
        }
      </div>
    </section>
  `,
  styleUrl: './minutes-panel.component.scss',
})
export class MinutesPanelComponent {
  readonly meetingId = input.required<string>();
  readonly meeting = input.required<MeetingDetailDto>();

  protected readonly tab = signal<Tab>('minutes');
  protected readonly audience = computed(() => minutesAudience(this.meeting().myRole));
  protected readonly tabs = computed(() => {
    const tabs: { id: Tab; label: MessageKey; icon: string }[] = [
      { id: 'minutes', label: 'minutes.tab.minutes', icon: 'description' },
      { id: 'conclusions', label: 'minutes.tab.conclusions', icon: 'gavel' },
    ];
    if (showsStatistics(this.meeting().myRole)) tabs.push({ id: 'stats', label: 'minutes.tab.stats', icon: 'bar-chart' });
    return tabs;
  });
}
