import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { MajorityBase, MotionRules, Threshold } from '@phonghop/contracts';
import { MAJORITY_BASES, THRESHOLDS, baseKey, thresholdKey } from '../vote-labels';

/**
 * The majority rules as large choice buttons: what the yes votes are measured against (all members, those
 * present, the votes cast), the threshold (more than half, two thirds), and whether the quorum is required to open.
 * Used by the motion form and the meeting's vote settings.
 */
@Component({
  selector: 'ph-vote-rules-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCheckboxModule, ...I18N_PIPES],
  template: `
    <fieldset class="rules">
      <legend>{{ 'vote.rules.base' | t }}</legend>
      <div class="choices" role="radiogroup" [attr.aria-label]="'vote.rules.base' | t">
        @for (b of bases; track b) {
          <button type="button" class="choice" role="radio" [class.on]="rules().majorityBase === b" [attr.aria-checked]="rules().majorityBase === b"
                  [disabled]="disabled()" (click)="set({ majorityBase: b })" [attr.data-testid]="testIdPrefix() + '-base-' + b">
            {{ baseKey(b) | t }}
          </button>
        }
      </div>
    </fieldset>
    <fieldset class="rules">
      <legend>{{ 'vote.rules.threshold' | t }}</legend>
      <div class="choices" role="radiogroup" [attr.aria-label]="'vote.rules.threshold' | t">
        @for (th of thresholds; track th) {
          <button type="button" class="choice" role="radio" [class.on]="rules().threshold === th" [attr.aria-checked]="rules().threshold === th"
                  [disabled]="disabled()" (click)="set({ threshold: th })" [attr.data-testid]="testIdPrefix() + '-threshold-' + th">
            {{ thresholdKey(th) | t }}
          </button>
        }
      </div>
    </fieldset>
    <mat-checkbox [checked]="rules().quorumRequired" [disabled]="disabled()" (change)="set({ quorumRequired: $event.checked })"
                  [attr.data-testid]="testIdPrefix() + '-quorum'">{{ 'vote.rules.quorum' | t }}</mat-checkbox>
  `,
  styles: `
    :host { display: block; }
    .rules { border: 0; margin: 0 0 12px; padding: 0; }
    legend { padding: 0; margin-bottom: 6px; font-weight: 650; }
    .choices { display: flex; flex-wrap: wrap; gap: 8px; }
    .choice {
      min-height: 48px; padding: 8px 16px; border-radius: 10px; cursor: pointer; font: inherit; font-weight: 600;
      border: 2px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-low); color: inherit;
    }
    .choice.on { border-color: var(--mat-sys-primary); background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); }
    .choice:disabled { opacity: 0.5; cursor: default; }
  `,
})
export class RulesFieldsComponent {
  readonly rules = input.required<MotionRules>();
  readonly disabled = input(false);
  readonly testIdPrefix = input('motion-form');
  readonly rulesChange = output<MotionRules>();

  protected readonly bases: readonly MajorityBase[] = MAJORITY_BASES;
  protected readonly thresholds: readonly Threshold[] = THRESHOLDS;
  protected readonly baseKey = baseKey;
  protected readonly thresholdKey = thresholdKey;

  protected set(change: Partial<MotionRules>): void {
    this.rulesChange.emit({ ...this.rules(), ...change });
  }
}
