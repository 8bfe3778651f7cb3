import { signal } from '@angular/core';
import type { ConferenceFloor, ConferenceMethod, ConferenceNotification, ConferencePeerDto, ConferenceRequests, MediaSource, NewConsumerNotice } from '@phonghop/contracts';
import type { Device, types } from 'mediasoup-client';
import type { ConferenceChannel } from './conference-channel';
import { displayView, spotlightName } from './display-view';
import { prewarmedDevice } from '../session/prewarmed-device';

const RETRY_MS = [1000, 2000, 4000, 8000];

interface Received {
  consumer: types.Consumer;
  peerId: string;
  source: MediaSource;
}

/**
 * The hall display's part in the conference: receive only, and draw the spotlighted site or person. It joins as a
 * viewer (the server never lists it), asks the server to forward nothing but the spotlight's camera, and rebuilds
 * by itself when the media server restarts or the socket comes back.
 */
export class DisplayConferenceSession {
  readonly spotlightTrack = signal<MediaStreamTrack | null>(null);
  readonly spotlightName = signal<string | null>(null);
  readonly spotlightPeerId = signal<string | null>(null);
  readonly state = signal<'connecting' | 'live' | 'error' | 'ended'>('connecting');

  private device: Device | null = null;
  private recv: types.Transport | null = null;
  private peers: ConferencePeerDto[] = [];
  private floor: ConferenceFloor | null = null;
  private readonly received = new Map<string, Received>();
  private pending: NewConsumerNotice[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private building: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly channel: ConferenceChannel,
    private readonly meetingId: string,
  ) {}

  start(): void {
    this.unsubscribe.push(
      this.channel.onNotification((n) => void this.onNotice(n)),
      this.channel.onReconnect(() => void this.rebuild()),
    );
    void this.rebuild();
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
    void this.channel.request('leave', { meetingId: this.meetingId }).catch(() => undefined);
    this.closeMedia();
    this.state.set('ended');
  }

  /** Joins (again) from scratch: after the start, a worker restart or a reconnected socket. */
  private rebuild(): Promise<void> {
    this.building ??= (async () => {
      for (let attempt = 0; !this.stopped; attempt++) {
        try {
          this.closeMedia();
          await this.connect();
          this.state.set('live');
          return;
        } catch {
          this.state.set('error');
          await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
        }
      }
    })().finally(() => (this.building = null));
    return this.building;
  }

  private async connect(): Promise<void> {
    const device = this.device ?? prewarmedDevice();
    if (!device.loaded) {
      const caps = await this.ask('capabilities', { meetingId: this.meetingId });
      await device.load({ routerRtpCapabilities: caps.routerRtpCapabilities });
      this.device = device;
    }
    const snap = await this.ask('join', { meetingId: this.meetingId, rtpCapabilities: device.rtpCapabilities });
    this.peers = snap.peers;
    this.setFloor(snap.floor);
    const options = await this.ask('createTransport', { meetingId: this.meetingId, direction: 'recv' });
    const recv = device.createRecvTransport(options);
    recv.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.ask('connectTransport', { meetingId: this.meetingId, transportId: recv.id, dtlsParameters })
        .then(() => callback())
        .catch((e: unknown) => errback(e instanceof Error ? e : new Error(String(e))));
    });
    this.recv = recv;
    // Notices for the transport this one replaced are dead: only this transport's are consumed.
    await Promise.all(this.pending.splice(0).filter((n) => n.transportId === recv.id).map((n) => this.consume(n)));
  }

  private async onNotice(n: ConferenceNotification): Promise<void> {
    switch (n.method) {
      case 'newConsumer':
        if (this.recv) await this.consume(n.data).catch(() => undefined);
        else this.pending.push(n.data);
        return;
      case 'consumerClosed':
        this.drop(n.data.consumerId);
        return;
      case 'floor':
        this.setFloor(n.data);
        return;
      case 'peerJoined':
      case 'peerUpdated':
        this.peers = [...this.peers.filter((p) => p.peerId !== n.data.peerId), n.data];
        this.spotlightName.set(spotlightName(this.peers, this.spotlightPeerId()));
        return;
      case 'peerLeft':
        this.peers = this.peers.filter((p) => p.peerId !== n.data.peerId);
        return;
      case 'reconnect':
        await this.rebuild();
        return;
      case 'ended':
        this.closeMedia();
        return;
      default:
        return;
    }
  }

  private async consume(notice: NewConsumerNotice): Promise<void> {
    const recv = this.recv;
    if (!recv || notice.transportId !== recv.id) return;
    const consumer = await recv.consume({ id: notice.consumerId, producerId: notice.producerId, kind: notice.kind, rtpParameters: notice.rtpParameters });
    this.received.set(consumer.id, { consumer, peerId: notice.peerId, source: notice.source });
    await this.applyView(consumer.id);
    await this.ask('resumeConsumer', { meetingId: this.meetingId, consumerId: consumer.id });
  }

  private setFloor(floor: ConferenceFloor): void {
    this.floor = floor;
    this.spotlightPeerId.set(floor.spotlightPeerId);
    this.spotlightName.set(spotlightName(this.peers, floor.spotlightPeerId));
    for (const id of this.received.keys()) void this.applyView(id).catch(() => undefined);
  }

  /** Forwarded only if drawn: the server pauses whatever is hidden, so the display's link carries one picture. */
  private async applyView(consumerId: string): Promise<void> {
    const r = this.received.get(consumerId);
    if (!r) return;
    const view = displayView(r.source, r.peerId, this.floor?.spotlightPeerId ?? null);
    await this.ask('setConsumerView', { meetingId: this.meetingId, consumerId, view });
    if (view === 'large') this.spotlightTrack.set(r.consumer.track);
    else if (this.spotlightTrack() === r.consumer.track) this.spotlightTrack.set(null);
  }

  private drop(consumerId: string): void {
    const r = this.received.get(consumerId);
    if (!r) return;
    r.consumer.close();
    this.received.delete(consumerId);
    if (this.spotlightTrack() === r.consumer.track) this.spotlightTrack.set(null);
  }

  private closeMedia(): void {
    for (const id of [...this.received.keys()]) this.drop(id);
    this.recv?.close();
    this.recv = null;
    this.pending = [];
    this.spotlightTrack.set(null);
  }

  private async ask<M extends ConferenceMethod>(method: M, data: ConferenceRequests[M]['req']): Promise<ConferenceRequests[M]['res']> {
    const res = await this.channel.request(method, data);
    if (!res.ok) throw new Error(res.error.code);
    return res.data;
  }
}
