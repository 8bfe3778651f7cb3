import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { LiveMeetingApi, MeetingsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { errorBody, type ApiErrorBody } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';

type State = { kind: 'working' } | { kind: 'done'; at: Date } | { kind: 'failed'; error: ApiErrorBody };

/**
 * The page behind the hall's QR code (`/meetings/:meetingId/check-in?code=…`): a delegate scans it with the tablet
 * or phone they are signed in on and is checked in at once; a signed-out visitor logs in first and comes back here
 * with the code. Large confirmation, or a plain explanation of what went wrong.
 */
@Component({
  selector: 'ph-check-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, RouterLink, ...I18N_PIPES],
  template: `
    <div class="ph-page check-in">
      @switch (state().kind) {
        @case ('working') {
          <div class="card" data-testid="checkin-working">
            <mat-spinner diameter="56" />
            <p class="lead">{{ 'checkIn.working' | t }}</p>
          </div>
        }
        @case ('done') {
          <div class="card done" data-testid="checkin-done" role="status">
            <div class="badge"><mat-icon svgIcon="how-to-reg" /></div>
            <h1>{{ 'checkIn.done' | t }}</h1>
            @if (title(); as t) { <p class="meeting" data-testid="checkin-meeting">{{ t }}</p> }
            <p class="lead">{{ 'checkIn.doneBody' | t: { time: time() } }}</p>
            <a mat-flat-button class="ph-touch-button big" [routerLink]="['/meetings', meetingId()]" data-testid="checkin-open-meeting">
              <mat-icon svgIcon="event" /> {{ 'checkIn.openMeeting' | t }}
            </a>
          </div>
        }
        @case ('failed') {
          <div class="card failed" data-testid="checkin-failed" role="alert">
            <div class="badge"><mat-icon svgIcon="error" /></div>
            <h1>{{ 'checkIn.failed' | t }}</h1>
            <p class="lead" data-testid="checkin-error">{{ error() | apiError }}</p>
            <p class="help">{{ 'checkIn.failedHelp' | t }}</p>
            <div class="actions">
              <button mat-flat-button type="button" class="ph-touch-button" (click)="retry()" data-testid="checkin-retry">
                <mat-icon svgIcon="refresh" /> {{ 'common.retry' | t }}
              </button>
              <a mat-stroked-button class="ph-touch-button" [routerLink]="['/meetings', meetingId()]">{{ 'checkIn.openMeeting' | t }}</a>
              <a mat-button class="ph-touch-button" routerLink="/">{{ 'notFound.back' | t }}</a>
            </div>
          </div>
        }
      }
    </div>
  `,
  styles: `
    .check-in { display: flex; justify-content: center; padding-top: 48px; }
    .card {
      display: flex; flex-direction: column; align-items: center; gap: 12px; width: min(620px, 100%); padding: 40px 28px;
      text-align: center; border-radius: 20px; background: var(--mat-sys-surface-container-lowest); border: 1px solid var(--mat-sys-outline-variant);
    }
    .badge { display: grid; place-items: center; width: 112px; height: 112px; border-radius: 50%; }
    .badge mat-icon { width: 64px; height: 64px; }
    .done .badge { background: #d8f3e3; color: #1b7f4c; }
    .failed .badge { background: var(--mat-sys-error-container); color: var(--mat-sys-error); }
    h1 { font-size: 34px; font-weight: 750; }
    .done h1 { color: #0e5a33; }
    .meeting { margin: 0; font-size: 20px; font-weight: 600; }
    .lead { margin: 0; font-size: 18px; }
    .help { margin: 0; color: var(--mat-sys-on-surface-variant); }
    .actions { display: flex; flex-wrap: wrap; justify-content: center; gap: 8px; margin-top: 8px; }
    .big.mat-mdc-button-base { min-height: 64px; padding-inline: 32px; font-size: 18px; border-radius: 32px; margin-top: 8px; }
  `,
})
export class CheckInPage {
  /** Route parameter and query parameter (component input binding). */
  readonly meetingId = input.required<string>();
  readonly code = input<string | undefined>(undefined);

  private readonly api = inject(LiveMeetingApi);
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);

  protected readonly state = signal<State>({ kind: 'working' });
  protected readonly title = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.meetingId();
      const code = this.code();
      untracked(() => void this.checkIn(id, code));
    });
  }

  protected error(): ApiErrorBody | null {
    const s = this.state();
    return s.kind === 'failed' ? s.error : null;
  }

  protected time(): string {
    const s = this.state();
    return s.kind === 'done' ? this.i18n.formatTime(s.at.toISOString()) : '';
  }

  protected retry(): void {
    void this.checkIn(this.meetingId(), this.code());
  }

  private async checkIn(meetingId: string, code: string | undefined): Promise<void> {
    this.state.set({ kind: 'working' });
    try {
      if (!code) throw errorBody('CHECK_IN_CODE_INVALID');
      await firstValueFrom(this.api.checkIn(meetingId, code));
      this.state.set({ kind: 'done', at: new Date() });
      try {
        this.title.set((await firstValueFrom(this.meetingsApi.get(meetingId))).title);
      } catch {
        // The confirmation stands without the title.
      }
    } catch (e) {
      this.state.set({ kind: 'failed', error: toApiError(e) });
    }
  }
}
