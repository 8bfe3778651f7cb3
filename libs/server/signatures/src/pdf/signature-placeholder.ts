import fontkit from '@pdf-lib/fontkit';
import { randomBytes } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFObject, PDFRef, PDFString } from 'pdf-lib';
import { appendUpdate, previousSize, type UpdatedObject } from './incremental-update';
import { appearanceContent } from './signature-appearance';
import { pdfDate } from './pdf-date';

/** Where a visible signature block goes and what it says. */
export interface SignatureAppearance {
  /** 0-based page; negative counts from the end (-1 = last page). Not needed when filling a named field. */
  page?: number;
  /** Lower-left corner and size, in PDF points. Not needed when filling a named field. */
  rect?: { x: number; y: number; width: number; height: number };
  lines: string[];
  /** A TrueType font with Vietnamese letters (subset-embedded). */
  font: Uint8Array;
}

export interface PlaceholderOptions {
  signedAt: Date;
  /** Bytes reserved for the CMS signature (its hex takes twice as many). */
  contentsBytes: number;
  name?: string;
  reason?: string;
  location?: string;
  /** Sign into the document's empty signature field of this name (its signature area), when there is one. */
  field?: string;
  appearance?: SignatureAppearance;
}

/** A PDF with an empty signature: the CMS goes into `contents`, and is computed over `byteRange`. */
export interface PreparedPdf {
  pdf: Buffer;
  byteRange: [number, number, number, number];
  /** Offset of the '<' of /Contents and the number of hex digits inside. */
  contents: { at: number; hexLength: number };
}

export class PdfNotSignableError extends Error {}

const BYTE_RANGE_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

/**
 * Adds a signature field (visible or not), its widget on the page and an empty PAdES signature dictionary as an
 * incremental update. The original bytes are kept as they are, so earlier signatures stay valid.
 */
