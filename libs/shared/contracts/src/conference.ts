/**
 * Online conference signalling (mediasoup SFU), carried by the realtime socket as typed request/response pairs
 * (`conference:request` with an ack) and server notifications (`conference:notification`). Media parameter
 * types are mediasoup-client's own (type-only: nothing of it is bundled into the server).
 */
import type { types } from 'mediasoup-client';
import type { Ack } from './realtime';

// Through the main entry: the API compiles with node10 resolution, which ignores `mediasoup-client/types`.
type DtlsParameters = types.DtlsParameters;
type IceCandidate = types.IceCandidate;
type IceParameters = types.IceParameters;
type MediaKind = types.MediaKind;
type RtpCapabilities = types.RtpCapabilities;
type RtpParameters = types.RtpParameters;

/**
 * A participant in the conference: a site device (điểm cầu) or a person on a laptop or tablet. A hall display
 * (`display`) only receives: it is never listed among the peers.
 */
export type ConferencePeerKind = 'site' | 'person' | 'display';
/** What a producer carries. */
export type MediaSource = 'camera' | 'microphone';
/** The host console's view of an invited site. */
export type SiteConnectionState = 'invited' | 'connecting' | 'live' | 'lost';

export interface ConferencePeerDto {
  peerId: string;
  kind: ConferencePeerKind;
  userId: string;
  /** The site's name (kind site) or the person's name. */
  displayName: string;
  siteId: string | null;
  /** Unit the site or person belongs to, and its level: communes get lower video layers by default. */
  unitName: string | null;
  unitKind: string | null;
  /** The host (chair or secretary of the meeting) runs the floor. */
  isHost: boolean;
  /** Audio paused at the server by the host (not by the client). */
  audioMuted: boolean;
  handRaised: boolean;
}

/** One invited site in the hierarchy (province → district → commune), with its live state. */
export interface InvitedSiteDto {
  siteId: string;
  name: string;
  unitId: string;
  unitName: string;
  unitKind: string;
  /** Unit ids from the root down to the site's unit, for drawing the hierarchy. */
  unitPath: { id: string; name: string; kind: string }[];
  state: SiteConnectionState;
  peerId: string | null;
}

export interface ConferenceFloor {
  /** Whose video everyone sees large, and whose audio is on when the floor is given. */
  spotlightPeerId: string | null;
  /** Requests to speak, oldest first (sites and persons alike). */
  queue: { peerId: string; displayName: string; requestedAt: string }[];
  /** Follow the active speaker automatically (when no floor is given). */
  autoSpotlight: boolean;
  /** The host gave the floor explicitly (the spotlight is not just the active speaker). */
  given: boolean;
}

/**
 * A meeting document the host shows to everyone, at one page. It travels as data (ids and a page number, a few
 * hundred bytes) and every device draws the page itself from its own copy, so a commune on a slow link follows
 * the page as fast as anyone; a confidential document is drawn from each viewer's own watermarked copy.
 */
export interface ConferencePresentation {
  documentId: string;
  title: string;
  page: number;
  pageCount: number;
  /** Who presents (the host's name as shown in the conference). */
  presenter: string;
}


/**
 * A peer's network as the media server measures it, 0 (unusable) to 10 (perfect), null before there is media:
 * `uplink` from what the peer sends (its worst stream's loss and jitter at the server), `downlink` from what it
 * receives (the mean of its consumers' scores, from its own receiver reports).
 */
export interface PeerNetworkQuality {
  peerId: string;
  uplink: number | null;
  downlink: number | null;
}

export interface ConferenceSnapshot {
  meetingId: string;
  selfPeerId: string;
  peers: ConferencePeerDto[];
  sites: InvitedSiteDto[];
  floor: ConferenceFloor;
  recording: boolean;
}

