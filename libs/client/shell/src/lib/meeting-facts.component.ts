import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { MeetingSummaryDto } from '@phonghop/contracts';

/** What the facts list shows of a meeting (a summary or a detail both fit). */
export type MeetingFacts = Pick<MeetingSummaryDto, 'startsAt' | 'endsAt' | 'location' | 'organiserUnitName'>;

/**
 * A meeting's time, place and organiser as an icon-labelled `<dl>`. `stacked` (one fact a line) suits
 * cards, `inline` (facts side by side, wrapping) a page header. Outer spacing is up to the page.
 */
@Component({
  selector: 'ph-meeting-facts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  host: { '[class.inline]': "layout() === 'inline'" },
  template: `
    @let m = meeting();
    <dl class="facts">
      <div>
        <dt><mat-icon svgIcon="schedule" /><span class="ph-visually-hidden">{{ 'home.time' | t }}</span></dt>
        <dd [attr.data-testid]="timeTestId()">
          {{ m | meetingTime }}
        </dd>
      </div>
      <div>
        <dt><mat-icon svgIcon="place" /><span class="ph-visually-hidden">{{ 'home.location' | t }}</span></dt>
        <dd>{{ m.location || ('home.noLocation' | t) }}</dd>
      </div>
      @if (m.organiserUnitName) {
        <div>
          <dt><mat-icon svgIcon="account-balance" /><span class="ph-visually-hidden">{{ 'home.organiser' | t }}</span></dt>
          <dd>{{ m.organiserUnitName }}</dd>
        </div>
      }
    </dl>
  `,
  styleUrl: './meeting-facts.component.scss',
})
export class MeetingFactsComponent {
  readonly meeting = input.required<MeetingFacts>();
  readonly layout = input<'stacked' | 'inline'>('stacked');
  /** `data-testid` of the time, for pages whose tests read it. */
  readonly timeTestId = input<string | null>(null);
}
