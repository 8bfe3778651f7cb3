import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { toApiError, SignaturesApi } from '@phonghop/client-data-access';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { ApiErrorBody, SignedDocumentDto, SignedDocumentKind, SigningRequestDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { SignatureBadgeComponent } from './signature-badge.component';
import { sendToVgcaSignService } from './vgca-sign-service';

/** The signature area a caller signs in, or null for those who only read the signatures. */
export type SignerRole = 'chair' | 'secretary';

/**
 * The digital signatures of a document phonghop produced (final minutes or conclusions, a closed vote's results):
 * who signed (and how), the verdict badge, the signed PDF, and for the chair and the secretary the two ways to sign
 * in their own signature area: the organisation key on the server, or their own USB token through the desktop
 * signing tool (one-time links). Test ids carry the kind: `signing-minutes`, `sign-org-vote_result`, …
 */
@Component({
  selector: 'ph-signed-document',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, SignatureBadgeComponent, ...I18N_PIPES],
  template: `
    <section class="signing" [attr.data-testid]="'signing-' + kind()" [attr.aria-label]="'minsig.title' | t">
      <h4>{{ 'minsig.title' | t }}</h4>
      @if (state(); as s) {
        @if (s.signatures) {
          <ph-signature-badge [signatures]="s.signatures" />
        } @else {
          <p class="none">{{ 'minsig.none' | t }}</p>
        }
        <ul class="signed">
          @for (r of s.revisions; track r.revision) {
            @if (r.revision > 0) {
              <li [attr.data-testid]="'signed-' + kind() + '-' + r.signerRole">
                {{ roleKey(r.signerRole) | t }}: {{ r.signedByName ?? r.signerName }} {{ (r.signerKind === 'organisation' ? 'minsig.kind.organisation' : 'minsig.kind.person') | t }} — {{ r.signedAt | dateTime: 'short' }}
              </li>
            }
          }
        </ul>
        <div class="actions">
          @if (s.revisions.length > 1) {
            <a mat-stroked-button class="ph-touch-button" [href]="pdfUrl()" download [attr.data-testid]="'signed-pdf-' + kind()"><mat-icon svgIcon="download" /> {{ 'minsig.download' | t }}</a>
          }
          @if (signerRole(); as role) {
            @if (!s.signedRoles.includes(role)) {
              <button mat-flat-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="signWithOrganisationKey()" [attr.data-testid]="'sign-org-' + kind()">
                <mat-icon svgIcon="check-circle" /> {{ 'minsig.signOrg' | t }}
              </button>
              <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="askForLinks()" [attr.data-testid]="'sign-token-' + kind()">
                {{ 'minsig.signToken' | t }}
              </button>
            }
          }
        </div>
        @if (links(); as l) {
          <div class="links" [attr.data-testid]="'sign-links-' + kind()">
            <p>{{ 'minsig.tokenHelp' | t }}</p>
            <label>{{ 'minsig.tokenDocument' | t }}<input readonly [value]="l.documentUrl" /></label>
            <label>{{ 'minsig.tokenHash' | t }}<input readonly [value]="l.hashUrl" /></label>
            <label>{{ 'minsig.tokenUpload' | t }}<input readonly [value]="l.uploadUrl" /></label>
            <button mat-flat-button type="button" class="ph-touch-button" (click)="done()">{{ 'minsig.tokenDone' | t }}</button>
            <details class="vgca" [attr.data-testid]="'sign-vgca-' + kind()">
              <summary>{{ 'minsig.vgca.title' | t }}</summary>
              <p>{{ 'minsig.vgca.help' | t }}</p>
              <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="sendToVgca(l)">{{ 'minsig.vgca.send' | t }}</button>
              @if (vgcaProblem(); as p) {
                <p class="error" role="alert">{{ p.key | t: { message: p.message } }}</p>
              }
              <label>{{ 'minsig.vgca.params' | t }}<textarea readonly rows="4" [value]="vgcaJson(l)"></textarea></label>
            </details>
          </div>
        }
      }
      @if (error(); as e) {
        <p class="error" role="alert" [attr.data-testid]="'sign-error-' + kind()">{{ e | apiError }}</p>
      }
    </section>
  `,
  styles: `
    .signing { margin: 12px 0; padding: 12px 16px; border: 1px solid #cfd8e3; border-radius: 8px; background: #f7fafd; }
    h4 { margin: 0 0 8px; }
    .none { margin: 4px 0; color: #555; }
    .signed { margin: 8px 0; padding-left: 20px; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    .ph-touch-button { min-height: 48px; }
    .links { margin-top: 12px; display: grid; gap: 8px; }
    .links label { display: grid; gap: 4px; font-size: 0.9rem; }
    .links input { min-height: 40px; font: inherit; padding: 0 8px; }
    .vgca { margin-top: 4px; }
    .vgca summary { cursor: pointer; padding: 10px 0; }
    .vgca textarea { font: 0.8rem monospace; width: 100%; }
    .error { color: #b71c1c; }
  `,
})
export class SignedDocumentComponent {
  readonly meetingId = input.required<string>();
  readonly kind = input.required<SignedDocumentKind>();
  /** The minutes version number, or the motion id. */
  readonly ref = input.required<string | number>();
  /** Where the caller signs (their role, if the document has that signature area); null: read only. */
  readonly signerRole = input<SignerRole | null>(null);

