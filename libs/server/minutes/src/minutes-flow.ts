import { type PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import type { MinutesRun } from './minutes-html';
import { type Align, baselineOffset, breakLines, drawLine, type FontSet, type Line } from './minutes-text';

const MM = 72 / 25.4;

/** A4 portrait with the Decree 30/2020 margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const PAGE = { width: 595.28, height: 841.89, top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM } as const;
export { MM };

export interface ParagraphStyle {
  size: number;
  align: Align;
  /** Line box height; defaults to 1.3 × size (between the decree's single and 1.5 lines). */
  lineHeight?: number;
  firstIndent?: number;
  /** Left indent of every line. */
  indent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Height that must fit on the same page after this paragraph (keeps a heading with its text). */
  keepWithNext?: number;
}

/**
 * The running text of the document: a cursor that moves down the page and opens the next page when a line
 * does not fit. Pages from the second on get their number at the top centre, in the top margin, as the
 * decree asks (the first page is not numbered).
 */
export class PageFlow {
  page!: PDFPage;
  /** Top of the free space on the current page. */
  y = 0;
  pages = 0;

  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: FontSet,
    private readonly pageNumberSize = 13,
  ) {
    this.newPage();
  }

  get left(): number {
    return PAGE.left;
  }

  get width(): number {
    return PAGE.width - PAGE.left - PAGE.right;
  }

  get atPageTop(): boolean {
    return this.y >= PAGE.height - PAGE.top;
  }

  newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages++;
    this.y = PAGE.height - PAGE.top;
    if (this.pages > 1) {
      const label = String(this.pages);
      const font = this.fonts.regular;
      const w = font.widthOfTextAtSize(label, this.pageNumberSize);
      const x = PAGE.left + (this.width - w) / 2;
      this.page.drawText(label, { x, y: PAGE.height - PAGE.top / 2 - this.pageNumberSize / 3, size: this.pageNumberSize, font, color: rgb(0, 0, 0) });
    }
  }

  /** Opens a new page unless `height` fits below the cursor. */
  ensure(height: number): void {
    if (this.y - height < PAGE.bottom && !this.atPageTop) this.newPage();
  }

  /** Vertical space; swallowed at the top of a page, where it would only push text down. */
  skip(height: number): void {
    if (!this.atPageTop) this.y -= height;
  }

  lines(runs: MinutesRun[], style: ParagraphStyle): Line[] {
    const indent = style.indent ?? 0;
    const width = this.width - indent;
    return breakLines(runs, this.fonts, style.size, width, width - (style.firstIndent ?? 0));
  }

  /** Height of the paragraph's lines, without the space around it. */
  measure(runs: MinutesRun[], style: ParagraphStyle): number {
    return this.lines(runs, style).length * lineHeightOf(style);
  }

  paragraph(runs: MinutesRun[], style: ParagraphStyle): void {
    const lines = this.lines(runs, style);
    const lh = lineHeightOf(style);
    this.skip(style.spaceBefore ?? 0);
    // No orphan: the first two lines start together; a heading starts whole, with room for what follows it.
    if (style.keepWithNext !== undefined) this.ensure(lines.length * lh + style.keepWithNext);
    // (Three lines cannot be split without leaving one alone.)
    else this.ensure((lines.length === 3 ? 3 : Math.min(2, lines.length)) * lh);
    lines.forEach((line, i) => {
      // No widow: the last line does not start a page alone.
      if (i > 0 && i === lines.length - 2) this.ensure(2 * lh);
      else this.ensure(lh);
      const first = i === 0 ? (style.firstIndent ?? 0) : 0;
      const x = this.left + (style.indent ?? 0) + first;
      const width = this.width - (style.indent ?? 0) - first;
      drawLine(this.page, line, x, this.y - baselineOffset(style.size, lh), width, style.size, style.align);
      this.y -= lh;
    });
    this.y -= style.spaceAfter ?? 0;
  }
}

export const lineHeightOf = (style: Pick<ParagraphStyle, 'size' | 'lineHeight'>) => style.lineHeight ?? style.size * 1.3;
