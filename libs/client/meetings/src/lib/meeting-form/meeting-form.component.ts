import { ChangeDetectionStrategy, Component, effect, inject, input, output, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { MEETING_KINDS, type ApiErrorBody, type CreateMeetingRequest, type MeetingDetailDto, type MeetingKind } from '@phonghop/contracts';
import { kindKey } from '../labels';
import { toDateTimeInputs, toMeetingIso } from '../meeting-time';

/** An upper-level server's conference code: that server's meeting id, as its secretary sends it. */
const CONFERENCE_CODE = /^\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\s*$/;

/** The end, when given, must come after the start (the server checks too: MEETING_TIME_INVALID). */
function endAfterStart(group: AbstractControl): ValidationErrors | null {
  const v = group.value as { startDate: string; startTime: string; endDate: string; endTime: string };
  const start = toMeetingIso(v.startDate, v.startTime);
  const end = toMeetingIso(v.endDate || v.startDate, v.endTime);
  return start && end && Date.parse(end) <= Date.parse(start) ? { endBeforeStart: true } : null;
}

/**
 * A meeting's details: title, kind, start and end (native date/time pickers, which tablets handle
 * best, read in the meeting zone, Vietnam time by default), location, description and confidentiality. Used to create and to edit.
 */
@Component({
  selector: 'ph-meeting-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSlideToggleModule, ...I18N_PIPES],
  templateUrl: './meeting-form.component.html',
  styleUrl: './meeting-form.component.scss',
})
export class MeetingFormComponent {
  readonly initial = input<MeetingDetailDto | null>(null);
  readonly saving = input(false);
  readonly error = input<ApiErrorBody | null>(null);
  readonly submitLabel = input<MessageKey>('common.save');
  readonly save = output<CreateMeetingRequest>();
  readonly cancelled = output<void>();

  protected readonly kinds = MEETING_KINDS;
  protected readonly kindKey = kindKey;

  private readonly i18n = inject(I18nService);
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      title: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(500)]],
      kind: ['in_person' as MeetingKind],
      startDate: ['', Validators.required],
      startTime: ['08:00', Validators.required],
      endDate: [''],
      endTime: [''],
      location: [''],
      description: [''],
      confidential: [false],
      upperMeetingId: ['', Validators.pattern(CONFERENCE_CODE)],
    },
    { validators: endAfterStart },
  );

  constructor() {
    effect(() => {
      const m = this.initial();
      if (!m) return;
      // Untracked: the zone arrives once at start-up and must not reset a form being edited.
      const zone = untracked(() => this.i18n.timeZone());
      const start = toDateTimeInputs(m.startsAt, zone);
      const end = toDateTimeInputs(m.endsAt, zone);
      this.form.reset({
        title: m.title,
        kind: m.kind,
        startDate: start.date,
        startTime: start.time,
        endDate: end.date === start.date ? '' : end.date,
        endTime: end.time,
        location: m.location ?? '',
        description: m.description ?? '',
        confidential: m.confidentiality === 'confidential',
        upperMeetingId: m.upperMeetingId ?? '',
      });
    });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const zone = this.i18n.timeZone();
    const startsAt = toMeetingIso(v.startDate, v.startTime, zone);
    if (!startsAt) return;
    const endsAt = v.endTime ? toMeetingIso(v.endDate || v.startDate, v.endTime, zone) : null;
    this.save.emit({
      title: v.title.trim(),
      kind: v.kind,
      startsAt,
      endsAt,
      location: v.location.trim() || null,
      description: v.description.trim() || null,
      confidentiality: v.confidential ? 'confidential' : 'normal',
      upperMeetingId: v.kind === 'in_person' ? null : v.upperMeetingId.trim().toLowerCase() || null,
    });
  }
}
