import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { SessionStore } from '@phonghop/client-auth';
import { DocumentsApi, MeetingsApi, RealtimeClient, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { type ApiErrorBody, MEETING_STATUSES, type MyMeetingDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { type HomeFilter, type HomeMeeting, filterCounts, groupMeetings, matchesFilter, matchesSearch } from './home-list';
import { InvitationToastComponent, type InvitationToastData } from './invitation-toast.component';
import { MeetingCardComponent } from './meeting-card.component';
import { upsertMeeting } from './meeting-order';

/** The grouping's "today" moves on by itself on a tablet left on the home page overnight. */
const CLOCK_TICK_MS = 60_000;

interface FilterChip {
  filter: HomeFilter;
  label: MessageKey;
  count: number;
}

/**
 * "Cuộc họp của tôi": every meeting the signed-in person is invited to, searchable (without tone marks), filtered
 * by chips, grouped Hôm nay / Sắp tới / Đã qua (the past folded away), with badges for unanswered invitations and
 * unopened documents. Kept live: a new invitation pops up and joins the list, changes and cancellations replace
 * their card, new documents refresh the badges, and after a dropped connection everything reloads.
 */
@Component({
  selector: 'ph-my-meetings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, RouterLink, MeetingCardComponent, ...I18N_PIPES],
  templateUrl: './my-meetings.page.html',
  styleUrl: './my-meetings.page.scss',
})
export class MyMeetingsPage {
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionStore);

  protected readonly meetings = signal<MyMeetingDto[] | null>(null);
  /** Unopened documents per meeting; empty when the count could not be read (the list still shows). */
  private readonly newDocuments = signal<ReadonlyMap<string, number>>(new Map());
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly query = signal('');
  protected readonly filter = signal<HomeFilter>('all');
  protected readonly pastOpen = signal(false);
  private readonly now = signal(new Date());

  private readonly cards = computed<HomeMeeting[]>(() =>
    (this.meetings() ?? []).map((m) => ({ ...m, newDocuments: this.newDocuments().get(m.id) ?? 0 })),
  );
  protected readonly filterChips = computed<FilterChip[]>(() => {
    const counts = filterCounts(this.cards());
    const chips: FilterChip[] = [
      { filter: 'all', label: 'home.filter.all', count: counts.get('all') ?? 0 },
      { filter: 'unanswered', label: 'home.filter.unanswered', count: counts.get('unanswered') ?? 0 },
      { filter: 'newDocuments', label: 'home.filter.newDocuments', count: counts.get('newDocuments') ?? 0 },
      ...MEETING_STATUSES.map((s): FilterChip => ({ filter: s, label: `meeting.status.${s}`, count: counts.get(s) ?? 0 })),
    ];
    // A chip that would show nothing is left out, except the chosen one (so it can be seen and changed).
    return chips.filter((c) => c.filter === 'all' || c.count > 0 || c.filter === this.filter());
  });
  protected readonly narrowed = computed(() => this.query().trim() !== '' || this.filter() !== 'all');
  private readonly shown = computed(() => this.cards().filter((m) => matchesFilter(m, this.filter()) && matchesSearch(m, this.query())));
  protected readonly groups = computed(() => groupMeetings(this.shown(), this.now(), this.i18n.timeZone()));
  /** The past is folded away unless asked for, searched or filtered, or all there is. */
  protected readonly pastForced = computed(() => this.narrowed() || (!this.groups().today.length && !this.groups().upcoming.length));
  protected readonly pastShown = computed(() => this.pastOpen() || this.pastForced());
  protected readonly shownCount = computed(() => this.shown().length);
  /** Secretaries and admins prepare meetings. */
  protected readonly canCreate = computed(() => !!this.session.user() && this.session.hasAnyRole(['secretary', 'admin']));

  constructor() {
    void this.load();
    const realtime = inject(RealtimeClient);
    realtime.invitations$.pipe(takeUntilDestroyed()).subscribe(({ meeting }) => {
      this.meetings.update((list) => upsertMeeting(list, meeting));
      void this.loadNewDocuments();
      const data: InvitationToastData = { meetingId: meeting.id, title: meeting.title };
      this.snackBar.openFromComponent(InvitationToastComponent, { data, duration: 10_000 });
    });
    realtime.meetingChanged$.pipe(takeUntilDestroyed()).subscribe((meeting) => {
      const before = this.meetings()?.find((m) => m.id === meeting.id);
      this.meetings.update((list) => upsertMeeting(list, meeting));
      if (before && before.status !== 'cancelled' && meeting.status === 'cancelled') {
        this.snackBar.open(this.i18n.t('home.meetingCancelled', { title: meeting.title }), undefined, { duration: 6000 });
      }
    });
    realtime.documentsChanged$.pipe(takeUntilDestroyed()).subscribe(() => void this.loadNewDocuments());
    realtime.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => void this.load());
    const tick = setInterval(() => this.now.set(new Date()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    this.now.set(new Date());
    try {
      // Both requests together: one for the list, one for every card's "tài liệu mới" (never one per card).
      const [meetings] = await Promise.all([firstValueFrom(this.meetingsApi.mine()), this.loadNewDocuments()]);
      this.meetings.set(meetings);
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  /** The badges are a help, not the page: when they cannot be read the list shows without them. */
  private async loadNewDocuments(): Promise<void> {
    try {
      const counts = await firstValueFrom(this.documentsApi.newCountsOfMine());
      this.newDocuments.set(new Map(counts.map((c) => [c.meetingId, c.count])));
    } catch {
      this.newDocuments.set(new Map());
    }
  }

  protected setQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }
}
