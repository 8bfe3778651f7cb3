import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ParticipantDto } from '@phonghop/contracts';

/**
 * `<ph-named-readers-field [participants] [value] (valueChange) [testId]>`: who may read a `named` document,
 * picked among the meeting's participants (the server accepts no one else). Shared by the upload form and
 * the edit dialog so both pick readers the same way.
 */
@Component({
  selector: 'ph-named-readers-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatFormFieldModule, MatSelectModule, ...I18N_PIPES],
  template: `
    <mat-form-field>
      <mat-label>{{ 'docs.form.named' | t }}</mat-label>
      <mat-select multiple [ngModel]="value()" (ngModelChange)="valueChange.emit($event)" [attr.data-testid]="testId()">
        @for (p of participants(); track p.id) {
          <mat-option [value]="p.userId" [attr.data-testid]="'named-reader-' + p.userId">{{ p.fullName }}@if (p.unitName) { · {{ p.unitName }} }</mat-option>
        }
      </mat-select>
      @if (!value().length) {
        <mat-hint>{{ 'docs.form.namedRequired' | t }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host { display: block; }
    mat-form-field { width: 100%; }
  `,
})
export class NamedReadersField {
  readonly participants = input.required<readonly ParticipantDto[]>();
  readonly value = input.required<readonly string[]>();
  readonly testId = input<string | null>(null);
  readonly valueChange = output<string[]>();
}
