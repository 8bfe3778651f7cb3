import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DOCUMENTS_OPTIONS, type DocumentsOptions } from './documents.options';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The documents' files under DATA_DIR:
 *   uploads/<uploadId>.part          bytes of an upload in progress
 *   blobs/<sha[0..2]>/<sha>.pdf      stored PDFs, named by content (identical files are stored once)
 *   blobs/.tmp/                      files being written; same filesystem as blobs, so rename is atomic
 *   thumbnails/<sha>/<page>.png      page images
 *   thumbnails/<sha>/preview.webp    page 1 at reading size, shown while pdf.js loads
 *   stamped/<sha>/<userId>.pdf       per-viewer watermarked copies of confidential documents
 *   stamped/<sha>/<userId>/<image>   the same viewer's watermarked page images
 */
@Injectable()
export class DocumentStorage {
  readonly root: string;

  constructor(@Inject(DOCUMENTS_OPTIONS) options: DocumentsOptions) {
    this.root = resolve(options.dataDir);
  }

  get uploadsDir(): string {
    return join(this.root, 'uploads');
  }

  get blobsDir(): string {
    return join(this.root, 'blobs');
  }

  get tmpDir(): string {
    return join(this.root, 'blobs', '.tmp');
  }

  async ensureDirs(): Promise<void> {
    for (const dir of [this.uploadsDir, this.tmpDir, join(this.root, 'thumbnails'), join(this.root, 'stamped')]) {
      await mkdir(dir, { recursive: true });
    }
  }

  partPath(uploadId: string): string {
    return join(this.uploadsDir, `${uploadId}.part`);
  }

  blobPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.blobsDir, sha256.slice(0, 2), `${sha256}.pdf`);
  }

  thumbnailDir(sha256: string): string {
    return join(this.root, 'thumbnails', sha256);
  }

  previewPath(sha256: string): string {
    return join(this.thumbnailDir(sha256), 'preview.webp');
  }

  stampedPath(sha256: string, userId: string): string {
    return join(this.root, 'stamped', sha256, `${userId}.pdf`);
  }

  /** A page image (`preview.webp`, `<page>.png`) stamped for one viewer. */
  stampedImagePath(sha256: string, userId: string, image: string): string {
    return join(this.root, 'stamped', sha256, userId, image);
  }

  /** A fresh path in the blobs' temp folder (same filesystem as the blobs). */
  tempPath(suffix = '.tmp'): string {
    return join(this.tmpDir, `${randomUUID()}${suffix}`);
  }

  async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }

  async size(path: string): Promise<number> {
    return (await stat(path)).size;
  }

  /** SHA-256 of a file, streamed. */
  async hashFile(path: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return hash.digest('hex');
  }

  async readHead(path: string, bytes: number): Promise<Buffer> {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await fh.read(buf, 0, bytes, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  /**
   * Moves a finished file into place as the blob for `sha256`: fsync the file, rename it (atomic within one
   * filesystem), fsync the folder so the new name survives a power cut. Returns false when the blob was
   * already there (identical content), in which case `source` is removed.
   */
  async putBlob(source: string, sha256: string): Promise<boolean> {
    const target = this.blobPath(sha256);
    if (await this.exists(target)) {
      await rm(source, { force: true });
      return false;
    }
    await this.fsyncFile(source);
    await mkdir(dirname(target), { recursive: true });
    await rename(source, target);
    await this.fsyncDir(dirname(target));
    return true;
  }

  /** Moves a finished file into place at any path (thumbnails, stamped copies). */
  async moveInto(source: string, target: string): Promise<void> {
    await this.fsyncFile(source);
    await mkdir(dirname(target), { recursive: true });
    await rename(source, target);
  }

  async removeBlob(sha256: string): Promise<void> {
    await rm(this.blobPath(sha256), { force: true });
    await rm(this.thumbnailDir(sha256), { recursive: true, force: true });
    await rm(join(this.root, 'stamped', sha256), { recursive: true, force: true });
  }

  async removeQuietly(path: string): Promise<void> {
    await unlink(path).catch(() => undefined);
  }

  /** Files in the uploads folder (for removing parts whose upload row is gone). */
  async listParts(): Promise<string[]> {
    return (await readdir(this.uploadsDir).catch(() => [] as string[])).filter((f) => f.endsWith('.part'));
  }

  /** Temp files left by a crash mid-write; nothing refers to them. */
  async clearTemp(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  private async fsyncFile(path: string): Promise<void> {
    const fh = await open(path, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  private async fsyncDir(path: string): Promise<void> {
    try {
      const fh = await open(path, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch {
      // Some filesystems refuse fsync on folders; the rename is still atomic.
    }
  }
}
