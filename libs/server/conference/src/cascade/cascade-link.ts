import type { ConferenceNotification } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { Consumer, PipeTransport, Producer } from '../media/mediasoup-types';
import type { ConferencePeer, PeerProducer, RemoteOrigin } from '../room/conference-peer';
import type { ConferenceRoom, RoomWatcher } from '../room/conference-room';
import type { CascadeChannel } from './cascade-channel';
import type { CascadeMessage, CascadeMessages, PipeEndpoint } from './cascade-protocol';

/**
 * Which end of the link this is. `toLower`: this server is the upper one (province) and the other end a lower one
 * (district); it runs the floor. `toUpper`: this server is the lower one and follows the upper one's floor.
 */
export type LinkDirection = 'toLower' | 'toUpper';

/** This end of a pipe, as the other server connects to it. */
export function endpointOf(pipe: PipeTransport): PipeEndpoint {
  const { localAddress, localIp, localPort } = pipe.tuple as { localAddress?: string; localIp?: string; localPort: number };
  const srtpParameters = pipe.srtpParameters;
  if (!srtpParameters) throw new Error('cascade pipe without SRTP');
  return { ip: localAddress ?? localIp ?? '127.0.0.1', port: localPort, srtpParameters };
}

/**
 * One conference linked between two phonghop servers over one PipeTransport (SRTP, RTX): every producer of this
 * side that did not come over this link is consumed on the pipe and announced; every producer announced by the
 * other side is made on the pipe with the same id and handed to the room, whose peers consume it as any other.
 * Peers of the other side appear in the room as remote peers (`via` this link).
 */
export class CascadeLink implements RoomWatcher, RemoteOrigin {
  /** Producers of this side sent over the pipe, by producer id. */
  private readonly sent = new Map<string, Consumer>();
  /** Producers of the other side, made on this end of the pipe. */
  private readonly received = new Map<string, Producer>();
  /** Peers of this side the other side has been told of. */
  private readonly announced = new Set<string>();
  private unwatch: (() => void) | undefined;
  private closed = false;

  constructor(
    readonly server: string,
    readonly direction: LinkDirection,
    private readonly room: ConferenceRoom,
    private readonly pipe: PipeTransport,
    private readonly channel: CascadeChannel,
    /** Called once when the link can no longer carry media (its pipe closed under it). */
    private readonly broken: () => void,
  ) {
    pipe.observer.on('close', () => {
      if (!this.closed) this.broken();
    });
  }

  get meetingId(): string {
    return this.room.meetingId;
  }

  get keepsOpen(): boolean {
    return this.direction === 'toLower';
  }

  /** Starts carrying: tells the other side who is here and sends what they produce. */
  start(): void {
    this.unwatch = this.room.watch(this);
    for (const peer of this.room.everyone()) {
      if (peer.via === this) continue;
      this.announcePeer(peer);
      for (const entry of peer.producers.values()) this.producerAdded(peer, entry);
    }
    if (this.direction === 'toLower') this.send('floor', { floor: this.room.currentFloor });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unwatch?.();
    if (this.direction === 'toUpper') this.room.releaseUpstreamFloor();
    this.pipe.close();
    for (const peer of this.room.everyone()) if (peer.via === this) this.room.leave(peer.peerId, false);
  }

  // ---- what the room tells us (RoomWatcher) -------------------------------------------------------------

  notification(n: ConferenceNotification): void {
    if (this.closed) return;
    switch (n.method) {
      case 'peerJoined':
      case 'peerUpdated': {
        const peer = this.room.peers.get(n.data.peerId);
        if (peer && peer.via !== this) this.announcePeer(peer);
        return;
      }
      case 'peerLeft':
        if (this.announced.delete(n.data.peerId)) this.send('peerLeft', { peerId: n.data.peerId });
        return;
      case 'floor':
        if (this.direction === 'toLower') this.send('floor', { floor: n.data });
        return;
      default:
        return;
    }
  }

  producerAdded(peer: ConferencePeer, entry: PeerProducer): void {
    if (this.closed || peer.via === this || this.sent.has(entry.producer.id)) return;
    void this.sendProducer(peer, entry).catch(() => undefined);
  }

