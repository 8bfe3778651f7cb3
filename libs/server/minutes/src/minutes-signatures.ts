import { PDFHexString, type PDFPage } from 'pdf-lib';
import { MM, type PageFlow } from './minutes-flow';
import type { MinutesRun } from './minutes-html';
import { balancedLines, baselineOffset, breakLines, drawLine, type Line, plainText } from './minutes-text';

const ROLE = 14;
const NAME = 14;
const ROLE_LH = ROLE * 1.2;
/** Room for a handwritten signature and the seal. */
const SIGN_SPACE = 28 * MM;
const RECIPIENT_TITLE = 12;
const RECIPIENT = 11;

interface Column {
  x: number;
  width: number;
}

interface SignatureBlock {
  role: Line[];
  name: Line[];
  field?: string;
}

/** A signer of the printed document; `field` names the empty signature field left in their signing space. */
export interface Signer {
  role: string;
  name: string;
  /** chair, secretary: the digital signature of that person (or the organisation through them) goes there. */
  field?: string;
}

/**
 * Signature blocks side by side (role in capitals, bold; space to sign; name, bold), then "Nơi nhận". A single
 * signer stands on the right half with "Nơi nhận" beside it on the left, as in letters and notices; with more
 * signers (minutes: secretary and chair) "Nơi nhận" follows below. A block is never split across pages.
 */
export function drawSignatures(flow: PageFlow, signatures: Signer[], recipients: string[]): void {
  const perRow = signatures.length === 4 ? 2 : Math.min(3, Math.max(1, signatures.length));
  const columns: Column[] =
    signatures.length === 1
      ? [{ x: flow.left + flow.width * 0.45, width: flow.width * 0.55 }]
      : Array.from({ length: perRow }, (_, i) => ({ x: flow.left + (flow.width / perRow) * i, width: flow.width / perRow }));
  const beside = signatures.length === 1 && recipients.length > 0;
  const recipientLines = recipientBlock(flow, recipients, beside ? flow.width * 0.45 - 6 : flow.width * 0.55);

  flow.skip(12);
  for (let start = 0; start < signatures.length; start += perRow) {
    if (start > 0) flow.skip(18);
    const row = signatures.slice(start, start + perRow).map((s, i) => layoutSignature(flow, s, columns[i].width - 8));
    const height = Math.max(...row.map((b) => blockHeight(b)));
    const recipientsHeight = beside ? recipientLines.height + 6 : 0;
    flow.ensure(Math.max(height, recipientsHeight));
    const top = flow.y;
    row.forEach((block, i) => drawSignature(flow, block, columns[i], top));
    if (beside) drawRecipients(flow, recipientLines.lines, flow.left, top - 6);
    flow.y = top - Math.max(height, recipientsHeight);
  }
  if (!beside && recipients.length > 0) {
    flow.skip(12);
    flow.ensure(recipientLines.height);
    drawRecipients(flow, recipientLines.lines, flow.left, flow.y);
    flow.y -= recipientLines.height;
  }
}

const blockHeight = (b: SignatureBlock) => b.role.length * ROLE_LH + SIGN_SPACE + b.name.length * NAME * 1.2;

function layoutSignature(flow: PageFlow, s: Signer, width: number): SignatureBlock {
  const role = s.role
    .split('\n')
    .map((l) => plainText(l).toLocaleUpperCase('vi-VN'))
    .filter(Boolean)
    .flatMap((l) => balancedLines([{ text: l, bold: true }], flow.fonts, ROLE, width));
  const name = plainText(s.name) ? balancedLines([{ text: plainText(s.name), bold: true }], flow.fonts, NAME, width) : [];
  return { role, name, field: s.field };
}

function drawSignature(flow: PageFlow, block: SignatureBlock, col: Column, top: number): void {
  let y = top;
  for (const line of block.role) {
    drawLine(flow.page, line, col.x, y - baselineOffset(ROLE, ROLE_LH), col.width, ROLE, 'center');
    y -= ROLE_LH;
  }
  if (block.field) addEmptySignatureField(flow.page, block.field, { x: col.x + 4, y: y - SIGN_SPACE, width: col.width - 8, height: SIGN_SPACE });
  y -= SIGN_SPACE;
  for (const line of block.name) {
    drawLine(flow.page, line, col.x, y - baselineOffset(NAME, NAME * 1.2), col.width, NAME, 'center');
    y -= NAME * 1.2;
  }
}

/**
 * "Nơi nhận:" in bold italic, then one addressee per line starting with "-" and ending with ";", the last with
 * "." (Decree 30/2020, Appendix I, box 9b).
 */
function recipientBlock(flow: PageFlow, recipients: string[], width: number): { lines: { line: Line; size: number }[]; height: number } {
  if (recipients.length === 0) return { lines: [], height: 0 };
  const out: { line: Line; size: number }[] = [];
  const title: MinutesRun[] = [{ text: 'Nơi nhận:', bold: true, italic: true }];
  breakLines(title, flow.fonts, RECIPIENT_TITLE, width).forEach((line) => out.push({ line, size: RECIPIENT_TITLE }));
  recipients.forEach((r, i) => {
    const text = plainText(r).replace(/^-\s*/, '').replace(/[;.,]+$/, '');
    const end = i === recipients.length - 1 ? '.' : ';';
    breakLines([{ text: `- ${text}${end}` }], flow.fonts, RECIPIENT, width).forEach((line) => out.push({ line, size: RECIPIENT }));
  });
  return { lines: out, height: out.reduce((h, l) => h + l.size * 1.2, 0) };
}

function drawRecipients(flow: PageFlow, lines: { line: Line; size: number }[], x: number, top: number): void {
  let y = top;
  for (const { line, size } of lines) {
    drawLine(flow.page, line, x, y - baselineOffset(size, size * 1.2), line.width, size, 'left');
    y -= size * 1.2;
  }
}

/**
 * An unsigned signature field over a signer's space: a digital signature fills it later (an incremental update
 * that keeps the printed page as it is), with its visible block exactly where the handwritten one would go.
 */
function addEmptySignatureField(page: PDFPage, name: string, box: { x: number; y: number; width: number; height: number }): void {
  const ctx = page.doc.context;
  const widget = ctx.register(
    ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFHexString.fromText(name), F: 4, P: page.ref, Rect: [box.x, box.y, box.x + box.width, box.y + box.height] }),
  );
  page.node.addAnnot(widget);
  page.doc.catalog.getOrCreateAcroForm().addField(widget);
}
