import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { DelegateCandidateDto } from '@phonghop/contracts';
import { delegateCandidateSearch } from './person-search';

export interface DelegateDialogData {
  meetingId: string;
}

export interface DelegateChoice {
  delegateUserId: string;
  delegateName: string;
  reason: string | null;
}

/** Ủy quyền: choose who attends in my place (they get the invitation and act for me). */
@Component({
  selector: 'ph-delegate-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatAutocompleteModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'rsvp.delegateTitle' | t }}</h2>
    <mat-dialog-content class="ph-dialog-form">
      <p class="message">{{ 'rsvp.delegateBody' | t }}</p>
      <mat-form-field appearance="outline">
        <mat-icon matPrefix svgIcon="search" />
        <mat-label>{{ 'rsvp.delegatePerson' | t }}</mat-label>
        <input matInput [ngModel]="text()" (ngModelChange)="onType($event)" [matAutocomplete]="auto"
               autocomplete="off" cdkFocusInitial data-testid="delegate-search" />
        <mat-autocomplete #auto="matAutocomplete" [displayWith]="display" (optionSelected)="chosen.set($event.option.value)">
          @for (u of people.results(); track u.userId) {
            <mat-option [value]="u" [attr.data-testid]="'delegate-option-' + u.userId">
              <span class="name">{{ u.fullName }}</span>@if (u.title || u.unitName) { <span class="sub"> · {{ u.title ?? u.unitName }}</span> }
            </mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      @if (people.error(); as err) {
        <div class="ph-error-banner" role="alert" data-testid="delegate-error">
          <mat-icon svgIcon="error" /><span>{{ err | apiError }}</span>
        </div>
      }
      <mat-form-field appearance="outline">
        <mat-label>{{ 'rsvp.delegateReason' | t }}</mat-label>
        <textarea matInput rows="2" maxlength="500" [(ngModel)]="reason" data-testid="delegate-reason"></textarea>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" [disabled]="!chosen()" (click)="submit()" data-testid="delegate-submit">
        {{ 'rsvp.delegateConfirm' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .message { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .ph-error-banner { margin: -8px 0 16px; }
  `,
})
export class DelegateDialog {
  private readonly data = inject<DelegateDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<DelegateDialog, DelegateChoice>);
  protected readonly people = delegateCandidateSearch(this.data.meetingId);
  protected readonly text = signal<string | DelegateCandidateDto>('');
  protected readonly chosen = signal<DelegateCandidateDto | null>(null);
  protected reason = '';

  protected readonly display = (u: DelegateCandidateDto | string | null) => (typeof u === 'string' ? u : (u?.fullName ?? ''));

  protected onType(value: string | DelegateCandidateDto): void {
    this.text.set(value);
    if (typeof value === 'string') {
      this.chosen.set(null);
      this.people.search(value);
    }
  }

  protected submit(): void {
    const person = this.chosen();
    if (!person) return;
    this.dialogRef.close({ delegateUserId: person.userId, delegateName: person.fullName, reason: this.reason.trim() || null });
  }
}