export async function prepareSignature(original: Buffer, opts: PlaceholderOptions): Promise<PreparedPdf> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
  } catch (err) {
    throw new PdfNotSignableError(`the PDF cannot be signed (${(err as Error).message})`);
  }
  const ctx = doc.context;
  const pages = doc.getPages();
  const rootRef = ctx.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new PdfNotSignableError('the PDF has no catalog reference');
  // New objects get numbers no revision of the file used: pdf-lib does not count the object and cross-reference
  // streams it unpacked, which a qpdf- or pdf-lib-written file numbers last.
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, previousSize(original) - 1);
  const baseMax = ctx.largestObjectNumber;
  const changed = new Set<number>();
  const sigRef = ctx.nextRef();

  const acroEntry = doc.catalog.get(PDFName.of('AcroForm'));
  const acroForm = acroEntry instanceof PDFRef ? ctx.lookup(acroEntry, PDFDict) : acroEntry instanceof PDFDict ? acroEntry : undefined;
  const target = opts.field && acroForm ? emptyField(acroForm, opts.field) : undefined;
  const page = target
    ? (pages.find((p) => p.ref === target.dict.get(PDFName.of('P'))) ?? pages[0])
    : pages[opts.appearance?.page === undefined ? 0 : opts.appearance.page < 0 ? pages.length + opts.appearance.page : opts.appearance.page];
  if (!page) throw new PdfNotSignableError('the PDF has no such page');
  const box = target ? rectOf(target.dict) : opts.appearance?.rect;

  let apRef: PDFRef | undefined;
  let rect = [0, 0, 0, 0];
  if (opts.appearance && box) {
    const { x, y, width, height } = box;
    rect = [x, y, x + width, y + height];
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(opts.appearance.font, { subset: true });
    const content = appearanceContent(font, opts.appearance.lines, { width, height });
    await font.embed();
    apRef = ctx.register(ctx.stream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: { Font: { F1: font.ref } } }));
  }

  if (target) {
    // The document's own signature area: the field and its widget get the value and the appearance.
    target.dict.set(PDFName.of('V'), sigRef);
    target.dict.set(PDFName.of('F'), ctx.obj(132));
    if (apRef) target.dict.set(PDFName.of('AP'), ctx.obj({ N: apRef }));
    changed.add(target.ref.objectNumber);
    acroForm?.set(PDFName.of('SigFlags'), ctx.obj(3));
    changed.add(acroEntry instanceof PDFRef ? acroEntry.objectNumber : rootRef.objectNumber);
    return finish(original, doc, opts, { baseMax, changed, sigRef, rootRef });
  }

  const taken = acroForm ? fieldNames(acroForm) : new Set<string>();
  let n = taken.size + 1;
  while (taken.has(`Signature${n}`)) n++;
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(`Signature${n}`),
    V: sigRef,
    // Print + Locked: shown when printed, not movable.
    F: 132,
    P: page.ref,
    Rect: rect,
    ...(apRef ? { AP: { N: apRef } } : {}),
  });
  const widgetRef = ctx.register(widget);

  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    ctx.lookup(annots, PDFArray).push(widgetRef);
    changed.add(annots.objectNumber);
  } else {
    if (annots instanceof PDFArray) annots.push(widgetRef);
    else page.node.set(PDFName.of('Annots'), ctx.obj([widgetRef]));
    changed.add(page.ref.objectNumber);
  }

  if (acroForm) {
    const fields = acroForm.get(PDFName.of('Fields'));
    if (fields instanceof PDFRef) {
      ctx.lookup(fields, PDFArray).push(widgetRef);
      changed.add(fields.objectNumber);
    } else if (fields instanceof PDFArray) {
      fields.push(widgetRef);
    } else {
      acroForm.set(PDFName.of('Fields'), ctx.obj([widgetRef]));
    }
    // SignaturesExist | AppendOnly: viewers must save later changes as incremental updates.
    acroForm.set(PDFName.of('SigFlags'), ctx.obj(3));
    changed.add(acroEntry instanceof PDFRef ? acroEntry.objectNumber : rootRef.objectNumber);
  } else {
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(ctx.obj({ Fields: [widgetRef], SigFlags: 3 })));
    changed.add(rootRef.objectNumber);
  }

  return finish(original, doc, opts, { baseMax, changed, sigRef, rootRef });
}

/** Writes the changed and new objects and the signature dictionary as an update, and fills in /ByteRange. */
function finish(original: Buffer, doc: PDFDocument, opts: PlaceholderOptions, w: { baseMax: number; changed: Set<number>; sigRef: PDFRef; rootRef: PDFRef }): PreparedPdf {
  const ctx = doc.context;
  const objects: UpdatedObject[] = [];
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber > w.baseMax || w.changed.has(ref.objectNumber)) objects.push({ num: ref.objectNumber, gen: ref.generationNumber, body: serialize(obj) });
  }
  const sigBody = signatureDictionary(opts);
  objects.push({ num: w.sigRef.objectNumber, gen: 0, body: Buffer.from(sigBody, 'latin1') });
  objects.sort((a, b) => a.num - b.num);

  const id = ctx.trailerInfo.ID;
  const firstId = id instanceof PDFArray ? id.get(0).toString() : `<${randomBytes(16).toString('hex')}>`;
  const info = ctx.trailerInfo.Info;
  const update = appendUpdate(original, objects, {
    size: ctx.largestObjectNumber + 1,
    root: `${w.rootRef.objectNumber} ${w.rootRef.generationNumber} R`,
    info: info instanceof PDFRef ? `${info.objectNumber} ${info.generationNumber} R` : undefined,
    id: [firstId, `<${randomBytes(16).toString('hex')}>`],
  });

  const body = update.bodyOffsets.get(w.sigRef.objectNumber) ?? 0;
  const at = body + sigBody.indexOf('/Contents <') + '/Contents '.length;
  const hexLength = opts.contentsBytes * 2;
  const holeEnd = at + hexLength + 2;
  const byteRange: PreparedPdf['byteRange'] = [0, at, holeEnd, update.bytes.length - holeEnd];
  const rangeText = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  update.bytes.write(rangeText, body + sigBody.indexOf(BYTE_RANGE_PLACEHOLDER), 'latin1');
  return { pdf: update.bytes, byteRange, contents: { at, hexLength } };
}

