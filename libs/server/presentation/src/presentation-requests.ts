import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Ack, type PresentationRequest, type PresentationRequests, errorBody, isUuid } from '@phonghop/contracts';
import { ApiError, unexpectedErrorCode } from '@phonghop/server-core';
import { type RealtimeClient, SocketRequests } from '@phonghop/server-realtime';
import { PresentationService } from './presentation.service';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const STROKE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const coord = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= -0.5 && v <= 1.5;
const isPoints = (v: unknown) => Array.isArray(v) && v.length <= 200 && v.every((p) => Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every(coord));
const isFocus = (v: unknown) => v === null || (typeof v === 'object' && coord((v as { x?: unknown }).x) && coord((v as { y?: unknown }).y));
const isPage = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100_000;

/** Shape checks per method: a request that passes is the type its method says. */
const CHECKS: { [M in keyof PresentationRequests]: (d: Record<string, unknown>) => boolean } = {
  start: (d) => isUuid(d['documentId']) && isPage(d['page']) && (d['version'] === undefined || isPage(d['version'])),
  view: (d) => (d['page'] === undefined || isPage(d['page'])) && (d['zoom'] === undefined || (typeof d['zoom'] === 'number' && Number.isFinite(d['zoom']))) && (d['focus'] === undefined || isFocus(d['focus'])),
  stroke: (d) => {
    const s = d['stroke'] as Record<string, unknown> | null;
    return !!s && typeof s === 'object' && typeof s['id'] === 'string' && STROKE_ID.test(s['id']) && typeof s['color'] === 'string' && COLOR.test(s['color']) && typeof s['width'] === 'number' && s['width'] > 0 && s['width'] <= 0.1 && isPoints(s['points']);
  },
  points: (d) => typeof d['strokeId'] === 'string' && STROKE_ID.test(d['strokeId']) && isPoints(d['points']),
  clearInk: () => true,
  stop: () => true,
};

export function parsePresentationRequest(body: unknown): PresentationRequest | null {
  const { method, data } = (body ?? {}) as { method?: unknown; data?: unknown };
  if (typeof method !== 'string' || !Object.hasOwn(CHECKS, method) || typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (!isUuid(d['meetingId']) || !CHECKS[method as keyof PresentationRequests](d)) return null;
  return { method, data: { ...d, meetingId: (d['meetingId'] as string).toLowerCase() } } as PresentationRequest;
}

/** Answers `presentation:request` on the meeting room's socket (the presenter's reader, the chair, the conference). */
@Injectable()
export class PresentationRequestHandler implements OnModuleInit {
  private readonly logger = new Logger('PresentationRequests');

  constructor(
    private readonly requests: SocketRequests,
    private readonly presentations: PresentationService,
  ) {}

  onModuleInit(): void {
    this.requests.handle('presentation:request', (client, body) => this.handle(client, body));
  }

  async handle(client: RealtimeClient, body: unknown): Promise<Ack<unknown>> {
    const req = parsePresentationRequest(body);
    if (!req) return { ok: false, error: errorBody('VALIDATION_FAILED') };
    try {
      return { ok: true, data: await this.dispatch(client, req) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: errorBody(err.code, err.details) };
      this.logger.error({ err, method: req.method }, 'presentation request failed');
      return { ok: false, error: errorBody(unexpectedErrorCode(err)) };
    }
  }

  private async dispatch(client: RealtimeClient, req: PresentationRequest): Promise<unknown> {
    const { user } = client;
    const { meetingId } = req.data;
    switch (req.method) {
      case 'start':
        return this.presentations.start(meetingId, user, { ...req.data, documentId: req.data.documentId.toLowerCase() });
      case 'view':
        return this.presentations.view(meetingId, user, req.data);
      case 'stroke':
        this.presentations.stroke(meetingId, user, req.data.stroke);
        return null;
      case 'points':
        this.presentations.points(meetingId, user, req.data.strokeId, req.data.points);
        return null;
      case 'clearInk':
        this.presentations.clearInk(meetingId, user);
        return null;
      case 'stop':
        await this.presentations.stop(meetingId, user);
        return null;
    }
  }
}
