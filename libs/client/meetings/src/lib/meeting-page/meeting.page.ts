import { ChangeDetectionStrategy, Component, DestroyRef, type Type, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NgComponentOutlet } from '@angular/common';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { SessionStore } from '@phonghop/client-auth';
import { MeetingsApi, RealtimeClient, toApiError, type MeetingRoomStore } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import {
  canTransition,
  mayPreside,
  type AgendaItemDto,
  type ApiErrorBody,
  type MeetingDetailDto,
  type MeetingStatus,
  type ParticipantDto,
  type RosterEntry,
  type RsvpRequest,
  type SiteParticipantDto,
  rosterEntryOf,
} from '@phonghop/contracts';
import { debounceTime, filter, firstValueFrom, merge, switchMap, catchError, of } from 'rxjs';
import { agendaTree, plannedTotal } from '../agenda';
import { AddParticipantsDialog, type AddParticipantsDialogData, type AddParticipantsResult } from '../dialogs/add-participants.dialog';
import { ConfirmDialog, MeetingFactsComponent, type ConfirmDialogData } from '@phonghop/client-shell';
import { DelegateDialog, type DelegateChoice, type DelegateDialogData } from '../dialogs/delegate.dialog';
import { EditMeetingDialog } from '../dialogs/edit-meeting.dialog';
import { ReasonDialog, type ReasonDialogData } from '../dialogs/reason.dialog';
import { LIFECYCLE_ACTIONS, kindKey, roleKey, statusKey, type LifecycleAction } from '../labels';
import { rosterRows, rsvpCounts, type RosterRow } from '../rsvp';
import { AgendaEditorComponent } from './agenda-editor.component';
import { AgendaListComponent } from './agenda-list.component';
import { type MeetingTab, firstTab, meetingTabs } from './meeting-tabs';
import { MeetingTabsComponent } from './meeting-tabs.component';
import { RosterComponent, type RoleChange } from './roster.component';
import { RsvpCardComponent } from './rsvp-card.component';
import { SiteParticipantsComponent } from './site-participants.component';
import { RsvpSummaryComponent } from './rsvp-summary.component';

/** States in which answers, participants and the agenda may still change (as on the server). */
const OPEN: readonly MeetingStatus[] = ['draft', 'published', 'in_progress'];
/** States with a live session panel: before it opens (check-in, display links), during it, and its outcome after. */
const LIVE: readonly MeetingStatus[] = ['published', 'in_progress', 'ended'];
/** States with minutes and conclusions: the secretary may start during the session; archived meetings keep them. */
const MINUTES: readonly MeetingStatus[] = ['in_progress', 'ended', 'archived'];

/**
 * One meeting: details, agenda, my answer to the invitation and the live roster (meeting room over
 * realtime). Its secretaries also get the preparation tools on the same page: details, lifecycle,
 * participants with a live RSVP chart, and the agenda editor.
 */
@Component({
  selector: 'ph-meeting-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgComponentOutlet,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    AgendaEditorComponent,
    AgendaListComponent,
    MeetingFactsComponent,
    MeetingTabsComponent,
    RosterComponent,
    RsvpCardComponent,
    RsvpSummaryComponent,
    SiteParticipantsComponent,
    ...I18N_PIPES,
  ],
  templateUrl: './meeting.page.html',
  styleUrl: './meeting.page.scss',
})
export class MeetingPage {
  /** Route parameter `:id` (component input binding). */
  readonly id = input.required<string>();

