import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type DocumentPageTextDto, SEARCH_MIN_LENGTH, type SearchHitDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, UserEntity } from '@phonghop/server-identity';
import { OrgUnitEntity } from '@phonghop/server-organisation';
import { join } from 'node:path';
import { In, Repository } from 'typeorm';
import { DocumentAccessPolicy } from './document-access';
import { DocumentEntity, DocumentPageTextEntity } from './document.entities';
import { DocumentStorage } from './document-storage';
import { DEFAULT_WATERMARK_FONT, DOCUMENTS_OPTIONS, type DocumentsOptions } from './documents.options';
import { DocumentsService } from './documents.service';
import { PdfWorkers } from './pdf/pdf-workers';
import { repackForFirstPage } from './pdf/qpdf';
import { foldQuery, likeContains, snippetAround } from './search/fold-text';

/** A file on disk ready to be served. */
export interface ServedFile {
  path: string;
  size: number;
  etag: string;
  fileName: string;
  contentType: string;
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
  /** Stamping in progress per (blob, viewer): concurrent range requests wait for the same copy. */
  private readonly stamping = new Map<string, Promise<void>>();

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
   * `purpose: 'offline-copy'` is the tablet's background copy for offline reading: a “received” (reported
   * separately by the client), not the person opening the document, so it does not count as opened.
   */
  async file(documentId: string, versionNo: number, user: AuthenticatedUser, purpose: FilePurpose = 'read'): Promise<ServedFile> {
    const { doc, viewer } = await this.documents.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.documents.version(doc, versionNo);
    let served: ServedFile;
    if (this.policy.needsWatermark(doc)) {
      const path = await this.stampedCopy(v.sha256, user);
      served = { path, size: await this.storage.size(path), etag: `"${v.sha256}-${user.id}"`, fileName: v.fileName, contentType: 'application/pdf' };
    } else {
      const path = this.storage.blobPath(v.sha256);
      served = { path, size: v.sizeBytes, etag: `"${v.sha256}"`, fileName: v.fileName, contentType: 'application/pdf' };
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
    return { path, size: await this.storage.size(path), etag: `"${v.sha256}-p${page}"`, fileName: `${page}.png`, contentType: 'image/png' };
  }

  async text(documentId: string, versionNo: number, user: AuthenticatedUser): Promise<DocumentPageTextDto[]> {
    const { doc, viewer } = await this.documents.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.documents.version(doc, versionNo);
    if (!v.textReady) throw new ApiError('DOCUMENT_PROCESSING');
    const rows = await this.texts.find({ where: { sha256: v.sha256 }, order: { page: 'ASC' }, select: { page: true, text: true } });
    return rows.map((r) => ({ page: r.page, text: r.text }));
  }

  /** Accent- and case-insensitive search over the current version of every document the caller may read. */
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
        hits.push({ documentId: doc.id, version, page: r.page, snippet: snippetAround(r.text, query) });
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
    if (await this.storage.exists(target)) return target;
    const key = `${sha256}:${user.id}`;
    let job = this.stamping.get(key);
    if (!job) {
      job = this.stamp(sha256, user, target).finally(() => this.stamping.delete(key));
      this.stamping.set(key, job);
    }
    await job;
    return target;
  }

  private async stamp(sha256: string, user: AuthenticatedUser, target: string): Promise<void> {
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
    // Vietnamese order, Vietnam's time: 24/11/2026 14:05.
    const when = `${part['day']}/${part['month']}/${part['year']} ${part['hour']}:${part['minute']}`;
    const lines = [person?.fullName ?? user.fullName, unit?.name ?? '', `Tài liệu mật · ${when}`].filter(Boolean);
    await this.storage.ensureDirs();
    const stamped = this.storage.tempPath('.pdf');
    const linear = this.storage.tempPath('.pdf');
    try {
      await this.workers.watermark(this.storage.blobPath(sha256), stamped, lines, this.options.watermarkFont ?? DEFAULT_WATERMARK_FONT);
      const chosen = (await repackForFirstPage(stamped, linear)) ? linear : stamped;
      await this.storage.moveInto(chosen, target);
    } finally {
      await this.storage.removeQuietly(stamped);
      await this.storage.removeQuietly(linear);
    }
  }
}
