import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Signed files by content (DATA_DIR/signed/<sha256>.pdf), written once and never changed: each signature is a new
 * file that starts with the previous one.
 */
export class SignedFiles {
  constructor(private readonly dataDir: string) {}

  private get dir(): string {
    return join(this.dataDir, 'signed');
  }

  path(sha256: string): string {
    return join(this.dir, `${sha256}.pdf`);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await mkdir(this.dir, { recursive: true });
    const target = this.path(sha256);
    if (await stat(target).catch(() => null)) return sha256;
    // Written beside, then renamed: a reader never sees half a file.
    const temp = join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
    return sha256;
  }

  read(sha256: string): Promise<Buffer> {
    return readFile(this.path(sha256));
  }

  /** The SHA-256 of the file as it is on disk now, or null when it is missing. */
  async hashOnDisk(sha256: string): Promise<string | null> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.path(sha256))) hash.update(chunk as Buffer);
    } catch {
      return null;
    }
    return hash.digest('hex');
  }
}