  private readonly api = inject(SignaturesApi);
  protected readonly state = signal<SignedDocumentDto | null>(null);
  protected readonly links = signal<SigningRequestDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly vgcaProblem = signal<{ key: MessageKey; message: string } | null>(null);

  constructor() {
    effect(() => {
      const [meetingId, kind, ref] = [this.meetingId(), this.kind(), this.ref()];
      untracked(() => void this.load(meetingId, kind, ref));
    });
  }

  protected roleKey(role: string | null): MessageKey {
    return role === 'secretary' ? 'minsig.role.secretary' : 'minsig.role.chair';
  }

  protected pdfUrl(): string {
    return this.api.pdfUrl(this.meetingId(), this.kind(), this.ref());
  }

  protected async signWithOrganisationKey(): Promise<void> {
    await this.run(async () => this.state.set(await firstValueFrom(this.api.signWithOrganisationKey(this.meetingId(), this.kind(), this.ref()))));
  }

  protected async askForLinks(): Promise<void> {
    await this.run(async () => this.links.set(await firstValueFrom(this.api.requestPersonalSignature(this.meetingId(), this.kind(), this.ref()))));
  }

  protected vgcaJson(links: SigningRequestDto): string {
    return JSON.stringify(links.vgca);
  }

  /** The local VGCA Sign Service signs with the token and sends the file to the upload address itself. */
  protected async sendToVgca(links: SigningRequestDto): Promise<void> {
    this.vgcaProblem.set(null);
    this.busy.set(true);
    try {
      const outcome = await sendToVgcaSignService(links.vgca);
      if (outcome.kind === 'signed') await this.done();
      else if (outcome.kind === 'refused') this.vgcaProblem.set({ key: 'minsig.vgca.refused', message: outcome.message });
      else this.vgcaProblem.set({ key: 'minsig.vgca.unreachable', message: '' });
    } finally {
      this.busy.set(false);
    }
  }

  protected async done(): Promise<void> {
    this.links.set(null);
    await this.load(this.meetingId(), this.kind(), this.ref());
  }

  private async load(meetingId: string, kind: SignedDocumentKind, ref: string | number): Promise<void> {
    try {
      this.state.set(await firstValueFrom(this.api.state(meetingId, kind, ref)));
    } catch (err) {
      this.error.set(toApiError(err));
    }
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (err) {
      this.error.set(toApiError(err));
    } finally {
      this.busy.set(false);
    }
  }
}
