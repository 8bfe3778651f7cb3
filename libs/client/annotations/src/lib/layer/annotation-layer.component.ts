import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, untracked, viewChild } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import type { AnnotationTarget } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { needsCheck, needsTextPlacement } from '../model/anchoring';
import type { ViewItem } from '../model/annotation-state';
import { PEN_WIDTH, SHAPE_WIDTH, VIEW_WIDTH, boxOf, clamp, type Point } from '../model/geometry';
import { NOTE_SIZE, renderItem } from '../model/render';
import { NoteDialog, type NoteDialogData } from '../dialogs/note.dialog';
import { SharePeopleDialog, type SharePeopleData } from '../dialogs/share-people.dialog';
import { AnnotationSession, type ShapeKind } from '../sync/annotation-session';
import { AnnotationMenuComponent, type MenuAction, type MenuPlace } from './annotation-menu.component';
import { captureHighlight } from './highlight-capture';
import { PageInput } from './page-input';
import { placeFromTextLayer } from './text-placement';

const KIND_LABEL: Record<ViewItem['kind'], MessageKey> = { ink: 'annot.kind.ink', highlight: 'annot.kind.highlight', note: 'annot.kind.note', shape: 'annot.kind.shape' };

/**
 * `<ph-annotation-layer [page] [aspect]>`: one page's annotations drawn in SVG over the page, in page-normalised
 * coordinates (a viewBox 1000 wide, so any zoom draws them alike), and the tools at work on that page: pen and shapes
 * (`PageInput`), highlight (a selection on the page's pdf.js text layer), note (tap), eraser (tap an annotation) and,
 * with no tool, the menu of a tapped annotation. Someone else's shared annotations are framed, named and read only.
 * Placed inside the reader's page box (absolute, over the canvas and the text layer).
 */
@Component({
  selector: 'ph-annotation-layer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AnnotationMenuComponent, ...I18N_PIPES],
  templateUrl: './annotation-layer.component.html',
  styleUrl: './annotation-layer.component.scss',
  host: {
    '[attr.data-testid]': "on() ? 'annot-layer-' + page() : null",
    '[attr.data-tool]': 'session.tool()',
    '[class.ph-annot-off]': '!on()',
  },
})
export class AnnotationLayerComponent {
  /** 1-based page number. */
  readonly page = input.required<number>();
  /** The page's height / width. */
  readonly aspect = input.required<number>();

  protected readonly session = inject(AnnotationSession);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly svgRef = viewChild<ElementRef<SVGSVGElement>>('svg');
  private readonly previewRef = viewChild<ElementRef<SVGPathElement>>('preview');

  protected readonly on = this.session.enabled;
  protected readonly width = VIEW_WIDTH;
  protected readonly noteSize = NOTE_SIZE;
  protected readonly viewHeight = computed(() => Math.round(VIEW_WIDTH * this.aspect() * 10) / 10);
  private readonly items = computed(() => (this.on() ? (this.session.pages().get(this.page()) ?? []) : []));
  protected readonly drawn = computed(() => this.items().map((item) => ({ item, r: renderItem(item, this.aspect()), check: needsCheck(item) })));
  protected readonly previewWidth = computed(() => (this.session.tool() === 'pen' ? PEN_WIDTH : SHAPE_WIDTH) * VIEW_WIDTH);
  protected readonly menu = computed<{ item: ViewItem; place: MenuPlace } | null>(() => {
    const id = this.session.selected();
    const found = id ? this.drawn().find((d) => d.r.id === id) : undefined;
    if (!found) return null;
    const hit = found.r.hit;
    const height = this.viewHeight();
    const alignRight = hit.x / VIEW_WIDTH > 0.6;
    const above = (hit.y + hit.h) / height > 0.7;
    return {
      item: found.item,
      place: {
        left: clamp(((alignRight ? hit.x + hit.w : hit.x) / VIEW_WIDTH) * 100, 0, 100),
        top: clamp(((above ? hit.y : hit.y + hit.h) / height) * 100, 0, 100),
        alignRight,
        above,
      },
    };
  });

