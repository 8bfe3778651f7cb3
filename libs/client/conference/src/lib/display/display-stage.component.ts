import { ChangeDetectionStrategy, Component, type ElementRef, type OnDestroy, type OnInit, effect, input, signal, viewChild } from '@angular/core';
import type { ConferenceChannel } from './conference-channel';
import { DisplayConferenceSession } from './display-session';

/**
 * The spotlighted site's video on the hall display (receive-only, silent). Nothing shows while nobody is in the
 * spotlight. The display page loads this component on demand (mediasoup-client comes with it) and hands it the
 * display's own socket.
 */
@Component({
  selector: 'ph-display-stage',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The page's slot shows only while there is a picture (`.stage-on`).
  host: { '[class.stage-on]': '!!session()?.spotlightTrack()' },
  template: `
    <figure class="stage" [hidden]="!session()?.spotlightTrack()" data-testid="display-conference-stage" [attr.data-peer]="session()?.spotlightPeerId()">
      <video #video autoplay playsinline muted data-testid="display-conference-video"></video>
      @if (session()?.spotlightName(); as name) {
        <figcaption>{{ name }}</figcaption>
      }
    </figure>
  `,
  styles: `
    :host { display: block; width: 100%; height: 100%; }
    .stage { position: relative; margin: 0; width: 100%; height: 100%; background: #000; border-radius: 12px; overflow: hidden; }
    video { width: 100%; height: 100%; object-fit: contain; display: block; }
    figcaption { position: absolute; left: 0; right: 0; bottom: 0; padding: 0.4em 0.8em; font-size: clamp(14px, 1.4vw, 28px); font-weight: 600; color: #fff; background: linear-gradient(transparent, rgba(0, 0, 0, 0.75)); }
  `,
})
export class DisplayStageComponent implements OnInit, OnDestroy {
  readonly meetingId = input.required<string>();
  readonly channel = input.required<ConferenceChannel>();

  private readonly video = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  protected readonly session = signal<DisplayConferenceSession | null>(null);

  constructor() {
    effect(() => {
      const track = this.session()?.spotlightTrack() ?? null;
      const el = this.video().nativeElement;
      el.srcObject = track ? new MediaStream([track]) : null;
    });
  }

  ngOnInit(): void {
    const session = new DisplayConferenceSession(this.channel(), this.meetingId());
    this.session.set(session);
    session.start();
  }

  ngOnDestroy(): void {
    this.session()?.stop();
  }
}
