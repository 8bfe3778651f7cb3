import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Ack, type VoteRequest, type VoteRequests, errorBody, isUuid } from '@phonghop/contracts';
import { ApiError, unexpectedErrorCode } from '@phonghop/server-core';
import { type RealtimeClient, SocketRequests } from '@phonghop/server-realtime';
import { VotingService } from './voting.service';

const SUBMISSION_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Shape checks per method: a request that passes is the type its method says. */
const CHECKS: { [M in keyof VoteRequests]: (d: Record<string, unknown>) => boolean } = {
  open: () => true,
  close: () => true,
  myBallots: () => true,
  cast: (d) =>
    isUuid(d['forUserId']) &&
    Array.isArray(d['choices']) &&
    d['choices'].length <= 50 &&
    d['choices'].every((c) => typeof c === 'string' && c.length >= 1 && c.length <= 64) &&
    typeof d['submissionKey'] === 'string' &&
    SUBMISSION_KEY.test(d['submissionKey']),
};

export function parseVoteRequest(body: unknown): VoteRequest | null {
  const { method, data } = (body ?? {}) as { method?: unknown; data?: unknown };
  if (typeof method !== 'string' || !Object.hasOwn(CHECKS, method) || typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (!isUuid(d['meetingId']) || !isUuid(d['motionId']) || !CHECKS[method as keyof VoteRequests](d)) return null;
  const lower = (v: unknown) => (v as string).toLowerCase();
  const ids = { meetingId: lower(d['meetingId']), motionId: lower(d['motionId']), ...(method === 'cast' ? { forUserId: lower(d['forUserId']) } : {}) };
  return { method, data: { ...d, ...ids } } as VoteRequest;
}

/**
 * Answers `vote:request` on the meeting room's socket. Every failure is an answer with a stable code (never a
 * silence), so a tablet always ends in a confirmed or a clearly failed state. Choices are never logged.
 */
@Injectable()
export class VoteRequestHandler implements OnModuleInit {
  private readonly logger = new Logger('VoteRequests');

  constructor(
    private readonly requests: SocketRequests,
    private readonly voting: VotingService,
  ) {}

  onModuleInit(): void {
    this.requests.handle('vote:request', (client, body) => this.handle(client, body));
  }

  async handle(client: RealtimeClient, body: unknown): Promise<Ack<unknown>> {
    const req = parseVoteRequest(body);
    if (!req) return { ok: false, error: errorBody('VALIDATION_FAILED') };
    try {
      return { ok: true, data: await this.dispatch(client, req) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: errorBody(err.code, err.details) };
      // The error's name and message only: a database error carries its parameters, and those may be a ballot.
      this.logger.error({ error: err instanceof Error ? `${err.name}: ${err.message}` : 'unknown', method: req.method, motionId: req.data.motionId }, 'vote request failed');
      return { ok: false, error: errorBody(unexpectedErrorCode(err)) };
    }
  }

  private async dispatch(client: RealtimeClient, req: VoteRequest): Promise<unknown> {
    const { user } = client;
    const { meetingId, motionId } = req.data;
    switch (req.method) {
      case 'open':
        return { motion: await this.voting.openVote(meetingId, user, motionId) };
      case 'close':
        return { motion: await this.voting.closeVote(meetingId, user, motionId) };
      case 'myBallots':
        return { rights: await this.voting.myBallots(meetingId, user, motionId) };
      case 'cast':
        return this.voting.cast(meetingId, user, req.data);
    }
  }
}
