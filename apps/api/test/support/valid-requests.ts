import { yesNoMotion } from '@phonghop/contracts';
import type { MeetingSide } from './access-matrix';
import { DEMO_PASSWORD, type SecurityWorld } from './security-fixture';

/**
 * A well-formed request for every write route and socket request: the authorization matrix sends them (so a refusal
 * is about who asks, never about the shape), the bad-input spec starts its mutations from them.
 */

let n = 0;
/** Unique per call: creating routes (users, units, meetings) must not collide with themselves. */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;

type BodyOf = (w: SecurityWorld, side: MeetingSide) => unknown;

export const VALID_BODIES: Record<string, BodyOf> = {
  'POST /api/auth/login': () => ({ username: 'khachmoi', password: DEMO_PASSWORD }),
  // Wrong on purpose: a right current password would end the actor's other sessions (its socket).
  'POST /api/auth/password': () => ({ currentPassword: 'khong-phai-mat-khau', newPassword: 'MatKhauMoi@2027' }),
  'POST /api/users': () => ({ username: unique('u').toLowerCase(), fullName: 'Người dùng thử', password: 'MatKhau@2026x', roles: ['delegate'] }),
  'PATCH /api/users/{id}': () => ({ fullName: 'Người dự phòng' }),
  'POST /api/users/{id}/reset-password': () => ({ newPassword: 'DuPhong@2026x' }),
  'POST /api/org/units': (w) => ({ parentId: w.rootUnitId, code: unique('X').toUpperCase(), name: 'Đơn vị thử', kind: 'other' }),
  'PATCH /api/org/units/{id}': () => ({ name: 'Đơn vị dự phòng' }),
  'POST /api/org/sites': (w) => ({ unitId: w.spareUnitId, name: unique('Điểm cầu thử') }),
  'PATCH /api/org/sites/{id}': () => ({ name: 'Điểm cầu dự phòng' }),
  'POST /api/meetings': () => ({ title: 'Cuộc họp thử', kind: 'in_person', startsAt: new Date(Date.now() + 86_400_000).toISOString() }),
  'PATCH /api/meetings/{id}': () => ({ location: 'Hội trường tầng 2' }),
  'POST /api/meetings/{id}/cancel': () => ({ reason: 'Thay đổi kế hoạch' }),
  'POST /api/meetings/{meetingId}/participants': (w) => ({ meetingRole: 'guest', userIds: [w.userIds['nguoi.du.phong']] }),
  'PATCH /api/meetings/{meetingId}/participants/{participantId}': () => ({ meetingRole: 'delegate' }),
  'POST /api/meetings/{meetingId}/rsvp': () => ({ response: 'attend' }),
  'POST /api/meetings/{meetingId}/agenda': () => ({ title: 'Nội dung thử' }),
  'PUT /api/meetings/{meetingId}/agenda/order': (w, side) => ({
    items: [
      { id: w[side].itemId, parentId: null, position: 0 },
      { id: w[side].spareItemId, parentId: null, position: 1 },
    ],
  }),
  'PATCH /api/meetings/{meetingId}/agenda/{itemId}': () => ({ plannedMinutes: 15 }),
  'POST /api/meetings/{meetingId}/uploads': () => ({ fileName: 'to-trinh.pdf', sizeBytes: 1000 }),
  'PUT /api/uploads/{uploadId}': () => new Uint8Array(Buffer.from('%PDF-1.7\n')),
  'POST /api/uploads/{uploadId}/complete': () => ({ title: 'Tờ trình' }),
  'PATCH /api/documents/{id}': () => ({ title: 'Tờ trình dự toán ngân sách (sửa)' }),
  'POST /api/meetings/{meetingId}/documents/publish': (w, side) => ({ documentIds: [w[side].documentId] }),
  'POST /api/meetings/{meetingId}/check-in': (w, side) => ({ code: w[side].checkInCode }),
  'POST /api/meetings/{meetingId}/displays': () => ({ label: 'Màn hình thử' }),
  'PUT /api/meetings/{meetingId}/minutes/{kind}/draft': () => ({ bodyHtml: '<p>Biên bản</p>', number: '01/BB', items: [], baseVersion: 1, baseRevision: 0 }),
  'POST /api/meetings/{meetingId}/minutes/{kind}/finalize': () => ({ baseRevision: 0 }),
  'POST /api/meetings/{meetingId}/signed/{kind}/{ref}/requests': () => ({}),
  'PUT /api/meetings/{meetingId}/vote-settings': () => ({ weights: {} }),
  'POST /api/meetings/{meetingId}/motions': () => ({ spec: yesNoMotion('Biểu quyết thử') }),
  'PATCH /api/meetings/{meetingId}/motions/{motionId}': () => ({ countdownSeconds: 60 }),
  'POST /api/annotations/ops': (w, side) => ({
    ops: [
      {
        opId: unique('op'),
        type: 'create',
        annotation: {
          id: crypto.randomUUID(),
          documentId: w[side].documentId,
          version: 1,
          kind: 'note',
          target: { page: 1, at: { x: 0.1, y: 0.1, w: 0.05, h: 0.05 } },
          color: '#ffd400',
          body: 'Ghi chú',
        },
      },
    ],
  }),
};

