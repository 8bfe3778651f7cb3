import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { DisplayVoteFocus } from '../live-motions';
import { VoteCountdownComponent } from '../progress/vote-countdown.component';
import { progressPicture } from '../progress/vote-progress';
import { VoteResultComponent } from '../result/vote-result.component';

/** The ring's circle: r = 42 in a 100 × 100 box. */
const R = 42;
const C = 2 * Math.PI * R;

/**
 * The hall display during a vote: a large ring of everyone eligible filling as ballots arrive (hall and sites in two
 * colours), the count and the countdown, readable from the back of the hall; never a choice. After the close, the
 * result with, for a named vote, the list of who chose what (fetched with the display's token).
 */
@Component({
  selector: 'ph-display-vote',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, VoteCountdownComponent, VoteResultComponent, ...I18N_PIPES],
  templateUrl: './display-vote.component.html',
  styleUrl: './display-vote.component.scss',
})
export class DisplayVoteComponent {
  readonly meetingId = input.required<string>();
  readonly focus = input.required<DisplayVoteFocus>();
  /** Server time (ms), from the display's own clock. */
  readonly now = input.required<number>();
  readonly displayToken = input<string | null>(null);

  protected readonly motion = computed(() => this.focus().motion);
  protected readonly p = computed(() => progressPicture(this.motion().progress));
  protected readonly r = R;
  protected readonly c = C;
  protected readonly hallArc = computed(() => (this.p().hallPct / 100) * C);
  protected readonly sitesArc = computed(() => (this.p().sitesPct / 100) * C);
}
