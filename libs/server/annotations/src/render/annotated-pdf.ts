import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { LineCapStyle, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { AnnotationTarget } from '@phonghop/contracts';

/** What the worker draws: the served file (stamped already when confidential) and one person's annotations on it. */
export interface AnnotatedPdfJob {
  pdfPath: string;
  /** A Unicode TrueType font for notes (Vietnamese). */
  fontPath: string;
  annotations: { kind: string; target: AnnotationTarget; color: string; body: string }[];
}

/** DejaVu Sans (Debian fonts-dejavu-core) covers every Vietnamese letter. */
export const NOTE_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

const colorOf = (hex: string) => {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
};

/**
 * Draws annotations into the PDF as page content (not PDF annotations, which viewers show or hide as they please):
 * highlights as translucent boxes, ink as lines, shapes as outlines, notes as a marker with their text in a box,
 * so they print and survive any viewer. Positions are page-normalised from the top left of the page's crop box.
 */
export async function drawAnnotations(job: AnnotatedPdfJob): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await readFile(job.pdfPath), { updateMetadata: false });
  pdf.registerFontkit(fontkit);
  let font: PDFFont | null = null;
  const pages = pdf.getPages();
  for (const a of job.annotations) {
    const page = pages[a.target.page - 1];
    if (!page) continue;
    const color = colorOf(a.color);
    const box = page.getCropBox();
    const X = (x: number) => box.x + x * box.width;
    const Y = (y: number) => box.y + box.height - y * box.height;
    for (const r of a.target.rects ?? []) {
      page.drawRectangle({ x: X(r.x), y: Y(r.y + r.h), width: r.w * box.width, height: r.h * box.height, color, opacity: 0.35 });
    }
    for (const stroke of a.target.strokes ?? []) {
      const thickness = Math.max(0.5, stroke.width * box.width);
      for (let i = 1; i < stroke.points.length; i++) {
        const [x0, y0] = stroke.points[i - 1];
        const [x1, y1] = stroke.points[i];
        page.drawLine({ start: { x: X(x0), y: Y(y0) }, end: { x: X(x1), y: Y(y1) }, thickness, color, lineCap: LineCapStyle.Round });
      }
    }
    if (a.kind === 'shape' && a.target.at) drawShape(page, a.target, X, Y, box.width, box.height, color);
    if (a.kind === 'note' && a.target.at) {
      font ??= await pdf.embedFont(await readFile(job.fontPath), { subset: true });
      drawNote(page, font, X(a.target.at.x), Y(a.target.at.y), a.body, color, box);
    }
  }
  return pdf.save();
}

function drawShape(page: PDFPage, t: AnnotationTarget, X: (x: number) => number, Y: (y: number) => number, w: number, h: number, color: ReturnType<typeof rgb>): void {
  const at = t.at;
  if (!at) return;
  const borderWidth = 1.5;
  if (t.shape === 'ellipse') {
    page.drawEllipse({ x: X(at.x + at.w / 2), y: Y(at.y + at.h / 2), xScale: (at.w * w) / 2, yScale: (at.h * h) / 2, borderColor: color, borderWidth });
  } else if (t.shape === 'arrow') {
    const start = { x: X(at.x), y: Y(at.y) };
    const end = { x: X(at.x + at.w), y: Y(at.y + at.h) };
    page.drawLine({ start, end, thickness: borderWidth, color });
    const angle = Math.atan2(end.y - start.y, end.x - start.x);
    for (const turn of [Math.PI * 0.85, -Math.PI * 0.85]) {
      page.drawLine({ start: end, end: { x: end.x + 8 * Math.cos(angle + turn), y: end.y + 8 * Math.sin(angle + turn) }, thickness: borderWidth, color });
    }
  } else {
    page.drawRectangle({ x: X(at.x), y: Y(at.y + at.h), width: at.w * w, height: at.h * h, borderColor: color, borderWidth });
  }
}

/** A marker at the pin and the note's text in a box beside it, wrapped to fit the page. */
function drawNote(page: PDFPage, font: PDFFont, x: number, y: number, text: string, color: ReturnType<typeof rgb>, box: { x: number; y: number; width: number; height: number }): void {
  const size = 9;
  const maxWidth = Math.min(220, box.width * 0.45);
  const lines = wrap(text || ' ', font, size, maxWidth - 8);
  const height = lines.length * (size + 2) + 8;
  const left = Math.min(x + 10, box.x + box.width - maxWidth - 4);
  const top = Math.max(Math.min(y, box.y + box.height - 4), box.y + height + 4);
  page.drawCircle({ x, y, size: 4, color });
  page.drawRectangle({ x: left, y: top - height, width: maxWidth, height, color: rgb(1, 0.98, 0.85), borderColor: color, borderWidth: 1 });
  lines.forEach((line, i) => page.drawText(line, { x: left + 4, y: top - 4 - (i + 1) * (size + 2) + 2, size, font, color: rgb(0.1, 0.1, 0.1) }));
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        out.push(line);
        line = word;
      } else line = next;
    }
    out.push(line);
  }
  return out.slice(0, 40);
}
