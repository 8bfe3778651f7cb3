import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { ANNOTATION_BODY_MAX } from '@phonghop/contracts';

export interface NoteDialogData {
  body: string;
  /** Someone else's note: shown, not edited. */
  readOnly?: boolean;
  ownerName?: string;
  isNew?: boolean;
}

/** A note's text: written when placing a note, edited later; someone else's is read only. Closes with the text. */
@Component({
  selector: 'ph-annotation-note-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>
      @if (data.readOnly) {
        {{ 'annot.note.view' | t: { name: data.ownerName ?? '' } }}
      } @else {
        {{ (data.isNew ? 'annot.note.new' : 'annot.note.edit') | t }}
      }
    </h2>
    <mat-dialog-content data-testid="annot-note-dialog">
      @if (data.readOnly) {
        <p class="ph-annot-note-text" data-testid="annot-note-read">{{ data.body }}</p>
      } @else {
        <mat-form-field>
          <mat-label>{{ 'annot.note.placeholder' | t }}</mat-label>
          <textarea matInput cdkFocusInitial rows="5" [maxLength]="max" [value]="text()" (input)="text.set($any($event.target).value)"
                    data-testid="annot-note-text"></textarea>
        </mat-form-field>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close data-testid="annot-note-cancel">
        {{ (data.readOnly ? 'common.close' : 'common.cancel') | t }}
      </button>
      @if (!data.readOnly) {
        <button mat-flat-button type="button" class="ph-touch-button" [disabled]="!text().trim()" (click)="save()" data-testid="annot-note-save">
          {{ 'common.save' | t }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    mat-form-field { width: min(520px, 80vw); }
    textarea { font-size: 16px; line-height: 1.5; }
    .ph-annot-note-text { max-width: 520px; white-space: pre-wrap; font-size: 16px; line-height: 1.5; }
  `,
})
export class NoteDialog {
  protected readonly data = inject<NoteDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<NoteDialog, string>>(MatDialogRef);
  protected readonly text = signal(this.data.body);
  protected readonly max = ANNOTATION_BODY_MAX;

  protected save(): void {
    this.ref.close(this.text().trim());
  }
}
