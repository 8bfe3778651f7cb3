import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MeetingsApi, VotingApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { DEFAULT_MOTION_RULES, type ApiErrorBody, type MotionRules, type VoteSettingsDto, rosterEntryOf } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { RulesFieldsComponent } from './rules-fields.component';
import { type WeightRow, weightRows, weightValid, weightsRequest } from './weights';

export interface VoteSettingsData {
  meetingId: string;
  /** Settings may change (the meeting is not over). */
  editable: boolean;
}

/**
 * The meeting's vote settings: the rules new motions start with, and each member's vote weight (trọng số) as an
 * exact decimal, blank for 1. Closes with the saved settings.
 */
@Component({
  selector: 'ph-vote-settings-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, RulesFieldsComponent, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'vote.settings.title' | t }}</h2>
    <mat-dialog-content class="ph-dialog-form">
      @if (loading()) { <mat-progress-bar mode="indeterminate" /> }
      <section>
        <h3>{{ 'vote.settings.rules' | t }}</h3>
        <p class="help">{{ 'vote.settings.rulesHelp' | t }}</p>
        <ph-vote-rules-fields [rules]="rules()" [disabled]="!data.editable" testIdPrefix="vote-settings" (rulesChange)="rules.set($event)" />
      </section>
      <section>
        <h3>{{ 'vote.settings.weights' | t }}</h3>
        <p class="help">{{ 'vote.settings.weightsHelp' | t }}</p>
        <ol class="weights" data-testid="vote-weights">
          @for (row of rows(); track row.userId; let i = $index) {
            <li>
              <span class="who"><strong>{{ row.fullName }}</strong>@if (row.unitName) { <small>{{ row.unitName }}</small> }</span>
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="weight">
                <mat-label>{{ 'vote.settings.weight' | t }}</mat-label>
                <input matInput inputmode="decimal" placeholder="1" [value]="row.text" [disabled]="!data.editable"
                       (input)="setWeight(i, $any($event.target).value)" [attr.aria-invalid]="!valid(row)" [attr.data-testid]="'vote-weight-' + row.userId" />
                @if (!valid(row)) { <mat-hint class="bad">{{ 'vote.settings.weightInvalid' | t }}</mat-hint> }
              </mat-form-field>
            </li>
          } @empty {
            <li class="empty">{{ 'vote.settings.noMembers' | t }}</li>
          }
        </ol>
      </section>
      @if (error(); as e) { <div class="ph-error-banner" role="alert"><span>{{ e | apiError }}</span></div> }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      @if (data.editable) {
        <button mat-flat-button type="button" class="ph-touch-button" [disabled]="saving() || loading() || !allValid()" (click)="save()"
                data-testid="vote-settings-save">{{ 'common.save' | t }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    h3 { margin: 8px 0 4px; font-size: 16px; font-weight: 700; }
    .help { margin: 0 0 10px; font-size: 14px; opacity: 0.85; }
    .weights { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    .weights li { display: flex; align-items: center; gap: 12px; }
    .who { flex: 1 1 auto; min-width: 0; display: flex; flex-direction: column; }
    .who small { opacity: 0.75; }
    .weight { width: 140px; flex: none; }
    .bad { color: var(--mat-sys-error); }
    .empty { opacity: 0.75; }
  `,
})
export class VoteSettingsDialog {
  protected readonly data = inject<VoteSettingsData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<VoteSettingsDialog, VoteSettingsDto>);
  private readonly api = inject(VotingApi);
  private readonly meetingsApi = inject(MeetingsApi);

  protected readonly rules = signal<MotionRules>({ ...DEFAULT_MOTION_RULES });
  protected readonly rows = signal<WeightRow[]>([]);
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly allValid = computed(() => this.rows().every((r) => weightValid(r.text)));

  constructor() {
    void this.load();
  }

  protected valid(row: WeightRow): boolean {
    return weightValid(row.text);
  }

  protected setWeight(index: number, text: string): void {
    this.rows.update((rows) => rows.map((r, i) => (i === index ? { ...r, text } : r)));
  }

  private async load(): Promise<void> {
    try {
      const [settings, participants] = await Promise.all([
        firstValueFrom(this.api.settings(this.data.meetingId)),
        firstValueFrom(this.meetingsApi.participants(this.data.meetingId)),
      ]);
      this.rules.set(settings.rules);
      this.rows.set(weightRows(participants.map(rosterEntryOf), settings.weights));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected async save(): Promise<void> {
    const weights = weightsRequest(this.rows());
    if (!weights) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      this.dialogRef.close(await firstValueFrom(this.api.updateSettings(this.data.meetingId, { rules: this.rules(), weights })));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
