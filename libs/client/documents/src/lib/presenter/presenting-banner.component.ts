import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import type { MeetingRoomStore } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { PresentationFollow } from './presentation-follow.service';

/**
 * On the meeting page, while something is presented: "Đang trình chiếu: <title> — trang N (presenter)" and "Theo dõi",
 * which opens the presented document in the reader at the presented page and keeps following it there.
 */
@Component({
  selector: 'ph-presenting-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, ...I18N_PIPES],
  template: `
    @if (presentation(); as p) {
      <div class="banner" role="status" data-testid="presenting-banner" [attr.data-page]="p.page" [attr.data-document-id]="p.documentId">
        <span class="text">{{ 'present.banner' | t: { title: p.title, page: p.page, name: p.presenter } }}</span>
        <button mat-flat-button type="button" class="ph-touch-button" (click)="followNow()" data-testid="present-follow">{{ 'present.follow' | t }}</button>
      </div>
    }
  `,
  styles: `
    .banner { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; padding: 8px 16px; margin: 8px 0; border-radius: 8px;
              background: #fff3e0; color: #4e342e; }
    .text { flex: 1; min-width: 12rem; font-weight: 500; }
    .ph-touch-button { min-height: 48px; }
  `,
})
export class PresentingBannerComponent {
  readonly meetingId = input.required<string>();
  readonly room = input<MeetingRoomStore | null>(null);

  private readonly router = inject(Router);
  private readonly follow = inject(PresentationFollow);
  protected readonly presentation = computed(() => this.room()?.state()?.presentation ?? null);

  protected followNow(): void {
    const p = this.presentation();
    if (!p) return;
    this.follow.set(this.meetingId(), 'following');
    void this.router.navigate(['/meetings', this.meetingId(), 'documents', p.documentId], { queryParams: { page: p.page } });
  }
}
