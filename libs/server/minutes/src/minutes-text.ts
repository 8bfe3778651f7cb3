import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { MinutesRun } from './minutes-html';

/**
 * Line breaking and drawing of styled text. pdf-lib draws strings but does not wrap or justify them, and its
 * Unicode (Identity-H) fonts ignore the PDF word-spacing operator, so justified lines are drawn word by word
 * at computed positions. Vietnamese separates syllables with spaces, so breaking at spaces is correct; a
 * "word" that alone is wider than the line (a long URL) is cut between characters.
 */

export interface FontSet {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
}

export type Align = 'justify' | 'left' | 'center' | 'right';

/** One line of plain text from a form field: composed (NFC), control characters and runs of spaces made one space. */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
export const plainText = (s: string) => s.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();

export const fontFor = (fonts: FontSet, run: Pick<MinutesRun, 'bold' | 'italic'>): PDFFont =>
  run.bold ? (run.italic ? fonts.boldItalic : fonts.bold) : run.italic ? fonts.italic : fonts.regular;

interface Piece {
  text: string;
  font: PDFFont;
  underline: boolean;
  width: number;
}

interface Word {
  pieces: Piece[];
  width: number;
  /** The space that followed the word in the text, if any (its width depends on its own face). */
  space: Piece | null;
}

export interface Line {
  words: Word[];
  /** Natural width: words plus the spaces between them. */
  width: number;
  /** The last line of a paragraph or one ended by a line break: never stretched. */
  ragged: boolean;
}

/** Splits runs into lines no wider than `firstWidth` (first line) and `width` (the others). */
export function breakLines(runs: MinutesRun[], fonts: FontSet, size: number, width: number, firstWidth = width): Line[] {
  const lines: Line[] = [];
  let words: Word[] = [];
  let lineWidth = 0;
  const max = () => (lines.length === 0 ? firstWidth : width);
  const endLine = (ragged: boolean) => {
    lines.push({ words, width: lineWidth, ragged });
    words = [];
    lineWidth = 0;
  };
  const place = (word: Word) => {
    const gap = words.length > 0 ? (words[words.length - 1].space?.width ?? 0) : 0;
    if (words.length > 0 && lineWidth + gap + word.width > max()) endLine(false);
    if (words.length === 0 && word.width > max()) {
      for (const part of cutWord(word, max(), width, size)) {
        if (words.length > 0) endLine(false);
        words.push(part);
        lineWidth = part.width;
      }
      return;
    }
    lineWidth += (words.length > 0 ? gap : 0) + word.width;
    words.push(word);
  };

  for (const item of toWords(runs, fonts, size)) {
    if (item === 'break') endLine(true);
    else place(item);
  }
  if (words.length > 0 || lines.length === 0) endLine(true);
  else lines[lines.length - 1].ragged = true;
  return lines;
}

function toWords(runs: MinutesRun[], fonts: FontSet, size: number): (Word | 'break')[] {
  const out: (Word | 'break')[] = [];
  let word: Word | null = null;
  for (const run of runs) {
    if (run.text === '\n') {
      if (word) out.push(word);
      word = null;
      out.push('break');
      continue;
    }
    const font = fontFor(fonts, run);
    const underline = !!run.underline;
    for (const part of run.text.split(/( +)/)) {
      if (!part) continue;
      if (part.startsWith(' ')) {
        if (word) {
          word.space = { text: ' ', font, underline, width: font.widthOfTextAtSize(' ', size) };
          out.push(word);
        }
        word = null;
        continue;
      }
      const piece = { text: part, font, underline, width: font.widthOfTextAtSize(part, size) };
      word ??= { pieces: [], width: 0, space: null };
      word.pieces.push(piece);
      word.width += piece.width;
    }
  }
  if (word) out.push(word);
  return out;
}

/**
 * Cuts a word wider than the line between characters: the first part fits `firstMax` (what is left of the
 * current line), the others `max`; only the last part keeps the following space.
 */
