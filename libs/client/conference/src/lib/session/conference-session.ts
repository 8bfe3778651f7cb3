import { Injectable, computed, inject, signal } from '@angular/core';
import { type MeetingRoomStore, RealtimeClient } from '@phonghop/client-data-access';
import {
  type ApiErrorBody,
  type ConferenceMethod,
  type ConferenceNotification,
  type ConferencePeerDto,
  type ConferencePresentation,
  type ConferenceRequests,
  type ConferenceFloor,
  type InvitedSiteDto,
  type MediaSource,
  type NewConsumerNotice,
  type PeerNetworkQuality,
  SIMULCAST_ENCODINGS,
} from '@phonghop/contracts';
import type { Device, types } from 'mediasoup-client';
import { prewarmedDevice } from './prewarmed-device';
import { replacePeer, selfStatus } from './self-status';

/** Pauses between attempts to rebuild the media after a failure (the server may still be restarting). */
const REBUILD_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
/** How long the first newConsumer on a fresh receive transport waits for the others of its burst (see consumeSoon). */
const BURST_MS = 15;
/** Sending waits at most this long for the first picture received (see firstPicture), checking this often. */
const FIRST_PICTURE_WAIT_MS = 1500;
const FIRST_PICTURE_POLL_MS = 30;

/** Why our media is rebuilt: a worker restart dropped everyone's at once; a socket reconnect dropped ours only. */
type RebuildCause = 'worker-restart' | 'socket-reconnect';

export type SessionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

/** What a peer's tile shows: its received tracks and whether the server paused them. */
export interface PeerMedia {
  video: MediaStreamTrack | null;
  audio: MediaStreamTrack | null;
  videoConsumerId: string | null;
  videoPaused: boolean;
  audioPaused: boolean;
}

export interface InboundStats {
  consumerId: string;
  peerId: string;
  source: MediaSource;
  framesDecoded: number;
  packetsReceived: number;
  /** Payload and header bytes received so far (bitrate = its change over time). */
  bytesReceived: number;
  /** Size of the last decoded frame (0 for audio or before the first frame): which simulcast layer arrives. */
  frameWidth: number;
  frameHeight: number;
}

interface ReceivedConsumer {
  consumer: types.Consumer;
  peerId: string;
  source: MediaSource;
}

/**
 * One browser's part in a meeting's conference: loads the mediasoup-client Device, joins, sends camera and
 * microphone (VP8 simulcast, three layers), receives what the server offers, and follows the floor. When the
 * server says its media worker restarted, or the socket comes back after a drop, it rebuilds its transports
 * and producers by itself: nobody reloads the page.
 */
@Injectable()
export class ConferenceSession {
  private readonly realtime = inject(RealtimeClient);

  readonly state = signal<SessionState>('idle');
  readonly error = signal<ApiErrorBody | null>(null);
  readonly selfPeerId = signal<string | null>(null);
  readonly peers = signal<ConferencePeerDto[]>([]);
  readonly sites = signal<InvitedSiteDto[]>([]);
  readonly floor = signal<ConferenceFloor>({ spotlightPeerId: null, queue: [], autoSpotlight: true, given: false });
  readonly levels = signal<ReadonlyMap<string, number>>(new Map());
  /** Hosts: every peer's link quality as the server measures it. */
  readonly quality = signal<ReadonlyMap<string, PeerNetworkQuality>>(new Map());
  readonly media = signal<ReadonlyMap<string, PeerMedia>>(new Map());
  readonly localStream = signal<MediaStream | null>(null);
  /** The host is recording this conference (shown to everyone). */
  readonly recording = signal(false);
  /** The meeting's room, where the presented page travels (meeting state, not media). */
  private readonly room = signal<MeetingRoomStore | null>(null);
  /** The meeting's live state (roster, attendance, the floor), from the room. */
  readonly meetingState = computed(() => this.room()?.state() ?? null);
  /** The document page the host shows to everyone, if any. */
  readonly presentation = computed<ConferencePresentation | null>(() => this.room()?.state()?.presentation ?? null);
  readonly cameraOn = signal(true);
  readonly micOn = signal(true);
  /** How many times media was rebuilt after a worker restart or a dropped connection. */
  readonly reconnects = signal(0);

