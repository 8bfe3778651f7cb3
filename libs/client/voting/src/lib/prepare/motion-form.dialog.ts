import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { VotingApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { COUNTDOWN_MAX_SECONDS, COUNTDOWN_MIN_SECONDS, type ApiErrorBody, type MotionDto, type MotionRules } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import type { NumberedItem } from '../vote-agenda';
import { type MotionDraft, draftOf, draftProblems, newDraft, requestOf } from './motion-draft';
import { OptionsEditorComponent } from './options-editor.component';
import { RulesFieldsComponent } from './rules-fields.component';

export interface MotionFormData {
  meetingId: string;
  /** The draft motion to edit; null for a new one. */
  motion: MotionDto | null;
  agenda: NumberedItem[];
  /** The meeting's default rules, for a new motion. */
  rules: MotionRules;
  itemId?: string | null;
}

/** Countdown presets, in seconds. */
const COUNTDOWNS = [30, 60, 120, 300];

/**
 * Create or edit a draft motion: title, agenda item, options (yes / no / abstain or a list of its own), one or
 * several choices, secret ballot, changing one's vote, countdown and majority rules. Checked with the contract's
 * `motionSpecProblems` before sending; closes with the saved motion.
 */
@Component({
  selector: 'ph-motion-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSlideToggleModule,
    OptionsEditorComponent,
    RulesFieldsComponent,
    ...I18N_PIPES,
  ],
  templateUrl: './motion-form.dialog.html',
  styleUrl: './motion-form.dialog.scss',
})
export class MotionFormDialog {
  protected readonly data = inject<MotionFormData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<MotionFormDialog, MotionDto>);
  private readonly api = inject(VotingApi);

  protected readonly draft = signal<MotionDraft>(this.data.motion ? draftOf(this.data.motion) : newDraft(this.data.rules, this.data.itemId ?? null));
  protected readonly problems = computed(() => draftProblems(this.draft()));
  /** Problems show once the secretary tried to save (not while they are still typing the first word). */
  protected readonly tried = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly countdowns = COUNTDOWNS;
  protected readonly minSeconds = COUNTDOWN_MIN_SECONDS;
  protected readonly maxSeconds = COUNTDOWN_MAX_SECONDS;
  protected readonly customCount = computed(() => this.draft().customOptions.length);

  protected patch(change: Partial<MotionDraft>): void {
    this.draft.update((d) => ({ ...d, ...change }));
  }

  protected setChoice(choice: MotionDraft['choice']): void {
    this.patch({ choice, maxChoices: choice === 'single' ? 1 : Math.max(this.draft().maxChoices, 1) });
  }

  protected setMax(text: string): void {
    const n = Number(text);
    this.patch({ maxChoices: Number.isFinite(n) ? Math.trunc(n) : 0 });
  }

  protected setSecret(secret: boolean): void {
    // A secret ballot cannot be changed: nothing ties it to its voter once cast.
    this.patch(secret ? { secret, allowChange: false } : { secret });
  }

  protected async save(): Promise<void> {
    this.tried.set(true);
    if (this.problems().length) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const body = requestOf(this.draft());
      const motion = this.data.motion;
      const saved = await firstValueFrom(
        motion ? this.api.updateMotion(this.data.meetingId, motion.id, body) : this.api.createMotion(this.data.meetingId, body),
      );
      this.dialogRef.close(saved);
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
