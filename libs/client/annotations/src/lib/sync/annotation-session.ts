import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SessionStore } from '@phonghop/client-auth';
import { AnnotationsApi, MeetingsApi, RealtimeClient } from '@phonghop/client-data-access';
import type { AnnotationDto, AnnotationFields, AnnotationKind, AnnotationTarget, AnnotationVisibility, ParticipantDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { splitPlaced, type Placement } from '../model/anchoring';
import { applyNotice, applyResult, byPage, EMPTY_HELD, fromList, project, type Held, type Me, type ViewItem } from '../model/annotation-state';
import { EMPTY_HISTORY, fieldsBefore, record, redo, undo, type Action, type History, type Intent, type Snapshot } from '../model/history';
import { newAnnotationId, newOpId } from '../model/ids';
import { AnnotationSync, type OutgoingOp } from './annotation-sync';

export type AnnotationTool = 'none' | 'pen' | 'highlight' | 'note' | 'shape' | 'eraser';
export type ShapeKind = 'rect' | 'ellipse' | 'arrow';

/** Five colours, large swatches: red, yellow, green, blue, black. */
export const ANNOTATION_COLORS = ['#d32f2f', '#f9a825', '#2e7d32', '#1565c0', '#212121'] as const;
export const ENABLED_STORAGE_KEY = 'phonghop.annotations.on';

interface VersionKey {
  meetingId: string;
  documentId: string;
  version: number;
}

/**
 * The annotations of the document version open in one reader (provided by the reader page): what the server
 * confirmed (its list, answers to this device's ops, `annotations:changed` notices by revision), with this
 * person's queued ops on top (`items`), the tools, the colour, and undo/redo of their own changes. Offline, the
 * version's last known list comes from the device. Every change goes through `AnnotationSync`'s queue.
 */
@Injectable()
export class AnnotationSession {
  private readonly sync = inject(AnnotationSync);
  private readonly api = inject(AnnotationsApi);
  private readonly meetings = inject(MeetingsApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly auth = inject(SessionStore);

  /** "Ghi chú" is on: annotations drawn and the tools shown (remembered on the device). */
  readonly enabled = signal(readEnabled());
  readonly tool = signal<AnnotationTool>('none');
  readonly shape = signal<ShapeKind>('rect');
  readonly color = signal<string>(ANNOTATION_COLORS[0]);
  /** The annotation whose menu is open. */
  readonly selected = signal<string | null>(null);
  /** `cached`: the server could not be asked; the device's last copy is shown. */
  readonly loadState = signal<'idle' | 'loading' | 'ready' | 'cached'>('idle');

  private readonly key = signal<VersionKey | null>(null);
  private readonly held = signal<Held>(EMPTY_HELD);
  private readonly history = signal<History>(EMPTY_HISTORY);
  /** While the server's list is on its way: what arrived meanwhile, replayed over it. */
  private buffer: ((held: Held) => Held)[] | null = null;
  private loadToken = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  readonly me = computed<Me | null>(() => {
    const user = this.auth.user();
    return user ? { id: user.id, name: user.fullName } : null;
  });
  private readonly queued = computed(() => {
    const k = this.key();
    return k ? this.sync.queue().filter((e) => e.documentId === k.documentId && e.version === k.version) : [];
  });
  readonly items = computed(() => project(this.held(), this.queued(), this.me()));
  /**
   * Highlights carried from an earlier version without boxes, placed again from their page's text (by id, for a
   * revision; `rects: null`: not found there). Filled by the page overlays once their text layer is drawn.
   */
  readonly placements = signal<ReadonlyMap<string, Placement>>(new Map());
  /** Pages whose pdf.js text layer is drawn (a count per page: each drawing, e.g. after a zoom, bumps it). */
  readonly textLayers = signal<ReadonlyMap<number, number>>(new Map());
  private readonly split = computed(() => splitPlaced(this.items(), this.placements()));
  /** What is drawn on the pages: all but the annotations carried from an earlier version that could not be placed. */
  readonly pages = computed(() => byPage(this.split().placed));
  /** Carried from an earlier version and not placed on this one: listed apart with their old page and quote. */
  readonly orphans = computed(() => this.split().orphans);
  readonly documentId = computed(() => this.key()?.documentId ?? null);
  readonly canUndo = computed(() => this.history().done.length > 0);
  readonly canRedo = computed(() => this.history().undone.length > 0);
  readonly syncState = this.sync.state;
  /** Every change of this person still waiting for the server (all documents). */
  readonly pendingCount = computed(() => this.sync.queue().length);
  readonly meetingId = computed(() => this.key()?.meetingId ?? null);

  constructor() {
    this.realtime.annotationsChanged$.pipe(takeUntilDestroyed()).subscribe((notice) => {
      const k = this.key();
      if (k) this.change((held) => applyNotice(held, notice, k.documentId, k.version));
    });
    this.sync.settled$.pipe(takeUntilDestroyed()).subscribe((answered) => {
      const k = this.key();
      const mine = k ? answered.filter((s) => s.entry.documentId === k.documentId && s.entry.version === k.version) : [];
      if (mine.length) this.change((held) => mine.reduce((h, s) => applyResult(h, s.entry, s.result), held));
    });
    // Notices missed while away: ask for the list again when the socket or the server is back.
    this.realtime.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.reload());
    let wasOnline = this.sync.online();
    effect(() => {
      const online = this.sync.online();
      if (online && !wasOnline) untracked(() => this.reload());
      wasOnline = online;
    });
    inject(DestroyRef).onDestroy(() => {
      this.flushSave();
      this.loadToken++;
    });
  }

  /** The reader shows this version (loads its annotations once "Ghi chú" is on). */
  open(meetingId: string, documentId: string, version: number): void {
    const k = this.key();
    if (k && k.documentId === documentId && k.version === version) return;
    this.flushSave();
    this.key.set({ meetingId, documentId, version });
    this.held.set(EMPTY_HELD);
    this.history.set(EMPTY_HISTORY);
    this.selected.set(null);
    this.placements.set(new Map());
    this.textLayers.set(new Map());
    this.loadState.set('idle');
    if (this.enabled()) void this.load();
  }

  setEnabled(on: boolean): void {
    this.enabled.set(on);
    this.tool.set('none');
    this.selected.set(null);
    writeEnabled(on);
    if (on && this.loadState() === 'idle') void this.load();
  }

  /** Picks a tool; picking the current one again puts it down. */
  setTool(tool: AnnotationTool): void {
    this.tool.update((t) => (t === tool ? 'none' : tool));
    this.selected.set(null);
  }

  /** The reader drew page `n`'s text layer (highlights without boxes can now be placed from their text). */
  textLayerReady(n: number): void {
    this.textLayers.update((m) => new Map(m).set(n, (m.get(n) ?? 0) + 1));
  }

  /** A highlight without boxes looked for on its page's text layer: where it was found, or `null` rects. */
  place(id: string, placement: Placement): void {
    const current = this.placements().get(id);
    if (current && current.revision === placement.revision && sameRects(current.rects, placement.rects)) return;
    this.placements.update((m) => new Map(m).set(id, placement));
  }

  itemById(id: string): ViewItem | undefined {
    return this.items().find((i) => i.id === id);
  }

  // ── changes (each one op, and one step to undo) ─────────────────────────────────────────────────────

  create(kind: AnnotationKind, target: AnnotationTarget, body = ''): string | null {
    if (!this.key() || !this.me()) return null;
    const item: Snapshot = { id: newAnnotationId(), kind, target, color: this.color(), body };
    this.send([this.createOp(item)]);
    this.remember({ type: 'create', item });
    return item.id;
  }

  update(id: string, fields: AnnotationFields): void {
    const item = this.itemById(id);
    if (!item?.mine) return;
    this.send([this.updateOp(item, fields)]);
    this.remember({ type: 'update', id, before: fieldsBefore(item, fields), after: fields });
  }

  remove(id: string): void {
    const item = this.itemById(id);
    if (!item?.mine) return;
    this.send([{ op: { opId: newOpId(), type: 'delete', annotationId: id }, base: item.revision }]);
    this.remember({ type: 'delete', item: snapshotOf(item) });
    if (this.selected() === id) this.selected.set(null);
  }

  share(id: string, visibility: AnnotationVisibility, sharedWith: string[] = []): void {
    const item = this.itemById(id);
    if (!item?.mine) return;
    const after = { visibility, sharedWith: visibility === 'named' ? sharedWith : [] };
    this.send([this.shareOp(item, after)]);
    this.remember({ type: 'share', id, before: { visibility: item.visibility, sharedWith: item.sharedWith }, after });
  }

  undo(): void {
    const step = undo(this.history(), () => newAnnotationId());
    if (!step) return;
    this.history.set(step.history);
    this.perform(step.intent);
  }

  redo(): void {
    const step = redo(this.history(), () => newAnnotationId());
    if (!step) return;
    this.history.set(step.history);
    this.perform(step.intent);
  }

  /** The meeting's participants, to share with by name. */
  participants(): Promise<ParticipantDto[]> {
    const k = this.key();
    return k ? firstValueFrom(this.meetings.participants(k.meetingId)) : Promise.resolve([]);
  }

  exportUrl(): string | null {
    const k = this.key();
    return k ? this.api.exportUrl(k.documentId, k.version) : null;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────

  private perform(intent: Intent): void {
    if (intent.type === 'create') {
      this.send([this.createOp(intent.item)]);
      return;
    }
    const item = this.itemById(intent.id);
    // Gone meanwhile (deleted on another device): nothing to undo there.
    if (!item?.mine) return;
    if (intent.type === 'delete') this.send([{ op: { opId: newOpId(), type: 'delete', annotationId: item.id }, base: item.revision }]);
    else if (intent.type === 'update') this.send([this.updateOp(item, intent.fields)]);
    else this.send([this.shareOp(item, intent.sharing)]);
  }

  private createOp(item: Snapshot): OutgoingOp {
    const k = this.key() as VersionKey;
    return { op: { opId: newOpId(), type: 'create', annotation: { ...item, documentId: k.documentId, version: k.version } } };
  }

  private updateOp(item: ViewItem, fields: AnnotationFields): OutgoingOp {
    return { op: { opId: newOpId(), type: 'update', annotationId: item.id, baseRevision: item.revision, fields }, base: item.revision };
  }

  private shareOp(item: ViewItem, sharing: { visibility: AnnotationVisibility; sharedWith: string[] }): OutgoingOp {
    return { op: { opId: newOpId(), type: 'share', annotationId: item.id, ...sharing }, base: item.revision };
  }

  private send(ops: OutgoingOp[]): void {
    const k = this.key();
    if (k) this.sync.enqueue(k.documentId, k.version, ops);
  }

  private remember(action: Action): void {
    this.history.update((h) => record(h, action));
  }

  private change(fn: (held: Held) => Held): void {
    this.held.update(fn);
    this.buffer?.push(fn);
    this.scheduleSave();
  }

  private reload(): void {
    if (this.key() && this.enabled()) void this.load();
  }

  private async load(): Promise<void> {
    const k = this.key();
    if (!k) return;
    const token = ++this.loadToken;
    this.buffer = [];
    if (this.loadState() === 'idle') this.loadState.set('loading');
    if (this.loadState() !== 'ready') {
      const cached = await this.sync.readList(k.documentId, k.version);
      if (token !== this.loadToken) return;
      if (cached) this.held.set((this.buffer ?? []).reduce((h, fn) => fn(h), fromList(cached)));
    }
    let list: AnnotationDto[];
    try {
      list = await firstValueFrom(this.api.list(k.documentId, k.version));
    } catch {
      if (token !== this.loadToken) return;
      this.buffer = null;
      if (this.loadState() !== 'ready') this.loadState.set('cached');
      return;
    }
    if (token !== this.loadToken) return;
    const buffered = this.buffer ?? [];
    this.buffer = null;
    this.held.set(buffered.reduce((h, fn) => fn(h), fromList(list)));
    this.loadState.set('ready');
    this.scheduleSave();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushSave(), 400);
  }

  /** Keeps the confirmed annotations of this version on the device, for opening it offline. */
  private flushSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const k = this.key();
    // Only over a real base (the server's list or the device's copy), never over a half-loaded one.
    if (k && (this.loadState() === 'ready' || this.loadState() === 'cached')) this.sync.writeList(k.documentId, k.version, [...this.held().items.values()]);
  }
}

function sameRects(a: Placement['rects'], b: Placement['rects']): boolean {
  return a === b || (!!a && !!b && JSON.stringify(a) === JSON.stringify(b));
}

function snapshotOf(item: ViewItem): Snapshot {
  return { id: item.id, kind: item.kind, target: item.target, color: item.color, body: item.body };
}

function readEnabled(): boolean {
  try {
    return globalThis.localStorage?.getItem(ENABLED_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

function writeEnabled(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(ENABLED_STORAGE_KEY, on ? '1' : '0');
  } catch {
    // Private mode: the choice lasts for this page.
  }
}
