import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type DocumentPageTextDto, PREVIEW_WIDTH, SEARCH_MIN_LENGTH, type SearchHitDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, UserEntity } from '@phonghop/server-identity';
import { OrgUnitEntity } from '@phonghop/server-organisation';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { In, Repository } from 'typeorm';
import { DocumentAccessPolicy } from './document-access';
import { DocumentEntity, DocumentPageTextEntity } from './document.entities';
import { DocumentStorage } from './document-storage';
import { DEFAULT_WATERMARK_FONT, DOCUMENTS_OPTIONS, type DocumentsOptions } from './documents.options';
import { DocumentsService } from './documents.service';
import { PdfWorkers } from './pdf/pdf-workers';
import { parseFirstPageChunks } from './pdf/first-page-chunks';
import { repackForFirstPage } from './pdf/qpdf';
import { stampImage } from './pdf/stamp-image';
import { foldQuery, likeContains, snippetAround } from './search/fold-text';

/** A file on disk ready to be served. */
export interface ServedFile {
  path: string;
  size: number;
  etag: string;
  fileName: string;
  contentType: string;
}

/** A version's PDF, and which version it is (the current-version route names it in a header). */
export interface ServedPdf extends ServedFile {
  version: number;
  /** Chunks pdf.js reads for page 1 (FIRST_PAGE_CHUNKS_HEADER); only for the file as stored, not a stamped copy. */
  firstPageChunks?: number[];
}

const MAX_SEARCH_HITS = 100;

/** Why a file is fetched: a person reading it, or the tablet's background copy for offline use. */
export type FilePurpose = 'read' | 'offline-copy';

/** The request header the offline copy sends (`X-Phonghop-Purpose: offline-copy`). */
export const PURPOSE_HEADER = 'x-phonghop-purpose';

export function filePurpose(header: string | undefined): FilePurpose {
  return header?.trim().toLowerCase() === 'offline-copy' ? 'offline-copy' : 'read';
}

/** Reading documents: the PDF itself (stamped for confidential ones), page images, text, and search. */
@Injectable()
export class DocumentFilesService {
  /** Files being made (stamped copies, previews), by target path: concurrent requests wait for the same one. */
  private readonly making = new Map<string, Promise<void>>();

  constructor(
    @InjectRepository(DocumentPageTextEntity) private readonly texts: Repository<DocumentPageTextEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(OrgUnitEntity) private readonly units: Repository<OrgUnitEntity>,
    @Inject(DOCUMENTS_OPTIONS) private readonly options: DocumentsOptions,
    private readonly documents: DocumentsService,
    private readonly policy: DocumentAccessPolicy,
    private readonly storage: DocumentStorage,
    private readonly workers: PdfWorkers,
  ) {}

  /**
   * A version's PDF, or with `'current'` the current version's (whichever it is at this request: the access check,
   * the stamp and the receipt are the same as for that version's own address).
   * `purpose: 'offline-copy'` is the tablet's background copy for offline reading: a “received” (reported
   * separately by the client), not the person opening the document, so it does not count as opened.
   */
  async file(documentId: string, versionNo: number | 'current', user: AuthenticatedUser, purpose: FilePurpose = 'read'): Promise<ServedPdf> {
    const { doc, viewer } = await this.documents.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.documents.version(doc, versionNo === 'current' ? doc.currentVersion : versionNo);
    let served: ServedPdf;
    if (this.policy.needsWatermark(doc)) {
      const path = await this.stampedCopy(v.sha256, user);
      served = { path, size: await this.storage.size(path), etag: `"${v.sha256}-${user.id}"`, fileName: v.fileName, contentType: 'application/pdf', version: v.version };
    } else {
      const path = this.storage.blobPath(v.sha256);
      served = {
        path,
        size: v.sizeBytes,
        etag: `"${v.sha256}"`,
        fileName: v.fileName,
        contentType: 'application/pdf',
        version: v.version,
        firstPageChunks: parseFirstPageChunks(v.firstPageChunks),
      };
    }
    if (purpose === 'read') await this.documents.markOpened(v.id, viewer);
    return served;
  }

  async thumbnail(documentId: string, versionNo: number, page: number, user: AuthenticatedUser): Promise<ServedFile> {
    const { doc, viewer } = await this.documents.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.documents.version(doc, versionNo);
    if (page < 1 || page > v.pageCount) throw new ApiError('DOCUMENT_PAGE_NOT_FOUND');
    const path = join(this.storage.thumbnailDir(v.sha256), `${page}.png`);
    if (!(await this.storage.exists(path))) throw new ApiError('DOCUMENT_PROCESSING');
    const image = { path, name: `${page}.png`, contentType: 'image/png', etag: `${v.sha256}-p${page}` } as const;
    return this.policy.needsWatermark(doc) ? this.stampedImage(v.sha256, user, image) : this.served(image);
  }

