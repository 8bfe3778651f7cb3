import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import { MeetingFactsComponent } from '@phonghop/client-shell';
import { type HomeMeeting, needsAnswer } from './home-list';
import { statusTone } from './meeting-order';

/**
 * One meeting of the home list: status, kind, title (the whole card is its link), what needs the person's attention
 * ("Chưa trả lời", "2 tài liệu mới"), time, place, organiser and their role.
 */
@Component({
  selector: 'li[phMeetingCard]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, RouterLink, MeetingFactsComponent, ...I18N_PIPES],
  host: {
    class: 'card ph-panel',
    '[class.live]': "meeting().status === 'in_progress'",
    '[class.cancelled]': "meeting().status === 'cancelled'",
    '[attr.data-testid]': "'meeting-card-' + meeting().id",
    '[attr.data-status]': 'meeting().status',
  },
  template: `
    @let m = meeting();
    <div class="card-top">
      <span class="ph-status-chip" [attr.data-tone]="tone()">{{ statusKey() | t }}</span>
      <span class="kind">{{ kindKey() | t }}</span>
    </div>
    <h3 class="title">
      <a class="card-link" [routerLink]="['/meetings', m.id]" [attr.aria-label]="'home.open' | t: { title: m.title }"
         [attr.data-testid]="'meeting-link-' + m.id">{{ m.title }}</a>
    </h3>
    @if (unanswered() || m.newDocuments) {
      <p class="badges">
        @if (unanswered()) {
          <span class="badge unanswered" data-testid="badge-unanswered"><mat-icon svgIcon="hourglass" />{{ 'home.badge.unanswered' | t }}</span>
        }
        @if (m.newDocuments) {
          <span class="badge new-documents" data-testid="badge-new-documents">
            <mat-icon svgIcon="description" />{{ 'home.badge.newDocuments' | t: { count: m.newDocuments } }}
          </span>
        }
      </p>
    }
    @if (m.status === 'cancelled') {
      <p class="cancelled-note" data-testid="meeting-cancelled-note"><mat-icon svgIcon="block" />{{ 'home.cancelledNote' | t }}</p>
    }
    <ph-meeting-facts class="card-facts" [meeting]="m" [timeTestId]="'card-time-' + m.id" />
    <div class="card-foot">
      <span class="role-label">{{ 'home.myRole' | t }}:</span>
      <span class="role" [attr.data-role]="m.myRole">{{ roleKey() | t }}</span>
    </div>
  `,
  styleUrl: './meeting-card.component.scss',
})
export class MeetingCardComponent {
  readonly meeting = input.required<HomeMeeting>({ alias: 'phMeetingCard' });
  protected readonly unanswered = computed(() => needsAnswer(this.meeting()));
  protected readonly tone = computed(() => statusTone(this.meeting().status));
  protected readonly statusKey = computed<MessageKey>(() => `meeting.status.${this.meeting().status}`);
  protected readonly kindKey = computed<MessageKey>(() => `meeting.kind.${this.meeting().kind}`);
  protected readonly roleKey = computed<MessageKey>(() => `meeting.role.${this.meeting().myRole}`);
}
