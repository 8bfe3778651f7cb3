import type { ConferencePeerDto, MediaSource, PeerNetworkQuality } from '@phonghop/contracts';
import type { SocketChannel } from '@phonghop/server-realtime';
import type { Consumer, Producer, RtpCapabilities, WebRtcTransport } from '../media/mediasoup-types';

export interface PeerTransport {
  transport: WebRtcTransport;
  direction: 'send' | 'recv';
  workerIndex: number;
}

export interface PeerProducer {
  producer: Producer;
  source: MediaSource;
  workerIndex: number;
}

export interface PeerConsumer {
  consumer: Consumer;
  /** The peer whose producer this consumer receives. */
  fromPeerId: string;
  source: MediaSource;
  view: 'large' | 'small' | 'hidden';
}

/** Who a peer is: fixed for its whole stay (the DTO's fields minus the changing ones). */
export type PeerIdentity = Omit<ConferencePeerDto, 'peerId' | 'audioMuted' | 'handRaised'>;

/** The linked server a remote peer is on (cascade): where host actions on that peer must be carried out. */
export interface RemoteOrigin {
  /** The linked server's name (CASCADE_PEERS, CASCADE_SERVER_NAME). */
  readonly server: string;
  /** Mute or unmute the peer at its own server, where its microphone's producer is. */
  mute(peerId: string, muted: boolean): void;
}

/**
 * One participant of a conference: a socket on this server (a site device or a person) with its media at the SFU,
 * or a peer of a linked server (`client` null, `via` its link) whose producers arrive over a PipeTransport.
 */
export class ConferencePeer {
  rtpCapabilities: RtpCapabilities | null = null;
  readonly transports = new Map<string, PeerTransport>();
  readonly producers = new Map<string, PeerProducer>();
  readonly consumers = new Map<string, PeerConsumer>();
  /** The host muted this peer's microphone at the server; kept across reconnects and worker restarts. */
  audioMuted: boolean;
  handRaised = false;
  /** mediasoup's scores (0–10) of this peer's producers and of its consumers, for the host's quality view. */
  readonly producerScores = new Map<string, number>();
  readonly consumerScores = new Map<string, number>();

  constructor(
    readonly peerId: string,
    readonly client: SocketChannel | null,
    readonly identity: PeerIdentity,
    readonly via: RemoteOrigin | null = null,
  ) {
    // Everyone but the host starts muted: the host gives the floor (a hall of 60 open microphones howls).
    this.audioMuted = !identity.isHost;
  }

  get recvTransport(): PeerTransport | undefined {
    for (const t of this.transports.values()) if (t.direction === 'recv' && !t.transport.closed) return t;
    return undefined;
  }

  producerOf(source: MediaSource): PeerProducer | undefined {
    for (const p of this.producers.values()) if (p.source === source && !p.producer.closed) return p;
    return undefined;
  }

  /** Is anything of this peer's media actually flowing (a connected transport)? */
  get live(): boolean {
    for (const t of this.transports.values()) if (t.transport.dtlsState === 'connected') return true;
    return false;
  }

  /** Worst sending stream, mean of receiving ones; null while there is nothing to score. */
  quality(): PeerNetworkQuality {
    const down = [...this.consumerScores.values()];
    return {
      peerId: this.peerId,
      uplink: this.producerScores.size ? Math.min(...this.producerScores.values()) : null,
      downlink: down.length ? Math.round(down.reduce((a, b) => a + b, 0) / down.length) : null,
    };
  }

  toDto(): ConferencePeerDto {
    return { peerId: this.peerId, ...this.identity, audioMuted: this.audioMuted, handRaised: this.handRaised };
  }

  /** Drops every media object (their closing tells the other peers' consumers). */
  closeMedia(): void {
    for (const t of this.transports.values()) t.transport.close();
    // A linked server's peer has no transports here: its producers sit on the link's pipe.
    for (const p of this.producers.values()) p.producer.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.producerScores.clear();
    this.consumerScores.clear();
  }
}