  private readonly input = new PageInput({
    svg: () => this.svgRef()?.nativeElement ?? null,
    aspect: () => this.aspect(),
    tool: () => (this.session.tool() === 'pen' ? 'pen' : this.session.tool() === 'shape' ? 'shape' : 'other'),
    shape: () => this.session.shape(),
    preview: (d) => this.preview(d),
    commitInk: (points) => this.commitInk(points),
    commitShape: (shape, from, to) => this.commitShape(shape, from, to),
  });

  constructor() {
    // Pointer listeners outside the template: a stroke's many moves must not each run change detection.
    effect((onCleanup) => {
      const svg = this.svgRef()?.nativeElement;
      if (!svg) return;
      const down = (e: PointerEvent) => this.input.down(e);
      const move = (e: PointerEvent) => this.input.move(e);
      const up = (e: PointerEvent) => this.input.up(e);
      const cancel = (e: PointerEvent) => this.input.cancel(e);
      svg.addEventListener('pointerdown', down);
      svg.addEventListener('pointermove', move);
      svg.addEventListener('pointerup', up);
      svg.addEventListener('pointercancel', cancel);
      onCleanup(() => {
        svg.removeEventListener('pointerdown', down);
        svg.removeEventListener('pointermove', move);
        svg.removeEventListener('pointerup', up);
        svg.removeEventListener('pointercancel', cancel);
      });
    });
    effect(() => {
      this.session.tool();
      untracked(() => this.input.abandon());
    });
    effect((onCleanup) => {
      if (this.on() && this.session.tool() === 'highlight') onCleanup(this.watchSelection());
    });
    // Highlights carried from an earlier version whose text moved (no boxes): placed from this page's text layer.
    effect(() => {
      const page = this.page();
      if (!this.on() || !this.session.textLayers().get(page)) return;
      const placements = untracked(() => this.session.placements());
      const todo = this.session.items().filter((i) => i.target.page === page && needsTextPlacement(i) && placements.get(i.id)?.revision !== i.revision);
      if (todo.length) afterNextRender(() => this.placeFromText(todo), { injector: this.injector });
    });
  }

  private placeFromText(todo: readonly ViewItem[]): void {
    const pageEl = this.host.nativeElement.parentElement;
    const svg = this.svgRef()?.nativeElement;
    if (!pageEl || !svg) return;
    const box = svg.getBoundingClientRect();
    for (const item of todo) {
      const text = item.target.text;
      if (!text) continue;
      const found = placeFromTextLayer(pageEl, box, text);
      if (found.ready) this.session.place(item.id, { revision: item.revision, rects: found.rects });
    }
  }

  // ── taps ─────────────────────────────────────────────────────────────────────────────────────────────

  /** A tap on the page itself: with the note tool, a note goes there. */
  protected async onPageTap(event: MouseEvent): Promise<void> {
    const svg = this.svgRef()?.nativeElement;
    if (this.session.tool() !== 'note' || !svg) return;
    const box = svg.getBoundingClientRect();
    const x = clamp((event.clientX - box.left) / box.width, 0, 1 - NOTE_SIZE / VIEW_WIDTH);
    const y = clamp((event.clientY - box.top) / box.height, 0, 1);
    const body = await this.editText({ body: '', isNew: true });
    if (body) this.session.create('note', { page: this.page(), at: { x: round(x), y: round(y), w: 0, h: 0 } }, body);
  }

  protected onItemTap(item: ViewItem, event: Event): void {
    event.stopPropagation();
    if (this.session.tool() === 'eraser') {
      if (item.mine) this.session.remove(item.id);
      else this.snackBar.open(this.i18n.t('annot.readOnly'), this.i18n.t('common.close'), { duration: 5000 });
      return;
    }
    this.session.selected.update((id) => (id === item.id ? null : item.id));
  }

