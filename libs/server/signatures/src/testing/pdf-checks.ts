import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFHexString, PDFName, type PDFRef, StandardFonts } from 'pdf-lib';
import { appendUpdate, previousSize } from '../pdf/incremental-update';

/** A plain PDF with numbered A4 pages, written without object streams (pdf-lib's classic cross-reference table). */
export async function samplePdf(pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** One signature as poppler's pdfsig reports it. */
export interface PdfsigSignature {
  commonName: string;
  valid: boolean;
  wholeDocument: boolean;
  signatureType: string;
  validation: string;
}

function withFile<T>(pdf: Buffer, work: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'phonghop-sig-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return work(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs poppler's pdfsig, an independent verifier, and reads its report per signature. */
export function pdfsig(pdf: Buffer): PdfsigSignature[] {
  return withFile(pdf, (file) => {
    const out = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    return (out.stdout ?? '')
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => {
        const field = (name: string) => new RegExp(`- ${name}: (.*)$`, 'm').exec(block)?.[1].trim() ?? '';
        const validation = field('Signature Validation');
        return {
          commonName: field('Signer Certificate Common Name'),
          valid: validation === 'Signature is Valid.',
          wholeDocument: /- Total document signed/.test(block),
          signatureType: field('Signature Type'),
          validation,
        };
      });
  });
}

/** The last signature's byte ranges and CMS, as found by a plain regular expression (independent of the library). */
export function lastSignatureParts(pdf: Buffer): { content: Buffer; cms: Buffer } {
  const all = [...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const [a, b, c, d] = all[all.length - 1].slice(1, 5).map(Number);
  const hex = pdf.subarray(a + b + 1, c - 1).toString('latin1').replace(/(00)+$/, '');
  return { content: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]), cms: Buffer.from(hex, 'hex') };
}

/** `openssl cms -verify` of the last signature against `caFile`: true when OpenSSL accepts it. */
export function opensslVerifiesCms(pdf: Buffer, caFile: string): boolean {
  const { content, cms } = lastSignatureParts(pdf);
  return withFile(pdf, (_file, dir) => {
    writeFileSync(join(dir, 'content.bin'), content);
    writeFileSync(join(dir, 'sig.der'), cms);
    const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', join(dir, 'sig.der'), '-binary', '-content', join(dir, 'content.bin'), '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null']);
    return r.status === 0;
  });
}

/** Flips one byte inside the signed part of the file (not in the signature itself), as a forger would. */
export function tamperOneByte(pdf: Buffer): Buffer {
  const out = Buffer.from(pdf);
  // Inside the first page's content or header: a digit or letter of "%PDF-1.x" at offset 6 is always signed.
  out[6] = out[6] === 0x37 ? 0x36 : 0x37;
  return out;
}

/**
 * Changes a signed file the way an editor would after signing: an incremental update that adds a note to page 1.
 * The signed bytes stay intact; the signature no longer covers the whole file.
 */
export async function appendAnnotationRevision(pdf: Buffer, text = 'Sửa sau khi ký'): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, previousSize(pdf) - 1);
  const baseMax = ctx.largestObjectNumber;
  const page = doc.getPages()[0];
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('EDITED', { x: 40, y: 40, size: 12, font });
  const note = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [40, 60, 60, 80], Contents: PDFHexString.fromText(text) }));
  const annots = page.node.lookup(PDFName.of('Annots'));
  const existing = annots instanceof PDFArray ? annots.asArray() : [];
  page.node.set(PDFName.of('Annots'), ctx.obj([...existing, note]));
  await doc.flush();
  const root = ctx.trailerInfo.Root as PDFRef;
  const objects = ctx
    .enumerateIndirectObjects()
    .filter(([ref]) => ref.objectNumber > baseMax || ref.objectNumber === page.ref.objectNumber)
    .map(([ref, obj]) => {
      const body = new Uint8Array(obj.sizeInBytes());
      obj.copyBytesInto(body, 0);
      return { num: ref.objectNumber, gen: ref.generationNumber, body: Buffer.from(body) };
    });
  return appendUpdate(pdf, objects, { size: ctx.largestObjectNumber + 1, root: `${root.objectNumber} 0 R`, id: ['<00>', '<01>'] }).bytes;
}