/** A merged signature field and widget named `name` that nobody signed yet. */
function emptyField(acroForm: PDFDict, name: string): { ref: PDFRef; dict: PDFDict } | undefined {
  const fields = acroForm.lookup(PDFName.of('Fields'));
  if (!(fields instanceof PDFArray)) return undefined;
  for (let i = 0; i < fields.size(); i++) {
    const ref = fields.get(i);
    const dict = fields.lookup(i);
    if (!(ref instanceof PDFRef) || !(dict instanceof PDFDict)) continue;
    const t = dict.lookup(PDFName.of('T'));
    const fieldName = t instanceof PDFHexString || t instanceof PDFString ? t.decodeText() : '';
    if (fieldName === name && dict.get(PDFName.of('FT')) === PDFName.of('Sig') && !dict.get(PDFName.of('V'))) return { ref, dict };
  }
  return undefined;
}

function rectOf(dict: PDFDict): { x: number; y: number; width: number; height: number } | undefined {
  const r = dict.lookup(PDFName.of('Rect'));
  if (!(r instanceof PDFArray) || r.size() !== 4) return undefined;
  const [x1, y1, x2, y2] = r.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
  const box = { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
  return box.width > 0 && box.height > 0 ? box : undefined;
}

/** Puts the CMS into the reserved /Contents (hex, padded with zeros). */
export function embedSignature(prepared: PreparedPdf, cms: Buffer): Buffer {
  const hex = cms.toString('hex');
  if (hex.length > prepared.contents.hexLength) throw new PdfNotSignableError(`the signature (${cms.length} bytes) is larger than the space reserved (${prepared.contents.hexLength / 2})`);
  const out = Buffer.from(prepared.pdf);
  out.write(hex.padEnd(prepared.contents.hexLength, '0'), prepared.contents.at + 1, 'latin1');
  return out;
}

/** The bytes a signature covers: everything but the /Contents hole. */
export function signedBytes(pdf: Buffer, range: readonly number[]): Buffer {
  return Buffer.concat([pdf.subarray(range[0], range[0] + range[1]), pdf.subarray(range[2], range[2] + range[3])]);
}

/** PAdES: SubFilter ETSI.CAdES.detached and the signing time in /M (not in the CMS). */
function signatureDictionary(opts: PlaceholderOptions): string {
  const text = (key: string, value: string | undefined) => (value ? ` /${key} ${PDFHexString.fromText(value).toString()}` : '');
  return (
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (${pdfDate(opts.signedAt)})` +
    text('Name', opts.name) +
    text('Reason', opts.reason) +
    text('Location', opts.location) +
    ` /ByteRange ${BYTE_RANGE_PLACEHOLDER} /Contents <${'0'.repeat(opts.contentsBytes * 2)}> >>`
  );
}

function serialize(obj: PDFObject): Buffer {
  const out = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(out, 0);
  return Buffer.from(out);
}

/** Names of the form's top-level fields (a new field's name must differ from them). */
function fieldNames(acroForm: PDFDict): Set<string> {
  const fields = acroForm.lookup(PDFName.of('Fields'));
  const names = new Set<string>();
  if (!(fields instanceof PDFArray)) return names;
  for (let i = 0; i < fields.size(); i++) {
    const field = fields.lookup(i);
    const name = field instanceof PDFDict ? field.lookup(PDFName.of('T')) : undefined;
    if (name instanceof PDFHexString || name instanceof PDFString) names.add(name.decodeText());
  }
  return names;
}
