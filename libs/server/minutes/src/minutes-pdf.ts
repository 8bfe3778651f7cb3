import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { PageFlow, type ParagraphStyle } from './minutes-flow';
import { DEFAULT_MINUTES_FONT_DIR, loadMinutesFonts } from './minutes-fonts';
import { documentHeading, drawHeader, drawTitle } from './minutes-header';
import { type MinutesBlock, type MinutesRun, parseMinutesHtml } from './minutes-html';
import { drawSignatures, type Signer } from './minutes-signatures';
import { type FontSet, plainText as clean } from './minutes-text';

export interface MinutesPdfInput {
  /** Minutes (BIÊN BẢN) or the chair's conclusions (THÔNG BÁO Kết luận …). */
  kind: 'minutes' | 'conclusions';
  /** The body above the issuer ("ỦY BAN NHÂN DÂN TỈNH AN BÌNH"); printed upper case; null when none. */
  parentBody: string | null;
  /** The issuing body ("VĂN PHÒNG UBND TỈNH"); printed upper case, bold. */
  issuingBody: string;
  /** "05/BB-UBND" → "Số: 05/BB-UBND"; blank or "/BB-UBND" leaves the number for the clerk. */
  number: string;
  place: string;
  date: Date;
  /** IANA zone the date is written in, e.g. "Asia/Ho_Chi_Minh". */
  timeZone: string;
  /** Subject under the document type ("Cuộc họp UBND tỉnh tháng 12"). */
  title: string;
  /** Time, place, chair, secretary, attendance…, printed as "label: value" before the body. */
  facts: { label: string; value: string }[];
  /** Minutes HTML; sanitized again here, so stored HTML from any version is safe. */
  bodyHtml: string;
  /** Conclusions per agenda item, numbered "1.", "2." with bold titles. */
  items: { title: string; conclusionHtml: string | null }[];
  /** Side by side at the end, left to right (e.g. THƯ KÝ, CHỦ TỌA); a role may have several lines ("\n"). */
  signatures: Signer[];
  /** "Nơi nhận:" list, one addressee per entry. */
  recipients?: string[];
  /** Closing sentence ("Cuộc họp kết thúc vào 11 giờ 30 cùng ngày."), ended with "./." as the decree asks. */
  closing?: string;
  version: number;
  /** A draft is marked "DỰ THẢO" on page 1. */
  finalized: boolean;
}

export interface MinutesPdfOptions {
  /** Folder with the Liberation Serif TTFs (default: Debian fonts-liberation2). */
  fontDir?: string;
  /** Creation date written into the metadata (default: now); fixed in tests for reproducible files. */
  now?: Date;
}

const BODY = 14;
const INDENT = 36; // 1.27 cm first-line indent (the decree: 1–1.27 cm)
const para: ParagraphStyle = { size: BODY, align: 'justify', firstIndent: INDENT, spaceAfter: 6 };

/** Renders minutes or conclusions as an A4 PDF in the Decree 30/2020 layout, fonts embedded as subsets. */
export async function renderMinutesPdf(doc: MinutesPdfInput, options: MinutesPdfOptions = {}): Promise<Uint8Array> {
  const { pdf, fonts } = await newAdministrativePdf(options);
  setMetadata(pdf, doc, options.now ?? new Date());

  const flow = new PageFlow(pdf, fonts);
  drawHeader(flow, doc);
  drawTitle(flow, doc.kind, doc.title);
  flow.skip(6);

  for (const fact of doc.facts) {
    flow.paragraph([{ text: `${clean(fact.label)}: ` }, { text: clean(fact.value) }], { ...para, spaceAfter: 3 });
  }
  flow.skip(3);
  drawBlocks(flow, parseMinutesHtml(doc.bodyHtml));

  doc.items.forEach((item, i) => {
    const next = item.conclusionHtml ? parseMinutesHtml(item.conclusionHtml) : [];
    const heading: MinutesRun[] = [{ text: `${i + 1}. ${clean(item.title)}`, bold: true }];
    flow.paragraph(heading, { ...para, align: 'left', spaceBefore: 4, keepWithNext: next.length > 0 ? 2 * BODY * 1.3 : 0 });
    drawBlocks(flow, next);
  });

  if (doc.closing?.trim()) {
    const text = clean(doc.closing).replace(/[./]*$/, '');
    flow.paragraph([{ text: `${text}./.` }], para);
  }
  drawSignatures(flow, doc.signatures, doc.recipients ?? []);
  return pdf.save();
}

