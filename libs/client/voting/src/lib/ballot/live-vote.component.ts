import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { AppServerClock, RealtimeClient } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { type LiveMotion, type VotesState, openMotion } from '@phonghop/contracts';
import { closedMotions } from '../live-motions';
import { VoteCountdownComponent } from '../progress/vote-countdown.component';
import { VoteProgressComponent } from '../progress/vote-progress.component';
import { VoteResultComponent } from '../result/vote-result.component';
import { BallotBook } from './ballot-book';
import { BallotCardComponent } from './ballot-card.component';

/**
 * A thousand tablets asking for their ballots the instant a vote opens would arrive as one burst; each waits a
 * random moment up to this long first (the ballot still appears well within a second).
 */
const LOAD_SPREAD_MS = 800;

/** The identity of the open motion: what the ballots depend on (its progress changes every few moments). */
interface OpenVote {
  id: string;
  spec: LiveMotion['spec'];
  openedAt: string;
  closesAt: string | null;
}

/**
 * Voting in the live meeting view, for everyone: while a vote is open, its title, countdown and progress and a
 * ballot card per right the person holds (own, proxy, site); otherwise the results of the closed votes, newest
 * first. Ballots are asked for when a vote opens and again after a reconnect.
 */
@Component({
  selector: 'ph-vote-live',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, BallotCardComponent, VoteCountdownComponent, VoteProgressComponent, VoteResultComponent, ...I18N_PIPES],
  templateUrl: './live-vote.component.html',
  styleUrl: './live-vote.component.scss',
})
export class LiveVoteComponent {
  readonly meetingId = input.required<string>();
  /** The room's `votes` slice. */
  readonly votes = input<VotesState | null>(null);
  /** The open vote's ballots, the closed votes' results, or both (a page may place them apart). */
  readonly part = input<'ballot' | 'results' | 'all'>('all');

  private readonly book = inject(BallotBook);
  private readonly clock = inject(AppServerClock);
  private readonly realtime = inject(RealtimeClient);

  protected readonly now = computed(() => this.clock.tick());
  protected readonly live = computed(() => (this.votes() ? openMotion(this.votes() as VotesState) : null));
  protected readonly vote = computed<OpenVote | null>(
    () => {
      const m = this.live();
      return m ? { id: m.id, spec: m.spec, openedAt: m.openedAt, closesAt: m.closesAt } : null;
    },
    { equal: (a, b) => a?.id === b?.id && a?.closesAt === b?.closesAt },
  );
  protected readonly rights = computed(() => {
    const v = this.vote();
    return v ? (this.book.rights().get(v.id) ?? null) : null;
  });
  protected readonly closed = computed(() => closedMotions(this.votes()));
  /** Older results are listed; one opens at a time. */
  protected readonly expanded = signal<string | null>(null);

  constructor() {
    this.clock.start();
    effect((onCleanup) => {
      const v = this.vote();
      if (!v || this.part() === 'results') return;
      const meetingId = this.meetingId();
      const timer = setTimeout(() => void this.book.load(meetingId, v.id), Math.random() * LOAD_SPREAD_MS);
      onCleanup(() => clearTimeout(timer));
    });
    // Back from a dropped connection: what the server holds may have moved on (a resend landed, the vote closed).
    this.realtime.reconnected$.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe(() => {
      const v = untracked(() => this.vote());
      if (v && untracked(() => this.part()) !== 'results') void this.book.load(this.meetingId(), v.id);
    });
  }

  protected reload(): void {
    const v = this.vote();
    if (v) void this.book.load(this.meetingId(), v.id);
  }

  protected myReceipt(motionId: string): string | null {
    return this.book.receipts(motionId)[0] ?? null;
  }

  protected toggle(motionId: string): void {
    this.expanded.update((id) => (id === motionId ? null : motionId));
  }
}
