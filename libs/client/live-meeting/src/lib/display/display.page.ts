import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, type Type, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { LiveMeetingApi, MeetingRoomStore, ServerClock, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { DisplayVoteComponent, displayVoteFocus } from '@phonghop/client-voting';
import { checkInPath, countQuorum, emptyFloor, type ApiErrorBody, type DisplayInfoDto, type SpeechKind } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { agendaRows, speakerCountdown } from '../live-view';
import { QrCodeComponent } from '../parts/qr-code.component';
import { QuorumComponent } from '../parts/quorum.component';
import { DisplayConnection } from './display-connection';
import { DisplayPresentationComponent } from './display-presentation.component';
import { readDisplayToken } from './display-token';

/** How many waiting speakers the hall sees. */
const NEXT_SPEAKERS = 5;
/** Between attempts to reach the server when the display starts while it is down. */
const RETRY_MS = 5000;
/** The meeting's facts are read again this often (a renewed check-in code reaches the QR within this time). */
const REFRESH_MS = 60_000;

/**
 * The hall's projector or TV (`/display#<token>`, no sign-in): meeting, current item, speaker with the countdown,
 * the next speakers, the quorum, and the check-in QR before the session opens or while the quorum is not reached.
 * Dark, large type for the back of the hall, laid out for 16:9 and 4:3. Its own socket, room store and server clock
 * (see DisplayConnection); it comes back by itself after the network or the server drops.
 */
@Component({
  selector: 'ph-display-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, NgComponentOutlet, DisplayPresentationComponent, DisplayVoteComponent, QrCodeComponent, QuorumComponent, ...I18N_PIPES],
  templateUrl: './display.page.html',
  styleUrl: './display.page.scss',
})
export class DisplayPage {
  private readonly api = inject(LiveMeetingApi);
  private readonly i18n = inject(I18nService);

  protected readonly info = signal<DisplayInfoDto | null>(null);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly noToken = signal(false);
  /** The display's token: a named vote's list is fetched with it. */
  protected readonly token = signal<string | null>(null);
  private readonly store = signal<MeetingRoomStore | null>(null);
  protected readonly connection = signal<DisplayConnection | null>(null);
  /**
   * The spotlighted site's video, for meetings with an online conference: the conference lib (mediasoup-client) is
   * loaded only then.
   */
  protected readonly conferenceStage = signal<Type<unknown> | null>(null);
  private clock: ServerClock | null = null;
  private readonly clockTick = signal<(() => number) | null>(null);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshTimer: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  protected readonly link = computed(() => this.connection()?.state() ?? 'connecting');
  protected readonly state = computed(() => this.store()?.state() ?? null);
  protected readonly floor = computed(() => this.state()?.floor ?? emptyFloor());
  protected readonly now = computed(() => this.clockTick()?.() ?? Date.now());
  protected readonly clockText = computed(() => this.i18n.formatTime(new Date(this.now()).toISOString()));
  protected readonly speaker = computed(() => this.floor().speaker);
  protected readonly countdown = computed(() => {
    const s = this.speaker();
    return s ? speakerCountdown(s, this.now()) : null;
  });
  protected readonly agenda = computed(() => agendaRows(this.info()?.agenda ?? [], this.floor(), this.now()));
  protected readonly item = computed(() => this.agenda().find((r) => r.current) ?? null);
  protected readonly next = computed(() => this.floor().queue.slice(0, NEXT_SPEAKERS));
  protected readonly more = computed(() => Math.max(0, this.floor().queue.length - NEXT_SPEAKERS));
  protected readonly quorum = computed(() => countQuorum(this.state()?.roster ?? [], this.state()?.attendance ?? {}, this.floor().quorum));
  protected readonly checkInUrl = computed(() => {
    const i = this.info();
    return i ? `${location.origin}${checkInPath(i.meeting.id, i.checkInCode)}` : null;
  });
  /** Check-in matters before the session opens and, during it, until the quorum is reached. */
  protected readonly showQr = computed(
    () => this.info()?.meeting.status !== 'ended' && (this.floor().phase === 'not_started' || (this.floor().phase === 'in_session' && !this.quorum().reached)),
  );
  protected readonly bigQr = computed(() => this.floor().phase === 'not_started');
  /** An open vote (or a fresh result while nobody speaks) takes the main area: item and speaker step aside. */
  protected readonly voteFocus = computed(() => displayVoteFocus(this.state()?.votes, this.now(), !!this.speaker()));
  /** The presented page, unless a vote holds the main area. */
  protected readonly presentation = computed(() => (this.voteFocus() ? null : (this.state()?.presentation ?? null)));

  constructor() {
    const token = readDisplayToken(location.hash, globalThis.sessionStorage ?? null);
    // The token stays out of the address bar (and out of a photo of the screen); sessionStorage keeps it for reloads.
    if (location.hash) history.replaceState(history.state, '', location.pathname);
    this.token.set(token);
    if (!token) this.noToken.set(true);
    else {
      void this.load(token);
      // A renewed check-in code: the floor says so (without the code), and the display fetches the new QR at once.
      let seen: number | null = null;
      effect(() => {
        const revision = this.state() ? this.floor().checkInRevision : null;
        if (revision === null) return;
        if (seen !== null && revision !== seen) untracked(() => void this.load(token));
        seen = revision;
      });
    }
    inject(DestroyRef).onDestroy(() => this.close());
  }

  protected kindKey(kind: SpeechKind): MessageKey {
    return `live.kind.${kind}`;
  }

  private async load(token: string): Promise<void> {
    try {
      const info = await firstValueFrom(this.api.displayInfo(token));
      if (this.closed) return;
      this.info.set(info);
      this.error.set(null);
      if (info.meeting.kind !== 'in_person' && !this.conferenceStage()) {
        void import('@phonghop/client-conference').then((m) => this.conferenceStage.set(m.DisplayStageComponent));
      }
      if (!this.connection()) {
        this.connect(token, info.meeting.id);
        this.refreshTimer = setInterval(() => void this.load(token), REFRESH_MS);
      }
    } catch (e) {
      if (this.closed) return;
      const error = toApiError(e);
      this.error.set(error);
      // The server is not there yet (a restart, the hall's network): try again; a revoked link stays revoked.
      if (error.code !== 'DISPLAY_NOT_FOUND') this.retryTimer = setTimeout(() => void this.load(token), RETRY_MS);
    }
  }

  private connect(token: string, meetingId: string): void {
    const connection = new DisplayConnection(token);
    const store = new MeetingRoomStore(connection, meetingId);
    const clock = new ServerClock(connection);
    this.clock = clock;
    this.clockTick.set(clock.tick);
    this.connection.set(connection);
    this.store.set(store);
    connection.onFirstConnect(() => {
      void store.join();
      clock.start();
    });
    // After a drop the store joins again by itself; the meeting's facts (status, check-in code) may have changed.
    connection.onReconnect(() => void this.load(token));
  }

  private close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.store()?.close();
    this.clock?.close();
    this.connection()?.close();
  }
}
