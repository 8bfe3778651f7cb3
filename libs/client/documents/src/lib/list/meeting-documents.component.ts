import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  booleanAttribute,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { DocumentsApi, MeetingsApi, RealtimeClient, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import {
  DOCUMENT_ACCESS,
  SEARCH_MIN_LENGTH,
  type AgendaItemDto,
  type ApiErrorBody,
  type DocumentAccess,
  type DocumentDto,
  type ParticipantDto,
  type SearchHitDto,
} from '@phonghop/contracts';
import { debounceTime, filter, firstValueFrom } from 'rxjs';
import { OfflineDocuments } from '../offline/offline-documents.service';
import { DocumentReceiptsComponent } from '../receipts/document-receipts.component';
import { UploadManager, type UploadItem } from '../upload/upload-manager';
import { formatBytes } from '../upload/upload-plan';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';
import { EditDocumentDialog, type EditDocumentDialogData } from '../edit/edit-document.dialog';
import { NamedReadersField } from '../edit/named-readers-field.component';
import { PublishDialog } from '../publish/publish.dialog';
import { unpublished } from '../publish/publish-recipients';
import { groupDocuments, numberedAgenda } from './document-groups';
import { SignatureBadgeComponent } from '../signatures/signature-badge.component';

/**
 * `<ph-meeting-documents [meetingId] [canManage] [agenda]>`: the meeting's documents grouped by agenda
 * item, each linking to the reader, with an offline badge once the tablet keeps a copy. Secretaries
 * (`canManage`) also upload (picker or drag-and-drop, several files, chunked and resumable with a live
 * progress bar), publish (one, or "Phát hành tất cả", after a dialog that says who receives what), edit title /
 * agenda item / access, upload new versions and delete.
 */
@Component({
  selector: 'ph-meeting-documents',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SignatureBadgeComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    RouterLink,
    DocumentReceiptsComponent,
    NamedReadersField,
    ...I18N_PIPES,
  ],
  providers: [UploadManager],
  templateUrl: './meeting-documents.component.html',
  styleUrl: './meeting-documents.component.scss',
  host: {
    '(dragover)': 'onDragOver($event)',
    '(dragleave)': 'onDragLeave($event)',
    '(drop)': 'onDrop($event)',
    '[class.dragging]': 'dragging()',
  },
})
export class MeetingDocumentsComponent {
  readonly meetingId = input.required<string>();
  readonly canManage = input(false, { transform: booleanAttribute });
  readonly agenda = input<readonly AgendaItemDto[]>([]);

