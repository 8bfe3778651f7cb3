import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { HostConsoleComponent } from '../host/host-console.component';
import { type LayoutMode, stageLayout } from '../layout/stage-layout';
import { PresentationPanelComponent } from '../presentation/presentation-panel.component';
import { ConferenceSession, type SessionState } from '../session/conference-session';
import { ConferenceControlsComponent } from './conference-controls.component';
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
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    VideoTileComponent,
    ConferenceControlsComponent,
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
  protected readonly mode = signal<LayoutMode>('speaker');
  protected readonly page = signal(0);
  protected readonly layout = computed(() => stageLayout(this.session.peers(), this.session.selfPeerId(), this.session.floor(), this.mode(), this.page()));
  protected readonly stateKey = computed(() => STATE_KEYS[this.session.state()]);
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
}
