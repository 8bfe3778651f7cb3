import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MeetingsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ApiErrorBody, CreateMeetingRequest, MeetingDetailDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { MeetingFormComponent } from '../meeting-form/meeting-form.component';

/** Edits a meeting's details; closes with the saved meeting. */
@Component({
  selector: 'ph-edit-meeting-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MeetingFormComponent, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'meetingForm.editTitle' | t }}</h2>
    <mat-dialog-content class="ph-dialog-form">
      <ph-meeting-form [initial]="meeting" [saving]="saving()" [error]="error()" (save)="save($event)" (cancelled)="dialogRef.close()" />
    </mat-dialog-content>
  `,
})
export class EditMeetingDialog {
  protected readonly meeting = inject<MeetingDetailDto>(MAT_DIALOG_DATA);
  protected readonly dialogRef = inject(MatDialogRef<EditMeetingDialog, MeetingDetailDto>);
  private readonly meetingsApi = inject(MeetingsApi);
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  async save(request: CreateMeetingRequest): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      this.dialogRef.close(await firstValueFrom(this.meetingsApi.update(this.meeting.id, request)));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
