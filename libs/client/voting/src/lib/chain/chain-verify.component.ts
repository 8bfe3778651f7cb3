import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { VotingApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { ApiErrorBody, ChainVerificationDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { type ChainRowState, chainRows } from './chain-view';

/**
 * "Kiểm tra chuỗi kết quả": the server recomputes every closed result of the meeting from its stored ballots and
 * checks each sealed record against its hash and the one before it. Each link reads ✓ or ✗; the first broken one is
 * highlighted with what is wrong in words.
 */
@Component({
  selector: 'ph-vote-chain',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, ...I18N_PIPES],
  template: `
    <div class="chain">
      <div class="head">
        <p class="help">{{ 'vote.chain.help' | t }}</p>
        <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="busy()" (click)="verify()" data-testid="chain-verify">
          <mat-icon svgIcon="fact-check" /> {{ (result() ? 'vote.chain.again' : 'vote.chain.verify') | t }}
        </button>
      </div>
      @if (busy()) { <mat-progress-bar mode="indeterminate" /> }
      @if (error(); as e) { <div class="ph-error-banner" role="alert" data-testid="chain-error"><span>{{ e | apiError }}</span></div> }
      @if (result(); as r) {
        <p class="verdict" role="status" data-testid="chain-verdict" [attr.data-ok]="r.ok">
          <mat-icon [svgIcon]="r.ok ? 'check-circle' : 'error'" />
          @if (!r.links.length) { {{ 'vote.chain.empty' | t }} }
          @else if (r.ok) { {{ 'vote.chain.ok' | t: { count: r.links.length } }} }
          @else { {{ 'vote.chain.broken' | t }} }
        </p>
        <ol class="links">
          @for (row of rows(); track row.motionId; let i = $index) {
            <li [attr.data-testid]="'chain-link-' + row.motionId" [attr.data-state]="row.state" [class.first]="row.first">
              <span class="mark" [attr.aria-label]="stateKey(row.state) | t">{{ row.state === 'ok' ? '✓' : row.state === 'broken' ? '✗' : '?' }}</span>
              <span class="body">
                <span class="title">{{ i + 1 }}. {{ row.title }}</span>
                <span class="when">{{ row.closedAt | dateTime }}</span>
                @if (row.problem) { <span class="problem" data-testid="chain-problem">{{ row.problem | t }}</span> }
                @else if (row.state === 'after_break') { <span class="problem soft">{{ 'vote.chain.afterBreak' | t }}</span> }
              </span>
            </li>
          }
        </ol>
      }
    </div>
  `,
  styles: `
    :host { display: block; }
    .head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
    .help { flex: 1 1 280px; margin: 0; font-size: 14px; opacity: 0.85; }
    .verdict { display: flex; align-items: center; gap: 8px; margin: 12px 0 8px; font-weight: 750; font-size: 17px; color: #b3261e; }
    .verdict[data-ok='true'] { color: #1b7f4c; }
    .links { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    li { display: flex; gap: 12px; align-items: flex-start; padding: 8px 12px; border-radius: 10px; border: 1px solid var(--mat-sys-outline-variant); }
    li[data-state='broken'] { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    li[data-state='after_break'] { opacity: 0.75; }
    li.first { border: 3px solid var(--mat-sys-error); }
    .mark { flex: none; width: 28px; height: 28px; border-radius: 50%; display: grid; place-items: center; font-weight: 800; background: #d8f3e3; color: #0e5a33; }
    li[data-state='broken'] .mark { background: var(--mat-sys-error); color: var(--mat-sys-on-error); }
    li[data-state='after_break'] .mark { background: #fff1cc; color: #7a5a00; }
    .body { display: flex; flex-direction: column; min-width: 0; }
    .title { font-weight: 650; }
    .when { font-size: 13px; opacity: 0.8; }
    .problem { margin-top: 4px; font-weight: 650; }
    .problem.soft { font-weight: 400; font-size: 14px; }
  `,
})
export class ChainVerifyComponent {
  readonly meetingId = input.required<string>();
  /** Check as soon as the meeting is known (the admin page), instead of on a tap. */
  readonly auto = input(false);

  private readonly api = inject(VotingApi);
  protected readonly result = signal<ChainVerificationDto | null>(null);
  protected readonly rows = computed(() => {
    const r = this.result();
    return r ? chainRows(r) : [];
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  constructor() {
    effect(() => {
      this.meetingId();
      untracked(() => {
        this.result.set(null);
        this.error.set(null);
        if (this.auto()) void this.verify();
      });
    });
  }

  protected stateKey(state: ChainRowState): MessageKey {
    return `vote.chain.state.${state}`;
  }

  protected async verify(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.result.set(await firstValueFrom(this.api.verifyChain(this.meetingId())));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