export interface TransportOptionsDto {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

/** Request method → request body and response data. */
export interface ConferenceRequests {
  /** Router capabilities, to load the mediasoup-client Device before anything else. */
  capabilities: { req: { meetingId: string }; res: { routerRtpCapabilities: RtpCapabilities } };
  /** Enter the conference as a site (site-operator accounts) or as a person. */
  join: { req: { meetingId: string; rtpCapabilities: RtpCapabilities }; res: ConferenceSnapshot };
  createTransport: { req: { meetingId: string; direction: 'send' | 'recv' }; res: TransportOptionsDto };
  connectTransport: { req: { meetingId: string; transportId: string; dtlsParameters: DtlsParameters }; res: null };
  produce: {
    req: { meetingId: string; transportId: string; kind: MediaKind; rtpParameters: RtpParameters; source: MediaSource };
    res: { producerId: string; paused: boolean };
  };
  /** Consumers are created paused by the server; the client resumes each once its track is wired up. */
  resumeConsumer: { req: { meetingId: string; consumerId: string }; res: null };
  /** The client shows a consumer small (thumbnail) or large, or not at all (off-screen grid page). */
  setConsumerView: { req: { meetingId: string; consumerId: string; view: 'large' | 'small' | 'hidden' }; res: null };
  leave: { req: { meetingId: string }; res: null };
  raiseHand: { req: { meetingId: string; raised: boolean }; res: null };
  /** Host only. */
  giveFloor: { req: { meetingId: string; peerId: string | null }; res: null };
  /** Host only: pauses or resumes the peer's microphone producer at the server. */
  muteAudio: { req: { meetingId: string; peerId: string; muted: boolean }; res: null };
  /** Host only. */
  setAutoSpotlight: { req: { meetingId: string; enabled: boolean }; res: null };
  /** Host only: records the spotlighted video with the speaker's and the host's audio. */
  startRecording: { req: { meetingId: string }; res: { recordingId: string } };
  stopRecording: { req: { meetingId: string }; res: null };
  /** Host only: show a published document of the meeting at a page to everyone (`documentId` null: stop). */
  present: { req: { meetingId: string; documentId: string | null; page: number }; res: ConferencePresentation | null };
}

export type ConferenceMethod = keyof ConferenceRequests;
export type ConferenceRequest = { [M in ConferenceMethod]: { method: M; data: ConferenceRequests[M]['req'] } }[ConferenceMethod];
export type ConferenceResponse<M extends ConferenceMethod> = Ack<ConferenceRequests[M]['res']>;

export interface NewConsumerNotice {
  /**
   * The receive transport the consumer is on. After a rebuild the server may still send notices for the transport
   * it is replacing: a client consumes only those of the transport it holds (or, while it waits for its new one,
   * keeps them until it knows that one's id).
   */
  transportId: string;
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  producerPaused: boolean;
}

/** Server → client notifications. */
export type ConferenceNotification =
  | { method: 'newConsumer'; data: NewConsumerNotice }
  | { method: 'consumerClosed'; data: { consumerId: string } }
  | { method: 'consumerPaused'; data: { consumerId: string; paused: boolean } }
  | { method: 'peerJoined'; data: ConferencePeerDto }
  | { method: 'peerUpdated'; data: ConferencePeerDto }
  | { method: 'peerLeft'; data: { peerId: string } }
  | { method: 'sites'; data: InvitedSiteDto[] }
  | { method: 'floor'; data: ConferenceFloor }
  | { method: 'audioLevels'; data: { peerId: string; volume: number }[] }
  /** To hosts, every 2 s when it changed: each peer's link quality as the SFU sees it. */
  | { method: 'networkQuality'; data: PeerNetworkQuality[] }
  /** Recording started or stopped (everyone is told: people have a right to know they are recorded). */
  | { method: 'recording'; data: { active: boolean } }
  /** The media server behind this conference restarted: recreate transports and producers, nothing else. */
  | { method: 'reconnect'; data: { reason: 'worker-restarted' } }
  | { method: 'ended'; data: { reason: 'left-elsewhere' | 'meeting-ended' } };

/** Video layers (simulcast, three spatial layers) a sender offers, low to high. */
export const SIMULCAST_ENCODINGS = [
  { rid: 'r0', maxBitrate: 150_000, scaleResolutionDownBy: 4 },
  { rid: 'r1', maxBitrate: 450_000, scaleResolutionDownBy: 2 },
  { rid: 'r2', maxBitrate: 1_200_000, scaleResolutionDownBy: 1 },
] as const;

/**
 * The highest spatial layer a receiver of this unit level gets for a view, before bandwidth estimation lowers
 * it further: communes (often on slow links) default one layer down for the large view.
 */
export function preferredSpatialLayer(view: 'large' | 'small', receiverUnitKind: string | null): number {
  if (view === 'small') return 0;
  return receiverUnitKind === 'commune' ? 1 : 2;
}

export type RecordingStatus = 'recording' | 'processing' | 'ready' | 'failed';

/** A recording of a meeting's conference, for its secretaries. */
export interface ConferenceRecordingDto {
  id: string;
  meetingId: string;
  startedAt: string;
  endedAt: string | null;
  status: RecordingStatus;
  durationSeconds: number;
  /** Size of the file once ready. */
  sizeBytes: number | null;
  error: string | null;
}