  readonly self = computed(() => this.peers().find((p) => p.peerId === this.selfPeerId()) ?? null);
  readonly isHost = computed(() => this.self()?.isHost ?? false);
  /** Whether this device has the floor and whether the host muted it (its own controls show both). */
  readonly status = computed(() => selfStatus(this.self(), this.floor(), this.meetingState()?.floor.speaker?.userId ?? null));

  private meetingId = '';
  private device: Device | null = null;
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  private readonly producers = new Map<MediaSource, types.Producer>();
  private readonly consumers = new Map<string, ReceivedConsumer>();
  /** newConsumer notices that arrived before the receive transport existed. */
  private pending: NewConsumerNotice[] = [];
  private devices: Promise<MediaStream> | null = null;
  /** The receive transport has not consumed anything yet (see consumeSoon). */
  private recvFresh = false;
  private burst: { notices: NewConsumerNotice[]; done: Promise<void> } | null = null;
  /** Consumers being created and resumed. */
  private readonly consuming = new Set<Promise<void>>();
  private unsubscribe: (() => void)[] = [];
  private rebuilding: Promise<void> | null = null;
  private rebuildAgain: RebuildCause | null = null;

  async start(meetingId: string): Promise<void> {
    this.meetingId = meetingId;
    this.state.set('connecting');
    const room = this.realtime.openRoom(meetingId);
    this.room.set(room);
    void room.join();
    this.unsubscribe.push(this.realtime.onConference((n) => void this.onNotice(n)));
    // The socket dropped and came back: the server saw this peer leave, so join again from scratch.
    this.unsubscribe.push(this.realtime.onReconnect(() => void this.rebuild('socket-reconnect')));
    try {
      // Probes this browser's codecs while the server answers.
      const device = prewarmedDevice();
      const caps = await this.ask('capabilities', { meetingId });
      // Let in (the server checked who we are): the camera and microphone open while we join and receive.
      void this.openDevices();
      await device.load({ routerRtpCapabilities: caps.routerRtpCapabilities });
      this.device = device;
      await this.join();
      await this.connectMedia();
      this.state.set('live');
    } catch (e) {
      this.fail(e);
    }
  }

  async stop(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    this.room()?.close();
    if (this.state() === 'live' || this.state() === 'reconnecting') await this.realtime.conference('leave', { meetingId: this.meetingId });
    this.closeMedia();
    for (const t of this.localStream()?.getTracks() ?? []) t.stop();
    this.localStream.set(null);
    this.state.set('ended');
  }

  // ---- actions ----------------------------------------------------------------------------------

  async raiseHand(raised: boolean): Promise<void> {
    await this.ask('raiseHand', { meetingId: this.meetingId, raised });
  }

  async giveFloor(peerId: string | null): Promise<void> {
    await this.ask('giveFloor', { meetingId: this.meetingId, peerId });
  }

  async muteAudio(peerId: string, muted: boolean): Promise<void> {
    await this.ask('muteAudio', { meetingId: this.meetingId, peerId, muted });
  }

  async setAutoSpotlight(enabled: boolean): Promise<void> {
    await this.ask('setAutoSpotlight', { meetingId: this.meetingId, enabled });
  }

  /** Host: start or stop recording; errors (nothing to record yet) show in the error banner. */
  async toggleRecording(): Promise<void> {
    try {
      if (this.recording()) await this.ask('stopRecording', { meetingId: this.meetingId });
      else await this.ask('startRecording', { meetingId: this.meetingId });
      this.error.set(null);
    } catch (e) {
      if (e instanceof ConferenceError) this.error.set(e.body);
    }
  }