  private readonly meetingsApi = inject(MeetingsApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly session = inject(SessionStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly meeting = signal<MeetingDetailDto | null>(null);
  protected readonly agenda = signal<AgendaItemDto[]>([]);
  protected readonly participants = signal<ParticipantDto[]>([]);
  /** The sites invited (participants of their own, shown to the secretaries beside the people). */
  protected readonly sites = signal<SiteParticipantDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly busy = signal(false);
  protected readonly room = signal<MeetingRoomStore | null>(null);

  protected readonly myUserId = computed(() => this.session.user()?.id ?? null);
  protected readonly isSecretary = computed(() => this.meeting()?.myRole === 'secretary');
  protected readonly isOpen = computed(() => OPEN.includes(this.meeting()?.status ?? 'cancelled'));
  protected readonly canEdit = computed(() => this.isSecretary() && this.isOpen());
  protected readonly roomStatus = computed(() => this.room()?.status() ?? 'idle');
  /** Following the room now: joined, and the socket up (a dropped Wi-Fi or a restarting server shows as connecting). */
  protected readonly live = computed(() => this.realtime.connected() && (this.roomStatus() === 'live' || this.roomStatus() === 'resyncing'));

  /** The live roster from the room; the REST list until the room answers (or if it cannot be joined). */
  private readonly roster = computed<RosterEntry[]>(() => this.room()?.state()?.roster ?? this.participants().map(rosterEntryOf));
  protected readonly rows = computed<RosterRow[]>(() => rosterRows(this.roster(), this.room()?.state()?.presence ?? []));
  protected readonly me = computed(() => this.rows().find((r) => r.userId === this.myUserId()) ?? null);
  protected readonly counts = computed(() => rsvpCounts(this.roster()));
  protected readonly reasons = computed(
    () => new Map(this.participants().flatMap((p) => (p.declineReason && p.rsvp !== 'attending' ? [[p.id, p.declineReason] as const] : []))),
  );

  protected readonly tree = computed(() => agendaTree(this.agenda()));
  /**
   * The documents of the meeting, grouped by agenda item. Loaded dynamically: the documents lib is also a
   * lazy route, and the boundary rule forbids a static import of a lazily loaded lib.
   */
  protected readonly documentsComponent = signal<Type<unknown> | null>(null);
  /** "Đang trình chiếu …" with "Theo dõi" while something is presented (documents lib, loaded with it). */
  protected readonly presentingBanner = signal<Type<unknown> | null>(null);
  /** Conference recordings for the secretaries, loaded the same way (the conference lib is a lazy route too). */
  protected readonly recordingsComponent = signal<Type<unknown> | null>(null);
  protected readonly totalMinutes = computed(() => plannedTotal(this.tree()));
  /** The live session (phiên họp), from its own lazily loaded lib (loaded the same way as the documents). */
  protected readonly liveComponent = signal<Type<unknown> | null>(null);
  protected readonly showLive = computed(() => LIVE.includes(this.meeting()?.status ?? 'draft'));
  /** Minutes, conclusions and statistics, from their own lazily loaded lib (loaded the same way). */
  protected readonly minutesComponent = signal<Type<unknown> | null>(null);
  protected readonly showMinutes = computed(() => MINUTES.includes(this.meeting()?.status ?? 'draft'));
  /** Voting (motions, vote settings, the result chain) for the chair and secretaries, from the voting lib (loaded the same way). */
  protected readonly votesComponent = signal<Type<unknown> | null>(null);
  protected readonly showVotes = computed(() => mayPreside(this.meeting()?.myRole) && this.meeting()?.status !== 'cancelled');

  /** The secretary's page in tabs (see meeting-tabs.ts); other roles see every part at once. */
  protected readonly tabs = computed(() => meetingTabs({ session: this.showLive(), votes: this.showVotes(), minutes: this.showMinutes() }));
  private readonly chosenTab = signal<MeetingTab | null>(null);
  protected readonly tab = computed<MeetingTab>(() => {
    const t = this.chosenTab();
    return t && this.tabs().includes(t) ? t : 'agenda';
  });

  protected readonly actions = computed<LifecycleAction[]>(() => {
    const m = this.meeting();
    if (!m) return [];
    const chair = m.myRole === 'chair';
    if (!this.isSecretary() && !chair) return [];
    // Starting and ending go with opening and closing the session, on the live panel.
    const onLivePanel = (a: LifecycleAction) => this.showLive() && (a.transition === 'start' || a.transition === 'end');
    return LIFECYCLE_ACTIONS.filter((a) => canTransition(m.status, a.transition) && (this.isSecretary() || a.chairMay) && !onLivePanel(a));
  });

  protected readonly statusKey = statusKey;
  protected readonly kindKey = kindKey;
  protected readonly roleKey = roleKey;

  constructor() {
    void import('@phonghop/client-documents').then((m) => {
      this.documentsComponent.set(m.MeetingDocumentsComponent);
      this.presentingBanner.set(m.PresentingBannerComponent);
    });
    effect(() => {
      const m = this.meeting();
      if (!m || !this.isSecretary() || m.kind === 'in_person' || this.recordingsComponent()) return;
      void import('@phonghop/client-conference').then((lib) => this.recordingsComponent.set(lib.MeetingRecordingsComponent));
    });
    effect(() => {
      if (!this.showLive() || this.liveComponent()) return;
      void import('@phonghop/client-live-meeting').then((lib) => this.liveComponent.set(lib.LiveMeetingPanelComponent));
    });
    effect(() => {
      if (!this.showVotes() || this.votesComponent()) return;
      void import('@phonghop/client-voting').then((lib) => this.votesComponent.set(lib.MeetingVotesComponent));
    });
    effect(() => {
      if (!this.showMinutes() || this.minutesComponent()) return;
      void import('@phonghop/client-minutes').then((lib) => this.minutesComponent.set(lib.MinutesPanelComponent));
    });
    const destroyRef = inject(DestroyRef);
    effect((onCleanup) => {
      const id = this.id();
      untracked(() => {
        void this.load(id);
        const room = this.realtime.openRoom(id);
        this.room.set(room);
        void room.join();
        onCleanup(() => room.close());
      });
    });

    // Someone else changed the meeting (the chair started it, a secretary moved it): take the new details.
    merge(
      this.realtime.meetingChanged$.pipe(filter((m) => m.id === this.id())),
      this.realtime.invitations$.pipe(filter((n) => n.meeting.id === this.id())),
    )
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => void this.reloadMeeting());

    // Secretaries see the reasons for declining, which the room does not carry: refresh them as answers arrive.
    toObservable(computed(() => (this.isSecretary() ? this.roster().map((r) => `${r.participantId}:${r.rsvp}`).join() : '')))
      .pipe(
        filter((signature) => signature !== ''),
        debounceTime(300),
        switchMap(() => this.meetingsApi.participants(this.id()).pipe(catchError(() => of(null)))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((list) => {
        if (list) this.participants.set(list);
      });
  }

  protected icsUrl(): string {
    return this.meetingsApi.invitationUrl(this.id());
  }

  protected tone(status: MeetingStatus): string {
    return status === 'in_progress' ? 'live' : status === 'cancelled' ? 'cancelled' : status === 'ended' || status === 'archived' ? 'muted' : 'upcoming';
  }

  async load(id: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const [meeting, agenda, participants] = await Promise.all([
        firstValueFrom(this.meetingsApi.get(id)),
        firstValueFrom(this.meetingsApi.agenda(id)),
        firstValueFrom(this.meetingsApi.participants(id)),
      ]);
      this.meeting.set(meeting);
      this.agenda.set(agenda);
      this.participants.set(participants);
      if (this.chosenTab() === null) this.chosenTab.set(firstTab(meeting.status, this.tabs(), this.route.snapshot.queryParamMap.get('tab')));
      if (meeting.myRole === 'secretary') this.sites.set(await firstValueFrom(this.meetingsApi.sites(id)));
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  /** A part behind another tab (secretaries only): kept in the page, so nothing typed or loaded in it is lost. */
  protected hidden(part: MeetingTab): boolean {
    return this.isSecretary() && this.tab() !== part;
  }

  /** The tab goes into the link (replacing it), so a reload or a shared link opens the same part. */
  protected pickTab(tab: MeetingTab): void {
    this.chosenTab.set(tab);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { tab }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private async reloadMeeting(): Promise<void> {
    try {
      this.meeting.set(await firstValueFrom(this.meetingsApi.get(this.id())));
    } catch {
      // Keep what we show; the next change or a reload will try again.
    }
  }

  // ── My answer ────────────────────────────────────────────────────────────

  protected attend(): void {
    void this.answer({ response: 'attend' }, 'rsvp.savedAttend');
  }

  protected decline(): void {
    const data: ReasonDialogData = {
      title: 'rsvp.declineTitle',
      message: 'rsvp.declineBody',
      label: 'rsvp.reason',
      confirm: 'rsvp.declineConfirm',
    };
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, { data, width: '92vw', maxWidth: '560px' })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) void this.answer({ response: 'decline', reason }, 'rsvp.savedDecline');
      });
  }

  protected delegate(): void {
    const data: DelegateDialogData = { meetingId: this.id() };
    this.dialog
      .open<DelegateDialog, DelegateDialogData, DelegateChoice>(DelegateDialog, { data, width: '92vw', maxWidth: '560px' })
      .afterClosed()
      .subscribe((choice) => {
        if (!choice) return;
        void this.answer(
          { response: 'delegate', delegateUserId: choice.delegateUserId, ...(choice.reason && { reason: choice.reason }) },
          'rsvp.savedDelegate',
          { name: choice.delegateName },
        );
      });
  }

  private async answer(request: RsvpRequest, done: MessageKey, params?: Record<string, string>): Promise<void> {
    await this.act(async () => {
      this.participants.set(await firstValueFrom(this.meetingsApi.rsvp(this.id(), request)));
      this.toast(done, params);
    });
  }

  // ── Secretary tools ──────────────────────────────────────────────────────

  protected edit(): void {
    const m = this.meeting();
    if (!m) return;
    this.dialog
      .open<EditMeetingDialog, MeetingDetailDto, MeetingDetailDto>(EditMeetingDialog, { data: m, width: '92vw', maxWidth: '880px', autoFocus: 'dialog' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.meeting.set(saved);
        this.toast('meetingPage.saved');
      });
  }

  protected runAction(action: LifecycleAction): void {
    const m = this.meeting();
    if (!m) return;
    if (action.transition === 'cancel') {
      const data: ReasonDialogData = {
        title: 'meetingPage.cancelTitle',
        message: 'meetingPage.cancelBody',
        label: 'meetingPage.cancelReason',
        confirm: 'meetingPage.action.cancel',
        danger: true,
      };
      this.dialog
        .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, { data, width: '92vw', maxWidth: '560px' })
        .afterClosed()
        .subscribe((reason) => {
          if (reason) void this.transition(() => this.meetingsApi.cancel(m.id, reason), 'meetingPage.done.cancel');
        });
      return;
    }
    const transition = action.transition;
    const doneKey: MessageKey = `meetingPage.done.${transition}`;
    if (transition === 'start') {
      void this.transition(() => this.meetingsApi.transition(m.id, transition), doneKey);
      return;
    }
    const data: ConfirmDialogData = {
      title: action.label,
      message: `meetingPage.confirm.${transition}`,
      params: { count: this.roster().length },
      confirm: action.label,
    };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((ok) => {
        if (ok) void this.transition(() => this.meetingsApi.transition(m.id, transition), doneKey);
      });
  }

