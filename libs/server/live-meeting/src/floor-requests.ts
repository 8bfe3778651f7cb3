import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type Ack,
  type AttendanceStatus,
  type FloorRequest,
  type FloorRequests,
  type QuorumRule,
  SPEECH_KINDS,
  TOPIC_MAX_LENGTH,
  errorBody,
  isUuid,
} from '@phonghop/contracts';
import { ApiError, unexpectedErrorCode } from '@phonghop/server-core';
import { type RealtimeClient, SocketRequests } from '@phonghop/server-realtime';
import { AttendanceService } from './attendance.service';
import { LiveMeetingService } from './live-meeting.service';

const MAX_SECONDS = 4 * 3600;
const REASON_MAX = 500;

const isSeconds = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= MAX_SECONDS;
const isQuorum = (v: unknown): v is QuorumRule => {
  const q = v as Partial<QuorumRule> | null;
  return !!q && Number.isInteger(q.numerator) && Number.isInteger(q.denominator) && (q.denominator ?? 0) >= 1 && (q.denominator ?? 0) <= 100 && (q.numerator ?? 0) >= 1 && (q.numerator ?? 0) <= (q.denominator ?? 0);
};
const optional = <T>(v: unknown, check: (x: unknown) => x is T): boolean => v === undefined || check(v);

/** Shape checks per method: a request that passes is the type its method says. */
const CHECKS: { [M in keyof FloorRequests]: (d: Record<string, unknown>) => boolean } = {
  start: () => true,
  end: () => true,
  openItem: (d) => isUuid(d['itemId']),
  closeItem: () => true,
  requestFloor: (d) => SPEECH_KINDS.includes(d['kind'] as never) && (d['topic'] === null || (typeof d['topic'] === 'string' && d['topic'].length <= TOPIC_MAX_LENGTH)),
  withdraw: (d) => isUuid(d['requestId']),
  giveFloor: (d) => optional(d['requestId'], isUuid) && optional(d['userId'], isUuid) && optional(d['seconds'], (x): x is number => isSeconds(x, 10)),
  endSpeech: () => true,
  extendSpeech: (d) => typeof d['seconds'] === 'number' && Number.isInteger(d['seconds']) && Math.abs(d['seconds']) <= MAX_SECONDS,
  reorderQueue: (d) => Array.isArray(d['requestIds']) && d['requestIds'].length <= 500 && d['requestIds'].every(isUuid),
  setSettings: (d) => optional(d['speakingSeconds'], (x): x is number => isSeconds(x, 10)) && optional(d['quorum'], isQuorum),
  markAttendance: (d) =>
    isUuid(d['userId']) &&
    (d['status'] === null || d['status'] === 'present' || d['status'] === 'absent') &&
    (d['reason'] === undefined || d['reason'] === null || (typeof d['reason'] === 'string' && d['reason'].length <= REASON_MAX)),
  checkIn: (d) => typeof d['code'] === 'string' && d['code'].length > 0 && d['code'].length <= 64,
  confirmRollCall: (d) => Array.isArray(d['userIds']) && d['userIds'].length <= 1000 && d['userIds'].every(isUuid),
};

export function parseFloorRequest(body: unknown): FloorRequest | null {
  const { method, data } = (body ?? {}) as { method?: unknown; data?: unknown };
  if (typeof method !== 'string' || !Object.hasOwn(CHECKS, method) || typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (!isUuid(d['meetingId']) || !CHECKS[method as keyof FloorRequests](d)) return null;
  return { method, data: { ...d, meetingId: (d['meetingId'] as string).toLowerCase() } } as FloorRequest;
}

/** Answers `floor:request` on the meeting room's socket: the chair console, the tablets and the sites. */
@Injectable()
export class FloorRequestHandler implements OnModuleInit {
  private readonly logger = new Logger('FloorRequests');

  constructor(
    private readonly requests: SocketRequests,
    private readonly live: LiveMeetingService,
    private readonly attendance: AttendanceService,
  ) {}

  onModuleInit(): void {
    this.requests.handle('floor:request', (client, body) => this.handle(client, body));
  }

  async handle(client: RealtimeClient, body: unknown): Promise<Ack<unknown>> {
    const req = parseFloorRequest(body);
    if (!req) return { ok: false, error: errorBody('VALIDATION_FAILED') };
    try {
      return { ok: true, data: await this.dispatch(client, req) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: errorBody(err.code) };
      this.logger.error({ err, method: req.method }, 'floor request failed');
      return { ok: false, error: errorBody(unexpectedErrorCode(err)) };
    }
  }

  private async dispatch(client: RealtimeClient, req: FloorRequest): Promise<unknown> {
    const { user } = client;
    const { meetingId } = req.data;
    const changed = (floorVersion: number) => ({ floorVersion });
    switch (req.method) {
      case 'start':
        return changed(await this.live.start(meetingId, user));
      case 'end':
        return changed(await this.live.end(meetingId, user));
      case 'openItem':
        return changed(await this.live.openItem(meetingId, user, req.data.itemId));
      case 'closeItem':
        return changed(await this.live.closeItem(meetingId, user));
      case 'requestFloor':
        return this.live.requestFloor(meetingId, user, req.data.kind, req.data.topic?.trim() || null);
      case 'withdraw':
        return changed(await this.live.withdraw(meetingId, user, req.data.requestId.toLowerCase()));
      case 'giveFloor':
        return changed(await this.live.giveFloor(meetingId, user, { ...req.data, requestId: req.data.requestId?.toLowerCase() }));
      case 'endSpeech':
        return changed(await this.live.endSpeech(meetingId, user));
      case 'extendSpeech':
        return changed(await this.live.extendSpeech(meetingId, user, req.data.seconds));
      case 'reorderQueue':
        return changed(await this.live.reorder(meetingId, user, req.data.requestIds.map((id) => id.toLowerCase())));
      case 'setSettings':
        return changed(await this.live.setSettings(meetingId, user, req.data));
      case 'markAttendance':
        await this.attendance.mark(meetingId, user, req.data.userId.toLowerCase(), req.data.status as AttendanceStatus | null, req.data.reason?.trim() || null);
        return changed(0);
      case 'checkIn':
        await this.attendance.checkIn(meetingId, user, req.data.code);
        return changed(0);
      case 'confirmRollCall':
        await this.attendance.confirmRollCall(meetingId, user, req.data.userIds);
        return changed(0);
    }
  }
}
