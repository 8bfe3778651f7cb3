import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { VotingApi, toApiError } from '@phonghop/client-data-access';
import { SignedDocumentComponent, type SignerRole } from '@phonghop/client-documents';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import type { ApiErrorBody, LiveMotion } from '@phonghop/contracts';
import { baseKey } from '../vote-labels';
import { NamedListComponent } from './named-list.component';
import { ReceiptCheckComponent } from './receipt-check.component';
import { ResultChartComponent } from './result-chart.component';
import { ResultRecords } from './result-records';
import { type NamedRow, namedRows, resultPicture, shortHash } from './result-view';

/**
 * A closed vote's result, shared by tablets, the chair's console and the hall display: the verdict (passed, or who
 * is elected), the chart, the rule it was measured by, the ballots left out; on tablets also the named list on
 * demand, the receipt check, the PDF and the chain hash; on the chair's console also the signed results sheet. The display shows a named vote's list by itself, fetched
 * with its display token.
 */
@Component({
  selector: 'ph-vote-result',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, NamedListComponent, ReceiptCheckComponent, ResultChartComponent, SignedDocumentComponent, ...I18N_PIPES],
  templateUrl: './vote-result.component.html',
  styleUrl: './vote-result.component.scss',
})
export class VoteResultComponent {
  readonly meetingId = input.required<string>();
  readonly motion = input.required<LiveMotion>();
  readonly variant = input<'tablet' | 'display'>('tablet');
  /** The hall display's token: the named list is fetched with it instead of a session. */
  readonly displayToken = input<string | null>(null);
  readonly myReceipt = input<string | null>(null);
  /** The chair's console: the results sheet's digital signatures, and the caller's "Ký" buttons in their area. */
  readonly signatures = input(false);
  readonly signerRole = input<SignerRole | null>(null);

  private readonly i18n = inject(I18nService);
  private readonly records = inject(ResultRecords);
  private readonly api = inject(VotingApi);

  protected readonly outcome = computed(() => this.motion().outcome);
  protected readonly spec = computed(() => this.motion().spec);
  protected readonly picture = computed(() => {
    const o = this.outcome();
    return o ? resultPicture(this.spec(), o.decided, this.i18n.lang()) : null;
  });
  protected readonly baseKey = computed(() => baseKey(this.spec().rules.majorityBase));
  protected readonly hash = computed(() => shortHash(this.outcome()?.resultHash ?? ''));
  protected readonly pdfUrl = computed(() => this.api.resultPdfUrl(this.meetingId(), this.motion().id));

  protected readonly showNamed = signal(false);
  protected readonly named = signal<NamedRow[] | null>(null);
  protected readonly loadingNamed = signal(false);
  protected readonly namedError = signal<ApiErrorBody | null>(null);

  constructor() {
    // The display lists a named vote's ballots without being asked: the hall reads it from the screen.
    effect(() => {
      if (this.variant() !== 'display' || this.spec().secret) return;
      untracked(() => void this.openNamed());
    });
  }

  protected async toggleNamed(): Promise<void> {
    if (this.showNamed()) {
      this.showNamed.set(false);
      return;
    }
    await this.openNamed();
  }

  private async openNamed(): Promise<void> {
    this.showNamed.set(true);
    if (this.named()) return;
    this.loadingNamed.set(true);
    this.namedError.set(null);
    try {
      const dto = await this.records.get(this.meetingId(), this.motion().id, this.displayToken() ?? undefined);
      this.named.set(namedRows(dto.record, this.i18n.lang()));
    } catch (e) {
      this.namedError.set(toApiError(e));
    } finally {
      this.loadingNamed.set(false);
    }
  }
}
