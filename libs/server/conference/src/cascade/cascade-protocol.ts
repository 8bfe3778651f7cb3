import { type ConferenceFloor, type ConferencePeerDto, type MediaSource, isUuid } from '@phonghop/contracts';
import type { MediaKind, RtpParameters, SrtpParameters } from '../media/mediasoup-types';

/**
 * The server-to-server messages of a cascade link: one socket.io connection from the lower-level server (district)
 * to the upper-level one (province), on the namespace `/cascade` of the realtime path. Every message is a request
 * `{method, data}` on the event `cascade`, answered by an ack `{ok, data}` or `{ok: false, error}`.
 *
 * The lower server opens with `link`; after that both sides send the same messages: the peers of their own
 * conference, and a `produce` for each of their producers, which the receiver makes on its end of the pipe with
 * the same producer id (as mediasoup's pipeToRouter does between two routers of one server).
 */
export interface PipeEndpoint {
  ip: string;
  port: number;
  srtpParameters: SrtpParameters;
}

export interface CascadeMessages {
  /** Lower → upper, first: join the upper server's conference `meetingId` with this end of the pipe. */
  link: { meetingId: string; pipe: PipeEndpoint };
  /** A peer of the sender's conference joined or changed. */
  peer: { peer: ConferencePeerDto };
  peerLeft: { peerId: string };
  /** A producer of the sender's side, as its pipe consumer sends it. */
  produce: { peerId: string; producerId: string; kind: MediaKind; rtpParameters: RtpParameters; source: MediaSource; paused: boolean };
  producerClosed: { producerId: string };
  producerPaused: { producerId: string; paused: boolean };
  /** Upper → lower: the upper host muted or unmuted one of the lower server's peers. */
  mute: { peerId: string; muted: boolean };
  /** Upper → lower: the floor (spotlight, queue) as the upper host runs it. */
  floor: { floor: ConferenceFloor };
}
export type CascadeMethod = keyof CascadeMessages;
export type CascadeMessage = { [M in CascadeMethod]: { method: M; data: CascadeMessages[M] } }[CascadeMethod];

/** The upper server's answer to `link`: its end of the pipe. */
export interface LinkAccepted {
  pipe: PipeEndpoint;
}

export const CASCADE_EVENT = 'cascade';
export const CASCADE_NAMESPACE = '/cascade';

const ID = /^[0-9a-zA-Z_-]{1,64}$/;
type Check = (d: Record<string, unknown>) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const id = (key: string): Check => (d) => typeof d[key] === 'string' && ID.test(d[key]);
const bool = (key: string): Check => (d) => typeof d[key] === 'boolean';
const obj = (key: string): Check => (d) => isObject(d[key]);
const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
const nullableText = (v: unknown, max: number) => v === null || text(v, max);

const endpoint: Check = (d) => {
  const p = d['pipe'];
  return isObject(p) && text(p['ip'], 64) && Number.isInteger(p['port']) && (p['port'] as number) > 0 && (p['port'] as number) < 65536 && isObject(p['srtpParameters']);
};

const peerDto: Check = (d) => {
  const p = d['peer'];
  return (
    isObject(p) &&
    id('peerId')(p) &&
    (p['kind'] === 'site' || p['kind'] === 'person') &&
    text(p['userId'], 64) &&
    text(p['displayName'], 300) &&
    nullableText(p['siteId'], 64) &&
    nullableText(p['unitName'], 300) &&
    nullableText(p['unitKind'], 32) &&
    bool('isHost')(p) &&
    bool('audioMuted')(p) &&
    bool('handRaised')(p)
  );
};

const floor: Check = (d) => {
  const f = d['floor'];
  const queue = isObject(f) ? f['queue'] : undefined;
  return (
    isObject(f) &&
    (f['spotlightPeerId'] === null || id('spotlightPeerId')(f)) &&
    Array.isArray(queue) &&
    queue.length <= 1000 &&
    queue.every((q) => isObject(q) && id('peerId')(q) && text(q['displayName'], 300) && text(q['requestedAt'], 40)) &&
    bool('autoSpotlight')(f) &&
    bool('given')(f)
  );
};

const SHAPES: Record<CascadeMethod, Check[]> = {
  link: [(d) => isUuid(d['meetingId']), endpoint],
  peer: [peerDto],
  peerLeft: [id('peerId')],
  produce: [
    id('peerId'),
    id('producerId'),
    (d) => d['kind'] === 'audio' || d['kind'] === 'video',
    obj('rtpParameters'),
    (d) => d['source'] === 'camera' || d['source'] === 'microphone',
    (d) => (d['kind'] === 'audio') === (d['source'] === 'microphone'),
    bool('paused'),
  ],
  producerClosed: [id('producerId')],
  producerPaused: [id('producerId'), bool('paused')],
  mute: [id('peerId'), bool('muted')],
  floor: [floor],
};

/** The message if it is well-formed, else null (a linked server is trusted to be who it is, not to be bug-free). */
export function parseCascadeMessage(body: unknown): CascadeMessage | null {
  if (!isObject(body) || typeof body['method'] !== 'string' || !Object.hasOwn(SHAPES, body['method'])) return null;
  const data = body['data'];
  if (!isObject(data) || !SHAPES[body['method'] as CascadeMethod].every((check) => check(data))) return null;
  return body as unknown as CascadeMessage;
}