  private readonly api = inject(DocumentsApi);
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);
  private readonly realtime = inject(RealtimeClient);
  private readonly injector = inject(Injector);
  protected readonly uploads = inject(UploadManager);
  protected readonly offline = inject(OfflineDocuments);

  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');
  private readonly versionInput = viewChild.required<ElementRef<HTMLInputElement>>('versionInput');
  private readonly draftsPanel = viewChild<ElementRef<HTMLElement>>('draftsPanel');
  private readonly uploadList = viewChild<ElementRef<HTMLElement>>('uploadList');

  protected readonly documents = signal<DocumentDto[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly dragging = signal(false);
  protected readonly participants = signal<ParticipantDto[]>([]);

  protected readonly query = signal('');
  protected readonly hits = signal<SearchHitDto[] | null>(null);
  protected readonly searchedFor = signal('');
  protected readonly searchError = signal<ApiErrorBody | null>(null);

  protected readonly accessOptions = DOCUMENT_ACCESS;
  protected readonly agendaOptions = computed(() => numberedAgenda(this.agenda()));
  protected readonly groups = computed(() =>
    groupDocuments(this.documents() ?? [], this.agenda(), this.canManage(), this.i18n.t('docs.general')),
  );
  /** What "Phát hành tất cả" publishes: the drafts, in the order the list shows them. */
  protected readonly unpublished = computed(() => unpublished(this.groups().flatMap((g) => g.documents)));
  protected readonly publishingAll = signal(false);
  protected readonly titles = computed(() => new Map((this.documents() ?? []).map((d) => [d.id, d.title])));
  /** Pre-selected agenda item for files picked from an item's own button. */
  private pickTarget: string | null = null;
  private versionTarget: DocumentDto | null = null;
  /** The participants, loaded once for managers: the named-readers picker and the publish dialog need them. */
  private participantsLoad: Promise<boolean> | null = null;

  constructor() {
    effect(() => {
      const id = this.meetingId();
      untracked(() => {
        this.uploads.setMeeting(id);
        void this.load();
      });
    });
    effect(() => {
      if (this.canManage()) untracked(() => void this.participantsKnown());
    });
    // Published, new version or deleted elsewhere (another secretary, another device): reload the list.
    this.realtime.documentsChanged$
      .pipe(
        filter((n) => n.meetingId === this.meetingId()),
        debounceTime(300),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.load());
    this.uploads.completed$.pipe(takeUntilDestroyed()).subscribe((doc) => {
      this.upsert(doc);
      const key: MessageKey = doc.current.version > 1 ? 'docs.versionUploaded' : 'docs.uploaded';
      this.snackBar.open(this.i18n.t(key, { title: doc.title, version: doc.current.version }), undefined, { duration: 5000 });
    });
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    void this.offline.probe();
    try {
      const docs = await firstValueFrom(this.api.list(this.meetingId()));
      this.documents.set(docs);
      // Keep the published pack on this device for offline reading.
      this.offline.sync(docs);
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  /** Loads the participants once (again after a failure); false when they could not be had. */
  private participantsKnown(): Promise<boolean> {
    this.participantsLoad ??= firstValueFrom(this.meetingsApi.participants(this.meetingId())).then(
      (list) => {
        this.participants.set([...list].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')));
        return true;
      },
      () => {
        // The named-readers select is simply empty and the publish dialog names readers by access only.
        this.participantsLoad = null;
        return false;
      },
    );
    return this.participantsLoad;
  }

  // ---- picking files -------------------------------------------------------------------------

  protected pick(agendaItemId: string | null = null): void {
    this.pickTarget = agendaItemId;
    this.fileInput().nativeElement.click();
  }

  protected async onFiles(input: HTMLInputElement): Promise<void> {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) {
      await this.uploads.add(files, { agendaItemId: this.pickTarget });
      this.reveal();
    }
  }

  protected pickVersion(doc: DocumentDto): void {
    this.versionTarget = doc;
    this.versionInput().nativeElement.click();
  }

  protected async onVersionFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    const doc = this.versionTarget;
    if (!file || !doc) return;
    await this.uploads.add(
      [file],
      { title: doc.title, agendaItemId: doc.agendaItemId, access: doc.access, namedUserIds: doc.namedUserIds, replacesDocumentId: doc.id },
      true,
    );
    this.reveal();
  }

  protected onDragOver(event: DragEvent): void {
    if (!this.canManage() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging.set(true);
  }

  protected onDragLeave(event: DragEvent): void {
    const host = event.currentTarget as HTMLElement | null;
    if (!host || !(event.relatedTarget instanceof Node) || !host.contains(event.relatedTarget)) this.dragging.set(false);
  }

  protected async onDrop(event: DragEvent): Promise<void> {
    if (!this.canManage()) return;
    event.preventDefault();
    this.dragging.set(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length) {
      await this.uploads.add(files, { agendaItemId: null });
      this.reveal();
    }
  }

  /**
   * Picked files wait in "Chuẩn bị tải lên" (or upload at once) at the top of the list, which may be far from the
   * button that was tapped — an agenda item's, low on a long meeting page. Brings that panel into view once drawn
   * and moves focus to its heading, so the next step is on screen (and announced) rather than silently off it.
   */
  private reveal(): void {
    afterNextRender(
      () => {
        const panel = (this.uploads.drafts().length ? this.draftsPanel() : this.uploadList())?.nativeElement;
        if (!panel) return;
        panel.querySelector<HTMLElement>('[data-reveal-focus]')?.focus({ preventScroll: true });
        const smooth = !globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
        panel.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
      },
      { injector: this.injector },
    );
  }

  // ---- drafts --------------------------------------------------------------------------------

  protected setTitle(item: UploadItem, title: string): void {
    this.uploads.edit(item.key, { title });
  }
  protected setAgenda(item: UploadItem, agendaItemId: string | null): void {
    this.uploads.edit(item.key, { agendaItemId });
  }
  protected setAccess(item: UploadItem, access: DocumentAccess): void {
    this.uploads.edit(item.key, { access });
  }
  protected setNamed(item: UploadItem, namedUserIds: string[]): void {
    this.uploads.edit(item.key, { namedUserIds });
  }

  protected draftReady(item: UploadItem): boolean {
    return !!item.title.trim() && (item.access !== 'named' || item.namedUserIds.length > 0);
  }
  protected readonly allDraftsReady = computed(() => {
    const drafts = this.uploads.drafts();
    return drafts.length > 0 && drafts.every((d) => this.draftReady(d));
  });

  protected startAll(): void {
    if (!this.allDraftsReady()) return;
    this.uploads.startAll();
    this.reveal();
  }

  protected phaseText(item: UploadItem): string {
    switch (item.phase) {
      case 'uploading':
        return this.i18n.t('docs.phase.uploading', { percent: item.percent });
      case 'retrying':
        return this.i18n.t('docs.phase.retrying', { attempt: item.attempt, percent: item.percent });
      case 'processing':
        return this.i18n.t('docs.phase.processing');
      case 'done':
        return this.i18n.t('docs.phase.done');
      case 'failed':
        return this.i18n.t('docs.phase.failed');
      default:
        return '';
    }
  }

  protected problemKey(item: UploadItem): MessageKey {
    return `docs.problem.${item.problem ?? 'notPdf'}`;
  }

  protected accessKey(access: DocumentAccess): MessageKey {
    return `docs.access.${access}`;
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  // ---- document actions ----------------------------------------------------------------------

  protected async publish(doc: DocumentDto): Promise<void> {
    if (!(await this.confirmPublish([doc], false))) return;
    await this.act(doc.id, async () => {
      const updated = await firstValueFrom(this.api.publish(doc.id));
      this.upsert(updated);
      this.snackBar.open(this.i18n.t('docs.publishedToast', { title: doc.title }), undefined, { duration: 4000 });
    });
  }

  /** The drafts the list shows, together and after one confirmation; all or none (the server's transaction). */
  protected async publishAll(): Promise<void> {
    const docs = this.unpublished();
    if (!docs.length || !(await this.confirmPublish(docs, true))) return;
    this.publishingAll.set(true);
    const ids = docs.map((d) => d.id);
    this.busy.update((s) => new Set([...s, ...ids]));
    try {
      const updated = await firstValueFrom(this.api.publishMany(this.meetingId(), ids));
      for (const d of updated) this.upsert(d);
      this.snackBar.open(this.i18n.t('docs.publishedAllToast', { count: updated.length }), undefined, { duration: 4000 });
    } catch (e) {
      this.snackBar.open(this.i18n.errorMessage(toApiError(e)), this.i18n.t('common.close'), { duration: 8000 });
      // One of them went away meanwhile (nothing was published): show the list as it is now.
      void this.load();
    } finally {
      this.publishingAll.set(false);
      this.busy.update((s) => new Set([...s].filter((id) => !ids.includes(id))));
    }
  }

  private async confirmPublish(documents: DocumentDto[], all: boolean): Promise<boolean> {
    const known = await this.participantsKnown();
    return PublishDialog.confirm(this.dialog, { documents, all, participants: known ? this.participants() : null });
  }

  /** Title, agenda item and access in a dialog that saves by itself; the list shows the saved document. */
  protected async edit(doc: DocumentDto): Promise<void> {
    const data: EditDocumentDialogData = { document: doc, agenda: this.agendaOptions(), participants: this.participants };
    // Focus on the dialog, not the title: a tablet would otherwise pop its keyboard over the form.
    const ref = this.dialog.open<EditDocumentDialog, EditDocumentDialogData, DocumentDto>(EditDocumentDialog, {
      data,
      width: 'min(640px, 96vw)',
      maxWidth: '96vw',
      autoFocus: 'dialog',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    if (!saved) return;
    this.upsert(saved);
    this.snackBar.open(this.i18n.t('docs.edit.saved', { title: saved.title }), undefined, { duration: 4000 });
  }

  protected async remove(doc: DocumentDto): Promise<void> {
    const data: ConfirmDialogData = { title: 'docs.delete', message: 'docs.deleteConfirm', params: { title: doc.title }, confirm: 'common.delete', danger: true };
    const ok = await firstValueFrom(this.dialog.open(ConfirmDialog, { data }).afterClosed());
    if (!ok) return;
    await this.act(doc.id, async () => {
      await firstValueFrom(this.api.remove(doc.id));
      this.documents.update((list) => (list ?? []).filter((d) => d.id !== doc.id));
      this.snackBar.open(this.i18n.t('docs.deleted', { title: doc.title }), undefined, { duration: 4000 });
    });
  }

  private async act(id: string, work: () => Promise<void>): Promise<void> {
    this.busy.update((s) => new Set(s).add(id));
    try {
      await work();
    } catch (e) {
      this.snackBar.open(this.i18n.errorMessage(toApiError(e)), this.i18n.t('common.close'), { duration: 8000 });
    } finally {
      this.busy.update((s) => {
        const next = new Set(s);
        next.delete(id);
        return next;
      });
    }
  }

  private upsert(doc: DocumentDto): void {
    this.documents.update((list) => {
      const rest = (list ?? []).filter((d) => d.id !== doc.id);
      return [...rest, doc];
    });
    if (doc.published) this.offline.sync([doc]);
  }

  // ---- search across the meeting's documents -------------------------------------------------

  protected async search(): Promise<void> {
    const q = this.query().trim();
    this.searchError.set(null);
    if (q.length < SEARCH_MIN_LENGTH) {
      this.hits.set(null);
      return;
    }
    try {
      this.hits.set(await firstValueFrom(this.api.search(this.meetingId(), q)));
      this.searchedFor.set(q);
    } catch (e) {
      this.searchError.set(toApiError(e));
    }
  }

  protected clearSearch(): void {
    this.query.set('');
    this.hits.set(null);
    this.searchError.set(null);
  }
}
