import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MinutesApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey, type MessageParams } from '@phonghop/client-i18n';
import { SignedDocumentComponent, type SignerRole } from '@phonghop/client-documents';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';
import type { ApiErrorBody, MinutesDto, MinutesKind, MinutesVersionDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { kindTitleKey, minutesView, type MinutesAudience } from '../minutes-view';
import { MinutesEditorComponent } from './minutes-editor.component';
import { MinutesPaperComponent } from './minutes-paper.component';
import { MinutesVersionsComponent } from './minutes-versions.component';

/**
 * One kind (minutes or conclusions) of a meeting: the secretary starts the draft, edits it (`MinutesEditorComponent`),
 * finalizes it and starts corrections; the chair reads the draft and finalizes it; everyone else reads the final
 * version. Below, the versions with their PDFs.
 */
@Component({
  selector: 'ph-minutes-document',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MinutesEditorComponent, MinutesPaperComponent, MinutesVersionsComponent, SignedDocumentComponent, ...I18N_PIPES],
  templateUrl: './minutes-document.component.html',
  styleUrl: './minutes-document.component.scss',
})
export class MinutesDocumentComponent {
  readonly meetingId = input.required<string>();
  readonly kind = input.required<MinutesKind>();
  readonly audience = input.required<MinutesAudience>();

  private readonly api = inject(MinutesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly loadError = signal<ApiErrorBody | null>(null);
  /** The version shown, as last read or saved (status, revision, who and when). */
  protected readonly doc = signal<MinutesDto | null>(null);
  /** The version as loaded, for the editor; replaced only on (re)loading, never by its own saves. */
  protected readonly content = signal<MinutesDto | null>(null);
  protected readonly versions = signal<MinutesVersionDto[]>([]);
  private readonly editor = viewChild(MinutesEditorComponent);

  protected readonly view = computed(() => minutesView(this.audience(), this.doc()));
  protected readonly titleKey = computed(() => kindTitleKey(this.kind()));
  /** The signature area the reader signs in: the chair's, or the secretary's (conclusions have the chair's only). */
  protected readonly signerRole = computed<SignerRole | null>(() => {
    const audience = this.audience();
    if (audience === 'chair') return 'chair';
    return audience === 'writer' && this.kind() === 'minutes' ? 'secretary' : null;
  });
  /** Saving stopped on a conflict: finalizing would make someone else's text final unseen. */
  protected readonly stopped = computed(() => this.editor()?.stopped() ?? false);
  private loads = 0;

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      const kind = this.kind();
      untracked(() => void this.load(meetingId, kind));
    });
  }

  /** The shown version's PDF (a plain link; a draft's is marked DỰ THẢO). */
  protected pdfUrl(version: number): string {
    return this.api.pdfUrl(this.meetingId(), this.kind(), version);
  }

  protected reload(): void {
    void this.load(this.meetingId(), this.kind());
  }

  private async load(meetingId: string, kind: MinutesKind): Promise<void> {
    const load = ++this.loads;
    this.loading.set(true);
    this.loadError.set(null);
    const [latest, versions] = await Promise.all([
      firstValueFrom(this.api.latest(meetingId, kind)).catch((e: unknown) => toApiError(e)),
      firstValueFrom(this.api.versions(meetingId, kind)).catch(() => null),
    ]);
    if (load !== this.loads) return;
    this.loading.set(false);
    if (versions) this.versions.set(versions);
    if ('code' in latest) {
      // Nothing yet (or nothing final yet, for a reader) is a state of its own, not an error.
      if (latest.code === 'MINUTES_NOT_FOUND') this.show(null);
      else this.loadError.set(latest);
      return;
    }
    this.show(latest);
  }

  private async reloadVersions(): Promise<void> {
    const list = await firstValueFrom(this.api.versions(this.meetingId(), this.kind())).catch(() => null);
    if (list) this.versions.set(list);
  }

  private show(doc: MinutesDto | null): void {
    this.doc.set(doc);
    this.content.set(doc);
  }

  protected start(): void {
    void this.act(async () => {
      this.show(await firstValueFrom(this.api.startDraft(this.meetingId(), this.kind())));
      void this.reloadVersions();
      setTimeout(() => this.editor()?.focus());
    });
  }

  protected correction(): void {
    void this.act(async () => {
      const draft = await firstValueFrom(this.api.startDraft(this.meetingId(), this.kind()));
      this.show(draft);
      void this.reloadVersions();
      this.toast('minutes.correctionStarted', { version: draft.version });
    });
  }

  protected finalize(): void {
    const doc = this.doc();
    if (!doc) return;
    const data: ConfirmDialogData = { title: 'minutes.finalizeTitle', message: 'minutes.finalizeConfirm', params: { version: doc.version }, confirm: 'minutes.finalize' };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '560px' })
      .afterClosed()
      .subscribe((ok) => {
        if (ok) void this.doFinalize();
      });
  }

  private async doFinalize(): Promise<void> {
    // Everything typed goes in first: the final text is the one on the screen.
    const editor = this.editor();
    if (editor && !(await editor.flush())) {
      this.snackBar.open(this.i18n.t('minutes.finalizeUnsaved'), this.i18n.t('common.close'), { duration: 6000 });
      return;
    }
    await this.act(async () => {
      try {
        // The revision read (or last saved here): a save by someone else since is refused, not made final unseen.
        const final = await firstValueFrom(this.api.finalize(this.meetingId(), this.kind(), this.doc()?.revision));
        this.show(final);
        this.toast('minutes.finalized', { version: final.version });
      } finally {
        void this.reloadVersions();
      }
    });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await work();
    } catch (e) {
      const error = toApiError(e);
      this.snackBar.open(this.i18n.errorMessage(error), this.i18n.t('common.close'), { duration: 8000 });
      // Someone else changed or finalized it meanwhile: show what is there now.
      if (error.code === 'MINUTES_CONFLICT' || error.code === 'MINUTES_FINAL') this.reload();
    } finally {
      this.busy.set(false);
    }
  }

  private toast(key: MessageKey, params?: MessageParams): void {
    this.snackBar.open(this.i18n.t(key, params), undefined, { duration: 4000 });
  }
}
