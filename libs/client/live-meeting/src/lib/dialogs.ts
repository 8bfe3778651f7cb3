import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import { TOPIC_MAX_LENGTH, type MeetingRole, type SpeechKind } from '@phonghop/contracts';

export interface FloorRequestChoice {
  kind: SpeechKind;
  topic: string | null;
}

/** A delegate asks to speak: an ordinary speech or a point of order, with an optional topic. */
@Component({
  selector: 'ph-request-floor-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'live.request.title' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="ph-dialog-form">
        <div class="kinds" role="radiogroup" [attr.aria-label]="'live.request.kindLabel' | t">
          @for (k of kinds; track k.kind) {
            <button type="button" class="kind" role="radio" [attr.aria-checked]="kind() === k.kind" [class.on]="kind() === k.kind"
                    (click)="kind.set(k.kind)" [attr.data-testid]="'live-request-kind-' + k.kind">
              <mat-icon [svgIcon]="k.icon" />
              <span class="name">{{ k.label | t }}</span>
              <span class="hint">{{ k.hint | t }}</span>
            </button>
          }
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'live.request.topic' | t }}</mat-label>
          <input matInput formControlName="topic" [maxlength]="max" data-testid="live-request-topic" />
          <mat-hint>{{ 'common.optional' | t }}</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" class="ph-touch-button" data-testid="live-request-submit">
          <mat-icon svgIcon="pan-tool" /> {{ 'live.request.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .kinds { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-bottom: 16px; }
    .kind {
      display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; align-items: center; text-align: left;
      min-height: 72px; padding: 12px 14px; border-radius: 12px; cursor: pointer; font: inherit;
      border: 2px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); color: inherit;
    }
    .kind mat-icon { grid-row: span 2; color: var(--mat-sys-on-surface-variant); }
    .kind .name { font-weight: 650; }
    .kind .hint { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .kind.on { border-color: var(--mat-sys-primary); background: var(--mat-sys-primary-container); }
    .kind.on mat-icon { color: var(--mat-sys-primary); }
    @media (max-width: 520px) { .kinds { grid-template-columns: 1fr; } }
  `,
})
export class RequestFloorDialog {
  private readonly dialogRef = inject(MatDialogRef<RequestFloorDialog, FloorRequestChoice>);
  protected readonly max = TOPIC_MAX_LENGTH;
  protected readonly kind = signal<SpeechKind>('speech');
  protected readonly kinds: { kind: SpeechKind; icon: string; label: MessageKey; hint: MessageKey }[] = [
    { kind: 'speech', icon: 'mic', label: 'live.kind.speech', hint: 'live.request.speechHint' },
    { kind: 'point_of_order', icon: 'gavel', label: 'live.kind.point_of_order', hint: 'live.request.orderHint' },
  ];
  protected readonly form = new FormGroup({ topic: new FormControl('', { nonNullable: true }) });

  protected submit(): void {
    this.dialogRef.close({ kind: this.kind(), topic: this.form.controls.topic.value.trim() || null });
  }
}

export interface PickPersonData {
  people: { userId: string; fullName: string; unitName: string | null; meetingRole: MeetingRole; online: boolean }[];
}

/** The chair gives the floor to anyone in the meeting, not only to those on the list. */
@Component({
  selector: 'ph-pick-person-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'live.pick.title' | t }}</h2>
    <mat-dialog-content>
      <mat-form-field appearance="outline" class="ph-full-width">
        <mat-label>{{ 'live.pick.search' | t }}</mat-label>
        <input matInput (input)="query.set($any($event.target).value)" data-testid="live-pick-search" cdkFocusInitial />
      </mat-form-field>
      <ul class="people">
        @for (p of shown(); track p.userId) {
          <li>
            <button type="button" class="person" [mat-dialog-close]="p.userId" [attr.data-testid]="'live-pick-' + p.userId">
              <span class="dot" [class.on]="p.online" [attr.aria-label]="(p.online ? 'live.online' : 'live.offline') | t"></span>
              <span class="name">{{ p.fullName }}</span>
              <span class="unit">{{ roleKey(p.meetingRole) | t }}@if (p.unitName) { · {{ p.unitName }} }</span>
            </button>
          </li>
        } @empty {
          <li class="empty">{{ 'live.pick.none' | t }}</li>
        }
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .people { list-style: none; margin: 0; padding: 0; max-height: 50vh; overflow: auto; }
    .person {
      display: grid; grid-template-columns: auto 1fr; gap: 0 12px; align-items: center; width: 100%; min-height: 56px;
      padding: 8px 12px; border: 0; border-bottom: 1px solid var(--mat-sys-outline-variant); background: none; color: inherit;
      font: inherit; text-align: left; cursor: pointer;
    }
    .person:hover { background: var(--mat-sys-surface-container); }
    .dot { grid-row: span 2; width: 10px; height: 10px; border-radius: 50%; background: var(--mat-sys-outline); }
    .dot.on { background: #1b9e55; }
    .name { font-weight: 600; }
    .unit { font-size: 13px; color: var(--mat-sys-on-surface-variant); }
    .empty { padding: 16px; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class PickPersonDialog {
  protected readonly data = inject<PickPersonData>(MAT_DIALOG_DATA);
  protected readonly roleKey = (role: MeetingRole): MessageKey => `meeting.role.${role}`;
  protected readonly query = signal('');
  protected readonly shown = computed(() => {
    const q = fold(this.query().trim());
    const people = [...this.data.people].sort((a, b) => Number(b.online) - Number(a.online) || a.fullName.localeCompare(b.fullName, 'vi'));
    return q ? people.filter((p) => fold(`${p.fullName} ${p.unitName ?? ''}`).includes(q)) : people;
  });
}

/** Case- and tone-insensitive, so "nam" finds "Nam" and "Lê Hoàng Nam" is found by "hoang". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export interface TextPromptData {
  title: MessageKey;
  message: MessageKey;
  params?: Record<string, string | number>;
  label: MessageKey;
  confirm: MessageKey;
  required: boolean;
  maxLength: number;
}

/** A short text: the reason someone is absent, the name of a display. */
@Component({
  selector: 'ph-text-prompt-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ data.title | t: data.params }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="ph-dialog-form">
        <p class="message">{{ data.message | t: data.params }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ data.label | t }}</mat-label>
          <input matInput formControlName="text" [maxlength]="data.maxLength" cdkFocusInitial data-testid="live-prompt-input" />
          @if (!data.required) { <mat-hint>{{ 'common.optional' | t }}</mat-hint> }
          @if (form.controls.text.hasError('required')) { <mat-error>{{ 'common.required' | t }}</mat-error> }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" class="ph-touch-button" data-testid="live-prompt-submit">{{ data.confirm | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.message { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }`,
})
export class TextPromptDialog {
  protected readonly data = inject<TextPromptData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<TextPromptDialog, string>);
  protected readonly form = new FormGroup({ text: new FormControl('', { nonNullable: true, validators: this.data.required ? [Validators.required] : [] }) });

  protected submit(): void {
    const text = this.form.controls.text.value.trim();
    if (this.data.required && !text) {
      this.form.controls.text.setErrors({ required: true });
      this.form.controls.text.markAsTouched();
      return;
    }
    this.dialogRef.close(text);
  }
}
