import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { DocumentsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import type { ApiErrorBody, DocumentDto, DocumentReceiptDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { pivotReceipts, type ReceiptCell } from './receipts-pivot';

/**
 * `<ph-document-receipts [meetingId] [documents]>`: for the meeting's secretaries, a collapsible table
 * “who received and who opened which document” (rows = participants, columns = published documents, counts
 * per column). Loads when opened, and again whenever the document list changes while it is open.
 */
@Component({
  selector: 'ph-document-receipts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, ...I18N_PIPES],
  templateUrl: './document-receipts.component.html',
  styleUrl: './document-receipts.component.scss',
})
export class DocumentReceiptsComponent {
  readonly meetingId = input.required<string>();
  readonly documents = input<readonly DocumentDto[]>([]);

  private readonly api = inject(DocumentsApi);
  private readonly i18n = inject(I18nService);

  protected readonly expanded = signal(false);
  protected readonly receipts = signal<DocumentReceiptDto[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly table = computed(() => pivotReceipts(this.receipts() ?? [], this.documents()));

  constructor() {
    effect(() => {
      this.meetingId();
      this.documents();
      if (this.expanded()) untracked(() => void this.load());
    });
  }

  protected toggle(): void {
    this.expanded.update((v) => !v);
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.receipts.set(await firstValueFrom(this.api.receipts(this.meetingId())));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  /** Tooltip and accessible label of a cell: what happened when. */
  protected describe(cell: ReceiptCell | null): string {
    if (!cell) return this.i18n.t('docs.receipts.notFor');
    const parts: string[] = [];
    if (cell.receivedAt) parts.push(this.i18n.t('docs.receipts.received', { time: this.i18n.formatDateTime(cell.receivedAt) }));
    if (cell.openedAt) parts.push(this.i18n.t('docs.receipts.opened', { time: this.i18n.formatDateTime(cell.openedAt) }));
    return parts.length ? parts.join(' · ') : this.i18n.t('docs.receipts.pending');
  }
}
