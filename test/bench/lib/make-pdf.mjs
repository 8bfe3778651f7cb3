import fontkit from '@pdf-lib/fontkit';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/**
 * A meeting-document-like PDF: `pages` A4 pages of Vietnamese text, optionally padded with an
 * incompressible image per page so the file reaches `targetBytes` (scanned annexes look like that).
 */
export async function makePdf({ pages, targetBytes = 0, title = 'Báo cáo tình hình kinh tế - xã hội' }) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  const padPerPage = targetBytes > 0 ? Math.ceil(targetBytes / pages) : 0;
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${title} — trang ${i}`, { x: 50, y: 780, size: 16, font, color: rgb(0.05, 0.2, 0.45) });
    for (let line = 0; line < 30; line++) {
      page.drawText(`Mục ${line + 1}: Ủy ban nhân dân tỉnh đánh giá kết quả thực hiện nhiệm vụ năm 2026.`, { x: 50, y: 740 - line * 22, size: 11, font });
    }
    if (padPerPage) {
      // Random bytes as an uncompressed grey image: real payload that no compression can shrink.
      const side = Math.floor(Math.sqrt(padPerPage));
      const image = doc.context.stream(randomBytes(side * side), {
        Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceGray', BitsPerComponent: 8,
      });
      const ref = doc.context.register(image);
      page.node.setXObject(PDFName.of(`Pad${i}`), ref);
    }
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
