import type { PDFFont } from 'pdf-lib';

export interface AppearanceBox {
  width: number;
  height: number;
}

const PADDING = 4;
const MAX_SIZE = 10;
const LEADING = 1.25;
/** The border and first line in the blue of a seal-less electronic signature, readable when printed in grey. */
const INK = '0.09 0.27 0.55';

/**
 * The content of a visible signature block: a thin frame and the lines (signer, title, organisation, time) at
 * the largest size up to 10 pt at which every line fits the box.
 */
export function appearanceContent(font: PDFFont, lines: string[], box: AppearanceBox): string {
  const widest = Math.max(1, ...lines.map((l) => font.widthOfTextAtSize(l, 1)));
  const size = Math.max(4, Math.min(MAX_SIZE, (box.width - 2 * PADDING) / widest, (box.height - 2 * PADDING) / (lines.length * LEADING)));
  const ops = [`q ${INK} RG 0.8 w 0.4 0.4 ${num(box.width - 0.8)} ${num(box.height - 0.8)} re S Q`, 'BT'];
  const used = lines.length * size * LEADING;
  // Vertically centred; the first baseline sits one ascent below the top of the text block.
  let y = (box.height + used) / 2 - size;
  lines.forEach((line, i) => {
    ops.push(`${i === 0 ? INK : '0 0 0'} rg /F1 ${num(size)} Tf 1 0 0 1 ${num(PADDING)} ${num(y)} Tm ${font.encodeText(line).toString()} Tj`);
    y -= size * LEADING;
  });
  ops.push('ET');
  return ops.join('\n');
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();