/** An empty PDF with the four Liberation Serif faces embedded (shared by every document the worker prints). */
export async function newAdministrativePdf(options: MinutesPdfOptions): Promise<{ pdf: PDFDocument; fonts: FontSet }> {
  const bytes = await loadMinutesFonts(options.fontDir ?? DEFAULT_MINUTES_FONT_DIR);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  // Subsets keep a file at tens of kB instead of 1.6 MB; their ToUnicode maps were checked with pdftotext
  // (Vietnamese letters extract as the same code points: see minutes-pdf.spec.ts).
  const embed = (b: Uint8Array) => pdf.embedFont(b, { subset: true });
  const fonts: FontSet = {
    regular: await embed(bytes.regular),
    bold: await embed(bytes.bold),
    italic: await embed(bytes.italic),
    boldItalic: await embed(bytes.boldItalic),
  };
  return { pdf, fonts };
}

const BULLETS = ['-', '+', '+'];
// Points of a paragraph are lettered with the Vietnamese alphabet (a, b, c, d, đ, e…), as in legal texts.
const LETTERS = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');

function marker(block: MinutesBlock): string {
  const level = block.level ?? 0;
  if (block.kind === 'bullet') return BULLETS[Math.min(level, BULLETS.length - 1)];
  const n = block.ordinal ?? 1;
  if (level === 1 && n <= LETTERS.length) return `${LETTERS[n - 1]})`;
  return level === 0 ? `${n}.` : `${n})`;
}

/**
 * Body blocks as Vietnamese administrative texts set them: every paragraph and list item justified with a
 * first-line indent, items starting with "-", "1.", "a)" and wrapping back to the margin (no hanging indent).
 */
function drawBlocks(flow: PageFlow, blocks: MinutesBlock[]): void {
  for (const block of blocks) {
    const level = block.level ?? 0;
    if (block.kind === 'heading') {
      flow.paragraph(
        block.runs.map((r) => ({ ...r, bold: true })),
        { ...para, align: 'left', spaceBefore: 6, keepWithNext: 2 * BODY * 1.3 },
      );
    } else if (block.kind === 'paragraph') {
      // A paragraph with a level continues a list item: it starts where that item's marker did.
      flow.paragraph(block.runs, { ...para, firstIndent: INDENT + Math.max(0, level - 1) * 18 });
    } else {
      flow.paragraph([{ text: `${marker(block)} ` }, ...block.runs], { ...para, firstIndent: INDENT + level * 18 });
    }
  }
}

function setMetadata(pdf: PDFDocument, doc: MinutesPdfInput, now: Date): void {
  const { type, subject } = documentHeading(doc.kind, doc.title);
  const typeName = type === 'BIÊN BẢN' ? 'Biên bản' : 'Thông báo';
  pdf.setTitle(`${typeName}: ${subject}`, { showInWindowTitleBar: true });
  pdf.setSubject(`${typeName} ${doc.number.trim() || '(chưa có số)'} – ${clean(doc.issuingBody)}`);
  pdf.setAuthor(clean(doc.issuingBody));
  pdf.setKeywords([typeName, doc.finalized ? 'chính thức' : 'dự thảo', `phiên bản ${doc.version}`]);
  pdf.setCreator('phonghop');
  pdf.setProducer('phonghop (pdf-lib 1.17.1)');
  pdf.setLanguage('vi-VN');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  // The version as its own Info entry, so a program can read it without parsing keywords.
  pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict).set(PDFName.of('PhonghopVersion'), PDFNumber.of(doc.version));
}
