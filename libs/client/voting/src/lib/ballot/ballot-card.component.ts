import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import type { BallotRight, MotionSpec, VoteOption } from '@phonghop/contracts';
import { labelsOf, optionIcon, optionLabel, optionTone } from '../vote-labels';
import { BallotBook } from './ballot-book';
import { ballotKey, mayChange, mayMark, maySubmit } from './ballot-form';

/**
 * One ballot a person may cast: their own, one they carry as a proxy (ủy quyền), or a member's at the site they
 * operate. Big buttons (single choice) or big check boxes (up to N), one send button that repeats the choice, then
 * the receipt in large type. The form is the BallotBook's, keyed by motion and member, never rebuilt from a room
 * delta; a secret ballot shows only that it was cast.
 */
@Component({
  selector: 'ph-ballot-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, ...I18N_PIPES],
  templateUrl: './ballot-card.component.html',
  styleUrl: './ballot-card.component.scss',
})
export class BallotCardComponent {
  readonly meetingId = input.required<string>();
  readonly motionId = input.required<string>();
  readonly spec = input.required<MotionSpec>();
  readonly right = input.required<BallotRight>();
  /** False once the vote closed: nothing can be sent any more. */
  readonly open = input(true);

  private readonly book = inject(BallotBook);
  private readonly i18n = inject(I18nService);

  protected readonly form = computed(() => this.book.forms().get(ballotKey(this.motionId(), this.right().forUserId)) ?? null);
  protected readonly phase = computed(() => this.form()?.phase ?? 'editing');
  protected readonly multiple = computed(() => this.spec().choice === 'multiple');
  protected readonly marked = computed(() => this.form()?.choices ?? []);
  protected readonly canSend = computed(() => {
    const f = this.form();
    return this.open() && !!f && maySubmit(f, this.spec());
  });
  protected readonly canChange = computed(() => {
    const f = this.form();
    return this.open() && !!f && mayChange(f, this.spec());
  });
  protected readonly changing = computed(() => this.phase() === 'editing' && !!this.form()?.voted);
  protected readonly markedText = computed(() => labelsOf(this.spec(), this.marked(), this.i18n.lang()).join(', '));
  protected readonly storedText = computed(() => labelsOf(this.spec(), this.form()?.storedChoices ?? [], this.i18n.lang()).join(', '));
  protected readonly markedCount = computed(() => this.marked().filter((id) => !this.spec().options.find((o) => o.id === id)?.abstain).length);

  protected readonly heading = computed<{ key: MessageKey; name: string }>(() => {
    const r = this.right();
    if (r.route === 'proxy') return { key: 'vote.ballot.proxy', name: r.fullName };
    if (r.route === 'site') return { key: 'vote.ballot.site', name: r.fullName };
    return { key: 'vote.ballot.mine', name: r.fullName };
  });
  protected readonly weighted = computed(() => this.right().weight !== '1');

  protected label(option: VoteOption): string {
    return optionLabel(option, this.i18n.lang());
  }

  protected icon = optionIcon;
  protected tone = optionTone;

  protected isMarked(option: VoteOption): boolean {
    return this.marked().includes(option.id);
  }

  protected markable(option: VoteOption): boolean {
    const f = this.form();
    return this.open() && !!f && mayMark(f, this.spec(), option.id);
  }

  protected toggle(option: VoteOption): void {
    this.book.toggle(this.motionId(), this.right().forUserId, this.spec(), option.id);
  }

  protected send(): void {
    void this.book.submit(this.meetingId(), this.motionId(), this.spec(), this.right().forUserId);
  }

  protected change(): void {
    this.book.change(this.motionId(), this.right().forUserId, this.spec());
  }

  protected cancelChange(): void {
    this.book.cancelChange(this.motionId(), this.right().forUserId);
  }
}
