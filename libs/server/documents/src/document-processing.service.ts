import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { PREVIEW_WIDTH, THUMBNAIL_WIDTH } from '@phonghop/contracts';
import { Subject } from 'rxjs';
import { DataSource, IsNull, Repository } from 'typeorm';
import { DocumentPageTextEntity, DocumentVersionEntity } from './document.entities';
import { DocumentStorage } from './document-storage';
import { DocumentsService } from './documents.service';
import { DOCUMENTS_OPTIONS, type DocumentsOptions } from './documents.options';
import { PdfWorkers } from './pdf/pdf-workers';
import { foldPage } from './search/fold-text';

/** Characters PostgreSQL text refuses (NUL) or that only get in the way of search. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Background work after an upload: the page-1 preview the reader shows first, then per-page text for search
 * and page thumbnails, one job at a time so it never competes with people using the system. Previews jump
 * the queue (a few hundred milliseconds each, and delegates open new documents first). The queue lives in
 * memory; its durable form is the version flags (`thumbnailsReady`, `textReady`) and the preview file: at
 * start-up every version with a flag still false is queued again, and a missing preview is made on demand.
 */
@Injectable()
export class DocumentProcessing implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DocumentProcessing');
  private readonly queue: string[] = [];
  private readonly previews: string[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly textReadySubject = new Subject<{ versionId: string; documentId: string; version: number }>();
  /** A version's page text is stored (new, or shared with identical content): annotations re-anchor on it. */
  readonly textReady$ = this.textReadySubject.asObservable();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(DocumentVersionEntity) private readonly versions: Repository<DocumentVersionEntity>,
    @Inject(DOCUMENTS_OPTIONS) private readonly options: DocumentsOptions,
    private readonly storage: DocumentStorage,
    private readonly workers: PdfWorkers,
    private readonly documents: DocumentsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.backgroundWork === false) return;
    const pending = await this.versions.find({
      where: [{ thumbnailsReady: false }, { textReady: false }, { firstPageChunks: IsNull() }],
      select: { id: true },
      order: { uploadedAt: 'ASC' },
    });
    for (const v of pending) this.enqueue(v.id);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.previews.length = 0;
    await this.running;
  }

  enqueue(versionId: string): void {
    if (this.stopped || this.options.backgroundWork === false) return;
    if (!this.previews.includes(versionId)) this.previews.push(versionId);
    if (!this.queue.includes(versionId)) this.queue.push(versionId);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    // Let the request that queued the work answer first.
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.stopped) {
      const preview = this.previews.shift();
      const id = preview ?? this.queue.shift();
      if (!id) break;
      try {
        await (preview ? this.preview(id) : this.process(id));
      } catch (err) {
        // Left with its flags false: retried at the next start-up.
        if (!this.stopped) this.logger.error({ err, versionId: id }, 'document processing failed');
      }
    }
  }

  /** Page 1's image, and which chunks of the file pdf.js read to draw it (the reader fetches those up front). */
  private async preview(versionId: string): Promise<void> {
    const v = await this.versions.findOne({ where: { id: versionId }, select: { id: true, sha256: true, firstPageChunks: true } });
    if (!v) return;
    const target = this.storage.previewPath(v.sha256);
    const blob = this.storage.blobPath(v.sha256);
    if (((await this.storage.exists(target)) && v.firstPageChunks !== null) || !(await this.storage.exists(blob))) return;
    const { firstPageChunks } = await this.workers.renderPreview(blob, target, PREVIEW_WIDTH, 'background');
    await this.documents.recordFirstPageChunks(v.sha256, firstPageChunks);
  }

  private async process(versionId: string): Promise<void> {
    const v = await this.versions.findOne({ where: { id: versionId } });
    if (!v) return;
    const blob = this.storage.blobPath(v.sha256);
    if (!(await this.storage.exists(blob))) {
      this.logger.error({ versionId, sha256: v.sha256 }, 'blob missing; cannot process');
      return;
    }
    if (!v.textReady) {
      const stored = await this.db.getRepository(DocumentPageTextEntity).count({ where: { sha256: v.sha256 } });
      if (stored < v.pageCount) await this.storeText(v.sha256, await this.workers.extractText(blob));
      if (this.stopped) return;
      // Every version with this content shares the text.
      await this.versions.update({ sha256: v.sha256 }, { textReady: true });
    }
    this.textReadySubject.next({ versionId: v.id, documentId: v.documentId, version: v.version });
    if (!v.thumbnailsReady) {
      await this.workers.renderThumbnails(blob, this.storage.thumbnailDir(v.sha256), THUMBNAIL_WIDTH);
      if (this.stopped) return;
      await this.versions.update({ sha256: v.sha256 }, { thumbnailsReady: true });
    }
  }

  private async storeText(sha256: string, pages: string[]): Promise<void> {
    if (this.stopped) return;
    await this.db.transaction(async (m) => {
      await m.delete(DocumentPageTextEntity, { sha256 });
      const rows = pages.map((raw, i) => {
        const text = raw.replace(CONTROL, ' ');
        return { sha256, page: i + 1, text, folded: foldPage(text) };
      });
      for (let i = 0; i < rows.length; i += 100) await m.insert(DocumentPageTextEntity, rows.slice(i, i + 100));
    });
  }
}
