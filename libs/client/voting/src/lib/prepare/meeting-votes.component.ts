import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { VotingApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';
import {
  DEFAULT_MOTION_RULES,
  mayPreside,
  type AgendaItemDto,
  type ApiErrorBody,
  type MeetingDetailDto,
  type MeetingStatus,
  type MotionDto,
  type MotionRules,
  type MotionStatus,
  type VoteSettingsDto,
} from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { ChainVerifyComponent } from '../chain/chain-verify.component';
import { motionsByItem, numberedAgenda } from '../vote-agenda';
import { baseKey, thresholdKey } from '../vote-labels';
import { MotionFormDialog, type MotionFormData } from './motion-form.dialog';
import { VoteSettingsDialog, type VoteSettingsData } from './vote-settings.dialog';

/** Motions may be prepared until the meeting ends (drafts can be added during it, too). */
const PREPARING: readonly MeetingStatus[] = ['draft', 'published', 'in_progress'];

/**
 * "Biểu quyết" on the meeting page, for the chair and secretaries (loaded with a dynamic import): the motions of
 * the meeting under their agenda items, to add, edit and delete while they are drafts; the meeting's vote
 * settings (default rules, weights); and the check of the result chain.
 */
@Component({
  selector: 'ph-meeting-votes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ChainVerifyComponent, ...I18N_PIPES],
  templateUrl: './meeting-votes.component.html',
  styleUrl: './meeting-votes.component.scss',
})
export class MeetingVotesComponent {
  readonly meetingId = input.required<string>();
  readonly meeting = input.required<MeetingDetailDto>();
  readonly agenda = input<AgendaItemDto[]>([]);

  private readonly api = inject(VotingApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly motions = signal<MotionDto[]>([]);
  protected readonly settings = signal<VoteSettingsDto | null>(null);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly busy = signal(false);
  protected readonly showChain = signal(false);

  protected readonly hosts = computed(() => mayPreside(this.meeting().myRole));
  protected readonly editable = computed(() => this.hosts() && PREPARING.includes(this.meeting().status));
  protected readonly numbered = computed(() => numberedAgenda(this.agenda()));
  protected readonly groups = computed(() => motionsByItem(this.motions(), this.numbered()));
  protected readonly rules = computed<MotionRules>(() => this.settings()?.rules ?? DEFAULT_MOTION_RULES);
  protected readonly weighted = computed(() => Object.keys(this.settings()?.weights ?? {}).length);
  protected readonly baseKey = baseKey;
  protected readonly thresholdKey = thresholdKey;

  constructor() {
    effect(() => {
      const id = this.meetingId();
      untracked(() => void this.load(id));
    });
  }

  protected statusKey(status: MotionStatus): MessageKey {
    return `vote.status.${status}`;
  }

  protected async load(id = this.meetingId()): Promise<void> {
    try {
      const [motions, settings] = await Promise.all([firstValueFrom(this.api.motions(id)), firstValueFrom(this.api.settings(id))]);
      this.motions.set(motions);
      this.settings.set(settings);
      this.error.set(null);
    } catch (e) {
      this.error.set(toApiError(e));
    }
  }

  protected add(itemId: string | null = null): void {
    this.openForm({ meetingId: this.meetingId(), motion: null, agenda: this.numbered(), rules: this.rules(), itemId });
  }

  protected edit(motion: MotionDto): void {
    this.openForm({ meetingId: this.meetingId(), motion, agenda: this.numbered(), rules: this.rules() });
  }

  protected remove(motion: MotionDto): void {
    const data: ConfirmDialogData = {
      title: 'vote.prep.deleteTitle',
      message: 'vote.prep.deleteConfirm',
      params: { title: motion.spec.title },
      confirm: 'common.delete',
      danger: true,
    };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        void this.run(async () => {
          await firstValueFrom(this.api.deleteMotion(this.meetingId(), motion.id));
          this.motions.update((list) => list.filter((m) => m.id !== motion.id));
        }, 'vote.prep.deleted');
      });
  }

  protected openSettings(): void {
    const data: VoteSettingsData = { meetingId: this.meetingId(), editable: this.editable() };
    this.dialog
      .open<VoteSettingsDialog, VoteSettingsData, VoteSettingsDto>(VoteSettingsDialog, { data, width: '92vw', maxWidth: '720px' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.settings.set(saved);
        this.toast('vote.settings.saved');
      });
  }

  private openForm(data: MotionFormData): void {
    this.dialog
      .open<MotionFormDialog, MotionFormData, MotionDto>(MotionFormDialog, { data, width: '92vw', maxWidth: '760px', autoFocus: 'dialog' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.motions.update((list) => (list.some((m) => m.id === saved.id) ? list.map((m) => (m.id === saved.id ? saved : m)) : [...list, saved]));
        this.toast('vote.prep.saved');
      });
  }

  private async run(work: () => Promise<void>, done: MessageKey): Promise<void> {
    this.busy.set(true);
    try {
      await work();
      this.toast(done);
    } catch (e) {
      this.snackBar.open(this.i18n.errorMessage(toApiError(e)), this.i18n.t('common.close'), { duration: 6000 });
      // A motion that opened meanwhile (VOTE_NOT_DRAFT): show it as it is now.
      void this.load();
    } finally {
      this.busy.set(false);
    }
  }

  private toast(key: MessageKey): void {
    this.snackBar.open(this.i18n.t(key), undefined, { duration: 3000 });
  }
}
