import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type {
  CompleteUploadRequest,
  DocumentAccess,
  DocumentDto,
  DocumentReceiptDto,
  DocumentSignaturesDto,
  DocumentVersionDto,
  UpdateDocumentRequest,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, UserEntity } from '@phonghop/server-identity';
import { AgendaItemEntity, MeetingParticipantEntity } from '@phonghop/server-meetings';
import { UserNotifier } from '@phonghop/server-realtime';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { DocumentAccessPolicy, type DocumentViewer } from './document-access';
import { DocumentEntity, DocumentReceiptEntity, DocumentUploadEntity, DocumentVersionEntity } from './document.entities';
import type { StoredPdf } from './document-intake';
import { firstPageChunksColumn } from './pdf/first-page-chunks';
import { DocumentStorage } from './document-storage';

/** Where a completed upload goes: a new document, or a new version of an existing one. */
export interface UploadTarget {
  meetingId: string;
  existing: DocumentEntity | null;
  title: string;
  agendaItemId: string | null | undefined;
  access: DocumentAccess | undefined;
  namedUserIds: string[] | undefined;
}

/** How far one published document went: readers it is for, tablets that received it, readers who opened it. */
export interface DocumentDistribution {
  documentId: string;
  title: string;
  version: number;
  recipients: number;
  received: number;
  opened: number;
}

/** One published document's current version and its readers' receipt times. */
interface ReceiptColumn {
  doc: DocumentEntity;
  version: number;
  readers: { userId: string; receivedAt: Date | null; openedAt: Date | null }[];
}

