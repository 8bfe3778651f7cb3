import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { DocumentsApi, RealtimeClient } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import type { DocumentDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { HostConsoleComponent } from '../host/host-console.component';
import { type LayoutMode, stageLayout } from '../layout/stage-layout';
import { PresentationPanelComponent } from '../presentation/presentation-panel.component';
import { SiteRollCallDialog, type SiteRollCallData } from '../roll-call/site-roll-call.dialog';
import { rollCallRows } from '../roll-call/site-roll-call';
import { ConferenceSession, type SessionState } from '../session/conference-session';
import { VideoTileComponent } from './video-tile.component';

const STATE_KEYS: Record<SessionState, MessageKey> = {
  idle: 'conf.state.connecting',
  connecting: 'conf.state.connecting',
  live: 'conf.state.live',
  reconnecting: 'conf.state.reconnecting',
  ended: 'conf.state.ended',
  error: 'conf.state.error',
};

declare global {
  interface Window {
    /** Received-media statistics of this page's conference (diagnostics and end-to-end tests). */
    phonghopConferenceStats?: () => ReturnType<ConferenceSession['inboundStats']>;
  }
}

/**
 * `/meetings/:meetingId/conference`: the online conference of a meeting, for a site device, a person, or the
 * host (chair or secretary), who also gets the console with the sites and the floor controls.
 */
@Component({
  selector: 'ph-conference-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    VideoTileComponent,
    HostConsoleComponent,
    PresentationPanelComponent,
    ...I18N_PIPES,
  ],
  providers: [ConferenceSession],
  templateUrl: './conference.page.html',
  styleUrl: './conference.page.scss',
})
export class ConferencePage {
  readonly meetingId = input.required<string>();

  protected readonly session = inject(ConferenceSession);
  private readonly i18n = inject(I18nService);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  /** The meeting's published documents, for the host's "present" menu (loaded when it opens). */
  protected readonly documents = signal<DocumentDto[]>([]);
  protected readonly mode = signal<LayoutMode>('speaker');
  protected readonly page = signal(0);
  protected readonly layout = computed(() => stageLayout(this.session.peers(), this.session.selfPeerId(), this.session.floor(), this.mode(), this.page()));
  protected readonly stateKey = computed(() => STATE_KEYS[this.session.state()]);
  protected readonly mutedByHost = computed(() => {
    const self = this.session.self();
    return !!self && !self.isHost && self.audioMuted;
  });
  protected readonly errorText = computed(() => {
    const e = this.session.error();
    return e ? e.message[this.i18n.lang()] : '';
  });

  constructor() {
    // Joins from the constructor, i.e. before the first render (100–200 ms on a busy site PC), whose time the
    // first answers then arrive in. The route's parameter, as the meetingId input gets it.
    void this.session.start(inject(ActivatedRoute).snapshot.paramMap.get('meetingId') ?? '');
    // Grid pages: only the visible tiles' video is forwarded to this device.
    effect(() => {
      const l = this.layout();
      const grid = this.mode() === 'grid';
      untracked(() => void this.session.showOnly(grid ? new Set(l.tiles.map((p) => p.peerId)) : null));
    });
    window.phonghopConferenceStats = () => this.session.inboundStats();
    inject(DestroyRef).onDestroy(() => {
      delete window.phonghopConferenceStats;
      void this.session.stop();
    });
  }

  protected setMode(mode: LayoutMode): void {
    this.mode.set(mode);
    this.page.set(0);
  }

  protected async loadDocuments(): Promise<void> {
    try {
      this.documents.set((await firstValueFrom(this.documentsApi.list(this.meetingId()))).filter((d) => d.published));
    } catch {
      this.documents.set([]);
    }
  }

  /** People confirmed present at this site (its roll call), besides the site itself. */
  protected readonly siteConfirmed = computed(() => {
    const me = this.session.self();
    const attendance = this.session.meetingState()?.attendance ?? {};
    return Object.values(attendance).filter((a) => a.method === 'site' && a.siteId === me?.siteId && a.userId !== me?.userId && a.status === 'present').length;
  });

  /** A site's operator confirms who of the meeting's members is present at the site: they count towards the quorum. */
  protected rollCall(): void {
    const me = this.session.self();
    const state = this.session.meetingState();
    if (!me || !state) return;
    const data: SiteRollCallData = { siteName: me.displayName, rows: rollCallRows(state.roster, state.attendance, me.siteId) };
    this.dialog
      .open<SiteRollCallDialog, SiteRollCallData, string[]>(SiteRollCallDialog, { data, width: '92vw', maxWidth: '560px' })
      .afterClosed()
      .subscribe((userIds) => {
        if (!userIds) return;
        void this.realtime.floor('confirmRollCall', { meetingId: this.meetingId(), userIds }).then((res) => {
          this.snackBar.open(res.ok ? this.i18n.t('conf.rollCallSaved', { count: userIds.length }) : this.i18n.errorMessage(res.error), this.i18n.t('common.close'), { duration: 5000 });
        });
      });
  }

  protected async toggleHand(): Promise<void> {
    await this.session.raiseHand(!(this.session.self()?.handRaised ?? false));
  }
}
