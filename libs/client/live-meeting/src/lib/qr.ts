import { create } from 'qrcode';

export interface QrPicture {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The SVG viewBox side: the modules and a 4-module quiet zone on each side. */
  box: number;
  /** One SVG path of every dark module (one `h`-run per row segment), drawn at an offset of the quiet zone. */
  path: string;
}

const QUIET = 4;

/**
 * A QR code as an SVG path, drawn here from the `qrcode` package's module matrix: nothing is fetched and no HTML
 * string is injected. Error correction M survives a projector's glare and a phone held at an angle.
 */
export function qrPicture(text: string): QrPicture {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      parts.push(`M${start + QUIET} ${row + QUIET}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size, box: size + 2 * QUIET, path: parts.join('') };
}
