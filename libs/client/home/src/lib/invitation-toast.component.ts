import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MAT_SNACK_BAR_DATA, MatSnackBarRef } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { I18N_PIPES } from '@phonghop/client-i18n';

export interface InvitationToastData {
  meetingId: string;
  title: string;
}

/** "Bạn có giấy mời họp mới: …" with a button that opens the meeting. */
@Component({
  selector: 'ph-invitation-toast',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, ...I18N_PIPES],
  template: `
    <div class="toast" data-testid="invitation-toast" role="status">
      <mat-icon svgIcon="notifications" />
      <span class="text">{{ 'home.invitationToast' | t: { title: data.title } }}</span>
      <button mat-button type="button" class="open" (click)="open()" data-testid="invitation-toast-open">{{ 'home.invitationView' | t }}</button>
    </div>
  `,
  styles: `
    .toast { display: flex; align-items: center; gap: 12px; }
    .toast mat-icon { flex: 0 0 auto; color: #f5c542; }
    .text { flex: 1 1 auto; font-size: 15px; }
    .open { --mat-button-text-label-text-color: #f5c542; flex: 0 0 auto; }
  `,
})
export class InvitationToastComponent {
  protected readonly data = inject<InvitationToastData>(MAT_SNACK_BAR_DATA);
  private readonly ref = inject(MatSnackBarRef<InvitationToastComponent>);
  private readonly router = inject(Router);

  protected open(): void {
    this.ref.dismiss();
    void this.router.navigate(['/meetings', this.data.meetingId]);
  }
}
