import { ChangeDetectionStrategy, Component, type Signal, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { DocumentsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import { DOCUMENT_ACCESS, type ApiErrorBody, type DocumentAccess, type DocumentDto, type ParticipantDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import type { AgendaChoice } from '../list/document-groups';
import { documentChanges, editOf, editProblem } from './document-edit';
import { NamedReadersField } from './named-readers-field.component';

export interface EditDocumentDialogData {
  document: DocumentDto;
  agenda: readonly AgendaChoice[];
  /** The meeting's participants; a signal because the list may still be loading them. */
  participants: Signal<readonly ParticipantDto[]>;
}

/**
 * Title, agenda item (or the whole meeting) and access of an uploaded document, saved with
 * `PATCH /documents/:id`. Closes with the saved document; server refusals stay in the dialog in the
 * user's language. Built for fingers: 48 px rows, access as three full-width buttons rather than a small select.
 */
@Component({
  selector: 'ph-edit-document-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    NamedReadersField,
    ...I18N_PIPES,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'docs.edit.title' | t }}</h2>
    <mat-dialog-content class="ph-dialog-form" data-testid="doc-edit-dialog">
      <p class="file">{{ 'docs.edit.file' | t: { file: doc.current.fileName, version: doc.current.version } }}</p>
      @if (error(); as err) {
        <div class="ph-error-banner" role="alert" data-testid="doc-edit-error"><mat-icon svgIcon="error" /><span>{{ err | apiError }}</span></div>
      }
      <mat-form-field>
        <mat-label>{{ 'docs.form.title' | t }}</mat-label>
        <input #titleInput matInput [value]="title()" (input)="title.set(titleInput.value)" (keydown.enter)="save()" maxlength="500" required
               data-testid="doc-edit-title" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'docs.form.agenda' | t }}</mat-label>
        <mat-select [value]="agendaItemId()" (selectionChange)="agendaItemId.set($event.value)" data-testid="doc-edit-agenda">
          <mat-option [value]="null" data-testid="doc-edit-agenda-general">{{ 'docs.general' | t }}</mat-option>
          @for (a of data.agenda; track a.item.id) {
            <mat-option [value]="a.item.id" [class.sub]="a.depth === 1" [attr.data-testid]="'doc-edit-agenda-' + a.item.id">{{ a.number }}. {{ a.item.title }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <div class="access">
        <span class="block-label" id="doc-edit-access-label">{{ 'docs.form.access' | t }}</span>
        <mat-button-toggle-group vertical [value]="access()" (change)="access.set($event.value)" aria-labelledby="doc-edit-access-label">
          @for (a of accessOptions; track a) {
            <mat-button-toggle [value]="a" [attr.data-testid]="'doc-edit-access-' + a">{{ accessKey(a) | t }}</mat-button-toggle>
          }
        </mat-button-toggle-group>
      </div>
      @if (access() === 'named') {
        <ph-named-readers-field [participants]="data.participants()" [value]="namedUserIds()" (valueChange)="namedUserIds.set($event)" testId="doc-edit-named" />
      }
      @if (shownProblem(); as problem) {
        <p class="problem" role="alert" data-testid="doc-edit-problem">{{ problem | t }}</p>
      }
      @if (doc.published) {
        <p class="hint">{{ 'docs.edit.publishedHint' | t }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" (click)="save()" [disabled]="saving()" data-testid="doc-edit-save">
        {{ 'common.save' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .file, .hint { margin: 0 0 8px; color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .hint { margin: 8px 0 0; }
    .sub { padding-left: 32px; }
    .access { display: flex; flex-direction: column; gap: 6px; margin: 0 0 16px; }
    .block-label { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .access mat-button-toggle { min-height: var(--ph-touch); display: flex; align-items: center; }
    .problem { margin: 0; color: var(--mat-sys-error); }
  `,
})
export class EditDocumentDialog {
  protected readonly data = inject<EditDocumentDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<EditDocumentDialog, DocumentDto>);
  private readonly api = inject(DocumentsApi);

  protected readonly doc = this.data.document;
  private readonly start = editOf(this.doc, new Set(this.data.agenda.map((a) => a.item.id)));
  protected readonly title = signal(this.start.title);
  protected readonly agendaItemId = signal(this.start.agendaItemId);
  protected readonly access = signal<DocumentAccess>(this.start.access);
  protected readonly namedUserIds = signal<readonly string[]>(this.start.namedUserIds);
  protected readonly accessOptions = DOCUMENT_ACCESS;

  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  private readonly tried = signal(false);
  private readonly edit = computed(() => ({ title: this.title(), agendaItemId: this.agendaItemId(), access: this.access(), namedUserIds: this.namedUserIds() }));
  /** Shown once the secretary tried to save, so an untouched form does not start with an error. */
  protected readonly shownProblem = computed<MessageKey | null>(() => {
    const problem = this.tried() ? editProblem(this.edit()) : null;
    return problem === 'titleRequired' ? 'docs.edit.titleRequired' : problem === 'namedRequired' ? 'docs.form.namedRequired' : null;
  });

  protected accessKey(access: DocumentAccess): MessageKey {
    return `docs.access.${access}`;
  }

  protected async save(): Promise<void> {
    this.tried.set(true);
    if (this.saving() || editProblem(this.edit())) return;
    const changes = documentChanges(this.doc, this.edit());
    if (!Object.keys(changes).length) {
      this.dialogRef.close();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      this.dialogRef.close(await firstValueFrom(this.api.update(this.doc.id, changes)));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
