import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiError } from '@phonghop/server-core';
import { carriesSignatures, SignatureVerifier } from '@phonghop/server-signatures';
import { Repository } from 'typeorm';
import { DocumentVersionEntity } from './document.entities';
import { DocumentStorage } from './document-storage';
import { PdfTaskError, PdfWorkers } from './pdf/pdf-workers';
import { repackForFirstPage } from './pdf/qpdf';

/** A PDF that passed the checks and is in the blob store. */
export interface StoredPdf {
  /** Hash of the stored (linearized) file: the blob name and the ETag. */
  sha256: string;
  /** Hash of the bytes as uploaded: finds duplicates without redoing the work. */
  sourceSha256: string;
  sizeBytes: number;
  pageCount: number;
  /** False when identical content was already stored (nothing new to clean up on failure). */
  blobCreated: boolean;
  /** The signature check (DocumentSignaturesDto JSON), null when the file carries no signature. */
  signatures: string | null;
}

/**
 * Turns a finished upload into a stored blob: checks it is a readable, unencrypted PDF, linearizes it and moves
 * it into the content-addressed store. Throws FILE_* / PDF_* errors and leaves nothing behind when it does.
 * A signed PDF is stored byte for byte (repacking would break every signature) and its signatures are checked.
 */
@Injectable()
export class DocumentIntake {
  private readonly logger = new Logger('DocumentIntake');

  constructor(
    private readonly storage: DocumentStorage,
    private readonly workers: PdfWorkers,
    @InjectRepository(DocumentVersionEntity) private readonly versions: Repository<DocumentVersionEntity>,
    private readonly signatures: SignatureVerifier,
  ) {}

  /** Checks and stores `file`. The file is consumed (moved into the store) or left for the caller to delete. */
  async store(file: string): Promise<StoredPdf> {
    const head = await this.storage.readHead(file, 5);
    if (head.length === 0) throw new ApiError('FILE_EMPTY');
    if (head.toString('latin1') !== '%PDF-') throw new ApiError('FILE_NOT_PDF');

    const sourceSha256 = await this.storage.hashFile(file);
    const known = await this.versions.findOne({ where: { sourceSha256 } });
    if (known && (await this.storage.exists(this.storage.blobPath(known.sha256)))) {
      return { sha256: known.sha256, sourceSha256, sizeBytes: known.sizeBytes, pageCount: known.pageCount, blobCreated: false, signatures: known.signatures };
    }

    const pageCount = await this.inspect(file);

    await this.storage.ensureDirs();
    const signatures = (await carriesSignatures(file)) ? await this.signatures.verifyFile(file) : null;
    const linearized = this.storage.tempPath('.pdf');
    let chosen = file;
    if (signatures) {
      // Signed: kept exactly as uploaded (never repacked), so every signature still checks out, here or elsewhere.
    } else if (await repackForFirstPage(file, linearized)) {
      chosen = linearized;
    } else {
      // qpdf is missing or trips over a file pdf.js reads fine: serve the original rather than refuse it.
      this.logger.warn({ file }, 'qpdf could not repack; keeping the original');
      await this.storage.removeQuietly(linearized);
    }
    try {
      const sha256 = chosen === file ? sourceSha256 : await this.storage.hashFile(chosen);
      const sizeBytes = await this.storage.size(chosen);
      const blobCreated = await this.storage.putBlob(chosen, sha256);
      return { sha256, sourceSha256, sizeBytes, pageCount, blobCreated, signatures: signatures ? JSON.stringify(signatures) : null };
    } finally {
      if (chosen !== file) await this.storage.removeQuietly(linearized);
    }
  }

  private async inspect(file: string): Promise<number> {
    try {
      return await this.workers.inspect(file);
    } catch (err) {
      if (err instanceof PdfTaskError && err.kind === 'encrypted') throw new ApiError('PDF_ENCRYPTED');
      if (!(err instanceof PdfTaskError) || err.kind !== 'malformed') {
        // Crashes and time-outs on a file are its fault as far as the uploader can tell; keep the cause in the log.
        this.logger.warn({ err, file }, 'PDF inspection failed');
      }
      throw new ApiError('PDF_MALFORMED');
    }
  }
}
