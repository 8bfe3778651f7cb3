import type { Logger } from '@nestjs/common';
import { REALTIME_PATH } from '@phonghop/contracts';
import { io, type Socket } from 'socket.io-client';
import type { ConferenceRoom } from '../room/conference-room';
import { type AckSocket, type CascadeChannel, socketChannel } from './cascade-channel';
import { CascadeLink, endpointOf } from './cascade-link';
import { CASCADE_NAMESPACE, type LinkAccepted } from './cascade-protocol';
import { signLinkToken } from './link-token';

/** Pause before linking again after the upper server dropped us or the pipe broke (a worker restart). */
const RELINK_DELAY_MS = 1500;

export interface UpperServer {
  url: string;
  secret: string;
  /** This server's name, as the upper server knows it. */
  serverName: string;
}

/**
 * The lower server's side of a cascade: while this meeting's conference is open here, keep it linked to the upper
 * server's conference `upperMeetingId` — connect, link, carry media — and link again after any break (the network,
 * either server restarting a media worker or itself). The upper server's peers appear here as remote peers.
 */
export class CascadeUplink {
  private readonly socket: Socket;
  private readonly channel: CascadeChannel;
  private link: CascadeLink | undefined;
  /** Messages that arrive between `link` being accepted and our link being ready wait for it. */
  private linked: Promise<CascadeLink>;
  private resolveLinked!: (link: CascadeLink) => void;
  private linking = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly room: ConferenceRoom,
    private readonly upperMeetingId: string,
    private readonly upper: UpperServer,
    private readonly logger: Logger,
  ) {
    this.linked = this.nextLink();
    this.socket = io(new URL(CASCADE_NAMESPACE, upper.url).href, {
      path: REALTIME_PATH,
      transports: ['websocket'],
      // A fresh token for every (re)connection: its time must be close to the upper server's clock.
      auth: (cb) => cb({ ...signLinkToken(upper.serverName, upper.secret) }),
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      autoConnect: false,
    });
    this.channel = socketChannel(this.socket as unknown as AckSocket);
    this.channel.onRequest(async (msg) => (await this.linked).handle(msg));
    this.socket.on('connect', () => void this.relink());
    this.socket.on('disconnect', (reason) => {
      this.dropLink();
      // The upper server dropped the link (its media restarted, or the meeting closed): try again shortly.
      if (reason === 'io server disconnect' && !this.stopped) setTimeout(() => !this.stopped && this.socket.connect(), RELINK_DELAY_MS).unref();
    });
    this.socket.on('connect_error', (err) => {
      // Once per outage, not once per retry; never the token.
      if (this.failures++ === 0) this.logger.warn({ upper: upper.url, meetingId: room.meetingId, reason: err.message }, 'cannot reach the upper-level server');
    });
  }

  start(): void {
    this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    this.dropLink();
    this.socket.close();
  }

  private nextLink(): Promise<CascadeLink> {
    return new Promise((resolve) => (this.resolveLinked = resolve));
  }

  private async relink(): Promise<void> {
    if (this.linking || this.stopped) return;
    this.linking = true;
    this.dropLink();
    const pipe = await this.room.cascadePipe().catch(() => undefined);
    try {
      if (!pipe) throw new Error('no media worker for the link');
      const accepted = (await this.channel.request('link', { meetingId: this.upperMeetingId, pipe: endpointOf(pipe) })) as LinkAccepted;
      await pipe.connect(accepted.pipe);
      const link = new CascadeLink(new URL(this.upper.url).host, 'toUpper', this.room, pipe, this.channel, () => this.broken());
      this.link = link;
      link.start();
      this.resolveLinked(link);
      if (this.failures > 0) this.logger.log({ upper: this.upper.url, meetingId: this.room.meetingId }, 'linked to the upper-level server again');
      this.failures = 0;
    } catch (err) {
      pipe?.close();
      if (this.failures++ === 0) this.logger.warn({ upper: this.upper.url, meetingId: this.room.meetingId, reason: (err as Error).message }, 'the upper-level server refused the link');
      if (!this.stopped) setTimeout(() => void this.relink(), 5000).unref();
    } finally {
      this.linking = false;
    }
  }

  /** The pipe closed under the link (our media worker restarted): link again with a new one. */
  private broken(): void {
    this.dropLink();
    if (!this.stopped && this.socket.connected) setTimeout(() => void this.relink(), RELINK_DELAY_MS).unref();
  }

  private dropLink(): void {
    const link = this.link;
    if (!link) return;
    this.link = undefined;
    this.linked = this.nextLink();
    link.close();
  }
}
