import type { ConferencePresentation } from './conference';
import type { Ack } from './realtime';
import type { RoomSlice } from './room-slice';

/**
 * Presenter mode (trình chiếu): the presenter's document, page, zoom and live ink, followed by every tablet, the
 * hall's display and every site as data on the meeting room (not video), with or without a conference. A page turn
 * or a few points of ink are deltas of a few hundred bytes. The conference's "present a page" is this same state.
 */

/** A stroke being drawn live by the presenter, in page-normalised coordinates (0..1 from the top left). */
export interface LiveStroke {
  id: string;
  color: string;
  /** Width as a fraction of the page's width. */
  width: number;
  points: number[][];
}

/** What a follower shows: the presented page, zoomed around a point. */
export interface PresentationView {
  page: number;
  /** 1 = the whole page; 2 = twice as large. */
  zoom: number;
  /** The page-normalised point the view is centred on when zoomed; null = the page centre. */
  focus: { x: number; y: number } | null;
}

/** Superset of what the conference showed, so its page keeps working unchanged. */
export interface PresentationState extends ConferencePresentation, PresentationView {
  presenterId: string;
  version: number;
  /** The live ink on the current page, cleared by a page turn. */
  ink: LiveStroke[];
}

export type PresentationDelta =
  | { kind: 'set'; presentation: PresentationState | null }
  | { kind: 'view'; view: PresentationView }
  | { kind: 'stroke'; stroke: LiveStroke }
  | { kind: 'points'; strokeId: string; points: number[][] }
  | { kind: 'clearInk' };

export const presentationSlice: RoomSlice<PresentationState | null, PresentationDelta> = {
  audience: 'everyone',
  empty: () => null,
  apply(state, delta) {
    if (delta.kind === 'set') return delta.presentation;
    if (!state) return state;
    switch (delta.kind) {
      case 'view':
        return { ...state, ...delta.view, ink: delta.view.page === state.page ? state.ink : [] };
      case 'stroke':
        return state.ink.some((s) => s.id === delta.stroke.id) ? state : { ...state, ink: [...state.ink, delta.stroke] };
      case 'points':
        return { ...state, ink: state.ink.map((s) => (s.id === delta.strokeId ? { ...s, points: [...s.points, ...delta.points] } : s)) };
      case 'clearInk':
        return { ...state, ink: [] };
    }
  },
};

export const PRESENTATION_ZOOM_MAX = 8;
/** Points per `points` message, strokes per page, points per page: live ink stays a few hundred bytes a change. */
export const LIVE_POINTS_PER_MESSAGE = 200;
export const LIVE_STROKES_PER_PAGE = 300;
export const LIVE_POINTS_PER_PAGE = 30000;

export interface PresentationRequests {
  /** The chair, a secretary, or whoever has the floor: present a published document of the meeting. */
  start: { req: { meetingId: string; documentId: string; version?: number; page: number }; res: PresentationState };
  /** The presenter: turn the page, zoom. */
  view: { req: { meetingId: string; page?: number; zoom?: number; focus?: { x: number; y: number } | null }; res: PresentationView };
  /** The presenter: begin a stroke (with its first points), add points to it, clear the page's ink. */
  stroke: { req: { meetingId: string; stroke: LiveStroke }; res: null };
  points: { req: { meetingId: string; strokeId: string; points: number[][] }; res: null };
  clearInk: { req: { meetingId: string }; res: null };
  /** The presenter or a host: end the presentation. */
  stop: { req: { meetingId: string }; res: null };
}

export type PresentationMethod = keyof PresentationRequests;
export type PresentationRequest = { [M in PresentationMethod]: { method: M; data: PresentationRequests[M]['req'] } }[PresentationMethod];
export type PresentationResponse<M extends PresentationMethod> = Ack<PresentationRequests[M]['res']>;
