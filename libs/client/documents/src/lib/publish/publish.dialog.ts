import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import type { DocumentDto, ParticipantDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { firstNames, recipientsOf } from './publish-recipients';

export interface PublishDialogData {
  documents: readonly DocumentDto[];
  /** "Phát hành tất cả" (the meeting's unpublished pack) rather than one document. */
  all: boolean;
  /** The meeting's participants; null when they could not be loaded (the dialog then says who by access only). */
  participants: readonly ParticipantDto[] | null;
}

interface Entry {
  id: string;
  title: string;
  count: number;
  who: string;
}

/**
 * Asks before publishing and says who will receive what: publishing sends the papers to the tablets at once (and
 * they keep copies for offline reading), so the secretary should see the readers first. Closes with `true` to go on.
 */
@Component({
  selector: 'ph-publish-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatIconModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ (data.all ? 'docs.publishAllTitle' : 'docs.publishTitle') | t }}</h2>
    <mat-dialog-content data-testid="publish-dialog">
      <p>{{ data.all ? ('docs.publishAllLead' | t: { count: entries.length }) : ('docs.publishLead' | t) }}</p>
      <ul class="entries">
        @for (e of entries; track e.id) {
          <li [attr.data-testid]="'publish-entry-' + e.id" [attr.data-recipients]="e.count">
            <mat-icon svgIcon="pdf" aria-hidden="true" />
            <span class="text">
              <strong>{{ e.title }}</strong>
              <span class="who" [class.none]="!e.count">{{ e.who }}</span>
            </span>
          </li>
        }
      </ul>
      <p class="note">{{ 'docs.publishNote' | t }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" [mat-dialog-close]="false">{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" [mat-dialog-close]="true" data-testid="publish-confirm">
        <mat-icon svgIcon="publish" /> {{ 'docs.publish' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .entries { display: grid; gap: 10px; margin: 12px 0; padding: 0; list-style: none; max-height: 50vh; overflow-y: auto; }
    li { display: flex; gap: 10px; align-items: flex-start; }
    li mat-icon { flex: none; color: #c62828; }
    .text { display: grid; gap: 2px; min-width: 0; }
    .who { color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .who.none { color: var(--mat-sys-error); font-weight: 600; }
    .note { color: var(--mat-sys-on-surface-variant); font-size: 14px; }
  `,
})
export class PublishDialog {
  protected readonly data = inject<PublishDialogData>(MAT_DIALOG_DATA);
  private readonly i18n = inject(I18nService);
  protected readonly entries: Entry[] = this.data.documents.map((d) => this.entry(d));

  /** Opens the dialog; true when the secretary confirmed. */
  static async confirm(dialog: MatDialog, data: PublishDialogData): Promise<boolean> {
    const ref = dialog.open<PublishDialog, PublishDialogData, boolean>(PublishDialog, { data, width: 'min(560px, 96vw)', maxWidth: '96vw', autoFocus: 'dialog' });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }

  private entry(doc: DocumentDto): Entry {
    const base = { id: doc.id, title: doc.title };
    const access: MessageKey = `docs.recipients.${doc.access}`;
    const people = this.data.participants;
    if (!people) return { ...base, count: -1, who: this.i18n.t('docs.recipients.unknown', { access: this.i18n.t(`docs.access.${doc.access}`) }) };
    const readers = recipientsOf(doc, people);
    if (!readers.length) return { ...base, count: 0, who: this.i18n.t('docs.recipients.none') };
    const { names, more } = firstNames(readers);
    const list = more ? this.i18n.t('docs.recipients.more', { names: names.join(', '), count: more }) : names.join(', ');
    return { ...base, count: readers.length, who: this.i18n.t(access, { count: readers.length, names: list }) };
  }
}
