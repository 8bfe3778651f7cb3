import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';
import type { ConferencePeerDto, ConferenceFloor, InvitedSiteDto, PeerNetworkQuality, SiteConnectionState } from '@phonghop/contracts';
import { qualityLevel, type QualityLevel } from './network-quality';
import { rollCall, siteTree } from './site-tree';

const QUALITY_LABEL: Record<QualityLevel, MessageKey> = {
  good: 'conf.quality.good',
  fair: 'conf.quality.fair',
  poor: 'conf.quality.poor',
  unknown: 'conf.quality.unknown',
};

const STATE_LABEL: Record<SiteConnectionState, MessageKey> = {
  invited: 'conf.site.invited',
  connecting: 'conf.site.connecting',
  live: 'conf.site.live',
  lost: 'conf.site.lost',
};

/**
 * The host's console: every invited site in the hierarchy with its state and audio level, the requests to
 * speak, the others online (delegates, sites of linked servers), and the floor controls (give the floor, mute or unmute at the server).
 */
@Component({
  selector: 'ph-host-console',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatSlideToggleModule, NgTemplateOutlet, ...I18N_PIPES],
  templateUrl: './host-console.component.html',
  styleUrl: './host-console.component.scss',
})
export class HostConsoleComponent {
  readonly sites = input.required<InvitedSiteDto[]>();
  readonly peers = input.required<ConferencePeerDto[]>();
  readonly floor = input.required<ConferenceFloor>();
  readonly levels = input.required<ReadonlyMap<string, number>>();
  readonly quality = input<ReadonlyMap<string, PeerNetworkQuality>>(new Map());
  readonly selfPeerId = input<string | null>(null);

  readonly giveFloor = output<string | null>();
  readonly mute = output<{ peerId: string; muted: boolean }>();
  readonly autoSpotlight = output<boolean>();

  protected readonly tree = computed(() => siteTree(this.sites()));
  protected readonly counts = computed(() => rollCall(this.sites()));
  /** Share of invited sites live, for the roll-call bar. */
  protected readonly livePercent = computed(() => {
    const c = this.counts();
    return c.total ? Math.round((c.live / c.total) * 100) : 0;
  });
  /** Everyone online who is not a site of this meeting's tree: delegates, and sites of linked lower-level servers. */
  protected readonly persons = computed(() => {
    const invited = new Set(this.sites().map((s) => s.siteId));
    return this.peers().filter((p) => p.peerId !== this.selfPeerId() && !(p.kind === 'site' && p.siteId && invited.has(p.siteId)));
  });
  protected readonly peerById = computed(() => new Map(this.peers().map((p) => [p.peerId, p])));
  protected qualityOf(peerId: string | null): QualityLevel {
    return qualityLevel(peerId ? this.quality().get(peerId) : undefined);
  }

  protected qualityLabel(level: QualityLevel): MessageKey {
    return QUALITY_LABEL[level];
  }

  protected stateLabel(state: SiteConnectionState): MessageKey {
    return STATE_LABEL[state];
  }

  /** Audio level as a 0–100 bar: −70 dBov (the observer's threshold) is empty, −20 is full. */
  protected levelPercent(peerId: string | null): number {
    const v = peerId ? this.levels().get(peerId) : undefined;
    if (v === undefined) return 0;
    return Math.max(0, Math.min(100, Math.round(((v + 70) / 50) * 100)));
  }
}
