import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { toApiError, SignaturesApi } from '@phonghop/client-data-access';
import { SignatureBadgeComponent } from '@phonghop/client-documents';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { ApiErrorBody, MinutesKind, SignedDocumentDto, SigningRequestDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import type { MinutesAudience } from '../minutes-view';

/**
 * The digital signatures of a final version: who signed (and how), the verdict badge, the signed PDF, and for the
 * chair and the secretary the two ways to sign in their own signature area: the organisation key on the server,
 * or their own USB token through the desktop signing tool (one-time links).
 */
@Component({
  selector: 'ph-minutes-signing',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, SignatureBadgeComponent, ...I18N_PIPES],
  template: `
    <section class="signing" data-testid="minutes-signing" [attr.aria-label]="'minsig.title' | t">
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
              <li [attr.data-testid]="'minutes-signed-' + r.signerRole">
                {{ roleKey(r.signerRole) | t }}: {{ r.signedByName ?? r.signerName }} {{ (r.signerKind === 'organisation' ? 'minsig.kind.organisation' : 'minsig.kind.person') | t }} — {{ r.signedAt | dateTime: 'short' }}
              </li>
            }
          }
        </ul>
        <div class="actions">
          @if (s.revisions.length > 1) {
            <a mat-stroked-button class="ph-touch-button" [href]="pdfUrl()" download data-testid="minutes-signed-pdf"><mat-icon svgIcon="download" /> {{ 'minsig.download' | t }}</a>
          }
          @if (myRole(); as role) {
            @if (!s.signedRoles.includes(role)) {
              <button mat-flat-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="signWithOrganisationKey()" data-testid="minutes-sign-org">
                <mat-icon svgIcon="check-circle" /> {{ 'minsig.signOrg' | t }}
              </button>
              <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="askForLinks()" data-testid="minutes-sign-token">
                {{ 'minsig.signToken' | t }}
              </button>
            }
          }
        </div>
        @if (links(); as l) {
          <div class="links" data-testid="minutes-sign-links">
            <p>{{ 'minsig.tokenHelp' | t }}</p>
            <label>{{ 'minsig.tokenDocument' | t }}<input readonly [value]="l.documentUrl" /></label>
            <label>{{ 'minsig.tokenHash' | t }}<input readonly [value]="l.hashUrl" /></label>
            <label>{{ 'minsig.tokenUpload' | t }}<input readonly [value]="l.uploadUrl" /></label>
            <button mat-flat-button type="button" class="ph-touch-button" (click)="done()">{{ 'minsig.tokenDone' | t }}</button>
          </div>
        }
      }
      @if (error(); as e) {
        <p class="error" role="alert" data-testid="minutes-sign-error">{{ e | apiError }}</p>
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
    .error { color: #b71c1c; }
  `,
})
export class MinutesSigningComponent {
  readonly meetingId = input.required<string>();
  readonly kind = input.required<MinutesKind>();
  readonly version = input.required<number>();
  readonly audience = input.required<MinutesAudience>();

  private readonly api = inject(SignaturesApi);
  protected readonly state = signal<SignedDocumentDto | null>(null);
  protected readonly links = signal<SigningRequestDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  constructor() {
    effect(() => {
      const [meetingId, kind, version] = [this.meetingId(), this.kind(), this.version()];
      untracked(() => void this.load(meetingId, kind, version));
    });
  }

  /** The signature area the caller signs in: the chair's, or the secretary's (conclusions have the chair's only). */
  protected myRole(): 'chair' | 'secretary' | null {
    const audience = this.audience();
    if (audience === 'chair') return 'chair';
    return audience === 'writer' && this.kind() === 'minutes' ? 'secretary' : null;
  }

  protected roleKey(role: string | null): MessageKey {
    return role === 'secretary' ? 'minsig.role.secretary' : 'minsig.role.chair';
  }

  protected pdfUrl(): string {
    return this.api.pdfUrl(this.meetingId(), this.kind(), this.version());
  }

  protected async signWithOrganisationKey(): Promise<void> {
    await this.run(async () => this.state.set(await firstValueFrom(this.api.signWithOrganisationKey(this.meetingId(), this.kind(), this.version()))));
  }

  protected async askForLinks(): Promise<void> {
    await this.run(async () => this.links.set(await firstValueFrom(this.api.requestPersonalSignature(this.meetingId(), this.kind(), this.version()))));
  }

  protected async done(): Promise<void> {
    this.links.set(null);
    await this.load(this.meetingId(), this.kind(), this.version());
  }

  private async load(meetingId: string, kind: MinutesKind, version: number): Promise<void> {
    try {
      this.state.set(await firstValueFrom(this.api.state(meetingId, kind, version)));
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