  protected async onMenu(item: ViewItem, action: MenuAction): Promise<void> {
    switch (action.type) {
      case 'close':
        this.session.selected.set(null);
        return;
      case 'delete':
        this.session.remove(item.id);
        return;
      case 'color':
        if (action.color !== item.color) this.session.update(item.id, { color: action.color });
        return;
      case 'share':
        if (action.visibility !== item.visibility) this.session.share(item.id, action.visibility);
        return;
      case 'view':
        await this.editText({ body: item.body, readOnly: true, ownerName: item.ownerName });
        return;
      case 'edit': {
        const body = await this.editText({ body: item.body });
        if (body !== undefined && body !== item.body) this.session.update(item.id, { body });
        return;
      }
      case 'named': {
        const data: SharePeopleData = { participants: this.session.participants(), selected: item.visibility === 'named' ? item.sharedWith : [], meId: item.ownerId };
        const chosen = await firstValueFrom(this.dialog.open<SharePeopleDialog, SharePeopleData, string[]>(SharePeopleDialog, { data, autoFocus: 'dialog' }).afterClosed());
        if (chosen?.length) this.session.share(item.id, 'named', chosen);
      }
    }
  }

  protected itemLabel(item: ViewItem): string {
    return this.i18n.t('annot.itemLabel', { kind: this.i18n.t(KIND_LABEL[item.kind]), name: item.ownerName });
  }

  // ── drawing ──────────────────────────────────────────────────────────────────────────────────────────

  private commitInk(points: Point[]): void {
    if (points.length) this.session.create('ink', { page: this.page(), strokes: [{ points, width: PEN_WIDTH }] });
    // The stroke drawn by hand stays until the annotation that replaces it is on screen.
    afterNextRender(() => this.preview(null), { injector: this.injector });
  }

  private commitShape(shape: ShapeKind, from: Point, to: Point): void {
    const target: AnnotationTarget = { page: this.page(), shape, at: boxOf(from, to) };
    if (shape === 'arrow') target.strokes = [{ points: [from.slice(0, 2), to.slice(0, 2)], width: SHAPE_WIDTH }];
    this.session.create('shape', target);
    afterNextRender(() => this.preview(null), { injector: this.injector });
  }

  private preview(d: string | null): void {
    const path = this.previewRef()?.nativeElement;
    if (!path) return;
    if (d) path.setAttribute('d', d);
    else path.removeAttribute('d');
  }

  /**
   * Highlighting: a selection finished on this page's text layer becomes a highlight. Mouse selections end with
   * the button's release; touch selections (long press, then handles) once they have been still for a moment.
   */
  private watchSelection(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pressed = false;
    const capture = () => {
      clearTimeout(timer);
      const page = this.host.nativeElement.parentElement;
      const svg = this.svgRef()?.nativeElement;
      if (!page || !svg) return;
      const found = captureHighlight(page, svg.getBoundingClientRect(), document.getSelection());
      if (!found) return;
      document.getSelection()?.removeAllRanges();
      this.session.create('highlight', { page: this.page(), text: found.text, rects: found.rects });
    };
    const down = () => (pressed = true);
    const up = () => {
      pressed = false;
      timer = setTimeout(capture, 0);
    };
    const changed = () => {
      clearTimeout(timer);
      if (!pressed) timer = setTimeout(capture, 700);
    };
    document.addEventListener('pointerdown', down);
    document.addEventListener('pointerup', up);
    document.addEventListener('selectionchange', changed);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', down);
      document.removeEventListener('pointerup', up);
      document.removeEventListener('selectionchange', changed);
    };
  }

  private async editText(data: NoteDialogData): Promise<string | undefined> {
    const ref = this.dialog.open<NoteDialog, NoteDialogData, string>(NoteDialog, { data, autoFocus: data.readOnly ? 'dialog' : 'first-tabbable' });
    return firstValueFrom(ref.afterClosed());
  }
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
