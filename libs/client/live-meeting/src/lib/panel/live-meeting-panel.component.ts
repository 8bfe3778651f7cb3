import { CdkDrag, CdkDragHandle, CdkDropList, type CdkDragDrop } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { AppServerClock, RealtimeClient, type MeetingRoomStore } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';
import { ChairVotesComponent, LiveVoteComponent } from '@phonghop/client-voting';
import {
  countQuorum,
  emptyFloor,
  mayPreside,
  type AgendaItemDto,
  type AttendanceEntry,
  type MeetingDetailDto,
  type MeetingRole,
  type SpeechKind,
} from '@phonghop/contracts';
import { FloorCommands } from '../floor-commands';
import { PickPersonDialog, RequestFloorDialog, type FloorRequestChoice, type PickPersonData } from '../dialogs';
import { agendaRows, movedOrder, queueRows, speakerCountdown, withPendingOrder } from '../live-view';
import { AttendanceComponent } from '../parts/attendance.component';
import { ChairAgendaComponent } from '../parts/chair-agenda.component';
import { HallScreenComponent } from '../parts/hall-screen.component';
import { QuorumComponent } from '../parts/quorum.component';

/**
 * The live session (phiên họp) on the meeting page: the session, the agenda item under discussion with its clock,
 * the speaker with the countdown, the speakers list and the quorum, for everyone; asking to speak for those in the
 * meeting; the open vote's ballots (above everything while it runs) and the vote results (voting lib); the chair's
 * console (session, agenda, floor, list order, settings, votes), the attendance table and the hall's QR and display
 * links for the chair and secretaries. State comes from the meeting page's room; hosts also follow
 * the hosts' channel (reasons for absence). Loaded with a dynamic import by the meeting page.
 */
@Component({
  selector: 'ph-live-meeting-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CdkDrag,
    CdkDragHandle,
    CdkDropList,
    MatButtonModule,
    MatIconModule,
    MatTabsModule,
    MatTooltipModule,
    AttendanceComponent,
    ChairAgendaComponent,
    ChairVotesComponent,
    LiveVoteComponent,
    HallScreenComponent,
    QuorumComponent,
    ...I18N_PIPES,
  ],
  providers: [FloorCommands],
  templateUrl: './live-meeting-panel.component.html',
  styleUrl: './live-meeting-panel.component.scss',
})
export class LiveMeetingPanelComponent {
  readonly meetingId = input.required<string>();
  readonly meeting = input.required<MeetingDetailDto>();
  readonly agenda = input<AgendaItemDto[]>([]);
  /** The meeting page's room (everyone's channel). */
  readonly room = input<MeetingRoomStore | null>(null);
  readonly myUserId = input<string | null>(null);

  private readonly realtime = inject(RealtimeClient);
  private readonly clock = inject(AppServerClock);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  protected readonly commands = inject(FloorCommands);

  /** The hosts' channel (reasons for absence), opened for the chair and secretaries only. */
  private readonly hostsRoom = signal<MeetingRoomStore | null>(null);
  private readonly pendingOrder = signal<string[] | null>(null);

  protected readonly busy = computed(() => this.commands.busy() > 0);
  protected readonly presides = computed(() => mayPreside(this.meeting().myRole));
  protected readonly state = computed(() => this.room()?.state() ?? null);
  protected readonly floor = computed(() => this.state()?.floor ?? emptyFloor());
  protected readonly inSession = computed(() => this.floor().phase === 'in_session');
  private readonly presence = computed(() => this.state()?.presence ?? []);
  private readonly roster = computed(() => this.state()?.roster ?? []);
  private readonly attendance = computed<Record<string, AttendanceEntry>>(() => this.state()?.attendance ?? {});
  protected readonly reasons = computed(() => this.hostsRoom()?.state()?.absenceReasons ?? {});
  protected readonly votes = computed(() => this.state()?.votes ?? null);
  protected readonly now = computed(() => this.clock.tick());

  protected readonly speaker = computed(() => this.floor().speaker);
  protected readonly speakerOnline = computed(() => {
    const s = this.speaker();
    return !!s && this.presence().some((p) => p.userId === s.userId);
  });
  protected readonly countdown = computed(() => {
    const s = this.speaker();
    return s ? speakerCountdown(s, this.now()) : null;
  });
  protected readonly agendaRows = computed(() => agendaRows(this.agenda(), this.floor(), this.now()));
  protected readonly currentItem = computed(() => this.agendaRows().find((r) => r.current) ?? null);
  protected readonly quorum = computed(() => countQuorum(this.roster(), this.attendance(), this.floor().quorum));
  protected readonly queue = computed(() => queueRows(withPendingOrder(this.floor().queue, this.pendingOrder()), this.presence(), this.myUserId()));
  protected readonly myRequest = computed(() => this.queue().find((r) => r.mine) ?? null);
  protected readonly myAttendance = computed(() => {
    const me = this.myUserId();
    return me ? (this.attendance()[me] ?? null) : null;
  });
  /** Who may ask to speak from this page: anyone in the meeting but those running it (they give the floor). */
  protected readonly mayRequest = computed(() => !this.presides() && this.meeting().myRole !== 'guest');

