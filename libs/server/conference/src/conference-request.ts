import { type ConferenceMethod, type ConferenceRequest, isUuid } from '@phonghop/contracts';

const ID = /^[0-9a-zA-Z_-]{1,64}$/;

type Check = (data: Record<string, unknown>) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const id = (key: string): Check => (d) => typeof d[key] === 'string' && ID.test(d[key]);
const obj = (key: string): Check => (d) => isObject(d[key]);
const oneOf = (key: string, values: readonly unknown[]): Check => (d) => values.includes(d[key]);
const bool = (key: string): Check => (d) => typeof d[key] === 'boolean';

/** What each method's data must carry besides `meetingId` (mediasoup checks the media parameters themselves). */
const SHAPES: Record<ConferenceMethod, Check[]> = {
  capabilities: [],
  join: [obj('rtpCapabilities')],
  createTransport: [oneOf('direction', ['send', 'recv'])],
  connectTransport: [id('transportId'), obj('dtlsParameters')],
  produce: [id('transportId'), oneOf('kind', ['audio', 'video']), obj('rtpParameters'), oneOf('source', ['camera', 'microphone'])],
  resumeConsumer: [id('consumerId')],
  setConsumerView: [id('consumerId'), oneOf('view', ['large', 'small', 'hidden'])],
  leave: [],
  raiseHand: [bool('raised')],
  giveFloor: [(d) => d['peerId'] === null || (typeof d['peerId'] === 'string' && ID.test(d['peerId']))],
  muteAudio: [id('peerId'), bool('muted')],
  setAutoSpotlight: [bool('enabled')],
  startRecording: [],
  stopRecording: [],
  present: [(d) => d['documentId'] === null || isUuid(d['documentId']), (d) => Number.isInteger(d['page']) && (d['page'] as number) >= 1 && (d['page'] as number) <= 100_000],
};

/** The request if it is well-formed (known method, meeting id, the fields it needs), else null. */
export function parseConferenceRequest(body: unknown): ConferenceRequest | null {
  if (!isObject(body) || typeof body['method'] !== 'string' || !Object.hasOwn(SHAPES, body['method'])) return null;
  const data = body['data'];
  if (!isObject(data) || !isUuid(data['meetingId'])) return null;
  const checks = SHAPES[body['method'] as ConferenceMethod];
  if (!checks.every((check) => check(data))) return null;
  return { method: body['method'], data: { ...data, meetingId: data['meetingId'].toLowerCase() } } as ConferenceRequest;
}

/** Methods only the host (chair or secretary of the meeting) may call. */
export const HOST_METHODS: ReadonlySet<ConferenceMethod> = new Set(['giveFloor', 'muteAudio', 'setAutoSpotlight', 'startRecording', 'stopRecording', 'present']);

/** What a hall display may ask: to receive, nothing else. */
export const DISPLAY_METHODS: ReadonlySet<ConferenceMethod> = new Set(['capabilities', 'join', 'createTransport', 'connectTransport', 'resumeConsumer', 'setConsumerView', 'leave']);