/** Documents and their versions: metadata, visibility, publishing, receipts. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    @InjectRepository(DocumentVersionEntity) private readonly versions: Repository<DocumentVersionEntity>,
    @InjectRepository(DocumentReceiptEntity) private readonly receipts: Repository<DocumentReceiptEntity>,
    @InjectRepository(AgendaItemEntity) private readonly agendaItems: Repository<AgendaItemEntity>,
    @InjectRepository(MeetingParticipantEntity) private readonly participants: Repository<MeetingParticipantEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly policy: DocumentAccessPolicy,
    private readonly storage: DocumentStorage,
    private readonly notifier: UserNotifier,
  ) {}

  /** Loads a document and the caller's rights in its meeting; 404 when missing, 403 for non-participants. */
  async open(documentId: string, user: AuthenticatedUser): Promise<{ doc: DocumentEntity; viewer: DocumentViewer }> {
    const doc = await this.documents.findOne({ where: { id: documentId } });
    if (!doc) throw new ApiError('DOCUMENT_NOT_FOUND');
    const viewer = await this.policy.viewerOf(doc.meetingId, user);
    return { doc, viewer };
  }

  /** A document without an access check, for a domain that already made one (or acts for the system). */
  async byId(documentId: string): Promise<DocumentEntity> {
    const doc = await this.documents.findOne({ where: { id: documentId } });
    if (!doc) throw new ApiError('DOCUMENT_NOT_FOUND');
    return doc;
  }

  /** What pdf.js read of a stored file to draw page 1 (every version with these bytes shares it). */
  async recordFirstPageChunks(sha256: string, chunks: readonly number[]): Promise<void> {
    await this.versions.update({ sha256 }, { firstPageChunks: firstPageChunksColumn(chunks) });
  }

  async version(doc: DocumentEntity, version: number): Promise<DocumentVersionEntity> {
    const v = await this.versions.findOne({ where: { documentId: doc.id, version } });
    if (!v) throw new ApiError('DOCUMENT_NOT_FOUND');
    return v;
  }

  async list(meetingId: string, user: AuthenticatedUser): Promise<DocumentDto[]> {
    const viewer = await this.policy.viewerOf(meetingId, user);
    return this.toDtos((await this.meetingDocuments(meetingId)).filter((d) => this.policy.canSee(d, viewer)));
  }

  /** A meeting's documents in upload order (callers filter by what the viewer may see). */
  meetingDocuments(meetingId: string): Promise<DocumentEntity[]> {
    return this.documents.find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(documentId: string, user: AuthenticatedUser): Promise<DocumentDto> {
    const { doc, viewer } = await this.open(documentId, user);
    this.policy.requireSee(doc, viewer);
    return (await this.toDtos([doc]))[0];
  }

  /** Every version, newest first. */
  async listVersions(documentId: string, user: AuthenticatedUser): Promise<DocumentVersionDto[]> {
    const { doc, viewer } = await this.open(documentId, user);
    this.policy.requireSee(doc, viewer);
    const rows = await this.versions.find({ where: { documentId: doc.id }, order: { version: 'DESC' } });
    const names = await this.userNames(rows.map((v) => v.uploadedById));
    return rows.map((v) => this.versionDto(v, names));
  }

  async publish(documentId: string, user: AuthenticatedUser): Promise<DocumentDto> {
    const { doc, viewer } = await this.open(documentId, user);
    this.policy.requireManage(viewer);
    if (!doc.published) {
      doc.published = true;
      doc.publishedAt = new Date();
      await this.documents.save(doc);
      await this.notifyChanged(doc.meetingId);
    }
    return (await this.toDtos([doc]))[0];
  }

  /**
   * "Phát hành tất cả": publishes the listed documents of one meeting in ONE transaction — all of them or, when one
   * is missing or belongs to another meeting, none (DOCUMENT_NOT_FOUND). Same rights as publishing one (the
   * meeting's secretaries, administrators); the tablets hear of it once, after the commit. Returns the documents
   * in the order asked, already published ones included unchanged.
   */
  async publishMany(meetingId: string, documentIds: string[], user: AuthenticatedUser): Promise<DocumentDto[]> {
    const viewer = await this.policy.viewerOf(meetingId, user);
    this.policy.requireManage(viewer);
    const { docs, changed } = await this.db.transaction(async (m: EntityManager) => {
      const found = await m.find(DocumentEntity, { where: { id: In(documentIds), meetingId } });
      if (found.length !== new Set(documentIds).size) throw new ApiError('DOCUMENT_NOT_FOUND');
      const now = new Date();
      const drafts = found.filter((d) => !d.published);
      for (const d of drafts) {
        d.published = true;
        d.publishedAt = now;
      }
      if (drafts.length) await m.save(DocumentEntity, drafts);
      return { docs: found, changed: drafts.length };
    });
    if (changed) await this.notifyChanged(meetingId);
    const order = new Map(documentIds.map((id, i) => [id, i]));
    return this.toDtos(docs.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)));
  }

  async update(documentId: string, user: AuthenticatedUser, body: UpdateDocumentRequest): Promise<DocumentDto> {
    const { doc, viewer } = await this.open(documentId, user);
    this.policy.requireManage(viewer);
    if (body.agendaItemId !== undefined) doc.agendaItemId = await this.checkAgendaItem(doc.meetingId, body.agendaItemId);
    if (body.namedUserIds !== undefined) doc.namedUserIds = await this.checkNamedUsers(doc.meetingId, body.namedUserIds);
    if (body.title !== undefined) doc.title = body.title.trim();
    if (body.access !== undefined) doc.access = body.access;
    await this.documents.save(doc);
    // Who may read it, or under which item, may have changed: tablets reload the list.
    if (doc.published) await this.notifyChanged(doc.meetingId);
    return (await this.toDtos([doc]))[0];
  }

  /** Deletes the document with its history; blobs nobody else uses go too. */
  async remove(documentId: string, user: AuthenticatedUser): Promise<void> {
    const { doc, viewer } = await this.open(documentId, user);
    this.policy.requireManage(viewer);
    const shas = [...new Set((await this.versions.find({ where: { documentId: doc.id } })).map((v) => v.sha256))];
    await this.documents.delete({ id: doc.id });
    if (doc.published) await this.notifyChanged(doc.meetingId);
    for (const sha of shas) await this.removeBlobIfUnused(sha);
  }

  /**
   * Tells every participant's devices (personal `documents:changed`) that the meeting's published documents
   * changed, so tablets reload the list and copy new versions in the background. Call after the change is
   * committed; a failure here never fails the change itself (clients also resync on reconnect).
   */
  async notifyChanged(meetingId: string): Promise<void> {
    try {
      const rows = await this.participants.find({ where: { meetingId }, select: { userId: true } });
      this.notifier.notify([...new Set(rows.map((p) => p.userId))], 'documents:changed', { meetingId });
    } catch {
      // Best effort: the lists reload on the next reconnect or visit.
    }
  }

  async removeBlobIfUnused(sha256: string): Promise<void> {
    if (await this.versions.exists({ where: { sha256 } })) return;
    await this.storage.removeBlob(sha256);
    await this.db.createQueryBuilder().delete().from('document_page_text').where('sha256 = :sha256', { sha256 }).execute();
  }

  /** Checks everything about a completion request before any expensive work on the file. */
  async prepareTarget(meetingId: string, body: CompleteUploadRequest): Promise<UploadTarget> {
    let existing: DocumentEntity | null = null;
    if (body.replacesDocumentId) {
      existing = await this.documents.findOne({ where: { id: body.replacesDocumentId, meetingId } });
      if (!existing) throw new ApiError('DOCUMENT_NOT_FOUND');
    }
    return {
      meetingId,
      existing,
      title: body.title.trim(),
      agendaItemId: body.agendaItemId === undefined ? undefined : await this.checkAgendaItem(meetingId, body.agendaItemId),
      access: body.access,
      namedUserIds: body.namedUserIds === undefined ? undefined : await this.checkNamedUsers(meetingId, body.namedUserIds),
    };
  }

  /**
   * Records a stored file as a new document or as version n+1, and ends the upload, in ONE transaction: the
   * blob is already in place, so a crash leaves at worst an unreferenced blob, never a row without a file.
   */
  async recordVersion(
    target: UploadTarget,
    upload: DocumentUploadEntity,
    stored: StoredPdf,
    user: AuthenticatedUser,
  ): Promise<{ doc: DocumentEntity; version: DocumentVersionEntity }> {
    return this.db.transaction(async (m: EntityManager) => {
      let doc: DocumentEntity;
      if (target.existing) {
        const current = await m.findOne(DocumentEntity, { where: { id: target.existing.id } });
        if (!current) throw new ApiError('DOCUMENT_NOT_FOUND');
        doc = current;
        doc.currentVersion += 1;
        doc.title = target.title || doc.title;
        if (target.agendaItemId !== undefined) doc.agendaItemId = target.agendaItemId;
        if (target.access !== undefined) doc.access = target.access;
        if (target.namedUserIds !== undefined) doc.namedUserIds = target.namedUserIds;
      } else {
        doc = m.create(DocumentEntity, {
          id: randomUUID(),
          meetingId: target.meetingId,
          agendaItemId: target.agendaItemId ?? null,
          title: target.title,
          access: target.access ?? 'all',
          namedUserIds: target.namedUserIds ?? [],
          published: false,
          publishedAt: null,
          currentVersion: 1,
          createdById: user.id,
        });
      }
      await m.save(DocumentEntity, doc);
      const version = m.create(DocumentVersionEntity, {
        id: randomUUID(),
        documentId: doc.id,
        version: doc.currentVersion,
        fileName: upload.fileName,
        sha256: stored.sha256,
        sourceSha256: stored.sourceSha256,
        sizeBytes: stored.sizeBytes,
        pageCount: stored.pageCount,
        signatures: stored.signatures,
        uploadedById: user.id,
        uploadedAt: new Date(),
        // Identical content already processed: its page images, text and first-page chunks are shared.
        thumbnailsReady: false,
        textReady: false,
        firstPageChunks: null,
      });
      const twin = await m.findOne(DocumentVersionEntity, { where: { sha256: stored.sha256, thumbnailsReady: true, textReady: true } });
      if (twin) {
        version.thumbnailsReady = true;
        version.textReady = true;
      }
      const chunksTwin = await m.findOne(DocumentVersionEntity, { where: { sha256: stored.sha256, firstPageChunks: Not(IsNull()) }, select: { id: true, firstPageChunks: true } });
      version.firstPageChunks = chunksTwin?.firstPageChunks ?? null;
      await m.save(DocumentVersionEntity, version);
      await m.delete(DocumentUploadEntity, { id: upload.id });
      return { doc, version };
    });
  }

  async toDto(doc: DocumentEntity): Promise<DocumentDto> {
    return (await this.toDtos([doc]))[0];
  }

  /** A tablet saved the file for offline reading. */
  async markReceived(documentId: string, versionNo: number, user: AuthenticatedUser): Promise<void> {
    const { doc, viewer } = await this.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.version(doc, versionNo);
    // Receipts are about participants; an administrator looking in is not a reader of the meeting.
    if (viewer.participant) await this.touchReceipt(v.id, user.id, 'receivedAt');
  }

  /**
   * The reader opened the copy kept on the tablet. The service worker answers that copy from Cache Storage, so
   * the server never sees a read; the tablet tells it (possibly later, once back online). Same rules as reading.
   */
  async markOpenedCopy(documentId: string, versionNo: number, user: AuthenticatedUser): Promise<void> {
    const { doc, viewer } = await this.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.version(doc, versionNo);
    await this.markOpened(v.id, viewer);
  }

  private readonly openedSeen = new Set<string>();

  /**
   * First download by a participant counts as “opened”; later ones keep the first time. Remembered in memory to
   * spare a write per range request.
   */
  async markOpened(versionId: string, viewer: DocumentViewer): Promise<void> {
    if (!viewer.participant) return;
    const key = `${versionId}:${viewer.userId}`;
    if (this.openedSeen.has(key)) return;
    await this.touchReceipt(versionId, viewer.userId, 'openedAt');
    this.openedSeen.add(key);
  }

  private async touchReceipt(versionId: string, userId: string, field: 'receivedAt' | 'openedAt'): Promise<void> {
    const existing = await this.receipts.findOne({ where: { versionId, userId } });
    if (existing) {
      if (!existing[field]) await this.receipts.update({ versionId, userId }, { [field]: new Date() });
      return;
    }
    try {
      await this.receipts.insert({ versionId, userId, receivedAt: null, openedAt: null, [field]: new Date() });
    } catch {
      // Two requests raced to create the row and the other won: fill the field if it is still empty.
      const row = await this.receipts.findOne({ where: { versionId, userId } });
      if (row && !row[field]) await this.receipts.update({ versionId, userId }, { [field]: new Date() });
    }
  }

  /**
   * Per participant × document they may read: when the current version reached their tablet and when they first
   * opened it. Secretaries are left out: they distribute the papers.
   */
  async listReceipts(meetingId: string, user: AuthenticatedUser): Promise<DocumentReceiptDto[]> {
    const viewer = await this.policy.viewerOf(meetingId, user);
    this.policy.requireManage(viewer);
    const matrix = await this.receiptMatrix(meetingId);
    const names = await this.userNames([...new Set(matrix.flatMap((d) => d.readers.map((r) => r.userId)))]);
    return matrix.flatMap(({ doc, version, readers }) =>
      readers.map((r) => ({
        userId: r.userId,
        fullName: names.get(r.userId) ?? '',
        documentId: doc.id,
        version,
        receivedAt: r.receivedAt?.toISOString() ?? null,
        openedAt: r.openedAt?.toISOString() ?? null,
      })),
    );
  }

  /**
   * Per published document (current version): how many participants may read it, how many tablets received it
   * and how many readers opened it. For the meeting statistics; the caller has checked who asks.
   */
  async distributionOf(meetingId: string): Promise<DocumentDistribution[]> {
    return (await this.receiptMatrix(meetingId)).map(({ doc, version, readers }) => ({
      documentId: doc.id,
      title: doc.title,
      version,
      recipients: readers.length,
      received: readers.filter((r) => r.receivedAt).length,
      opened: readers.filter((r) => r.openedAt).length,
    }));
  }

  /** Published documents with their current version and, per participant who may read it, the receipt times. */
  private async receiptMatrix(meetingId: string): Promise<ReceiptColumn[]> {
    const people = (await this.participants.find({ where: { meetingId } })).filter((p) => p.meetingRole !== 'secretary');
    const docs = await this.documents.find({ where: { meetingId, published: true }, order: { createdAt: 'ASC' } });
    if (!people.length || !docs.length) return [];
    const currents = await this.currentVersions(docs);
    const versionIds = [...currents.values()].map((v) => v.id);
    const rows = await this.receipts.find({ where: { versionId: In(versionIds) } });
    const byKey = new Map(rows.map((r) => [`${r.versionId}:${r.userId}`, r]));
    const out: ReceiptColumn[] = [];
    for (const doc of docs) {
      const v = currents.get(doc.id);
      if (!v) continue;
      const readers = people
        .filter((p) => {
          const asViewer: DocumentViewer = {
            userId: p.userId,
            meetingId,
            participant: true,
            canManage: false,
            actsFor: [p.userId, ...(p.representsUserId ? [p.representsUserId] : [])],
          };
          return this.policy.canSee(doc, asViewer);
        })
        .map((p) => {
          const r = byKey.get(`${v.id}:${p.userId}`);
          return { userId: p.userId, receivedAt: r?.receivedAt ?? null, openedAt: r?.openedAt ?? null };
        });
      out.push({ doc, version: v.version, readers });
    }
    return out;
  }

  /** The current version of each document. */
  async currentVersions(docs: DocumentEntity[]): Promise<Map<string, DocumentVersionEntity>> {
    if (!docs.length) return new Map();
    const rows = await this.versions.find({ where: { documentId: In(docs.map((d) => d.id)) } });
    const want = new Map(docs.map((d) => [d.id, d.currentVersion]));
    return new Map(rows.filter((v) => want.get(v.documentId) === v.version).map((v) => [v.documentId, v]));
  }

  private async toDtos(docs: DocumentEntity[]): Promise<DocumentDto[]> {
    if (!docs.length) return [];
    const all = await this.versions.find({ where: { documentId: In(docs.map((d) => d.id)) } });
    const count = new Map<string, number>();
    for (const v of all) count.set(v.documentId, (count.get(v.documentId) ?? 0) + 1);
    const current = new Map(all.filter((v) => docs.find((d) => d.id === v.documentId)?.currentVersion === v.version).map((v) => [v.documentId, v]));
    const names = await this.userNames([...current.values()].map((v) => v.uploadedById));
    return docs
      .filter((d) => current.has(d.id))
      .map((d) => ({
        id: d.id,
        meetingId: d.meetingId,
        agendaItemId: d.agendaItemId,
        title: d.title,
        access: d.access,
        namedUserIds: d.namedUserIds ?? [],
        published: d.published,
        current: this.versionDto(current.get(d.id) as DocumentVersionEntity, names),
        versionCount: count.get(d.id) ?? 0,
      }));
  }

  private versionDto(v: DocumentVersionEntity, names: Map<string, string>): DocumentVersionDto {
    return {
      id: v.id,
      version: v.version,
      fileName: v.fileName,
      sha256: v.sha256,
      sizeBytes: v.sizeBytes,
      pageCount: v.pageCount,
      uploadedAt: v.uploadedAt.toISOString(),
      uploadedByName: v.uploadedById ? (names.get(v.uploadedById) ?? null) : null,
      thumbnailsReady: v.thumbnailsReady,
      textReady: v.textReady,
      signatures: v.signatures ? (JSON.parse(v.signatures) as DocumentSignaturesDto) : null,
    };
  }

  private async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows = await this.users.find({ where: { id: In(unique) }, select: { id: true, fullName: true } });
    return new Map(rows.map((u) => [u.id, u.fullName]));
  }

  private async checkAgendaItem(meetingId: string, agendaItemId: string | null): Promise<string | null> {
    if (agendaItemId === null) return null;
    const item = await this.agendaItems.findOne({ where: { id: agendaItemId }, select: { id: true, meetingId: true } });
    // An item of another meeting is as good as missing: documents never cross meetings.
    if (!item || item.meetingId !== meetingId) throw new ApiError('AGENDA_ITEM_NOT_FOUND');
    return item.id;
  }

  /** Named readers must be participants of the meeting. */
  private async checkNamedUsers(meetingId: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const found = new Set((await this.participants.find({ where: { meetingId, userId: In(unique) } })).map((p) => p.userId));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length) {
      throw new ApiError(
        'VALIDATION_FAILED',
        missing.map((id) => ({ field: 'namedUserIds', problem: `${id} is not a participant of this meeting` })),
      );
    }
    return unique;
  }
}