  private async transition(call: () => ReturnType<MeetingsApi['get']>, done: MessageKey): Promise<void> {
    await this.act(async () => {
      this.meeting.set(await firstValueFrom(call()));
      this.toast(done);
    });
  }

  protected addParticipants(): void {
    const data: AddParticipantsDialogData = {
      meetingId: this.id(),
      existingUserIds: this.roster().map((r) => r.userId),
      invitedSiteIds: this.sites().map((s) => s.id),
    };
    this.dialog
      .open<AddParticipantsDialog, AddParticipantsDialogData, AddParticipantsResult>(AddParticipantsDialog, { data, width: '92vw', maxWidth: '680px' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        const people = Math.max(0, result.participants.length - this.participants().length);
        const sites = Math.max(0, result.sites.length - this.sites().length);
        this.participants.set(result.participants);
        this.sites.set(result.sites);
        // Say what was added; the server refuses a request that adds nothing, with the reason, inside the dialog.
        if (people && sites) this.toast('participants.addedBoth', { count: people, sites });
        else if (sites) this.toast('participants.addedSites', { count: sites });
        else this.toast('participants.added', { count: people });
      });
  }

  protected removeSite(site: SiteParticipantDto): void {
    const data: ConfirmDialogData = {
      title: 'siteParticipants.remove',
      message: 'siteParticipants.removeConfirm',
      params: { name: site.name },
      confirm: 'siteParticipants.remove',
      danger: true,
    };
    this.confirmThen(data, async () => {
      await firstValueFrom(this.meetingsApi.removeSite(this.id(), site.id));
      const operators = new Set(site.operators.map((o) => o.userId));
      this.sites.update((list) => list.filter((s) => s.id !== site.id));
      this.participants.update((list) => list.filter((p) => !(operators.has(p.userId) && p.meetingRole === 'site')));
    });
  }