  constructor() {
    this.clock.start();
    effect((onCleanup) => {
      const id = this.meetingId();
      if (!this.presides()) return;
      untracked(() => {
        const hosts = this.realtime.openRoom(id, { audience: 'hosts' });
        this.hostsRoom.set(hosts);
        void hosts.join();
        onCleanup(() => {
          hosts.close();
          this.hostsRoom.set(null);
        });
      });
    });
  }

  protected kindKey(kind: SpeechKind): MessageKey {
    return `live.kind.${kind}`;
  }

  protected roleKey(role: MeetingRole): MessageKey {
    return `meeting.role.${role}`;
  }

  protected methodKey(method: AttendanceEntry['method']): MessageKey {
    return `live.method.${method}`;
  }

  // ── The session ───────────────────────────────────────────────────────────

  protected start(): void {
    void this.commands.send('start', { meetingId: this.meetingId() }, 'live.done.started');
  }

  protected end(): void {
    const data: ConfirmDialogData = { title: 'live.endTitle', message: 'live.endConfirm', confirm: 'live.end', danger: true };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((ok) => {
        if (ok) void this.commands.send('end', { meetingId: this.meetingId() }, 'live.done.ended');
      });
  }

  // ── Asking to speak ───────────────────────────────────────────────────────

  protected requestFloor(): void {
    this.dialog
      .open<RequestFloorDialog, void, FloorRequestChoice>(RequestFloorDialog, { width: '92vw', maxWidth: '560px' })
      .afterClosed()
      .subscribe((choice) => {
        if (choice) void this.commands.send('requestFloor', { meetingId: this.meetingId(), kind: choice.kind, topic: choice.topic }, 'live.done.requested');
      });
  }

  protected withdraw(requestId: string): void {
    void this.commands.send('withdraw', { meetingId: this.meetingId(), requestId }, 'live.done.withdrawn');
  }

  // ── The floor (hosts) ─────────────────────────────────────────────────────

  protected give(requestId: string): void {
    void this.commands.send('giveFloor', { meetingId: this.meetingId(), requestId });
  }

  protected next(): void {
    void this.commands.send('giveFloor', { meetingId: this.meetingId() });
  }

  protected giveToAnyone(): void {
    const here = new Set(this.presence().map((p) => p.userId));
    const data: PickPersonData = {
      people: this.roster()
        .filter((r) => r.meetingRole !== 'guest' || here.has(r.userId))
        .map((r) => ({ userId: r.userId, fullName: r.fullName, unitName: r.unitName, meetingRole: r.meetingRole, online: here.has(r.userId) })),
    };
    this.dialog
      .open<PickPersonDialog, PickPersonData, string>(PickPersonDialog, { data, width: '92vw', maxWidth: '560px' })
      .afterClosed()
      .subscribe((userId) => {
        if (userId) void this.commands.send('giveFloor', { meetingId: this.meetingId(), userId });
      });
  }

  protected endSpeech(): void {
    void this.commands.send('endSpeech', { meetingId: this.meetingId() });
  }

  protected extend(seconds: number): void {
    void this.commands.send('extendSpeech', { meetingId: this.meetingId(), seconds });
  }

  protected remove(requestId: string, name: string): void {
    const data: ConfirmDialogData = { title: 'live.queue.removeTitle', message: 'live.queue.removeConfirm', params: { name }, confirm: 'live.queue.remove', danger: true };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((ok) => {
        if (ok) void this.commands.send('withdraw', { meetingId: this.meetingId(), requestId });
      });
  }

  protected async drop(event: CdkDragDrop<unknown>): Promise<void> {
    const order = movedOrder(
      this.queue().map((r) => r.request),
      event.previousIndex,
      event.currentIndex,
    );
    if (!order) return;
    this.pendingOrder.set(order);
    try {
      await this.commands.send('reorderQueue', { meetingId: this.meetingId(), requestIds: order });
    } finally {
      this.pendingOrder.set(null);
    }
  }

  /** Keyboard and accessibility alternative to dragging. */
  protected step(index: number, delta: -1 | 1): void {
    void this.drop({ previousIndex: index, currentIndex: index + delta } as CdkDragDrop<unknown>);
  }

  protected pct(fraction: number): number {
    return Math.round(fraction * 100);
  }

  protected sinceText(iso: string | null): string {
    return this.i18n.formatTime(iso);
  }
}
