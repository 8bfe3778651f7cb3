import fontkit from '@pdf-lib/fontkit';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFHexString, PDFName, type PDFRef, rgb } from 'pdf-lib';

/** DejaVu carries every Vietnamese diacritic; the standard 14 PDF fonts do not. */
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface FixtureOptions {
  title: string;
  /** Text of each page (lines separated by \n). */
  pages: string[];
  /** Extra bytes (an attached file) to make the PDF big enough for several upload chunks. */
  padBytes?: number;
  /** Bookmarks (the reader's "Mục lục"): entry i points at page i (wrapping round). */
  outline?: string[];
}

/** A small A4 PDF with real, extractable Vietnamese text (pdf.js search and watermark checks read it). */
export async function makePdf(options: FixtureOptions): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  doc.setTitle(options.title);
  for (const text of options.pages) {
    const page = doc.addPage([595, 842]);
    page.drawText(options.title, { x: 56, y: 780, size: 16, font, color: rgb(0.04, 0.31, 0.54) });
    let y = 740;
    for (const line of text.split('\n')) {
      page.drawText(line, { x: 56, y, size: 12, font });
      y -= 20;
    }
  }
  if (options.outline?.length) addOutline(doc, options.outline);
  if (options.padBytes) await doc.attach(randomBytes(options.padBytes), 'phu-luc.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A flat outline written by hand: pdf-lib has no outline API. */
function addOutline(doc: PDFDocument, titles: string[]): void {
  const context = doc.context;
  const pages = doc.getPages();
  const root = context.nextRef();
  const refs: PDFRef[] = titles.map(() => context.nextRef());
  titles.forEach((title, i) => {
    const entry = context.obj({ Title: PDFHexString.fromText(title), Parent: root, Dest: [pages[i % pages.length].ref, 'XYZ', null, null, null] });
    if (i > 0) entry.set(PDFName.of('Prev'), refs[i - 1]);
    if (i < refs.length - 1) entry.set(PDFName.of('Next'), refs[i + 1]);
    context.assign(refs[i], entry);
  });
  context.assign(root, context.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), root);
}

/** A four-page economic report: "ngân sách" appears on pages 2 and 4 (three times in all). */
export function reportPages(): string[] {
  return [
    'I. Tình hình chung\nKinh tế của tỉnh tiếp tục tăng trưởng ổn định trong năm 2026.',
    'II. Thu chi ngân sách\nTổng thu ngân sách nhà nước trên địa bàn đạt 102% dự toán.\nChi đầu tư phát triển được bảo đảm.',
    'III. Đầu tư công\nGiải ngân vốn đầu tư công đạt 95% kế hoạch được giao.',
    'IV. Kiến nghị\nĐề nghị bổ sung ngân sách cho các xã khó khăn.',
  ];
}