/** The body a route is sent with: its valid body, or none (routes without a body get `{}` on POST). */
export function validBody(w: SecurityWorld, side: MeetingSide, route: string): unknown {
  const build = VALID_BODIES[route];
  if (build) return build(w, side);
  return route.startsWith('POST ') ? {} : undefined;
}

type DataOf = (w: SecurityWorld, side: MeetingSide) => Record<string, unknown>;
const RTP_CAPABILITIES = { codecs: [], headerExtensions: [] };

/** Socket requests: `event` alone for the room's own events, `event method` for a domain's methods. */
export const VALID_SOCKET_DATA: Record<string, DataOf> = {
  'room:join': (w, s) => ({ meetingId: w[s].meetingId }),
  'room:leave': (w, s) => ({ meetingId: w[s].meetingId }),
  'room:resync': (w, s) => ({ meetingId: w[s].meetingId, fromVersion: 0 }),
  'clock:sync': () => ({}),
  'room:notice': (w, s) => ({ meetingId: w[s].meetingId, notice: 'Đề nghị tắt chuông điện thoại' }),

  'floor:request start': (w, s) => ({ meetingId: w[s].meetingId }),
  'floor:request end': (w, s) => ({ meetingId: w[s].meetingId }),
  'floor:request openItem': (w, s) => ({ meetingId: w[s].meetingId, itemId: w[s].itemId }),
  'floor:request closeItem': (w, s) => ({ meetingId: w[s].meetingId }),
  'floor:request requestFloor': (w, s) => ({ meetingId: w[s].meetingId, kind: 'speech', topic: null }),
  'floor:request withdraw': (w, s) => ({ meetingId: w[s].meetingId, requestId: crypto.randomUUID() }),
  'floor:request giveFloor': (w, s) => ({ meetingId: w[s].meetingId, userId: w.userIds['daibieu'] }),
  'floor:request endSpeech': (w, s) => ({ meetingId: w[s].meetingId }),
  'floor:request extendSpeech': (w, s) => ({ meetingId: w[s].meetingId, seconds: 60 }),
  'floor:request reorderQueue': (w, s) => ({ meetingId: w[s].meetingId, requestIds: [] }),
  'floor:request setSettings': (w, s) => ({ meetingId: w[s].meetingId, speakingSeconds: 180 }),
  'floor:request markAttendance': (w, s) => ({ meetingId: w[s].meetingId, userId: w.userIds['daibieu'], status: 'present' }),
  'floor:request checkIn': (w, s) => ({ meetingId: w[s].meetingId, code: w[s].checkInCode }),
  'floor:request confirmRollCall': (w, s) => ({ meetingId: w[s].meetingId, userIds: [] }),

  'presentation:request start': (w, s) => ({ meetingId: w[s].meetingId, documentId: w[s].documentId, page: 1 }),
  'presentation:request view': (w, s) => ({ meetingId: w[s].meetingId, page: 1 }),
  'presentation:request stroke': (w, s) => ({ meetingId: w[s].meetingId, stroke: { id: crypto.randomUUID(), color: '#e00000', width: 0.004, points: [[0.1, 0.1]] } }),
  'presentation:request points': (w, s) => ({ meetingId: w[s].meetingId, strokeId: crypto.randomUUID(), points: [[0.2, 0.2]] }),
  'presentation:request clearInk': (w, s) => ({ meetingId: w[s].meetingId }),
  'presentation:request stop': (w, s) => ({ meetingId: w[s].meetingId }),

  'vote:request open': (w, s) => ({ meetingId: w[s].meetingId, motionId: w[s].motionId }),
  'vote:request close': (w, s) => ({ meetingId: w[s].meetingId, motionId: w[s].motionId }),
  'vote:request myBallots': (w, s) => ({ meetingId: w[s].meetingId, motionId: w[s].motionId }),
  'vote:request cast': (w, s) => ({ meetingId: w[s].meetingId, motionId: w[s].motionId, forUserId: w.userIds['daibieu'], choices: ['yes'], submissionKey: unique('k') }),

  'conference:request capabilities': (w, s) => ({ meetingId: w[s].meetingId }),
  'conference:request join': (w, s) => ({ meetingId: w[s].meetingId, rtpCapabilities: w.rtpCapabilities ?? RTP_CAPABILITIES }),
  'conference:request createTransport': (w, s) => ({ meetingId: w[s].meetingId, direction: 'recv' }),
  'conference:request connectTransport': (w, s) => ({ meetingId: w[s].meetingId, transportId: 'khong-co', dtlsParameters: { fingerprints: [], role: 'client' } }),
  'conference:request produce': (w, s) => ({ meetingId: w[s].meetingId, transportId: 'khong-co', kind: 'audio', rtpParameters: { codecs: [] }, source: 'microphone' }),
  'conference:request resumeConsumer': (w, s) => ({ meetingId: w[s].meetingId, consumerId: 'khong-co' }),
  'conference:request setConsumerView': (w, s) => ({ meetingId: w[s].meetingId, consumerId: 'khong-co', view: 'small' }),
  'conference:request leave': (w, s) => ({ meetingId: w[s].meetingId }),
  'conference:request raiseHand': (w, s) => ({ meetingId: w[s].meetingId, raised: false }),
  'conference:request giveFloor': (w, s) => ({ meetingId: w[s].meetingId, peerId: null }),
  'conference:request muteAudio': (w, s) => ({ meetingId: w[s].meetingId, peerId: w.conferencePeerId ?? 'khong-co', muted: true }),
  'conference:request setAutoSpotlight': (w, s) => ({ meetingId: w[s].meetingId, enabled: true }),
  'conference:request startRecording': (w, s) => ({ meetingId: w[s].meetingId }),
  'conference:request stopRecording': (w, s) => ({ meetingId: w[s].meetingId }),
  'conference:request present': (w, s) => ({ meetingId: w[s].meetingId, documentId: null, page: 1 }),
};

/** What goes over the wire for a socket row: `room:join {…}` or `floor:request {method, data}`. */
export function socketPayload(w: SecurityWorld, side: MeetingSide, row: string): { event: string; payload: unknown } {
  const build = VALID_SOCKET_DATA[row];
  if (!build) throw new Error(`no valid data for ${row}`);
  const [event, method] = row.split(' ');
  const data = build(w, side);
  return { event, payload: method ? { method, data } : event === 'clock:sync' ? null : data };
}