  /**
   * Page 1 at reading size, which the reader shows at once while pdf.js loads. Made in the background after
   * upload; a version uploaded before that existed (or still queued) gets it made now, while the reader waits.
   */
  async preview(documentId: string, versionNo: number | 'current', user: AuthenticatedUser): Promise<ServedFile> {
    const { doc, viewer } = await this.documents.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.documents.version(doc, versionNo === 'current' ? doc.currentVersion : versionNo);
    const path = this.storage.previewPath(v.sha256);
    await this.makeOnce(path, async () => {
      const { firstPageChunks } = await this.workers.renderPreview(this.storage.blobPath(v.sha256), path, PREVIEW_WIDTH, 'interactive');
      await this.documents.recordFirstPageChunks(v.sha256, firstPageChunks);
    });
    const image = { path, name: 'preview.webp', contentType: 'image/webp', etag: `${v.sha256}-preview` } as const;
    return this.policy.needsWatermark(doc) ? this.stampedImage(v.sha256, user, image) : this.served(image);
  }

  /**
   * The file of a document every participant may read (access `all`, published), unstamped, for a hall display
   * showing what is presented: the caller has checked the display's token and that this document is on screen.
   * Named and confidential documents are not put on a screen the whole room sees (DISPLAY_DOCUMENT_RESTRICTED).
   */
  async fileForDisplay(documentId: string, versionNo: number): Promise<ServedFile> {
    const doc = await this.documents.byId(documentId);
    if (!doc.published) throw new ApiError('DOCUMENT_NOT_FOUND');
    if (doc.access !== 'all') throw new ApiError('DISPLAY_DOCUMENT_RESTRICTED');
    const v = await this.documents.version(doc, versionNo);
    return { path: this.storage.blobPath(v.sha256), size: v.sizeBytes, etag: `"${v.sha256}"`, fileName: v.fileName, contentType: 'application/pdf' };
  }

  /** A version's page texts, for a domain that already checked who asks (annotations re-anchoring on a new version). */
  async pageTexts(documentId: string, versionNo: number): Promise<DocumentPageTextDto[]> {
    const doc = await this.documents.byId(documentId);
    const v = await this.documents.version(doc, versionNo);
    const rows = await this.texts.find({ where: { sha256: v.sha256 }, order: { page: 'ASC' } });
    return rows.map((r) => ({ page: r.page, text: r.text }));
  }

  /**
   * The plain page texts of a version. Never for a confidential document (DOCUMENT_TEXT_CONFIDENTIAL), whoever
   * asks: its text would be the document without the reader's name stamped on it. Readers search it in the
   * stamped PDF they already have (pdf.js), which carries their name on every page.
   */
  async text(documentId: string, versionNo: number, user: AuthenticatedUser): Promise<DocumentPageTextDto[]> {
    const { doc, viewer } = await this.documents.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    if (this.policy.needsWatermark(doc)) throw new ApiError('DOCUMENT_TEXT_CONFIDENTIAL');
    const v = await this.documents.version(doc, versionNo);
    if (!v.textReady) throw new ApiError('DOCUMENT_PROCESSING');
    const rows = await this.texts.find({ where: { sha256: v.sha256 }, order: { page: 'ASC' }, select: { page: true, text: true } });
    return rows.map((r) => ({ page: r.page, text: r.text }));
  }

  /**
   * Accent- and case-insensitive search over the current version of every document the caller may read. Hits in a
   * confidential document come without a snippet (an empty one): the page number leads the reader into the
   * stamped copy, and a search cannot be used to read the document's text out unstamped, snippet by snippet.
   */
  async search(meetingId: string, q: string, user: AuthenticatedUser): Promise<SearchHitDto[]> {
    const viewer = await this.policy.viewerOf(meetingId, user);
    const query = foldQuery(q);
    if (query.length < SEARCH_MIN_LENGTH) {
      throw new ApiError('VALIDATION_FAILED', [{ field: 'q', problem: `at least ${SEARCH_MIN_LENGTH} characters` }]);
    }
    const docs = (await this.docsOf(meetingId)).filter((d) => this.policy.canRead(d, viewer));
    const currents = await this.documents.currentVersions(docs);
    const docsBySha = new Map<string, { doc: DocumentEntity; version: number }[]>();
    for (const d of docs) {
      const v = currents.get(d.id);
      if (!v) continue;
      docsBySha.set(v.sha256, [...(docsBySha.get(v.sha256) ?? []), { doc: d, version: v.version }]);
    }
    if (!docsBySha.size) return [];
    const rows = await this.texts
      .createQueryBuilder('t')
      .select(['t.sha256', 't.page', 't.text'])
      .where({ sha256: In([...docsBySha.keys()]) })
      .andWhere(`t.folded LIKE :pattern ESCAPE '\\'`, { pattern: likeContains(query) })
      .orderBy('t.sha256')
      .addOrderBy('t.page')
      .limit(MAX_SEARCH_HITS)
      .getMany();
    const hits: SearchHitDto[] = [];
    for (const r of rows) {
      for (const { doc, version } of docsBySha.get(r.sha256) ?? []) {
        const snippet = this.policy.needsWatermark(doc) ? '' : snippetAround(r.text, query);
        hits.push({ documentId: doc.id, version, page: r.page, snippet });
      }
    }
    const order = new Map(docs.map((d, i) => [d.id, i]));
    return hits.sort((a, b) => (order.get(a.documentId) ?? 0) - (order.get(b.documentId) ?? 0) || a.page - b.page).slice(0, MAX_SEARCH_HITS);
  }

