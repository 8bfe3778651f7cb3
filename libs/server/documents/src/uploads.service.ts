import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ApiErrorBody,
  type CompleteUploadRequest,
  type DocumentDto,
  MAX_DOCUMENT_BYTES,
  type StartUploadRequest,
  UPLOAD_CHUNK_BYTES,
  type UploadStatusDto,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LessThan, Repository } from 'typeorm';
import { DocumentAccessPolicy } from './document-access';
import { DocumentUploadEntity } from './document.entities';
import { DocumentIntake } from './document-intake';
import { DocumentProcessing } from './document-processing.service';
import { DocumentStorage } from './document-storage';
import { DOCUMENTS_OPTIONS, type DocumentsOptions } from './documents.options';
import { DocumentsService } from './documents.service';
import { BIDI_CONTROLS, normaliseFileName } from './dto/documents.dto';

/** Errors that condemn the file itself: the upload is discarded, the uploader starts again with another file. */
const CONTENT_ERRORS = new Set(['FILE_EMPTY', 'FILE_NOT_PDF', 'PDF_MALFORMED', 'PDF_ENCRYPTED']);

/** UPLOAD_OFFSET_MISMATCH carrying the server's position, so the client resumes from there. */
function offsetMismatch(receivedBytes: number): ApiError {
  const err = new ApiError('UPLOAD_OFFSET_MISMATCH', [{ field: 'offset', problem: `expected ${receivedBytes}` }]);
  (err.getResponse() as ApiErrorBody).receivedBytes = receivedBytes;
  return err;
}

/** How long the end of a completed upload is remembered, to tell a repeated "complete" what happened. */
const COMPLETED_MEMORY_MS = 3600_000;
const COMPLETED_MEMORY_MAX = 10_000;

/**
 * Resumable uploads: the secretary declares a file, sends it in chunks at explicit offsets (a broken hall Wi-Fi
 * connection costs one chunk, not the whole file), then completes it into a document. Uploads are rows in the
 * database, so a restart does not lose them; unfinished ones expire.
 */
