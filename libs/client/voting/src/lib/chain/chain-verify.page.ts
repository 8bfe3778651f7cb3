import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { ChainVerifyComponent } from './chain-verify.component';
import { meetingIdFrom } from './chain-view';

/**
 * The administrators' check of a meeting's vote results (`/admin/vote-chain?meeting=<id>`): paste the meeting's
 * code or page address; an administrator need not take part in the meeting to verify it.
 */
@Component({
  selector: 'ph-chain-verify-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ChainVerifyComponent, ...I18N_PIPES],
  template: `
    <div class="ph-page">
      <header class="ph-page-header">
        <div>
          <h1>{{ 'vote.chain.pageTitle' | t }}</h1>
          <p class="ph-page-subtitle">{{ 'vote.chain.pageSubtitle' | t }}</p>
        </div>
      </header>
      <section class="ph-panel box">
        <form class="pick" (submit)="$event.preventDefault(); go()">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'vote.chain.meeting' | t }}</mat-label>
            <input matInput [value]="typed()" (input)="typed.set($any($event.target).value)" autocomplete="off" spellcheck="false"
                   data-testid="chain-meeting-input" />
            <mat-hint>{{ 'vote.chain.meetingHint' | t }}</mat-hint>
          </mat-form-field>
          <button mat-flat-button type="submit" class="ph-touch-button" [disabled]="!typedId()" data-testid="chain-meeting-go">
            <mat-icon svgIcon="fact-check" /> {{ 'vote.chain.verify' | t }}
          </button>
        </form>
        @if (meetingId(); as id) {
          <ph-vote-chain [meetingId]="id" [auto]="true" />
        }
      </section>
    </div>
  `,
  styles: `
    .box { padding: 18px 20px; display: grid; gap: 16px; }
    .pick { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 12px; }
    mat-form-field { flex: 1 1 360px; }
  `,
})
export class ChainVerifyPage {
  /** Query parameter `meeting` (component input binding). */
  readonly meeting = input<string | undefined>();
  private readonly router = inject(Router);

  protected readonly typed = linkedSignal(() => this.meeting() ?? '');
  protected readonly typedId = computed(() => meetingIdFrom(this.typed()));
  protected readonly meetingId = computed(() => meetingIdFrom(this.meeting() ?? ''));

  protected go(): void {
    const id = this.typedId();
    if (id) void this.router.navigate([], { queryParams: { meeting: id } });
  }
}
