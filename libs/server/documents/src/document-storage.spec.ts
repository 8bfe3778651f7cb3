import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DocumentStorage } from './document-storage';

describe('DocumentStorage', () => {
  let dir: string;
  let storage: DocumentStorage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'phonghop-storage-'));
    storage = new DocumentStorage({ dataDir: dir });
    await storage.ensureDirs();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names blobs by their SHA-256 under a two-letter fan-out folder', async () => {
    const bytes = Buffer.from('%PDF-1.7 hello');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const src = storage.tempPath();
    writeFileSync(src, bytes);
    expect(await storage.hashFile(src)).toBe(sha);
    expect(await storage.putBlob(src, sha)).toBe(true);
    expect(readFileSync(join(dir, 'blobs', sha.slice(0, 2), `${sha}.pdf`))).toEqual(bytes);
  });

  it('stores identical content once and drops the duplicate source', async () => {
    const sha = 'a'.repeat(64);
    const first = storage.tempPath();
    const second = storage.tempPath();
    writeFileSync(first, 'x');
    writeFileSync(second, 'x');
    expect(await storage.putBlob(first, sha)).toBe(true);
    expect(await storage.putBlob(second, sha)).toBe(false);
    expect(await storage.exists(second)).toBe(false);
  });

  it('refuses anything but a SHA-256 as a blob name', () => {
    expect(() => storage.blobPath('../../etc/passwd')).toThrow();
  });
});