@Injectable()
export class UploadsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('UploadsService');
  /** Uploads with a chunk or completion in flight: one writer per upload. */
  private readonly busy = new Set<string>();
  /** Uploads being completed right now (a subset of `busy`). */
  private readonly completing = new Set<string>();
  /** Uploads completed lately (their rows are gone), by id: the uploader, and when. */
  private readonly completed = new Map<string, { userId: string; at: number }>();
  private readonly ttlMs: number;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(DocumentUploadEntity) private readonly uploads: Repository<DocumentUploadEntity>,
    @Inject(DOCUMENTS_OPTIONS) options: DocumentsOptions,
    private readonly storage: DocumentStorage,
    private readonly policy: DocumentAccessPolicy,
    private readonly intake: DocumentIntake,
    private readonly documents: DocumentsService,
    private readonly processing: DocumentProcessing,
  ) {
    this.ttlMs = (options.uploadTtlHours ?? 24) * 3600_000;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.storage.ensureDirs();
    // Nothing is being written yet: leftovers in the temp folder are from a crash and belong to nobody.
    await this.storage.clearTemp();
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep().catch((err) => this.logger.warn({ err }, 'upload sweep failed')), 3600_000);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweepTimer);
  }

  async start(meetingId: string, user: AuthenticatedUser, body: StartUploadRequest): Promise<UploadStatusDto> {
    const viewer = await this.policy.viewerOf(meetingId, user);
    this.policy.requireManage(viewer);
    if (!Number.isInteger(body.sizeBytes) || body.sizeBytes < 0) {
      throw new ApiError('VALIDATION_FAILED', [{ field: 'sizeBytes', problem: 'sizeBytes must be a whole number of bytes, not negative' }]);
    }
    if (body.sizeBytes === 0) throw new ApiError('FILE_EMPTY');
    if (body.sizeBytes > MAX_DOCUMENT_BYTES) throw new ApiError('FILE_TOO_LARGE');
    const fileName = normaliseFileName(body.fileName);
    if (!fileName) throw new ApiError('FILE_NAME_INVALID', [{ field: 'fileName', problem: 'blank' }]);
    if (BIDI_CONTROLS.test(fileName)) {
      throw new ApiError('FILE_NAME_INVALID', [{ field: 'fileName', problem: 'text-direction control characters (U+200E/F, U+202A–U+202E, U+2066–U+2069)' }]);
    }
    const upload = this.uploads.create({
      id: randomUUID(),
      meetingId,
      userId: user.id,
      fileName,
      sizeBytes: body.sizeBytes,
      receivedBytes: 0,
      expiresAt: new Date(Date.now() + this.ttlMs),
    });
    await this.storage.ensureDirs();
    await this.uploads.insert(upload);
    // Row first, then the empty part file: the sweep deletes part files that have no row.
    await (await open(this.storage.partPath(upload.id), 'w')).close();
    return this.status(upload);
  }

  async get(uploadId: string, user: AuthenticatedUser): Promise<UploadStatusDto> {
    return this.status(await this.own(uploadId, user));
  }

  /**
   * Appends a chunk at `offset`, streaming it to disk. The offset must equal what the server has, so a client
   * that lost an answer resumes from the reported position instead of writing a gap or a duplicate. Bytes that
   * arrived before a broken connection are kept (and fsynced) and count as received.
   */
  async append(uploadId: string, user: AuthenticatedUser, offset: number, body: Readable, declaredLength?: number): Promise<UploadStatusDto> {
    const upload = await this.own(uploadId, user);
    if (this.completing.has(upload.id)) throw new ApiError('UPLOAD_ALREADY_COMPLETED');
    if (this.busy.has(upload.id) || offset !== upload.receivedBytes) {
      throw offsetMismatch(upload.receivedBytes);
    }
    const room = upload.sizeBytes - upload.receivedBytes;
    if (declaredLength !== undefined && declaredLength > room) throw new ApiError('UPLOAD_SIZE_EXCEEDED');
    this.busy.add(upload.id);
    const part = this.storage.partPath(upload.id);
    let written = 0;
    let failure: unknown;
    try {
      // Whatever lies past receivedBytes (a write whose bookkeeping was lost) is not trusted.
      await truncate(part, offset);
      const out = createWriteStream(part, { flags: 'r+', start: offset });
      let seen = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen > room) return done(new ApiError('UPLOAD_SIZE_EXCEEDED'));
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, limit, out);
      } catch (err) {
        failure = err;
        if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      }
      written = Math.min(out.bytesWritten, room);
      const fh = await open(part, 'r+');
      try {
        await fh.truncate(offset + written);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      this.busy.delete(upload.id);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        // The part file vanished (disk cleaned by hand): the upload cannot continue.
        await this.uploads.delete({ id: upload.id });
        throw new ApiError('UPLOAD_NOT_FOUND');
      }
      throw err;
    }
    try {
      upload.receivedBytes = offset + written;
      upload.expiresAt = new Date(Date.now() + this.ttlMs);
      await this.uploads.update({ id: upload.id }, { receivedBytes: upload.receivedBytes, expiresAt: upload.expiresAt });
    } finally {
      this.busy.delete(upload.id);
    }
    if (failure instanceof ApiError) throw failure;
    if (failure) {
      // The client went away mid-chunk; what arrived is kept and GET reports it.
      throw new ApiError('UPLOAD_INCOMPLETE', [{ field: 'body', problem: `receivedBytes=${upload.receivedBytes}` }]);
    }
    return this.status(upload);
  }

  async complete(uploadId: string, user: AuthenticatedUser, body: CompleteUploadRequest): Promise<DocumentDto> {
    // A repeated "complete" whose first answer was lost: the upload became a document (its row is gone).
    if (this.completedLately(uploadId, user)) throw new ApiError('UPLOAD_ALREADY_COMPLETED');
    const upload = await this.own(uploadId, user);
    const viewer = await this.policy.viewerOf(upload.meetingId, user);
    this.policy.requireManage(viewer);
    // Two "complete" calls at once (a double click, a retry): the second is told the first has it in hand, or
    // (when the first finished while this one was reading) that it is done.
    if (this.completing.has(upload.id) || this.completedLately(upload.id, user)) throw new ApiError('UPLOAD_ALREADY_COMPLETED');
    if (this.busy.has(upload.id)) {
      throw new ApiError('UPLOAD_INCOMPLETE', [{ field: 'receivedBytes', problem: 'a chunk is still being written' }]);
    }
    if (upload.receivedBytes < upload.sizeBytes) {
      throw new ApiError('UPLOAD_INCOMPLETE', [{ field: 'receivedBytes', problem: `${upload.receivedBytes} of ${upload.sizeBytes}` }]);
    }
    this.busy.add(upload.id);
    this.completing.add(upload.id);
    try {
      // Metadata mistakes keep the upload, so the client can correct and complete again.
      const target = await this.documents.prepareTarget(upload.meetingId, body);
      const part = this.storage.partPath(upload.id);
      let stored;
      try {
        stored = await this.intake.store(part);
      } catch (err) {
        if (err instanceof ApiError && CONTENT_ERRORS.has(err.code)) await this.discard(upload);
        throw err;
      }
      let recorded;
      try {
        recorded = await this.documents.recordVersion(target, upload, stored, user);
      } catch (err) {
        if (stored.blobCreated) await this.documents.removeBlobIfUnused(stored.sha256);
        throw err;
      }
      this.rememberCompleted(upload);
      await this.storage.removeQuietly(part);
      this.processing.enqueue(recorded.version.id);
      // A new version of a published document reaches the tablets at once (the transaction has committed).
      if (recorded.doc.published) await this.documents.notifyChanged(recorded.doc.meetingId);
      return this.documents.toDto(recorded.doc);
    } finally {
      this.completing.delete(upload.id);
      this.busy.delete(upload.id);
    }
  }

  /** Only the uploader sees an upload; to anybody else it does not exist. */
  private async own(uploadId: string, user: AuthenticatedUser): Promise<DocumentUploadEntity> {
    const upload = await this.uploads.findOne({ where: { id: uploadId } });
    if (!upload || upload.userId !== user.id || upload.expiresAt.getTime() < Date.now()) throw new ApiError('UPLOAD_NOT_FOUND');
    return upload;
  }

  private completedLately(uploadId: string, user: AuthenticatedUser): boolean {
    const done = this.completed.get(uploadId);
    return !!done && done.userId === user.id && Date.now() - done.at < COMPLETED_MEMORY_MS;
  }

  private rememberCompleted(upload: DocumentUploadEntity): void {
    const now = Date.now();
    for (const [id, done] of this.completed) {
      if (this.completed.size < COMPLETED_MEMORY_MAX && now - done.at < COMPLETED_MEMORY_MS) break;
      this.completed.delete(id);
    }
    this.completed.set(upload.id, { userId: upload.userId, at: now });
  }

  private async discard(upload: DocumentUploadEntity): Promise<void> {
    await this.uploads.delete({ id: upload.id });
    await this.storage.removeQuietly(this.storage.partPath(upload.id));
  }

  /** Removes expired uploads and part files nobody refers to (e.g. after a crash between steps). */
  async sweep(): Promise<void> {
    const stale = await this.uploads.find({ where: { expiresAt: LessThan(new Date()) } });
    for (const u of stale) if (!this.busy.has(u.id)) await this.discard(u);
    const live = new Set((await this.uploads.find({ select: { id: true } })).map((u) => u.id));
    for (const f of await this.storage.listParts()) {
      const id = f.slice(0, -'.part'.length);
      if (!live.has(id) && !this.busy.has(id)) await this.storage.removeQuietly(this.storage.partPath(id));
    }
  }

  private status(u: DocumentUploadEntity): UploadStatusDto {
    return {
      uploadId: u.id,
      fileName: u.fileName,
      sizeBytes: u.sizeBytes,
      receivedBytes: u.receivedBytes,
      chunkBytes: UPLOAD_CHUNK_BYTES,
      expiresAt: u.expiresAt.toISOString(),
    };
  }
}
