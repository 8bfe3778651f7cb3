import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { followStep } from './live-ink';
import { PresenterSession } from './presenter-session';

/** How long a follower's reader keeps turning to the presented page while its own layout settles. */
const SETTLE_MS = 1500;

/**
 * The reader's presenter strip: "Trình chiếu" for those who may present; the presenter's live pen, "Xóa nét" and
 * "Dừng trình chiếu"; for everyone else the presentation's banner with follow / detach / rejoin. The presenter's page
 * turns and zoom go out (throttled); a follower's reader is turned and zoomed through `turn` and `zoomTo`.
 */
@Component({
  selector: 'ph-presenter-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ...I18N_PIPES],
  template: `
    @let p = s.presentation();
    <div class="bar" [attr.data-reader-page]="page()">
      @if (!p && s.mayPresent() && pageCount()) {
        <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="s.busy()" (click)="start()" data-testid="present-start">
          <mat-icon svgIcon="play-arrow" aria-hidden="true" />{{ 'present.start' | t }}
        </button>
      }
      @if (p) {
        <div class="banner" role="status" data-testid="presenting-banner" [attr.data-page]="p.page" [attr.data-document-id]="p.documentId">
          <span class="text">{{ 'present.banner' | t: { title: p.title, page: p.page, name: p.presenter } }}</span>
          @if (s.isPresenter()) {
            <button mat-stroked-button type="button" class="ph-touch-button" [class.on]="s.pen()" [attr.aria-pressed]="s.pen()"
                    (click)="s.pen.set(!s.pen())" data-testid="present-pen">{{ 'present.pen' | t }}</button>
            <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="!p.ink.length" (click)="s.clearInk()" data-testid="present-clear">
              {{ 'present.clear' | t }}
            </button>
          } @else {
            @switch (s.mode()) {
              @case ('following') {
                <button mat-stroked-button type="button" class="ph-touch-button" (click)="s.setMode('detached')" data-testid="present-detach">{{ 'present.detach' | t }}</button>
              }
              @case ('detached') {
                <button mat-flat-button type="button" class="ph-touch-button" (click)="rejoin()" data-testid="present-rejoin">{{ 'present.rejoin' | t }}</button>
              }
              @default {
                <button mat-flat-button type="button" class="ph-touch-button" (click)="rejoin()" data-testid="present-follow">{{ 'present.follow' | t }}</button>
              }
            }
          }
          @if (s.isPresenter() || s.hosts()) {
            <button mat-flat-button type="button" class="ph-touch-button stop" [disabled]="s.busy()" (click)="s.stop()" data-testid="present-stop">
              {{ 'present.stop' | t }}
            </button>
          }
        </div>
      }
    </div>
  `,
  styles: `
    :host { display: block; }
    .bar:empty { display: none; }
    .bar { display: flex; justify-content: flex-end; padding: 4px 12px; gap: 8px; }
    .banner { flex: 1; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 4px 12px; border-radius: 8px;
              background: var(--ph-present-bg, #fff3e0); color: #4e342e; }
    .text { flex: 1; min-width: 12rem; font-weight: 500; }
    .ph-touch-button { min-height: 48px; min-width: 48px; }
    .on { background: #e53935; color: #fff; }
    .stop { --mdc-filled-button-container-color: #c62828; }
  `,
})
export class PresenterBarComponent {
  readonly meetingId = input.required<string>();
  readonly documentId = input.required<string>();
  readonly version = input(0);
  /** The reader's page and zoom now, and its page count (0 until the PDF is open). */
  readonly page = input(1);
  readonly zoom = input(1);
  readonly pageCount = input(0);
  readonly turn = output<number>();
  readonly zoomTo = output<number>();

  protected readonly s = inject(PresenterSession);
  private readonly router = inject(Router);
  private applied: { page: number; zoom: number } | null = null;
  private settleTimer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      const documentId = this.documentId();
      untracked(() => {
        this.s.connect(meetingId);
        this.s.documentId.set(documentId);
      });
    });
    // The presenter: page turns and zoom go to everyone.
    effect(() => {
      const page = this.page();
      const zoom = this.zoom();
      const p = this.s.presentation();
      if (!p || !this.s.isPresenter() || !this.s.here() || !this.pageCount()) return;
      if (p.page !== page || p.zoom !== zoom) untracked(() => this.s.view(page, zoom));
    });
    // A follower: turn and zoom with the presentation.
    effect(() => {
      const mode = this.s.mode();
      const p = this.s.presentation();
      const ready = this.pageCount() > 0;
      if (mode !== 'following') this.applied = null;
      if (!ready || this.s.isPresenter()) return;
      untracked(() => {
        const step = followStep(mode, p, this.documentId(), this.applied);
        if (step.kind === 'open') {
          void this.router.navigate(['/meetings', this.meetingId(), 'documents', step.documentId], { queryParams: { page: step.page } });
        } else if (step.kind === 'view') {
          this.applied = { page: step.page, zoom: step.zoom };
          if (step.zoom !== this.zoom()) this.zoomTo.emit(step.zoom);
          this.turnTo(step.page);
        }
      });
    });
    inject(DestroyRef).onDestroy(() => clearInterval(this.settleTimer));
  }

  protected start(): void {
    void this.s.start(this.version(), this.page());
  }

  protected rejoin(): void {
    this.applied = null;
    this.s.setMode('following');
  }

  /** Turns now, and again while the reader's first layout (or a zoom) may still move it elsewhere. */
  private turnTo(page: number): void {
    clearInterval(this.settleTimer);
    if (this.page() !== page) this.turn.emit(page);
    const until = Date.now() + SETTLE_MS;
    this.settleTimer = setInterval(() => {
      if (Date.now() > until || this.applied?.page !== page || this.s.mode() !== 'following') clearInterval(this.settleTimer);
      else if (this.page() !== page) this.turn.emit(page);
    }, 100);
  }
}
