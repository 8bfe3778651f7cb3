import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { MOTION_MAX_OPTIONS, MOTION_MIN_OPTIONS } from '@phonghop/contracts';
import { type DraftOption, nextOptionId } from './motion-draft';

/** A motion's own list of options (candidates' names, alternatives): type, add, remove, move. */
@Component({
  selector: 'ph-vote-options-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  template: `
    <ol class="options">
      @for (o of options(); track o.id; let i = $index; let first = $first; let last = $last) {
        <li>
          <span class="num">{{ i + 1 }}</span>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'vote.form.optionLabel' | t: { n: i + 1 } }}</mat-label>
            <input matInput [value]="o.label" (input)="rename(i, $any($event.target).value)" maxlength="200"
                   [attr.data-testid]="'motion-form-option-' + i" />
          </mat-form-field>
          <button mat-icon-button type="button" [disabled]="first" (click)="move(i, -1)" [attr.aria-label]="'vote.form.optionUp' | t">
            <mat-icon svgIcon="arrow-upward" />
          </button>
          <button mat-icon-button type="button" [disabled]="last" (click)="move(i, 1)" [attr.aria-label]="'vote.form.optionDown' | t">
            <mat-icon svgIcon="arrow-downward" />
          </button>
          <button mat-icon-button type="button" [disabled]="options().length <= min" (click)="remove(i)" [attr.aria-label]="'vote.form.optionRemove' | t"
                  [attr.data-testid]="'motion-form-option-remove-' + i">
            <mat-icon svgIcon="delete" />
          </button>
        </li>
      }
    </ol>
    <button mat-stroked-button type="button" class="ph-touch-button" [disabled]="options().length >= max" (click)="add()" data-testid="motion-form-option-add">
      <mat-icon svgIcon="add" /> {{ 'vote.form.optionAdd' | t }}
    </button>
  `,
  styles: `
    :host { display: block; }
    .options { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 6px; }
    li { display: flex; align-items: center; gap: 4px; }
    .num { flex: none; width: 28px; text-align: center; font-weight: 700; opacity: 0.7; }
    mat-form-field { flex: 1 1 auto; }
  `,
})
export class OptionsEditorComponent {
  readonly options = input.required<DraftOption[]>();
  readonly optionsChange = output<DraftOption[]>();
  protected readonly min = MOTION_MIN_OPTIONS;
  protected readonly max = MOTION_MAX_OPTIONS;

  protected rename(index: number, label: string): void {
    this.optionsChange.emit(this.options().map((o, i) => (i === index ? { ...o, label } : o)));
  }

  protected add(): void {
    this.optionsChange.emit([...this.options(), { id: nextOptionId(this.options()), label: '' }]);
  }

  protected remove(index: number): void {
    this.optionsChange.emit(this.options().filter((_, i) => i !== index));
  }

  protected move(index: number, delta: -1 | 1): void {
    const list = [...this.options()];
    const [moved] = list.splice(index, 1);
    list.splice(index + delta, 0, moved);
    this.optionsChange.emit(list);
  }
}
