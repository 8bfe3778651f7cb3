import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { DocumentSignaturesDto, SignatureProblem, SignatureStatus } from '@phonghop/contracts';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';

const ICON: Record<SignatureStatus, string> = { valid: '✓', invalid: '✕', unknown_signer: '?', changed_after_signing: '!' };

/**
 * A document's digital signatures at a glance: one word and a symbol in a colour (valid ✓ green, invalid ✕ red,
 * unknown signer ? amber, changed after signing ! orange), never colour alone. Outside the list (`compact`), a tap
 * opens the details: who signed, for which organisation, the CA, when (from a timestamp or as the signer claimed)
 * and what is wrong.
 */
@Component({
  selector: 'ph-signature-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    @if (report(); as r) {
      <span class="wrap" [class.block]="!compact()">
        <button type="button" class="badge" [class]="'badge ' + r.status" [attr.aria-expanded]="compact() ? null : open()"
                [attr.data-testid]="'signature-badge'" [attr.data-status]="r.status"
                [attr.title]="statusKey(r.status) | t" (click)="toggle($event)">
          <span class="icon" aria-hidden="true">{{ icon(r.status) }}</span>
          <span>{{ statusKey(r.status) | t }}</span>
          @if (r.signatures.length > 1) {
            <span class="count">({{ r.signatures.length }})</span>
          }
        </button>
        @if (open() && !compact()) {
          <div class="details" data-testid="signature-details" role="region" [attr.aria-label]="'sig.details' | t">
            @for (s of r.signatures; track s.index) {
              <div class="sig" [attr.data-status]="s.status">
                <div class="who">
                  <span class="mini {{ s.status }}" aria-hidden="true">{{ icon(s.status) }}</span>
                  <strong>{{ s.signerName || ('sig.unknownName' | t) }}</strong>
                  @if (s.organisation) {
                    <span> — {{ s.organisation }}</span>
                  }
                </div>
                <div>{{ statusKey(s.status) | t }} · {{ 'sig.level' | t: { level: s.level } }}</div>
                <div>{{ 'sig.issuer' | t: { issuer: s.issuerName || '—' } }}</div>
                @if (s.signedAt) {
                  <div>{{ (s.timeSource === 'timestamp' ? 'sig.signedAtStamped' : 'sig.signedAtClaimed') | t: { time: (s.signedAt | dateTime: 'short') } }}</div>
                }
                @if (s.reason) {
                  <div>{{ 'sig.reason' | t: { reason: s.reason } }}</div>
                }
                @for (p of s.problems; track p) {
                  <div class="problem">{{ problemKey(p) | t }}</div>
                }
              </div>
            }
          </div>
        }
      </span>
    }
  `,
  styles: `
    .wrap { display: inline-flex; flex-direction: column; gap: 6px; }
    .wrap.block { display: flex; margin: 8px 16px; }
    .badge { display: inline-flex; align-items: center; gap: 6px; min-height: 48px; padding: 0 14px; border-radius: 24px; border: 2px solid;
             font: inherit; font-weight: 600; cursor: pointer; background: #fff; align-self: flex-start; }
    .icon, .mini { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 50%; color: #fff; font-weight: 700; }
    .mini { width: 20px; height: 20px; font-size: 12px; margin-right: 4px; }
    .valid { color: #1b5e20; border-color: #2e7d32; } .valid .icon, .mini.valid { background: #2e7d32; }
    .invalid { color: #b71c1c; border-color: #c62828; } .invalid .icon, .mini.invalid { background: #c62828; }
    .unknown_signer { color: #6d4c00; border-color: #f9a825; } .unknown_signer .icon, .mini.unknown_signer { background: #f9a825; color: #3e2723; }
    .changed_after_signing { color: #8a3b00; border-color: #ef6c00; } .changed_after_signing .icon, .mini.changed_after_signing { background: #ef6c00; }
    .count { font-weight: 400; }
    .details { border: 1px solid #ccc; border-radius: 8px; padding: 8px 12px; background: #fafafa; max-width: 40rem; }
    .sig + .sig { border-top: 1px solid #e0e0e0; margin-top: 8px; padding-top: 8px; }
    .problem { color: #b71c1c; }
  `,
})
export class SignatureBadgeComponent {
  readonly signatures = input<DocumentSignaturesDto | null | undefined>(null);
  /** In a list: the badge alone (details are in the reader). */
  readonly compact = input(false);

  protected readonly open = signal(false);
  protected readonly report = computed(() => this.signatures() ?? null);

  protected icon(status: SignatureStatus): string {
    return ICON[status];
  }

  protected statusKey(status: SignatureStatus): MessageKey {
    return `sig.status.${status}`;
  }

  protected problemKey(problem: SignatureProblem): MessageKey {
    return `sig.problem.${problem}`;
  }

  protected toggle(event: Event): void {
    // In a list row the badge sits beside the link to the reader: a tap on it must not open the document.
    event.stopPropagation();
    if (!this.compact()) this.open.update((o) => !o);
  }
}