  /** Host: show a document at a page to everyone, turn its page, or stop (null). */
  async present(documentId: string | null, page = 1): Promise<void> {
    try {
      await this.ask('present', { meetingId: this.meetingId, documentId, page });
      this.error.set(null);
    } catch (e) {
      if (e instanceof ConferenceError) this.error.set(e.body);
    }
  }

  /**
   * Local pause of what this device sends. Not the microphone while the host has muted it at the server: a second,
   * local mute on top would outlast the host's and silence the site when it is given the floor.
   */
  toggle(source: MediaSource): void {
    if (source === 'microphone' && this.status().mutedByHost) return;
    this.setLocal(source, !(source === 'camera' ? this.cameraOn() : this.micOn()));
  }

  private setLocal(source: MediaSource, on: boolean): void {
    (source === 'camera' ? this.cameraOn : this.micOn).set(on);
    const producer = this.producers.get(source);
    if (producer) {
      if (on) producer.resume();
      else producer.pause();
    }
  }

  /** Grid pages: tiles not shown get nothing forwarded; shown ones come back as thumbnails. */
  async showOnly(visiblePeerIds: ReadonlySet<string> | null): Promise<void> {
    for (const [consumerId, c] of this.consumers) {
      if (c.source !== 'camera') continue;
      const view = visiblePeerIds && !visiblePeerIds.has(c.peerId) ? 'hidden' : 'small';
      await this.realtime.conference('setConsumerView', { meetingId: this.meetingId, consumerId, view });
    }
  }

  /** Inbound video statistics of each received camera, for the connection indicator (and the e2e tests). */
  async inboundStats(): Promise<InboundStats[]> {
    const out: InboundStats[] = [];
    for (const [consumerId, c] of this.consumers) {
      let framesDecoded = 0;
      let packetsReceived = 0;
      let bytesReceived = 0;
      let frameWidth = 0;
      let frameHeight = 0;
      type Inbound = { type: string; framesDecoded?: number; packetsReceived?: number; bytesReceived?: number; headerBytesReceived?: number; frameWidth?: number; frameHeight?: number };
      (await c.consumer.getStats()).forEach((s: Inbound) => {
        if (s.type !== 'inbound-rtp') return;
        framesDecoded += s.framesDecoded ?? 0;
        packetsReceived += s.packetsReceived ?? 0;
        bytesReceived += (s.bytesReceived ?? 0) + (s.headerBytesReceived ?? 0);
        frameWidth = Math.max(frameWidth, s.frameWidth ?? 0);
        frameHeight = Math.max(frameHeight, s.frameHeight ?? 0);
      });
      out.push({ consumerId, peerId: c.peerId, source: c.source, framesDecoded, packetsReceived, bytesReceived, frameWidth, frameHeight });
    }
    return out;
  }

  // ---- joining and media ------------------------------------------------------------------------

  private async join(): Promise<void> {
    const device = this.device;
    if (!device) throw new Error('device not loaded');
    const snap = await this.ask('join', { meetingId: this.meetingId, rtpCapabilities: device.rtpCapabilities });
    this.selfPeerId.set(snap.selfPeerId);
    this.peers.set(snap.peers);
    this.sites.set(snap.sites);
    this.floor.set(snap.floor);
    this.recording.set(snap.recording);
  }

  /**
   * Receive side first: the server offers what others already send right after the receive transport's answer, so
   * asking for our send transport after it puts those consumers under way first (connectSending then waits for them).
   */
  private async connectMedia(afterOthers = true): Promise<void> {
    const device = this.device;
    if (!device) return;
    await this.connectReceiving(device);
    await this.connectSending(device, afterOthers);
  }

