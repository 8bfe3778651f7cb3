import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import { DEFAULT_QUORUM, DEFAULT_SPEAKING_SECONDS, type QuorumRule } from '@phonghop/contracts';
import { FloorCommands } from '../floor-commands';
import type { AgendaRow } from '../live-view';

const SPEAKING_MINUTES = [1, 2, 3, 5, 7, 10, 15];
const QUORUM_RULES = [
  { numerator: 1, denominator: 2, label: 'live.settings.quorumHalf' },
  { numerator: 2, denominator: 3, label: 'live.settings.quorumTwoThirds' },
  { numerator: 3, denominator: 4, label: 'live.settings.quorumThreeQuarters' },
] as const satisfies readonly { numerator: number; denominator: number; label: MessageKey }[];

/**
 * The chair's console below the board: every agenda item with its clock (open one, and the open one closes; close
 * the current one), and the session's settings: speaking time and the quorum rule.
 */
@Component({
  selector: 'ph-live-chair-agenda',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ...I18N_PIPES],
  template: `
    @if (!inSession()) { <p class="hint">{{ 'live.agenda.whenOpen' | t }}</p> }
    <ol class="items" data-testid="live-agenda">
      @for (row of rows(); track row.id) {
        <li class="item" [class.sub]="row.depth === 1" [class.current]="row.current" [class.closed]="row.closed"
            [attr.data-testid]="'live-item-' + row.id" [attr.data-current]="row.current" [attr.data-closed]="row.closed">
          <span class="state" [attr.aria-label]="(row.current ? 'live.agenda.current' : row.closed ? 'live.agenda.closed' : 'live.agenda.waiting') | t">
            @if (row.current) { <mat-icon svgIcon="play-arrow" /> } @else if (row.closed) { <mat-icon svgIcon="check" /> } @else { <span class="num">{{ row.number }}</span> }
          </span>
          <div class="body">
            <span class="title">@if (row.current || row.closed) { <span class="num-inline">{{ row.number }}.</span> }{{ row.title }}</span>
            <span class="clock" [attr.data-tone]="row.clock.tone">
              <mat-icon svgIcon="timer" />{{ row.clock.elapsed }}@if (row.clock.planned) { / {{ row.clock.planned }} }
            </span>
            @if (row.clock.planned && (row.current || row.closed)) {
              <span class="bar" [attr.data-tone]="row.clock.tone"><span [style.width.%]="row.clock.fraction * 100"></span></span>
            }
          </div>
          @if (row.current) {
            <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="commands.busy() > 0" (click)="close()" data-testid="live-close-item">
              <mat-icon svgIcon="check" /> {{ 'live.agenda.close' | t }}
            </button>
          } @else {
            <button mat-flat-button type="button" class="ph-touch-button" [class.quiet]="row.closed" [disabled]="commands.busy() > 0 || !inSession()"
                    (click)="open(row.id)" [attr.data-testid]="'live-open-' + row.id">
              <mat-icon svgIcon="play-arrow" /> {{ (row.closed ? 'live.agenda.reopen' : 'live.agenda.open') | t }}
            </button>
          }
        </li>
      } @empty {
        <li class="empty">{{ 'live.agenda.empty' | t }}</li>
      }
    </ol>
    <div class="settings" data-testid="live-settings">
      <h3><mat-icon svgIcon="tune" /> {{ 'live.settings.title' | t }}</h3>
      <div class="setting">
        <span class="setting-label">{{ 'live.settings.speaking' | t }}</span>
        <div class="choices" role="radiogroup" [attr.aria-label]="'live.settings.speaking' | t">
          @for (m of speakingMinutes; track m) {
            <button type="button" class="choice" role="radio" [attr.aria-checked]="settings().minutes === m" [class.on]="settings().minutes === m"
                    [disabled]="busy()" (click)="setSpeakingMinutes(m)" [attr.data-testid]="'live-speaking-' + m">{{ m }} {{ 'live.minuteShort' | t }}</button>
          }
        </div>
      </div>
      <div class="setting">
        <span class="setting-label">{{ 'live.settings.quorum' | t }}</span>
        <div class="choices" role="radiogroup" [attr.aria-label]="'live.settings.quorum' | t">
          @for (q of quorumRules; track q.label) {
            <button type="button" class="choice" role="radio"
                    [attr.aria-checked]="settings().quorum.numerator === q.numerator && settings().quorum.denominator === q.denominator"
                    [class.on]="settings().quorum.numerator === q.numerator && settings().quorum.denominator === q.denominator"
                    [disabled]="busy()" (click)="setQuorum(q)" [attr.data-testid]="'live-quorum-rule-' + q.numerator + '-' + q.denominator">{{ q.label | t }}</button>
          }
        </div>
      </div>
    </div>
  `,
  styleUrl: './chair-agenda.component.scss',
})
export class ChairAgendaComponent {
  readonly meetingId = input.required<string>();
  readonly rows = input.required<AgendaRow[]>();
  readonly inSession = input(false);
  readonly speakingSeconds = input(DEFAULT_SPEAKING_SECONDS);
  readonly quorum = input<QuorumRule>(DEFAULT_QUORUM);
  protected readonly commands = inject(FloorCommands);
  protected readonly busy = computed(() => this.commands.busy() > 0);
  protected readonly settings = computed(() => ({ minutes: Math.round(this.speakingSeconds() / 60), quorum: this.quorum() }));
  protected readonly speakingMinutes = SPEAKING_MINUTES;
  protected readonly quorumRules = QUORUM_RULES;

  protected open(itemId: string): void {
    void this.commands.send('openItem', { meetingId: this.meetingId(), itemId });
  }

  protected close(): void {
    void this.commands.send('closeItem', { meetingId: this.meetingId() });
  }

  protected setSpeakingMinutes(minutes: number): void {
    void this.commands.send('setSettings', { meetingId: this.meetingId(), speakingSeconds: minutes * 60 }, 'live.done.settings');
  }

  protected setQuorum(rule: { numerator: number; denominator: number }): void {
    void this.commands.send('setSettings', { meetingId: this.meetingId(), quorum: { numerator: rule.numerator, denominator: rule.denominator } }, 'live.done.settings');
  }
}
