import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  LIVE_POINTS_PER_MESSAGE,
  LIVE_POINTS_PER_PAGE,
  LIVE_STROKES_PER_PAGE,
  type LiveStroke,
  PRESENTATION_ZOOM_MAX,
  type PresentationState,
  type PresentationView,
  roomDelta,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { DocumentAccessPolicy, DocumentsService } from '@phonghop/server-documents';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { LiveMeetingService } from '@phonghop/server-live-meeting';
import { MeetingsService, ParticipantsService } from '@phonghop/server-meetings';
import { RoomHub } from '@phonghop/server-realtime';
import { PresentationStore } from './presentation.store';

/** Coordinates travel rounded to 1/10,000 of the page: finer than any screen, and short on the wire. */
const round = (v: number) => Math.round(v * 10_000) / 10_000;
const roundPoints = (points: number[][]) => points.map((p) => p.map(round));

interface Live {
  state: PresentationState;
  points: number;
}

/**
 * Presenter mode: one presentation per meeting, held here and published on the room's `presentation` slice as small
 * deltas (a page turn, a zoom, a stroke begun, points added). The chair, a secretary or whoever has the floor may
 * present a published document of the meeting they can read; only the presenter changes it; the presenter or a
 * host ends it. Followers draw the page from their own copy (watermarked for them when confidential).
 */
@Injectable()
export class PresentationService implements OnModuleInit {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly hub: RoomHub,
    private readonly store: PresentationStore,
    private readonly meetings: MeetingsService,
    private readonly participants: ParticipantsService,
    private readonly floor: LiveMeetingService,
    private readonly documents: DocumentsService,
    private readonly policy: DocumentAccessPolicy,
  ) {}

  onModuleInit(): void {
    // A room that opens (again) while something is presented starts with it: from memory, or from the database
    // after a restart or in the process that took the meeting over (without the live ink).
    this.hub.registerLoader(async (meetingId) => {
      const held = this.current(meetingId);
      if (held) return { presentation: held };
      const stored = await this.store.load(meetingId);
      if (stored) this.live.set(meetingId, { state: stored, points: 0 });
      return { presentation: stored };
    });
  }

  current(meetingId: string): PresentationState | null {
    return this.live.get(meetingId)?.state ?? null;
  }

  async start(meetingId: string, user: AuthenticatedUser, req: { documentId: string; version?: number; page: number }): Promise<PresentationState> {
    const access = await this.meetings.requireAccess(meetingId, user.id);
    if (!access.mayPreside && (await this.floor.currentFloor(meetingId)).speaker?.userId !== user.id) throw new ApiError('FORBIDDEN');
    const { doc, viewer } = await this.documents.open(req.documentId, user);
    this.policy.requireRead(doc, viewer);
    if (doc.meetingId !== meetingId || !doc.published) throw new ApiError('DOCUMENT_NOT_FOUND');
    const v = await this.documents.version(doc, req.version ?? doc.currentVersion);
    const name = (await this.participants.roster(meetingId)).find((r) => r.userId === user.id)?.fullName ?? user.fullName;
    const state: PresentationState = {
      documentId: doc.id,
      version: v.version,
      title: doc.title,
      pageCount: v.pageCount,
      page: clampPage(req.page, v.pageCount),
      zoom: 1,
      focus: null,
      presenter: name,
      presenterId: user.id,
      ink: [],
    };
    await this.store.save(meetingId, state);
    this.live.set(meetingId, { state, points: 0 });
    this.hub.publish(meetingId, roomDelta('presentation', { kind: 'set', presentation: state }));
    return state;
  }

  view(meetingId: string, user: AuthenticatedUser, req: { page?: number; zoom?: number; focus?: { x: number; y: number } | null }): PresentationView {
    const live = this.presenting(meetingId, user);
    const s = live.state;
    const view: PresentationView = {
      page: req.page === undefined ? s.page : clampPage(req.page, s.pageCount),
      zoom: req.zoom === undefined ? s.zoom : Math.min(PRESENTATION_ZOOM_MAX, Math.max(1, req.zoom)),
      focus: req.focus === undefined ? s.focus : req.focus && { x: round(req.focus.x), y: round(req.focus.y) },
    };
    const turned = view.page !== s.page;
    live.state = { ...s, ...view, ink: turned ? [] : s.ink };
    if (turned) live.points = 0;
    void this.store.save(meetingId, live.state);
    this.hub.publish(meetingId, roomDelta('presentation', { kind: 'view', view }));
    return view;
  }

  stroke(meetingId: string, user: AuthenticatedUser, stroke: LiveStroke): void {
    const live = this.presenting(meetingId, user);
    if (live.state.ink.some((s) => s.id === stroke.id)) return; // a resend
    if (live.state.ink.length >= LIVE_STROKES_PER_PAGE) throw new ApiError('VALIDATION_FAILED', [{ field: 'stroke', problem: `up to ${LIVE_STROKES_PER_PAGE} strokes per page: clear the ink` }]);
    this.count(live, stroke.points.length);
    const rounded = { ...stroke, width: round(stroke.width), points: roundPoints(stroke.points) };
    live.state = { ...live.state, ink: [...live.state.ink, rounded] };
    this.hub.publish(meetingId, roomDelta('presentation', { kind: 'stroke', stroke: rounded }));
  }

  points(meetingId: string, user: AuthenticatedUser, strokeId: string, points: number[][]): void {
    const live = this.presenting(meetingId, user);
    // Points of a stroke the page turn cleared arrive late: they are dropped, not an error.
    if (!live.state.ink.some((s) => s.id === strokeId)) return;
    this.count(live, points.length);
    const rounded = roundPoints(points);
    live.state = { ...live.state, ink: live.state.ink.map((s) => (s.id === strokeId ? { ...s, points: [...s.points, ...rounded] } : s)) };
    this.hub.publish(meetingId, roomDelta('presentation', { kind: 'points', strokeId, points: rounded }));
  }

  clearInk(meetingId: string, user: AuthenticatedUser): void {
    const live = this.presenting(meetingId, user);
    live.state = { ...live.state, ink: [] };
    live.points = 0;
    this.hub.publish(meetingId, roomDelta('presentation', { kind: 'clearInk' }));
  }

  async stop(meetingId: string, user: AuthenticatedUser | null): Promise<void> {
    const live = this.live.get(meetingId);
    if (!live) return;
    if (user && live.state.presenterId !== user.id && !(await this.meetings.requireAccess(meetingId, user.id)).mayPreside) throw new ApiError('FORBIDDEN');
    this.live.delete(meetingId);
    await this.store.save(meetingId, null);
    this.hub.publish(meetingId, roomDelta('presentation', { kind: 'set', presentation: null }));
  }

  private presenting(meetingId: string, user: AuthenticatedUser): Live {
    const live = this.live.get(meetingId);
    if (!live) throw new ApiError('PRESENTATION_NOT_RUNNING');
    if (live.state.presenterId !== user.id) throw new ApiError('FORBIDDEN');
    return live;
  }

  private count(live: Live, points: number): void {
    if (points > LIVE_POINTS_PER_MESSAGE || live.points + points > LIVE_POINTS_PER_PAGE) {
      throw new ApiError('VALIDATION_FAILED', [{ field: 'points', problem: `up to ${LIVE_POINTS_PER_MESSAGE} per message and ${LIVE_POINTS_PER_PAGE} per page` }]);
    }
    live.points += points;
  }
}

function clampPage(page: number, pageCount: number): number {
  return Math.min(Math.max(1, Math.floor(page)), Math.max(1, pageCount));
}