  private async connectReceiving(device: Device): Promise<void> {
    // The server sends newConsumer for what others already send right after this answer.
    const recvOptions = await this.ask('createTransport', { meetingId: this.meetingId, direction: 'recv' });
    const recv = device.createRecvTransport(recvOptions);
    this.wireConnect(recv);
    this.recv = recv;
    this.recvFresh = true;
    // Notices that came before the transport: consumed together with the rest of their burst (consumeSoon). Those of
    // the transport this one replaces are dead (their consumers closed with it): dropped.
    await Promise.all(this.pending.splice(0).filter((notice) => notice.transportId === recv.id).map((notice) => this.consume(notice)));
  }

  /**
   * `afterOthers`: joining a live conference, our encoders wait until what others send is showing (see below). Not
   * after a worker restart: then everyone rebuilds at once and nobody is sending yet, so each would wait out the others.
   */
  private async connectSending(device: Device, afterOthers: boolean): Promise<void> {
    const sendOptions = await this.ask('createTransport', { meetingId: this.meetingId, direction: 'send' });
    const send = device.createSendTransport(sendOptions);
    this.wireConnect(send);
    send.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.ask('produce', { meetingId: this.meetingId, transportId: send.id, kind, rtpParameters, source: appData['source'] as MediaSource })
        .then(({ producerId }) => callback({ id: producerId }))
        .catch((e: unknown) => errback(e instanceof Error ? e : new Error(String(e))));
    });
    this.send = send;

    const stream = await this.openDevices();
    // Our encoders start once what others send (offered right after the receive transport) is wired, resumed and
    // showing: on a busy site PC their SDP rounds and encoding, run alongside, held back the first picture by a few
    // hundred ms (the browser's signalling thread, shared by both transports, even queues getStats behind them).
    if (afterOthers) {
      await this.consumersSettled();
      await this.firstPicture();
    }
    const [video] = stream.getVideoTracks();
    const [audio] = stream.getAudioTracks();
    if (video && device.canProduce('video')) {
      const producer = await send.produce({
        track: video,
        encodings: SIMULCAST_ENCODINGS.map((e) => ({ ...e })),
        codecOptions: { videoGoogleStartBitrate: 600 },
        stopTracks: false,
        appData: { source: 'camera' },
      });
      if (!this.cameraOn()) producer.pause();
      this.producers.set('camera', producer);
    }
    if (audio && device.canProduce('audio')) {
      const producer = await send.produce({ track: audio, codecOptions: { opusDtx: true, opusFec: true }, stopTracks: false, appData: { source: 'microphone' } });
      if (!this.micOn()) producer.pause();
      this.producers.set('microphone', producer);
    }
  }

  /** This device's camera and microphone, opened once and kept across rebuilds. */
  private openDevices(): Promise<MediaStream> {
    this.devices ??= this.acquireDevices();
    return this.devices;
  }

  private async acquireDevices(): Promise<MediaStream> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } } });
    } catch {
      // No camera (or it was refused): take part with the microphone only, or just watch.
      stream = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => new MediaStream());
    }
    if (this.state() === 'ended') {
      // The page was left while the camera was opening.
      for (const t of stream.getTracks()) t.stop();
      return stream;
    }
    this.localStream.set(stream);
    return stream;
  }

  private wireConnect(transport: types.Transport): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.ask('connectTransport', { meetingId: this.meetingId, transportId: transport.id, dtlsParameters })
        .then(() => callback())
        .catch((e: unknown) => errback(e instanceof Error ? e : new Error(String(e))));
    });
  }

  private consume(notice: NewConsumerNotice): Promise<void> {
    const job = this.consumeSoon(notice).finally(() => this.consuming.delete(job));
    this.consuming.add(job);
    return job;
  }

  /**
   * Right after the receive transport is made the server offers what others already send, one notice per
   * producer a few ms apart (camera, then microphone). The first of them waits BURST_MS for the rest so that they
   * share one SDP round: alone, each took its own (≈ 50–120 ms of the browser's signalling thread on a busy PC,
   * during which even getStats() waits) just as the first picture came in.
   */
  private consumeSoon(notice: NewConsumerNotice): Promise<void> {
    const recv = this.recv;
    if (recv && notice.transportId !== recv.id) return Promise.resolve(); // for a transport we no longer hold
    if (!recv || !this.recvFresh) return this.receive(notice);
    if (!this.burst) {
      const notices: NewConsumerNotice[] = [];
      const done = new Promise<void>((resolve) => setTimeout(resolve, BURST_MS)).then(async () => {
        this.burst = null;
        this.recvFresh = false;
        // Rebuilt meanwhile: these consumers went with the old transport.
        if (this.recv !== recv) return;
        await Promise.all(notices.map((n) => this.receive(n)));
      });
      this.burst = { notices, done };
    }
    this.burst.notices.push(notice);
    return this.burst.done;
  }

  /**
   * Until a camera received here has decoded its first frame, for at most FIRST_PICTURE_WAIT_MS; at once when no
   * camera is coming (alone, cameras off, everyone rebuilding after a worker restart).
   */
  private async firstPicture(): Promise<void> {
    const deadline = performance.now() + FIRST_PICTURE_WAIT_MS;
    for (;;) {
      const cameras = [...this.consumers.values()].filter((c) => c.source === 'camera' && !this.media().get(c.peerId)?.videoPaused);
      if (!cameras.length || performance.now() >= deadline) return;
      const stats = await this.inboundStats();
      if (stats.some((s) => s.source === 'camera' && s.framesDecoded > 0)) return;
      await new Promise((resolve) => setTimeout(resolve, FIRST_PICTURE_POLL_MS));
    }
  }

  /** Until the consumers being set up now are resumed (whatever their outcome). */
  private async consumersSettled(): Promise<void> {
    while (this.consuming.size) await Promise.allSettled([...this.consuming]);
  }

  private async receive(notice: NewConsumerNotice): Promise<void> {
    const recv = this.recv;
    if (!recv) {
      this.pending.push(notice);
      return;
    }
    if (notice.transportId !== recv.id) return;
    const consumer = await recv.consume({ id: notice.consumerId, producerId: notice.producerId, kind: notice.kind, rtpParameters: notice.rtpParameters });
    this.consumers.set(consumer.id, { consumer, peerId: notice.peerId, source: notice.source });
    this.setMedia(notice.peerId, notice.source, consumer.track, consumer.id, notice.producerPaused);
    await this.realtime.conference('resumeConsumer', { meetingId: this.meetingId, consumerId: consumer.id });
  }

  private closeConsumer(consumerId: string): void {
    const c = this.consumers.get(consumerId);
    if (!c) return;
    c.consumer.close();
    this.consumers.delete(consumerId);
    const current = this.media().get(c.peerId);
    if (current && (c.source === 'camera' ? current.videoConsumerId === consumerId : true)) this.setMedia(c.peerId, c.source, null, null, false);
  }

  private setMedia(peerId: string, source: MediaSource, track: MediaStreamTrack | null, consumerId: string | null, paused: boolean): void {
    this.media.update((all) => {
      const next = new Map(all);
      const m: PeerMedia = next.get(peerId) ?? { video: null, audio: null, videoConsumerId: null, videoPaused: false, audioPaused: false };
      next.set(
        peerId,
        source === 'camera' ? { ...m, video: track, videoConsumerId: consumerId, videoPaused: paused } : { ...m, audio: track, audioPaused: paused },
      );
      return next;
    });
  }

  private closeMedia(): void {
    for (const c of this.consumers.values()) c.consumer.close();
    this.consumers.clear();
    for (const p of this.producers.values()) p.close();
    this.producers.clear();
    this.send?.close();
    this.recv?.close();
    this.send = null;
    this.recv = null;
    this.recvFresh = false;
    this.burst = null;
    this.pending = [];
    this.media.set(new Map());
  }

  /**
   * New transports and producers after a worker restart (the server kept us as a peer) or a socket reconnect (it
   * saw us leave: join again). Retries with growing pauses while the server is still coming back (joining again,
   * in case it dropped us meanwhile), then gives up with the error shown.
   */
  private rebuild(cause: RebuildCause, attempt = 0): Promise<void> {
    if (this.state() === 'ended' || this.state() === 'idle') return Promise.resolve();
    if (this.rebuilding) {
      // The server dropped our media again while we were rebuilding: build once more when this round ends.
      if (this.rebuildAgain !== 'socket-reconnect') this.rebuildAgain = cause;
      return this.rebuilding;
    }
    this.rebuilding = (async () => {
      this.state.set('reconnecting');
      this.closeMedia();
      try {
        if (cause === 'socket-reconnect' || attempt > 0) await this.join();
        // A worker restart dropped everyone's media at once, retries included: send straight away, as everyone
        // else does, rather than wait for pictures the others are not sending yet either.
        await this.connectMedia(cause === 'socket-reconnect');
        this.reconnects.update((n) => n + 1);
        this.error.set(null);
        this.state.set('live');
      } catch (e) {
        if (attempt + 1 >= REBUILD_DELAYS_MS.length) this.fail(e);
        else setTimeout(() => void this.rebuild(cause, attempt + 1), REBUILD_DELAYS_MS[attempt]);
      }
    })().finally(() => {
      this.rebuilding = null;
      const again = this.rebuildAgain;
      this.rebuildAgain = null;
      if (again) void this.rebuild(again);
    });
    return this.rebuilding;
  }

  // ---- notifications ----------------------------------------------------------------------------

  private async onNotice(n: ConferenceNotification): Promise<void> {
    switch (n.method) {
      case 'newConsumer':
        await this.consume(n.data).catch(() => undefined);
        return;
      case 'consumerClosed':
        this.closeConsumer(n.data.consumerId);
        return;
      case 'consumerPaused': {
        const c = this.consumers.get(n.data.consumerId);
        if (c) this.setMedia(c.peerId, c.source, c.consumer.track, c.consumer.id, n.data.paused);
        return;
      }
      case 'peerJoined':
      case 'peerUpdated': {
        const before = this.peers().find((p) => p.peerId === n.data.peerId);
        this.peers.update((list) => replacePeer(list, n.data));
        // The host unmuted us (gave us the floor): the microphone follows, even if it was switched off here before.
        if (n.data.peerId === this.selfPeerId() && before?.audioMuted && !n.data.audioMuted && !this.micOn()) this.setLocal('microphone', true);
        return;
      }
      case 'peerLeft':
        this.peers.update((list) => list.filter((p) => p.peerId !== n.data.peerId));
        this.media.update((all) => {
          const next = new Map(all);
          next.delete(n.data.peerId);
          return next;
        });
        return;
      case 'sites':
        this.sites.set(n.data);
        return;
      case 'floor':
        this.floor.set(n.data);
        return;
      case 'networkQuality':
        this.quality.set(new Map(n.data.map((q) => [q.peerId, q])));
        return;
      case 'audioLevels':
        this.levels.set(new Map(n.data.map((l) => [l.peerId, l.volume])));
        return;
      case 'recording':
        this.recording.set(n.data.active);
        return;
      case 'reconnect':
        await this.rebuild('worker-restart');
        return;
      case 'ended':
        this.closeMedia();
        this.state.set('ended');
        return;
    }
  }

  private async ask<M extends ConferenceMethod>(method: M, data: ConferenceRequests[M]['req']): Promise<ConferenceRequests[M]['res']> {
    const res = await this.realtime.conference(method, data);
    if (!res.ok) throw new ConferenceError(res.error);
    return res.data;
  }

  private fail(e: unknown): void {
    this.error.set(
      e instanceof ConferenceError
        ? e.body
        : { statusCode: 0, code: 'INTERNAL_ERROR', message: { vi: 'Không kết nối được hội nghị trực tuyến.', en: 'Could not connect to the online conference.' } },
    );
    this.state.set('error');
  }
}

class ConferenceError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.code);
  }
}