  mediaLost(): void {
    // The pipe was on a router that is gone; its close event reports the link broken.
  }

  // ---- RemoteOrigin: host actions on the other side's peers ---------------------------------------------

  mute(peerId: string, muted: boolean): void {
    // Only the upper server runs the floor; a lower host's mute of an upper peer stays local (paused here).
    if (this.direction === 'toLower') this.send('mute', { peerId, muted });
  }

  // ---- what the other side tells us ---------------------------------------------------------------------

  /** A message of the other side (its channel's owner hands them over, in order). */
  async handle(msg: CascadeMessage): Promise<unknown> {
    if (this.closed) throw new ApiError('CONFERENCE_NOT_OPEN');
    switch (msg.method) {
      case 'peer':
        // A lower server's chair is not this conference's host: only the upper side's hosts run the floor.
        this.room.upsertRemotePeer(this.direction === 'toLower' ? { ...msg.data.peer, isHost: false } : msg.data.peer, this);
        return null;
      case 'peerLeft': {
        const peer = this.room.peers.get(msg.data.peerId);
        if (peer?.via === this) this.room.leave(peer.peerId, false);
        return null;
      }
      case 'produce':
        return this.receiveProducer(msg.data);
      case 'producerClosed':
        this.received.get(msg.data.producerId)?.close();
        return null;
      case 'producerPaused': {
        const producer = this.received.get(msg.data.producerId);
        if (producer) await (msg.data.paused ? producer.pause() : producer.resume());
        return null;
      }
      case 'mute': {
        // Muting is the upper host's: accepted from the upper server, for a peer of ours.
        const peer = this.room.peers.get(msg.data.peerId);
        if (this.direction !== 'toUpper' || !peer || peer.via) throw new ApiError('FORBIDDEN');
        await this.room.muteAudio(peer.peerId, msg.data.muted);
        return null;
      }
      case 'floor':
        if (this.direction !== 'toUpper') throw new ApiError('FORBIDDEN');
        this.room.applyUpstreamFloor(msg.data.floor);
        return null;
      case 'link':
        throw new ApiError('VALIDATION_FAILED');
    }
  }

  private async receiveProducer(d: CascadeMessages['produce']): Promise<null> {
    const peer = this.room.peers.get(d.peerId);
    if (!peer || peer.via !== this) throw new ApiError('CONFERENCE_NOT_JOINED');
    const producer = await this.pipe.produce({
      id: d.producerId,
      kind: d.kind,
      rtpParameters: d.rtpParameters,
      paused: d.paused,
      appData: { peerId: d.peerId, source: d.source, via: this.server },
    });
    this.received.set(producer.id, producer);
    producer.observer.on('close', () => this.received.delete(producer.id));
    this.room.remoteProducerAdded(peer, producer, d.source, this.pipeWorker());
    return null;
  }

  // ---- sending ------------------------------------------------------------------------------------------

  private announcePeer(peer: ConferencePeer): void {
    this.announced.add(peer.peerId);
    this.send('peer', { peer: peer.toDto() });
  }

  private async sendProducer(peer: ConferencePeer, entry: PeerProducer): Promise<void> {
    const producerId = entry.producer.id;
    await this.room.toHome(entry);
    if (this.closed || this.sent.has(producerId) || entry.producer.closed) return;
    const consumer = await this.pipe.consume({ producerId });
    this.sent.set(producerId, consumer);
    consumer.observer.on('close', () => {
      this.sent.delete(producerId);
      if (!this.closed) this.send('producerClosed', { producerId });
    });
    consumer.on('producerpause', () => this.send('producerPaused', { producerId, paused: true }));
    consumer.on('producerresume', () => this.send('producerPaused', { producerId, paused: false }));
    this.send('produce', {
      peerId: peer.peerId,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      source: entry.source,
      paused: consumer.producerPaused,
    });
  }

  /** Fire and forget, in order (socket.io keeps the order); a refusal is logged by the other side. */
  private send<M extends keyof CascadeMessages>(method: M, data: CascadeMessages[M]): void {
    if (this.closed) return;
    void this.channel.request(method, data).catch(() => undefined);
  }

  private pipeWorker(): number {
    return (this.pipe.appData as { workerIndex?: number }).workerIndex ?? 0;
  }
}