function cutWord(word: Word, firstMax: number, max: number, size: number): Word[] {
  const parts: Word[] = [];
  let current: Word = { pieces: [], width: 0, space: null };
  for (const piece of word.pieces) {
    for (const char of piece.text) {
      const w = piece.font.widthOfTextAtSize(char, size);
      if (current.width + w > (parts.length === 0 ? firstMax : max) && current.width > 0) {
        parts.push(current);
        current = { pieces: [], width: 0, space: null };
      }
      const last = current.pieces[current.pieces.length - 1];
      if (last && last.font === piece.font && last.underline === piece.underline) {
        last.text += char;
        last.width += w;
      } else current.pieces.push({ ...piece, text: char, width: w });
      current.width += w;
    }
  }
  current.space = word.space;
  parts.push(current);
  return parts;
}

/** Distance from the top of a line box to the baseline, centring Times' ascent and descent in the box. */
export const baselineOffset = (size: number, lineHeight: number) => (lineHeight - 1.107 * size) / 2 + 0.891 * size;

/** Draws one line with its baseline at `y`, in a box from `x` that is `width` wide. */
export function drawLine(page: PDFPage, line: Line, x: number, y: number, width: number, size: number, align: Align): void {
  const gaps = line.words.length - 1;
  const stretch = align === 'justify' && !line.ragged && gaps > 0 ? (width - line.width) / gaps : 0;
  let cx = x;
  if (align === 'center') cx += (width - line.width) / 2;
  if (align === 'right') cx += width - line.width;
  line.words.forEach((word, i) => {
    const last = i === gaps;
    word.pieces.forEach((piece, j) => {
      // The space after a word is drawn as a glyph too, so copied text and search see words apart.
      const withSpace = !last && j === word.pieces.length - 1 && word.space?.font === piece.font;
      // No-break spaces (glued phrases) measure as spaces in Liberation Serif and extract as plain spaces.
      const text = piece.text.replace(/\u00a0/g, ' ');
      page.drawText(withSpace ? `${text} ` : text, { x: cx, y, size, font: piece.font, color: rgb(0, 0, 0) });
      if (piece.underline) underline(page, cx, cx + piece.width, y, size);
      cx += piece.width;
    });
    if (last) return;
    const gap = (word.space?.width ?? 0) + stretch;
    if (word.space?.font !== word.pieces[word.pieces.length - 1].font && word.space) {
      page.drawText(' ', { x: cx, y, size, font: word.space.font, color: rgb(0, 0, 0) });
    }
    if (word.space?.underline) underline(page, cx, cx + gap, y, size);
    cx += gap;
  });
}

function underline(page: PDFPage, from: number, to: number, y: number, size: number): void {
  const at = y - size * 0.12;
  page.drawLine({ start: { x: from, y: at }, end: { x: to, y: at }, thickness: size * 0.05, color: rgb(0, 0, 0) });
}

/** A horizontal rule, `length` long, centred on `cx`. */
export function drawRule(page: PDFPage, cx: number, y: number, length: number, thickness = 0.6): void {
  page.drawLine({ start: { x: cx - length / 2, y }, end: { x: cx + length / 2, y }, thickness, color: rgb(0, 0, 0) });
}

/**
 * Lines of even length for centred headings: the fewest lines that fit `width`, then the narrowest width that
 * still needs no more lines, so "ỦY BAN NHÂN DÂN TỈNH AN BÌNH" breaks as "ỦY BAN NHÂN DÂN / TỈNH AN BÌNH"
 * rather than leaving "BÌNH" alone on the second line.
 */
export function balancedLines(runs: MinutesRun[], fonts: FontSet, size: number, width: number): Line[] {
  const best = breakLines(runs, fonts, size, width);
  if (best.length < 2) return best;
  // Never narrower than the widest word: the search must not win lines by cutting words apart.
  let lo = Math.max(0, ...toWords(runs, fonts, size).map((w) => (w === 'break' ? 0 : w.width)));
  let hi = width;
  let result = best;
  for (let step = 0; step < 12; step++) {
    const mid = (lo + hi) / 2;
    const lines = breakLines(runs, fonts, size, mid);
    if (lines.length <= best.length) {
      hi = mid;
      result = lines;
    } else lo = mid;
  }
  return result;
}
