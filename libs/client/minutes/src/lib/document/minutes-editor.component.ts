import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, computed, effect, inject, input, output, signal, untracked, viewChild, viewChildren } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MinutesApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { MINUTES_NUMBER_MAX_LENGTH, type MinutesDto, type MinutesKind, type SaveMinutesDraftRequest } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { EditorCommands } from '../editor/editor-commands';
import { EditorToolbarComponent } from '../editor/editor-toolbar.component';
import { RichTextEditorComponent } from '../editor/rich-text-editor.component';
import { changedConclusions, conclusionRows, saveLabel } from '../minutes-view';
import { DraftSaver, type SaveResult } from './draft-saver';

/** Keepalive requests (sent as the tab closes) may carry at most 64 kB; larger drafts ask the browser to stay. */
const KEEPALIVE_MAX_BYTES = 60_000;

/**
 * The secretary's draft: the document number, the body and (conclusions) one area per agenda item, under a sticky
 * bar with the formatting buttons and the save indicator. Saves a moment after typing stops, when the tab is
 * hidden or closed and when this view goes away, each with the version and revision the text was loaded at; a
 * stale save stops autosaving and offers the latest text (`reload`) rather than overwriting someone else's.
 */
@Component({
  selector: 'ph-minutes-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, EditorToolbarComponent, RichTextEditorComponent, ...I18N_PIPES],
  providers: [EditorCommands],
  host: {
    '(window:beforeunload)': 'onUnload($event)',
    '(document:visibilitychange)': 'onVisibility()',
  },
  templateUrl: './minutes-editor.component.html',
  styleUrl: './minutes-editor.component.scss',
})
export class MinutesEditorComponent {
  readonly meetingId = input.required<string>();
  readonly kind = input.required<MinutesKind>();
  /** The draft as loaded; a new one (reloading) writes the editors again and starts saving from it. */
  readonly draft = input.required<MinutesDto>();
  /** Each stored save: the new revision, who and when. */
  readonly saved = output<MinutesDto>();
  /** The secretary asks for the latest text (after a conflict). */
  readonly reload = output<void>();

  private readonly api = inject(MinutesApi);
  private readonly i18n = inject(I18nService);
  private readonly saver = signal<DraftSaver | null>(null);
  /** Bumped with every draft loaded, so the areas are written again even with the same text. */
  protected readonly key = signal(0);
  protected readonly items = computed(() => conclusionRows(this.draft().items));
  protected readonly state = computed(() => this.saver()?.state() ?? null);
  protected readonly saveText = computed(() => {
    const state = this.state();
    return state ? saveLabel(state, (iso) => this.i18n.formatTime(iso)) : null;
  });
  /** A conflict or a finalized draft: nothing more is saved until the latest text is loaded. */
  readonly stopped = computed(() => this.state()?.kind === 'conflict' || this.state()?.kind === 'final');
  protected readonly numberMax = MINUTES_NUMBER_MAX_LENGTH;

  private readonly bodyEditor = viewChild<RichTextEditorComponent>('body');
  private readonly itemEditors = viewChildren<RichTextEditorComponent>('item');
  private readonly numberInput = viewChild<ElementRef<HTMLInputElement>>('number');
  /** The version and revision the text on screen was made on, sent with every save. */
  private base = { version: 0, revision: 0 };
  /** The conclusions as last saved, to send only those that changed. */
  private savedItems = new Map<string, string>();

  constructor() {
    effect(() => {
      const draft = this.draft();
      untracked(() => {
        this.saver()?.dispose();
        this.base = { version: draft.version, revision: draft.revision };
        this.savedItems = new Map(draft.items.map((i) => [i.itemId, i.conclusionHtml ?? '']));
        this.key.update((k) => k + 1);
        this.saver.set(new DraftSaver({ save: () => this.save(), savedAt: draft.revision > 0 ? draft.updatedAt : null }));
      });
    });
    // The number field is written with the text (it is not bound, so typing is never overwritten).
    effect(() => {
      this.key();
      const field = this.numberInput();
      if (field) untracked(() => (field.nativeElement.value = this.draft().number));
    });
    inject(DestroyRef).onDestroy(() => {
      const saver = this.saver();
      // Leaving the page or switching views: what was typed is saved (the request outlives this component).
      if (saver?.pending) void saver.flush().finally(() => saver.dispose());
      else saver?.dispose();
    });
  }

  /** Saves what is pending now (before finalizing); false when it could not be saved. */
  flush(): Promise<boolean> {
    return this.saver()?.flush() ?? Promise.resolve(true);
  }

  focus(): void {
    this.bodyEditor()?.focus();
  }

  protected changed(): void {
    this.saver()?.changed();
  }

  private request(): { request: SaveMinutesDraftRequest; itemsNow: Map<string, string> } | null {
    const body = this.bodyEditor();
    if (!body) return null;
    const itemsNow = new Map(this.items().map((row, i) => [row.itemId, this.itemEditors()[i]?.html() ?? row.html]));
    const items = changedConclusions(this.savedItems, itemsNow);
    const request: SaveMinutesDraftRequest = {
      bodyHtml: body.html(),
      number: (this.numberInput()?.nativeElement.value ?? '').trim(),
      baseVersion: this.base.version,
      baseRevision: this.base.revision,
      ...(items.length > 0 && { items }),
    };
    return { request, itemsNow };
  }

  private async save(): Promise<SaveResult> {
    const draft = this.request();
    if (!draft) return { ok: false, reason: 'error' };
    try {
      const saved = await firstValueFrom(this.api.saveDraft(this.meetingId(), this.kind(), draft.request));
      this.base = { version: saved.version, revision: saved.revision };
      this.savedItems = draft.itemsNow;
      this.saved.emit(saved);
      return { ok: true, at: saved.updatedAt };
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'MINUTES_CONFLICT') return { ok: false, reason: 'conflict' };
      if (error.code === 'MINUTES_FINAL') return { ok: false, reason: 'final' };
      return { ok: false, reason: 'error' };
    }
  }

  /** The tab is closing: a last save that survives the page (a larger draft asks the browser to stay instead). */
  protected onUnload(event: BeforeUnloadEvent): void {
    const saver = this.saver();
    const draft = saver?.pending ? this.request() : null;
    if (!saver || !draft) return;
    const body = JSON.stringify(draft.request);
    // Up to 3 bytes per character in UTF-8.
    if (body.length * 3 > KEEPALIVE_MAX_BYTES) {
      event.preventDefault();
      return;
    }
    saver.dispose();
    void fetch(this.api.draftUrl(this.meetingId(), this.kind()), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
      keepalive: true,
      credentials: 'same-origin',
    }).catch(() => undefined);
  }

  /** A tablet switching apps or locking its screen: save now rather than in a moment. */
  protected onVisibility(): void {
    if (document.visibilityState === 'hidden' && this.saver()?.pending) void this.saver()?.flush();
  }
}