  protected changeRole(change: RoleChange): void {
    if (change.role === change.row.meetingRole) return;
    void this.act(async () => {
      this.participants.set(await firstValueFrom(this.meetingsApi.changeParticipantRole(this.id(), change.row.participantId, change.role)));
    });
  }

  protected removeParticipant(row: RosterRow): void {
    const data: ConfirmDialogData = {
      title: 'participants.removeTitle',
      message: 'participants.removeConfirm',
      params: { name: row.fullName },
      confirm: 'participants.remove',
      danger: true,
    };
    this.confirmThen(data, async () => {
      await firstValueFrom(this.meetingsApi.removeParticipant(this.id(), row.participantId));
      this.participants.update((list) => list.filter((p) => p.id !== row.participantId && p.representsUserId !== row.userId));
    });
  }

  /** Asks first; on yes, runs the change as every action on this page runs (`act`). */
  private confirmThen(data: ConfirmDialogData, work: () => Promise<void>): void {
    this.dialog
      .open(ConfirmDialog, { data })
      .afterClosed()
      .subscribe((ok) => {
        if (ok) void this.act(work);
      });
  }

  protected onAgendaChange(items: AgendaItemDto[]): void {
    this.agenda.set(items);
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await work();
    } catch (e) {
      this.snackBar.open(this.i18n.errorMessage(toApiError(e)), this.i18n.t('common.close'), { duration: 6000 });
    } finally {
      this.busy.set(false);
    }
  }

  private toast(key: MessageKey, params?: Record<string, string | number>): void {
    this.snackBar.open(this.i18n.t(key, params), undefined, { duration: 4000 });
  }
}
