import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ApiErrorBody } from '@phonghop/contracts';
import { ResultRecords } from './result-records';
import { receiptCounted } from './result-view';

/**
 * "Kiểm tra mã biên nhận": anyone with a receipt (their own, noted down or photographed) checks that it is among
 * the ballots counted. The check runs on this device against the published record: nobody learns whose receipt was
 * looked up. Pre-filled with this tablet's own receipt when it has one.
 */
@Component({
  selector: 'ph-vote-receipt-check',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  template: `
    <form class="check" (submit)="$event.preventDefault(); check()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'vote.receipt.check' | t }}</mat-label>
        <input matInput [value]="typed()" (input)="typed.set($any($event.target).value); verdict.set(null)" autocomplete="off"
               autocapitalize="off" spellcheck="false" data-testid="vote-receipt-input" />
      </mat-form-field>
      <button mat-stroked-button type="submit" class="ph-touch-button" [disabled]="busy() || !typed().trim()" data-testid="vote-receipt-check">
        <mat-icon svgIcon="search" /> {{ 'vote.receipt.checkButton' | t }}
      </button>
    </form>
    @if (verdict() !== null) {
      <p class="verdict" role="status" data-testid="vote-receipt-verdict" [attr.data-counted]="verdict()">
        <mat-icon [svgIcon]="verdict() ? 'check-circle' : 'cancel'" />
        {{ (verdict() ? 'vote.receipt.counted' : 'vote.receipt.notCounted') | t }}
      </p>
    }
    @if (error(); as e) { <p class="error" role="alert">{{ e | apiError }}</p> }
  `,
  styles: `
    :host { display: block; }
    .check { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
    mat-form-field { flex: 1 1 240px; }
    input { font-family: ui-monospace, 'Cascadia Mono', 'Noto Sans Mono', monospace; font-size: 18px; letter-spacing: 0.04em; }
    .verdict { display: flex; align-items: center; gap: 8px; margin: 8px 0 0; font-weight: 700; color: #b3261e; }
    .verdict[data-counted='true'] { color: #1b7f4c; }
    .error { margin: 8px 0 0; color: var(--mat-sys-error); }
  `,
})
export class ReceiptCheckComponent {
  readonly meetingId = input.required<string>();
  readonly motionId = input.required<string>();
  /** This tablet's receipt, if it voted. */
  readonly myReceipt = input<string | null>(null);

  private readonly records = inject(ResultRecords);
  protected readonly typed = linkedSignal(() => this.myReceipt() ?? '');
  protected readonly verdict = signal<boolean | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  protected async check(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const dto = await this.records.get(this.meetingId(), this.motionId());
      this.verdict.set(receiptCounted(dto.record.receipts, this.typed()));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
