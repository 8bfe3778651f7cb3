import {
  type ConferenceNotification,
  type ConferencePeerDto,
  type ConferencePresentation,
  type ConferenceSnapshot,
  type ConferenceFloor,
  type InvitedSiteDto,
  type MediaSource,
  type NewConsumerNotice,
  preferredSpatialLayer,
  type TransportOptionsDto,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type {
  ActiveSpeakerObserver,
  AudioLevelObserver,
  DtlsParameters,
  MediaKind,
  PipeTransport,
  Producer,
  Router,
  RtpCapabilities,
  RtpParameters,
} from '../media/mediasoup-types';
import { MEDIA_CODECS } from '../media/media-codecs';
import type { MediaWorkerPool } from '../media/media-worker-pool';
import { ConferencePeer, type PeerConsumer, type PeerProducer, type RemoteOrigin } from './conference-peer';
import { emptyFloor, followSpeaker, giveFloor, peerLeft, raiseHand } from './floor';

interface RoomRouter {
  workerIndex: number;
  router: Router;
}

/** How long a request waits for a restarting media worker before answering CONFERENCE_UNAVAILABLE. */
const WORKER_WAIT_MS = 5000;
/** How often hosts hear the peers' network quality (when it changed). */
const QUALITY_INTERVAL_MS = 2000;
/** Floor of each receive transport's bandwidth estimate (see createTransport). */
const MIN_RECV_BITRATE = 120_000;

/** A producer sent out as plain RTP (recording, benchmarks). */
export interface PlainConsumer {
  consumerId: string;
  workerIndex: number;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  requestKeyFrame(): Promise<void>;
  close(): void;
}

/** What a recording takes from the conference right now. */
export interface RecordingSources {
  video: string | null;
  audio: string[];
}

/**
 * A link to another phonghop server (cascade) watching this room: it hears what the room tells its peers and
 * every producer added, to carry them over its PipeTransport.
 */
export interface RoomWatcher {
  notification(n: ConferenceNotification): void;
  producerAdded(peer: ConferencePeer, entry: PeerProducer): void;
  /** The room's routers are gone (a worker restart): the pipe went with them. */
  mediaLost(): void;
  /** A link from a lower-level server keeps the conference open while it is there, even with nobody here. */
  readonly keepsOpen: boolean;
}

/** An invited site as loaded from the meeting (without its live state). */
export type InvitedSite = Omit<InvitedSiteDto, 'state' | 'peerId'>;

/**
 * One meeting's conference at the SFU: its routers (one per worker it uses), its peers and the floor. Media of
 * a peer goes where the worker pool finds headroom; a producer is piped (pipeToRouter) to every other router
 * that has a consumer of it. Floor control happens here, at the server: muting pauses the producer itself.
 */
export class ConferenceRoom {
  readonly peers = new Map<string, ConferencePeer>();
  /** Hall displays: receive-only, not listed among the peers, but told what everyone is told (floor, peers). */
  readonly viewers = new Map<string, ConferencePeer>();
  private floor: ConferenceFloor = emptyFloor();
  private homeIndex: number | undefined;
  private readonly routers = new Map<number, Promise<RoomRouter>>();
  private readonly pipes = new Map<string, Promise<void>>();
  /** Producers fed from outside by plain RTP (not a peer's). */
  private readonly ingests = new Map<string, PeerProducer>();
  private readonly spotlightListeners = new Set<() => void>();
  private readonly watchers = new Set<RoomWatcher>();
  private recording = false;
  private presentation: ConferencePresentation | null = null;
  /** Linked to an upper-level server, whose floor this room shows: no spotlight decisions of its own meanwhile. */
  private floorFromUpper = false;
  private speakerObserver: ActiveSpeakerObserver | null = null;
  private levelObserver: AudioLevelObserver | null = null;
  /** Sites whose device dropped without leaving: shown as lost until they are back. */
  private readonly lostSites = new Set<string>();
  private sitesTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly qualityTimer: ReturnType<typeof setInterval>;
  private lastQuality = '';
  private closed = false;

  constructor(
    readonly meetingId: string,
    private invitedSites: InvitedSite[],
    private readonly pool: MediaWorkerPool,
  ) {
    this.qualityTimer = setInterval(() => this.reportQuality(), QUALITY_INTERVAL_MS);
    this.qualityTimer.unref();
  }

  // ---- joining and leaving ---------------------------------------------------------------------------

  async capabilities(): Promise<RtpCapabilities> {
    return (await this.homeRouter()).router.rtpCapabilities;
  }

  /** A hall display joins to receive: it consumes like a peer, sends nothing and is listed nowhere. */
  joinViewer(viewer: ConferencePeer, rtpCapabilities: RtpCapabilities): ConferenceSnapshot {
    viewer.rtpCapabilities = rtpCapabilities;
    this.viewers.set(viewer.peerId, viewer);
    return this.snapshot(viewer.peerId);
  }

  join(peer: ConferencePeer, rtpCapabilities: RtpCapabilities): ConferenceSnapshot {
    peer.rtpCapabilities = rtpCapabilities;
    this.peers.set(peer.peerId, peer);
    this.lastQuality = ''; // a host joining gets the quality view at the next tick
    if (peer.identity.siteId) this.lostSites.delete(peer.identity.siteId);
    this.broadcast({ method: 'peerJoined', data: peer.toDto() }, peer);
    this.sitesChanged();
    return this.snapshot(peer.peerId);
  }

  /** `lost`: the socket dropped (network, crash) rather than the person leaving. */
  leave(peerId: string, lost: boolean): void {
    const viewer = this.viewers.get(peerId);
    if (viewer) {
      this.viewers.delete(peerId);
      viewer.closeMedia();
      return;
    }
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.closeMedia();
    if (lost && peer.identity.siteId) this.lostSites.add(peer.identity.siteId);
    const before = this.floor.spotlightPeerId;
    this.floor = peerLeft(this.floor, peerId);
    this.broadcast({ method: 'peerLeft', data: { peerId } });
    this.broadcast({ method: 'floor', data: this.floor });
    if (before === peerId) this.applyViews();
    this.sitesChanged();
  }

  /** Nobody of this server is in it and no lower-level server is linked. */
  get empty(): boolean {
    for (const p of this.peers.values()) if (p.client) return false;
    if (this.viewers.size) return false;
    for (const w of this.watchers) if (w.keepsOpen) return false;
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.sitesTimer);
    clearInterval(this.qualityTimer);
    for (const peer of [...this.peers.values(), ...this.viewers.values()]) peer.closeMedia();
    this.peers.clear();
    this.viewers.clear();
    void this.closeRouters();
  }

  snapshot(selfPeerId: string): ConferenceSnapshot {
    return {
      meetingId: this.meetingId,
      selfPeerId,
      peers: [...this.peers.values()].map((p) => p.toDto()),
      sites: this.sites(),
      floor: this.floor,
      recording: this.recording,
    };
  }

  /** The meeting's secretary invited or took off a site while the conference is open: the host consoles follow. */
  setInvitedSites(sites: InvitedSite[]): void {
    this.invitedSites = sites;
    this.sitesChanged();
  }

  sites(): InvitedSiteDto[] {
    return this.invitedSites.map((s) => {
      const peer = [...this.peers.values()].find((p) => p.identity.siteId === s.siteId);
      const state = peer ? (peer.live ? 'live' : 'connecting') : this.lostSites.has(s.siteId) ? 'lost' : 'invited';
      return { ...s, state, peerId: peer?.peerId ?? null };
    });
  }

  // ---- transports, producers, consumers -----------------------------------------------------------------

  async createTransport(peer: ConferencePeer, direction: 'send' | 'recv'): Promise<TransportOptionsDto> {
    const home = await this.homeRouter();
    const placed = this.pool.place('transport', home.workerIndex);
    const { router } = await this.routerOn(placed.index);
    // A reconnect replaces the old transport of the same direction.
    for (const [id, t] of peer.transports) {
      if (t.direction === direction) {
        t.transport.close();
        peer.transports.delete(id);
      }
    }
    const transport = await router.createWebRtcTransport({ ...this.pool.webRtcTransportOptions(placed.index), appData: { peerId: peer.peerId, direction } });
    peer.transports.set(transport.id, { transport, direction, workerIndex: placed.index });
    transport.on('dtlsstatechange', () => this.sitesChanged());
    if (direction === 'recv') {
      // mediasoup sends audio without transport-wide congestion control, so on a narrow downlink the estimator
      // counts it as cross traffic and ratchets down (measured 30–47 kbit/s on a 300 kbit/s link) until even the
      // spotlight's lowest layer no longer fits. 120 kbit/s of video plus ≈ 100 kbit/s of audio fit 300 kbit/s.
      await transport.setMinOutgoingBitrate(MIN_RECV_BITRATE);
      // After the answer has reached the client (same socket, in order): what others already send.
      setImmediate(() => void this.consumeEverythingFor(peer));
    }
    return { id: transport.id, iceParameters: transport.iceParameters, iceCandidates: transport.iceCandidates, dtlsParameters: transport.dtlsParameters };
  }

  async connectTransport(peer: ConferencePeer, transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    const t = peer.transports.get(transportId);
    if (!t) throw new ApiError('CONFERENCE_MEDIA_NOT_FOUND');
    await t.transport.connect({ dtlsParameters });
  }

  async produce(peer: ConferencePeer, transportId: string, kind: MediaKind, rtpParameters: RtpParameters, source: MediaSource): Promise<Producer> {
    const t = peer.transports.get(transportId);
    if (!t || t.direction !== 'send') throw new ApiError('CONFERENCE_MEDIA_NOT_FOUND');
    if ((source === 'microphone') !== (kind === 'audio')) throw new ApiError('VALIDATION_FAILED');
    peer.producerOf(source)?.producer.close();
    const producer = await t.transport.produce({ kind, rtpParameters, appData: { peerId: peer.peerId, source } });
    const entry: PeerProducer = { producer, source, workerIndex: t.workerIndex };
    peer.producers.set(producer.id, entry);
    // One score per stream (per simulcast layer): the worst says how the peer's uplink is doing.
    producer.on('score', (scores) => {
      if (scores.length) peer.producerScores.set(producer.id, Math.min(...scores.map((s) => s.score)));
    });
    producer.observer.on('close', () => {
      peer.producerScores.delete(producer.id);
      peer.producers.delete(producer.id);
      for (const key of this.pipes.keys()) if (key.startsWith(`${producer.id}:`)) this.pipes.delete(key);
    });
    // Muted by the host: paused at the server before a single packet reaches anyone.
    if (source === 'microphone' && peer.audioMuted) await producer.pause();
    if (kind === 'audio') void this.observeAudio(entry).catch(() => undefined);
    this.distribute(peer, entry);
    this.sitesChanged();
    return producer;
  }

  async resumeConsumer(peer: ConferencePeer, consumerId: string): Promise<void> {
    const c = peer.consumers.get(consumerId);
    if (!c) throw new ApiError('CONFERENCE_MEDIA_NOT_FOUND');
    if (c.view !== 'hidden') await c.consumer.resume();
  }

  async setConsumerView(peer: ConferencePeer, consumerId: string, view: PeerConsumer['view']): Promise<void> {
    const c = peer.consumers.get(consumerId);
    if (!c) throw new ApiError('CONFERENCE_MEDIA_NOT_FOUND');
    // The client only says whether a tile is shown; which one is large follows the floor (applyViews).
    c.view = view === 'hidden' ? 'hidden' : view === 'large' ? 'large' : this.viewOf(c.fromPeerId);
    // Hidden (another grid page): nothing is forwarded at all.
    if (view === 'hidden') await c.consumer.pause();
    else {
      await this.applyLayers(peer, c);
      await c.consumer.resume();
    }
  }

  // ---- RTP in and out of the SFU (recording, hall encoders, benchmarks) --------------------------------

  /**
   * RTP sent from outside (ffmpeg, a hall's hardware encoder) as a producer of this conference: a PlainTransport
   * on the home router; RTCP on its own port, as ffmpeg sends it. Returns where to send.
   */
  async ingestPlain(kind: MediaKind, rtpParameters: RtpParameters, source: MediaSource): Promise<{ producerId: string; ip: string; rtpPort: number; rtcpPort: number }> {
    const home = await this.homeRouter();
    const transport = await home.router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: this.pool.plainListenIp }, rtcpMux: false, comedia: true });
    const producer = await transport.produce({ kind, rtpParameters, appData: { source, ingest: true } });
    this.ingests.set(producer.id, { producer, source, workerIndex: home.workerIndex });
    producer.observer.on('close', () => {
      this.ingests.delete(producer.id);
      transport.close();
    });
    return { producerId: producer.id, ip: transport.tuple.localAddress ?? this.pool.plainListenIp, rtpPort: transport.tuple.localPort, rtcpPort: transport.rtcpTuple?.localPort ?? 0 };
  }

  /**
   * A producer of this conference (a peer's or an ingest) sent out as plain RTP to `ip:port`, on a worker with
   * headroom (piped there when needed). For recording with ffmpeg, and for the media benchmark's receivers.
   */
  async consumePlain(producerId: string, ip: string, port: number, rtcpPort?: number): Promise<PlainConsumer> {
    const entry = this.ingests.get(producerId) ?? [...this.peers.values()].map((p) => p.producers.get(producerId)).find((x) => !!x);
    if (!entry) throw new ApiError('CONFERENCE_MEDIA_NOT_FOUND');
    const placed = this.pool.place('consumer', entry.workerIndex);
    await this.pipe(entry, placed.index);
    const { router } = await this.routerOn(placed.index);
    // With an RTCP port (ffmpeg listens for RTCP on RTP + 1), RTP and RTCP go to separate ports.
    const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: this.pool.plainListenIp }, rtcpMux: rtcpPort === undefined, comedia: false });
    await transport.connect({ ip, port, ...(rtcpPort !== undefined ? { rtcpPort } : {}) });
    const consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities, paused: false });
    consumer.observer.on('close', () => transport.close());
    return {
      consumerId: consumer.id,
      workerIndex: placed.index,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      requestKeyFrame: () => consumer.requestKeyFrame().catch(() => undefined),
      close: () => transport.close(),
    };
  }

  // ---- linked servers (cascade) ----------------------------------------------------------------------

  watch(watcher: RoomWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /**
   * A PipeTransport on the home router for a link to another server: SRTP because it crosses the network between
   * two government offices, RTX so that a packet lost on that WAN is resent instead of freezing every site behind it.
   */
  async cascadePipe(): Promise<PipeTransport> {
    const home = await this.homeRouter();
    return home.router.createPipeTransport({ listenInfo: this.pool.pipeListenInfo(), enableRtx: true, enableSrtp: true, appData: { cascade: true, workerIndex: home.workerIndex } });
  }

  /** Makes a producer available on the home router (where links' pipes are), piping it there if needed. */
  async toHome(entry: PeerProducer): Promise<void> {
    const home = await this.homeRouter();
    await this.pipe(entry, home.workerIndex);
  }

  get currentFloor(): ConferenceFloor {
    return this.floor;
  }

  /** Every peer with its producers, for a new link to announce (it skips what came over itself). */
  everyone(): ConferencePeer[] {
    return [...this.peers.values()];
  }

  /** A peer of a linked server joined or changed (muted there, raised a hand). */
  upsertRemotePeer(dto: ConferencePeerDto, via: RemoteOrigin): ConferencePeer {
    const { peerId, audioMuted, handRaised, ...identity } = dto;
    const existing = this.peers.get(peerId);
    if (existing && existing.via !== via) throw new ApiError('VALIDATION_FAILED');
    if (existing) {
      existing.audioMuted = audioMuted;
      if (existing.handRaised !== handRaised) this.raiseHand(existing, handRaised);
      else this.broadcast({ method: 'peerUpdated', data: existing.toDto() });
      return existing;
    }
    const peer = new ConferencePeer(peerId, null, identity, via);
    peer.audioMuted = audioMuted;
    this.peers.set(peerId, peer);
    this.broadcast({ method: 'peerJoined', data: peer.toDto() });
    if (handRaised) this.raiseHand(peer, true);
    this.sitesChanged();
    return peer;
  }

  /** A producer of a linked server's peer, made on this room's pipe from that server: everyone here gets it. */
  remoteProducerAdded(peer: ConferencePeer, producer: Producer, source: MediaSource, workerIndex: number): void {
    const entry: PeerProducer = { producer, source, workerIndex };
    peer.producers.set(producer.id, entry);
    producer.observer.on('close', () => {
      peer.producers.delete(producer.id);
      for (const key of this.pipes.keys()) if (key.startsWith(`${producer.id}:`)) this.pipes.delete(key);
    });
    if (producer.kind === 'audio') void this.observeAudio(entry).catch(() => undefined);
    this.distribute(peer, entry);
  }

  /** The link to the upper server is gone: this room runs its own floor again (from where it was). */
  releaseUpstreamFloor(): void {
    this.floorFromUpper = false;
  }

  /** The upper-level server runs the floor: its spotlight and queue are shown here as they are there. */
  applyUpstreamFloor(floor: ConferenceFloor): void {
    this.floorFromUpper = true;
    this.floor = floor;
    this.broadcast({ method: 'floor', data: this.floor });
    this.applyViews();
  }

  // ---- floor control ----------------------------------------------------------------------------------

  /** The local peer of a participant (a person or a site's account), if they are in the conference here. */
  peerOfUser(userId: string): ConferencePeer | undefined {
    for (const p of this.peers.values()) if (p.client && p.identity.userId === userId) return p;
    return undefined;
  }

  /**
   * The live meeting's speakers list is the one list: the SFU shows it as its queue (those who are here), and a
   * peer's hand is up while its participant waits on it.
   */
  followHallQueue(queue: readonly { userId: string; requestedAt: string }[]): void {
    const waiting = new Map(queue.map((q) => [q.userId, q.requestedAt]));
    const next = queue.flatMap((q) => {
      const peer = this.peerOfUser(q.userId);
      return peer ? [{ peerId: peer.peerId, displayName: peer.identity.displayName, requestedAt: q.requestedAt }] : [];
    });
    for (const peer of this.peers.values()) {
      const raised = waiting.has(peer.identity.userId) && !!peer.client;
      if (peer.handRaised === raised) continue;
      peer.handRaised = raised;
      this.broadcast({ method: 'peerUpdated', data: peer.toDto() });
    }
    if (JSON.stringify(next) === JSON.stringify(this.floor.queue)) return;
    this.floor = { ...this.floor, queue: next };
    this.broadcast({ method: 'floor', data: this.floor });
  }

  raiseHand(peer: ConferencePeer, raised: boolean): void {
    peer.handRaised = raised;
    this.floor = raiseHand(this.floor, peer.peerId, peer.identity.displayName, raised, new Date());
    this.broadcast({ method: 'peerUpdated', data: peer.toDto() });
    this.broadcast({ method: 'floor', data: this.floor });
  }

  async giveFloor(peerId: string | null): Promise<void> {
    const target = peerId ? this.peers.get(peerId) : null;
    if (peerId && !target) throw new ApiError('CONFERENCE_NOT_JOINED');
    const previous = this.floor.spotlightPeerId ? this.peers.get(this.floor.spotlightPeerId) : undefined;
    this.floor = giveFloor(this.floor, peerId);
    if (previous && previous !== target && !previous.identity.isHost) await this.setMuted(previous, true);
    if (target) {
      target.handRaised = false;
      await this.setMuted(target, false);
    }
    this.broadcast({ method: 'floor', data: this.floor });
    this.applyViews();
  }

  async muteAudio(peerId: string, muted: boolean): Promise<void> {
    const peer = this.peers.get(peerId);
    if (!peer) throw new ApiError('CONFERENCE_NOT_JOINED');
    await this.setMuted(peer, muted);
  }

  /** Listeners told when the spotlight moves or a microphone is muted or unmuted (the recorder follows). */
  onSourcesChange(listener: () => void): () => void {
    this.spotlightListeners.add(listener);
    return () => this.spotlightListeners.delete(listener);
  }

  /** The host shows a document page to everyone (or stops): data only, each device draws it; the room carries it. */
  setPresentation(presentation: ConferencePresentation | null): void {
    this.presentation = presentation;
  }

  get currentPresentation(): ConferencePresentation | null {
    return this.presentation;
  }

  setRecording(active: boolean): void {
    this.recording = active;
    this.broadcast({ method: 'recording', data: { active } });
  }

  /**
   * What to record: the spotlighted peer's camera (else the host's, else anyone's) and the voice of the speaker
   * (else of the chair) — what the minutes need.
   */
  recordingSources(): RecordingSources {
    const peers = [...this.peers.values()];
    const spot = this.floor.spotlightPeerId ? this.peers.get(this.floor.spotlightPeerId) : undefined;
    // A hall encoder fed in as plain RTP counts like a camera and a microphone of the hall.
    const ingested = (source: MediaSource) => [...this.ingests.values()].filter((i) => i.source === source && !i.producer.closed);
    const camera =
      spot?.producerOf('camera') ??
      peers.filter((p) => p.identity.isHost).map((p) => p.producerOf('camera')).find((x) => !!x) ??
      peers.map((p) => p.producerOf('camera')).find((x) => !!x) ??
      ingested('camera')[0];
    // One voice, the first that is live: the speaker's, else a host's, else the hall's. (Mixing in ffmpeg stalls
    // the file while one of the inputs is paused; the recorder starts a new segment when the voice changes.)
    const voices = [...(spot ? [spot] : []), ...peers.filter((p) => p.identity.isHost)].map((p) => p.producerOf('microphone'));
    const voice = [...voices, ...ingested('microphone')].find((m) => m && !m.producer.paused);
    return { video: camera?.producer.id ?? null, audio: voice ? [voice.producer.id] : [] };
  }

  setAutoSpotlight(enabled: boolean): void {
    this.floor = { ...this.floor, autoSpotlight: enabled };
    this.broadcast({ method: 'floor', data: this.floor });
  }

  // ---- worker restarts --------------------------------------------------------------------------------

  /** Workers died: if this conference had anything on them, rebuild all of its media and tell every peer once. */
  async workersDied(indices: readonly number[]): Promise<void> {
    if (this.closed || !indices.some((i) => this.routers.has(i))) return;
    for (const peer of [...this.peers.values(), ...this.viewers.values()]) peer.closeMedia();
    await this.closeRouters();
    for (const w of this.watchers) w.mediaLost();
    this.broadcast({ method: 'reconnect', data: { reason: 'worker-restarted' } });
    this.sitesChanged();
  }

  // ---- internals --------------------------------------------------------------------------------------

  private async homeRouter(): Promise<RoomRouter> {
    if (this.closed) throw new ApiError('CONFERENCE_NOT_OPEN');
    // Right after a crash every worker may be restarting: wait a moment rather than fail the reconnect.
    if (!(await this.pool.anyWorkerUp(WORKER_WAIT_MS))) throw new ApiError('CONFERENCE_UNAVAILABLE');
    if (this.homeIndex === undefined || !this.pool.get(this.homeIndex)) {
      this.homeIndex = this.pool.place('transport').index;
    }
    return this.routerOn(this.homeIndex);
  }

  private routerOn(index: number): Promise<RoomRouter> {
    let r = this.routers.get(index);
    if (!r) {
      r = this.createRouter(index);
      this.routers.set(index, r);
      r.catch(() => this.routers.delete(index));
    }
    return r;
  }

  private async createRouter(index: number): Promise<RoomRouter> {
    const ref = this.pool.get(index);
    if (!ref) throw new ApiError('CONFERENCE_UNAVAILABLE');
    const router = await ref.worker.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { meetingId: this.meetingId } });
    if (index === this.homeIndex) await this.attachObservers(router);
    return { workerIndex: index, router };
  }

  private async closeRouters(): Promise<void> {
    const routers = [...this.routers.values()];
    this.routers.clear();
    this.pipes.clear();
    this.speakerObserver = null;
    this.levelObserver = null;
    this.homeIndex = undefined;
    for (const r of routers) {
      try {
        (await r).router.close();
      } catch {
        // The router never came up (its worker died): nothing to close.
      }
    }
  }

  private async attachObservers(router: Router): Promise<void> {
    const speaker = await router.createActiveSpeakerObserver({ interval: 300 });
    speaker.on('dominantspeaker', ({ producer }: { producer: Producer }) => {
      const peerId = (producer.appData as { peerId?: string }).peerId;
      // While linked up, the upper server's active-speaker view decides (it hears everyone, this room only part).
      if (!peerId || this.floorFromUpper) return;
      const next = followSpeaker(this.floor, peerId);
      if (next === this.floor) return;
      this.floor = next;
      this.broadcast({ method: 'floor', data: this.floor });
      this.applyViews();
    });
    const levels = await router.createAudioLevelObserver({ maxEntries: 64, threshold: -70, interval: 500 });
    levels.on('volumes', (volumes) => {
      const data = volumes.map((v) => ({ peerId: (v.producer.appData as { peerId: string }).peerId, volume: v.volume }));
      this.toHosts({ method: 'audioLevels', data });
    });
    levels.on('silence', () => this.toHosts({ method: 'audioLevels', data: [] }));
    this.speakerObserver = speaker;
    this.levelObserver = levels;
  }

  /** Audio levels and the active speaker are observed on the home router: audio from elsewhere is piped there. */
  private async observeAudio(entry: PeerProducer): Promise<void> {
    const home = await this.homeRouter();
    await this.pipe(entry, home.workerIndex);
    await this.speakerObserver?.addProducer({ producerId: entry.producer.id });
    await this.levelObserver?.addProducer({ producerId: entry.producer.id });
  }

  private async pipe(entry: PeerProducer, targetIndex: number): Promise<void> {
    if (entry.workerIndex === targetIndex) return;
    const key = `${entry.producer.id}:${targetIndex}`;
    let job = this.pipes.get(key);
    if (!job) {
      job = (async () => {
        const from = await this.routerOn(entry.workerIndex);
        const to = await this.routerOn(targetIndex);
        await from.router.pipeToRouter({ producerId: entry.producer.id, router: to.router });
      })();
      this.pipes.set(key, job);
      job.catch(() => this.pipes.delete(key));
    }
    await job;
  }

  /** A new producer: consumed by everyone here, and carried to linked servers. */
  private distribute(sender: ConferencePeer, entry: PeerProducer): void {
    for (const other of [...this.peers.values(), ...this.viewers.values()]) {
      if (other !== sender) void this.consume(other, sender, entry).catch(() => undefined);
    }
    for (const w of this.watchers) w.producerAdded(sender, entry);
  }

  private async consumeEverythingFor(receiver: ConferencePeer): Promise<void> {
    for (const sender of this.peers.values()) {
      if (sender === receiver) continue;
      for (const entry of sender.producers.values()) await this.consume(receiver, sender, entry).catch(() => undefined);
    }
  }

  private async consume(receiver: ConferencePeer, sender: ConferencePeer, entry: PeerProducer): Promise<void> {
    const recv = receiver.recvTransport;
    const caps = receiver.rtpCapabilities;
    if (!recv || !caps || entry.producer.closed) return;
    for (const c of receiver.consumers.values()) if (c.consumer.producerId === entry.producer.id && !c.consumer.closed) return;
    await this.pipe(entry, recv.workerIndex);
    const { router } = await this.routerOn(recv.workerIndex);
    if (!router.canConsume({ producerId: entry.producer.id, rtpCapabilities: caps })) return;
    const view = this.viewOf(sender.peerId);
    const video = entry.producer.kind === 'video';
    const consumer = await recv.transport.consume({
      producerId: entry.producer.id,
      rtpCapabilities: caps,
      // Resumed by the client once its track is attached, so the first packet is a usable key frame.
      paused: true,
      ...(video ? { preferredLayers: { spatialLayer: preferredSpatialLayer(view, receiver.identity.unitKind), temporalLayer: 2 } } : {}),
      appData: { peerId: receiver.peerId, fromPeerId: sender.peerId, source: entry.source },
    });
    // Audio first: video of the spotlighted speaker before thumbnails when bandwidth is short.
    if (video) await consumer.setPriority(view === 'large' ? 2 : 1);
    const c: PeerConsumer = { consumer, fromPeerId: sender.peerId, source: entry.source, view };
    receiver.consumers.set(consumer.id, c);
    consumer.on('score', ({ score }) => receiver.consumerScores.set(consumer.id, score));
    consumer.observer.on('close', () => {
      receiver.consumers.delete(consumer.id);
      receiver.consumerScores.delete(consumer.id);
    });
    consumer.on('producerclose', () => this.notify(receiver, { method: 'consumerClosed', data: { consumerId: consumer.id } }));
    consumer.on('producerpause', () => this.notify(receiver, { method: 'consumerPaused', data: { consumerId: consumer.id, paused: true } }));
    consumer.on('producerresume', () => this.notify(receiver, { method: 'consumerPaused', data: { consumerId: consumer.id, paused: false } }));
    this.pool.place('consumer', recv.workerIndex);
    this.notify(receiver, {
      method: 'newConsumer',
      data: {
        transportId: recv.transport.id,
        consumerId: consumer.id,
        producerId: entry.producer.id,
        peerId: sender.peerId,
        kind: consumer.kind,
        source: entry.source,
        // Same wire format; mediasoup and mediasoup-client each declare it (the server knows a few more URIs).
        rtpParameters: consumer.rtpParameters as unknown as NewConsumerNotice['rtpParameters'],
        producerPaused: consumer.producerPaused,
      },
    });
  }

  private viewOf(senderPeerId: string): 'large' | 'small' {
    return this.floor.spotlightPeerId === senderPeerId ? 'large' : 'small';
  }

  /** After the spotlight moved: the new speaker's video at a high layer for everyone, the others as thumbnails. */
  private applyViews(): void {
    for (const listener of this.spotlightListeners) listener();
    for (const receiver of [...this.peers.values(), ...this.viewers.values()]) {
      for (const c of receiver.consumers.values()) {
        if (c.source !== 'camera' || c.view === 'hidden') continue;
        c.view = this.viewOf(c.fromPeerId);
        void this.applyLayers(receiver, c).catch(() => undefined);
      }
    }
  }

  private async applyLayers(receiver: ConferencePeer, c: PeerConsumer): Promise<void> {
    if (c.consumer.kind !== 'video' || c.consumer.closed || c.view === 'hidden') return;
    await c.consumer.setPreferredLayers({ spatialLayer: preferredSpatialLayer(c.view, receiver.identity.unitKind), temporalLayer: 2 });
    await c.consumer.setPriority(c.view === 'large' ? 2 : 1);
  }

  private async setMuted(peer: ConferencePeer, muted: boolean): Promise<void> {
    peer.audioMuted = muted;
    const mic = peer.producerOf('microphone')?.producer;
    if (mic) await (muted ? mic.pause() : mic.resume());
    // A linked server's peer: paused here at once, and at its own server so that its neighbours there hear it too.
    peer.via?.mute(peer.peerId, muted);
    this.broadcast({ method: 'peerUpdated', data: peer.toDto() });
    for (const listener of this.spotlightListeners) listener();
  }

  /** Hosts see each local peer's link quality; sent only when something changed. */
  private reportQuality(): void {
    if (this.closed) return;
    const data = [...this.peers.values()].filter((p) => p.client).map((p) => p.quality());
    const key = JSON.stringify(data);
    if (key === this.lastQuality) return;
    this.lastQuality = key;
    this.toHosts({ method: 'networkQuality', data });
  }

  /** Host consoles follow site states; a burst of changes (a site joining) sends one update. */
  private sitesChanged(): void {
    if (this.sitesTimer || this.closed) return;
    this.sitesTimer = setTimeout(() => {
      this.sitesTimer = undefined;
      this.broadcast({ method: 'sites', data: this.sites() });
    }, 100);
  }

  private toHosts(n: ConferenceNotification): void {
    for (const p of this.peers.values()) if (p.identity.isHost) this.notify(p, n);
  }

  private broadcast(n: ConferenceNotification, except?: ConferencePeer): void {
    for (const p of this.peers.values()) if (p !== except) this.notify(p, n);
    for (const v of this.viewers.values()) this.notify(v, n);
    for (const w of this.watchers) w.notification(n);
  }

  private notify(peer: ConferencePeer, n: ConferenceNotification): void {
    if (peer.client?.connected) peer.client.emit('conference:notification', n);
  }
}