  private docsOf(meetingId: string): Promise<DocumentEntity[]> {
    return this.documents.meetingDocuments(meetingId);
  }

  /**
   * The viewer's own copy of a confidential PDF: every page stamped diagonally with their name, unit and the
   * time, so a leaked copy names its source. Made once per (file, viewer) and kept on disk.
   */
  private async stampedCopy(sha256: string, user: AuthenticatedUser): Promise<string> {
    const target = this.storage.stampedPath(sha256, user.id);
    await this.makeOnce(target, async () => {
      const lines = await this.watermarkLines(user);
      await this.storage.ensureDirs();
      const stamped = this.storage.tempPath('.pdf');
      const repacked = this.storage.tempPath('.pdf');
      try {
        await this.workers.watermark(this.storage.blobPath(sha256), stamped, lines, this.font());
        const chosen = (await repackForFirstPage(stamped, repacked)) ? repacked : stamped;
        await this.storage.moveInto(chosen, target);
      } finally {
        await this.storage.removeQuietly(stamped);
        await this.storage.removeQuietly(repacked);
      }
    });
    return target;
  }

  /** A page image of a confidential document, stamped like its PDF for this viewer and kept on disk. */
  private async stampedImage(sha256: string, user: AuthenticatedUser, image: PageImage): Promise<ServedFile> {
    const target = this.storage.stampedImagePath(sha256, user.id, image.name);
    await this.makeOnce(target, async () => {
      const format = image.contentType === 'image/png' ? 'png' : 'webp';
      const bytes = await stampImage(await readFile(image.path), await this.watermarkLines(user), this.font(), format);
      await this.storage.ensureDirs();
      const temp = this.storage.tempPath();
      try {
        await writeFile(temp, bytes);
        await this.storage.moveInto(temp, target);
      } finally {
        await this.storage.removeQuietly(temp);
      }
    });
    return this.served({ ...image, path: target, etag: `${image.etag}-${user.id}` });
  }

  private async served(image: PageImage): Promise<ServedFile> {
    return { path: image.path, size: await this.storage.size(image.path), etag: `"${image.etag}"`, fileName: image.name, contentType: image.contentType };
  }

  /** Runs `make` unless `target` exists; concurrent callers for the same target share one run. */
  private async makeOnce(target: string, make: () => Promise<void>): Promise<void> {
    if (await this.storage.exists(target)) return;
    let job = this.making.get(target);
    if (!job) {
      job = make().finally(() => this.making.delete(target));
      this.making.set(target, job);
    }
    await job;
  }

  private font(): string {
    return this.options.watermarkFont ?? DEFAULT_WATERMARK_FONT;
  }

  /** Name, unit, and “confidential · time” in Vietnam's time and Vietnamese order (24/11/2026 14:05). */
  private async watermarkLines(user: AuthenticatedUser): Promise<string[]> {
    const person = await this.users.findOne({ where: { id: user.id }, select: { id: true, fullName: true, unitId: true } });
    const unit = person?.unitId ? await this.units.findOne({ where: { id: person.unitId }, select: { id: true, name: true } }) : null;
    const part = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date())
        .map((p) => [p.type, p.value]),
    );
    const when = `${part['day']}/${part['month']}/${part['year']} ${part['hour']}:${part['minute']}`;
    return [person?.fullName ?? user.fullName, unit?.name ?? '', `Tài liệu mật · ${when}`].filter(Boolean);
  }
}

/** A page image on disk and how to serve it. */
interface PageImage {
  path: string;
  name: string;
  contentType: 'image/png' | 'image/webp';
  etag: string;
}
