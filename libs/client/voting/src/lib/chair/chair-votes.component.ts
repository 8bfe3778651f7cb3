import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { AppServerClock, RealtimeClient, VotingApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';
import type { SignerRole } from '@phonghop/client-documents';
import { type ApiErrorBody, type MeetingRole, type MotionDto, type VotesState, openMotion } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { closedMotions } from '../live-motions';
import { VoteCountdownComponent } from '../progress/vote-countdown.component';
import { VoteProgressComponent } from '../progress/vote-progress.component';
import { VoteResultComponent } from '../result/vote-result.component';

/** An agenda item as the console numbers it. */
export interface VoteAgendaItem {
  id: string;
  number: string;
  title: string;
}

/**
 * The chair's voting console: the meeting's prepared motions (those of the item under discussion first) to open,
 * the open vote's countdown and progress (hall and sites) with the close button, and the results. Opening may be
 * refused (VOTE_NO_QUORUM, another vote open): the reason stays on screen, not in a passing snack bar.
 */
@Component({
  selector: 'ph-vote-chair',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, VoteCountdownComponent, VoteProgressComponent, VoteResultComponent, ...I18N_PIPES],
  templateUrl: './chair-votes.component.html',
  styleUrl: './chair-votes.component.scss',
})
export class ChairVotesComponent {
  readonly meetingId = input.required<string>();
  readonly votes = input<VotesState | null>(null);
  readonly agenda = input<VoteAgendaItem[]>([]);
  readonly currentItemId = input<string | null>(null);
  /** The caller's role in the meeting: the chair and the secretary sign closed votes' results in their own area. */
  readonly myRole = input<MeetingRole | null>(null);

  private readonly api = inject(VotingApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly clock = inject(AppServerClock);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly motions = signal<MotionDto[]>([]);
  protected readonly loadError = signal<ApiErrorBody | null>(null);
  protected readonly openError = signal<ApiErrorBody | null>(null);
  protected readonly busy = signal(false);
  protected readonly now = computed(() => this.clock.tick());

  protected readonly open = computed(() => {
    const v = this.votes();
    return v ? openMotion(v) : null;
  });
  protected readonly closed = computed(() => closedMotions(this.votes()));
  protected readonly signerRole = computed<SignerRole | null>(() => {
    const role = this.myRole();
    return role === 'chair' || role === 'secretary' ? role : null;
  });
  /** Drafts not yet on the room: the item under discussion first, then in agenda order. */
  protected readonly drafts = computed(() => {
    const live = this.votes()?.motions ?? {};
    const order = new Map(this.agenda().map((a, i) => [a.id, i]));
    const current = this.currentItemId();
    const rank = (m: MotionDto) => (m.itemId === current && current ? -1 : m.itemId ? (order.get(m.itemId) ?? 1e6) : 1e6 + 1);
    return this.motions()
      .filter((m) => m.status === 'draft' && !live[m.id])
      .sort((a, b) => rank(a) - rank(b));
  });
  /** Changes when a vote opens or closes: the draft list is read again then. */
  private readonly liveSignature = computed(() =>
    Object.values(this.votes()?.motions ?? {})
      .map((m) => `${m.id}:${m.status}`)
      .sort()
      .join(),
  );

  constructor() {
    this.clock.start();
    effect(() => {
      const id = this.meetingId();
      this.liveSignature();
      untracked(() => void this.load(id));
    });
  }

  protected item(itemId: string | null): VoteAgendaItem | null {
    return itemId ? (this.agenda().find((a) => a.id === itemId) ?? null) : null;
  }

  protected async load(meetingId = this.meetingId()): Promise<void> {
    try {
      this.motions.set(await firstValueFrom(this.api.motions(meetingId)));
      this.loadError.set(null);
    } catch (e) {
      this.loadError.set(toApiError(e));
    }
  }

  protected async start(motion: MotionDto): Promise<void> {
    this.busy.set(true);
    this.openError.set(null);
    try {
      const ack = await this.realtime.voteRequest('open', { meetingId: this.meetingId(), motionId: motion.id });
      if (!ack.ok) {
        this.openError.set(ack.error);
        return;
      }
      this.motions.update((list) => list.map((m) => (m.id === motion.id ? ack.data.motion : m)));
    } finally {
      this.busy.set(false);
    }
  }

  protected close(): void {
    const m = this.open();
    if (!m) return;
    const data: ConfirmDialogData = {
      title: 'vote.chair.closeTitle',
      message: 'vote.chair.closeConfirm',
      params: { voted: m.progress.voted, eligible: m.progress.eligible },
      confirm: 'vote.chair.close',
      danger: true,
    };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((ok) => {
        if (ok) void this.sendClose(m.id);
      });
  }

  private async sendClose(motionId: string): Promise<void> {
    this.busy.set(true);
    try {
      const ack = await this.realtime.voteRequest('close', { meetingId: this.meetingId(), motionId });
      if (!ack.ok) this.snackBar.open(this.i18n.errorMessage(ack.error), this.i18n.t('common.close'), { duration: 6000 });
    } finally {
      this.busy.set(false);
    }
  }
}
