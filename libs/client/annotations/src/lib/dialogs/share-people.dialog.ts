import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ParticipantDto } from '@phonghop/contracts';

export interface SharePeopleData {
  /** The meeting's participants (loading while undefined is passed as a promise). */
  participants: Promise<ParticipantDto[]>;
  selected: string[];
  /** The owner: not offered. */
  meId: string;
}

/**
 * Shares an annotation with named participants of the meeting. The server accepts only those who may read the
 * document; it answers a refusal with its own message, shown by the sync queue. Closes with the chosen user ids.
 */
@Component({
  selector: 'ph-annotation-share-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatDialogModule, MatProgressBarModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'annot.share.title' | t }}</h2>
    <mat-dialog-content data-testid="annot-share-dialog">
      <p class="hint">{{ 'annot.shareNamedHint' | t }}</p>
      @if (state() === 'loading') {
        <mat-progress-bar mode="indeterminate" />
      } @else if (state() === 'error') {
        <p role="alert">{{ 'annot.share.loadFailed' | t }}</p>
      } @else {
        <ul>
          @for (p of people(); track p.userId) {
            <li>
              <mat-checkbox [checked]="chosen().has(p.userId)" (change)="toggle(p.userId)" [attr.data-testid]="'annot-share-person-' + p.userId">
                {{ p.fullName }}@if (p.unitName) {<span class="unit"> · {{ p.unitName }}</span>}
              </mat-checkbox>
            </li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" [disabled]="!chosen().size" (click)="save()" data-testid="annot-share-save">
        {{ 'annot.share.save' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .hint { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    ul { margin: 0; padding: 0; list-style: none; min-width: min(420px, 80vw); }
    li { min-height: 48px; display: flex; align-items: center; }
    .unit { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class SharePeopleDialog {
  private readonly data = inject<SharePeopleData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SharePeopleDialog, string[]>>(MatDialogRef);
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly people = signal<ParticipantDto[]>([]);
  protected readonly chosen = signal<ReadonlySet<string>>(new Set(this.data.selected));

  constructor() {
    this.data.participants.then(
      (list) => {
        // One row per person (a proxy and the member they represent are both participants).
        const seen = new Set<string>();
        this.people.set(list.filter((p) => p.userId !== this.data.meId && !seen.has(p.userId) && seen.add(p.userId)));
        this.state.set('ready');
      },
      () => this.state.set('error'),
    );
  }

  protected toggle(userId: string): void {
    this.chosen.update((s) => {
      const next = new Set(s);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });
  }

  protected save(): void {
    this.ref.close([...this.chosen()]);
  }
}
