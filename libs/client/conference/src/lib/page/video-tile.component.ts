import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, input, viewChild } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ConferencePeerDto } from '@phonghop/contracts';
import type { PeerMedia } from '../session/conference-session';

/**
 * One participant's picture: their received video (or the own camera, muted), their audio in its own element,
 * the name and unit, and what the host should see at a glance: muted, hand raised, speaking.
 */
@Component({
  selector: 'ph-video-tile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <figure
      class="ph-tile"
      [class.large]="large()"
      [class.speaking]="speaking()"
      [attr.data-testid]="'conf-tile-' + (self() ? 'self' : peer().peerId)"
      [attr.data-peer-name]="peer().displayName"
      [attr.data-has-video]="hasVideo()"
    >
      <video #video autoplay playsinline [muted]="true" [class.hidden]="!hasVideo()"></video>
      @if (!hasVideo()) {
        <div class="ph-tile-initials" aria-hidden="true">{{ initials() }}</div>
      }
      @if (!self()) {
        <audio #audio autoplay></audio>
      }
      <figcaption>
        <span class="name">{{ peer().displayName }}</span>
        @if (peer().unitName && peer().kind === 'person') {
          <span class="unit">{{ peer().unitName }}</span>
        }
        @if (peer().audioMuted) {
          <mat-icon svgIcon="mic-off" [attr.aria-label]="'conf.muted' | t" data-testid="conf-tile-muted" />
        }
        @if (peer().handRaised) {
          <mat-icon svgIcon="pan-tool" [attr.aria-label]="'conf.handRaised' | t" />
        }
      </figcaption>
    </figure>
  `,
  styleUrl: './video-tile.component.scss',
})
export class VideoTileComponent {
  readonly peer = input.required<ConferencePeerDto>();
  readonly media = input<PeerMedia | null>(null);
  /** The own camera (a MediaStream from getUserMedia) instead of received tracks. */
  readonly localStream = input<MediaStream | null>(null);
  readonly self = input(false);
  readonly large = input(false);
  readonly level = input<number | undefined>(undefined);

  private readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');
  private readonly audio = viewChild<ElementRef<HTMLAudioElement>>('audio');

  protected readonly hasVideo = computed(() => (this.self() ? !!this.localStream()?.getVideoTracks().length : !!this.media()?.video && !this.media()?.videoPaused));
  /** Audio level in dBov from the server (−127 silent … 0 loudest); speaking above −50. */
  protected readonly speaking = computed(() => (this.level() ?? -127) > -50);
  protected readonly initials = computed(() =>
    this.peer()
      .displayName.split(/\s+/)
      .filter(Boolean)
      .slice(-2)
      .map((w) => w[0]?.toUpperCase())
      .join(''),
  );

  constructor() {
    effect(() => {
      const el = this.video()?.nativeElement;
      if (!el) return;
      const stream = this.self() ? this.localStream() : trackStream(this.media()?.video ?? null);
      if (el.srcObject !== stream) el.srcObject = stream;
    });
    effect(() => {
      const el = this.audio()?.nativeElement;
      if (!el) return;
      const stream = trackStream(this.media()?.audio ?? null);
      if (el.srcObject !== stream) el.srcObject = stream;
    });
  }
}

const streams = new WeakMap<MediaStreamTrack, MediaStream>();

/** One MediaStream per track, so re-rendering does not restart playback. */
function trackStream(track: MediaStreamTrack | null): MediaStream | null {
  if (!track) return null;
  let s = streams.get(track);
  if (!s) {
    s = new MediaStream([track]);
    streams.set(track, s);
  }
  return s;
}
