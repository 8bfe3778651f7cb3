import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { SessionStore } from '@phonghop/client-auth';
import { MeetingsApi, RealtimeClient, type MeetingRoomStore } from '@phonghop/client-data-access';
import { mayPreside, type LiveStroke, type MeetingRole, type PresentationMethod, type PresentationRequests, type PresentationView } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { PointBatcher, Throttle } from './live-ink';
import { PresentationFollow } from './presentation-follow.service';

/** The live pen: red, a little wider than the annotation pen so the back of the hall sees it. */
export const LIVE_PEN_COLOR = '#e53935';
export const LIVE_PEN_WIDTH = 0.005;

let strokeSeq = 0;

/**
 * Presenter mode in the reader (provided by the reader page): the meeting's room for the presentation slice, who
 * may present, the presenter's requests (start, view throttled, ink batched, clear, stop) and the follow mode.
 */
@Injectable()
export class PresenterSession {
  private readonly realtime = inject(RealtimeClient);
  private readonly meetings = inject(MeetingsApi);
  private readonly session = inject(SessionStore);
  private readonly follow = inject(PresentationFollow);

  private readonly room = signal<MeetingRoomStore | null>(null);
  private readonly role = signal<MeetingRole | null>(null);
  private readonly meetingIdSignal = signal('');
  /** The document the reader shows. */
  readonly documentId = signal('');
  readonly busy = signal(false);
  readonly error = signal(false);
  /** The presenter's pen is on: touches on the presented page draw instead of scrolling. */
  readonly pen = signal(false);
  /** The stroke being drawn here (shown before the server echoes it). */
  private readonly localStroke = signal<{ page: number; stroke: LiveStroke } | null>(null);

  readonly presentation = computed(() => this.room()?.state()?.presentation ?? null);
  private readonly me = computed(() => this.session.user()?.id ?? null);
  readonly isPresenter = computed(() => !!this.me() && this.presentation()?.presenterId === this.me());
  readonly hosts = computed(() => mayPreside(this.role()));
  /** The chair, a secretary, or whoever has the floor (the server checks again). */
  readonly mayPresent = computed(() => this.hosts() || (!!this.me() && this.room()?.state()?.floor.speaker?.userId === this.me()));
  /** The presentation is of the document on screen. */
  readonly here = computed(() => this.presentation()?.documentId === this.documentId());
  readonly mode = computed(() => (this.presentation() ? this.follow.mode(this.meetingIdSignal()) : 'none'));

  private batcher: PointBatcher | null = null;
  private readonly viewThrottle = new Throttle<PresentationView>((v) => void this.request('view', { meetingId: this.meetingIdSignal(), ...v }));

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.viewThrottle.cancel();
      this.room()?.close();
    });
  }

  /** Opens the meeting's room (once per meeting) and reads the person's role in it. */
  connect(meetingId: string): void {
    if (this.meetingIdSignal() === meetingId) return;
    this.room()?.close();
    this.meetingIdSignal.set(meetingId);
    const room = this.realtime.openRoom(meetingId);
    this.room.set(room);
    void room.join();
    this.role.set(null);
    firstValueFrom(this.meetings.get(meetingId)).then(
      (m) => this.role.set(m.myRole),
      () => undefined,
    );
  }

  /** The ink to draw over page `page` of the document on screen. */
  inkFor(page: number): LiveStroke[] | null {
    const p = this.presentation();
    if (!p || !this.here() || p.page !== page) return null;
    const local = this.localStroke();
    if (!local || local.page !== page) return p.ink;
    return [...p.ink.filter((s) => s.id !== local.stroke.id), local.stroke];
  }

  setMode(mode: 'following' | 'detached'): void {
    this.follow.set(this.meetingIdSignal(), mode);
  }

  async start(version: number, page: number): Promise<void> {
    const ok = await this.request('start', { meetingId: this.meetingIdSignal(), documentId: this.documentId(), version, page });
    if (ok) this.follow.set(this.meetingIdSignal(), 'none');
  }

  async stop(): Promise<void> {
    this.pen.set(false);
    await this.request('stop', { meetingId: this.meetingIdSignal() });
  }

  async clearInk(): Promise<void> {
    await this.request('clearInk', { meetingId: this.meetingIdSignal() });
  }

  /** The presenter's reader turned or zoomed: followers get it, at most every 150 ms. */
  view(page: number, zoom: number): void {
    this.viewThrottle.push({ page, zoom, focus: null });
  }

  beginStroke(page: number, point: number[]): void {
    void this.batcher?.end();
    const stroke: LiveStroke = { id: `live-${Date.now().toString(36)}-${++strokeSeq}`, color: LIVE_PEN_COLOR, width: LIVE_PEN_WIDTH, points: [] };
    const meetingId = this.meetingIdSignal();
    this.localStroke.set({ page, stroke });
    this.batcher = new PointBatcher(stroke.id, (m) =>
      m.kind === 'stroke'
        ? this.realtime.presentationRequest('stroke', { meetingId, stroke: { ...stroke, points: m.points } })
        : this.realtime.presentationRequest('points', { meetingId, strokeId: m.strokeId, points: m.points }),
    );
    this.addPoint(point);
  }

  addPoint(point: number[]): void {
    const local = this.localStroke();
    if (!local || !this.batcher) return;
    this.localStroke.set({ page: local.page, stroke: { ...local.stroke, points: [...local.stroke.points, point] } });
    this.batcher.add(point);
  }

  endStroke(): void {
    const batcher = this.batcher;
    this.batcher = null;
    if (!batcher) return;
    void batcher.end().then(() => {
      if (this.localStroke()?.stroke.id === batcher.strokeId) this.localStroke.set(null);
    });
  }

  private async request<M extends PresentationMethod>(method: M, data: PresentationRequests[M]['req']): Promise<boolean> {
    const quiet = method === 'view';
    if (!quiet) this.busy.set(true);
    try {
      const ack = await this.realtime.presentationRequest(method, data);
      this.error.set(!ack.ok);
      return ack.ok;
    } finally {
      if (!quiet) this.busy.set(false);
    }
  }
}
