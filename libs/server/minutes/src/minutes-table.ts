import { rgb } from 'pdf-lib';
import type { PageFlow } from './minutes-flow';
import { type Align, baselineOffset, breakLines, drawLine, type Line, plainText } from './minutes-text';

export interface TableColumn {
  title: string;
  /** Share of the text width (the shares add up to 1). */
  share: number;
  align?: Align;
}

const PAD_X = 4;
const PAD_Y = 3;

interface Row {
  cells: Line[][];
  height: number;
}

/**
 * A ruled table across the text width: a bold header row, then one row per entry, cells wrapping inside their
 * column. A row is never split; a table that goes on to the next page repeats its header there.
 */
export function drawTable(flow: PageFlow, columns: TableColumn[], rows: string[][], size = 12): void {
  const widths = columns.map((c) => c.share * flow.width);
  const lh = size * 1.25;
  const layout = (texts: string[], bold: boolean): Row => {
    const cells = texts.map((t, i) => breakLines([{ text: plainText(t), bold }], flow.fonts, size, widths[i] - 2 * PAD_X));
    return { cells, height: Math.max(...cells.map((c) => c.length)) * lh + 2 * PAD_Y };
  };
  const head = layout(columns.map((c) => c.title), true);
  const draw = (row: Row, header: boolean) => {
    let x = flow.left;
    row.cells.forEach((lines, i) => {
      flow.page.drawRectangle({ x, y: flow.y - row.height, width: widths[i], height: row.height, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
      const align = header ? 'center' : (columns[i].align ?? 'left');
      lines.forEach((line, j) => drawLine(flow.page, line, x + PAD_X, flow.y - PAD_Y - j * lh - baselineOffset(size, lh), widths[i] - 2 * PAD_X, size, align));
      x += widths[i];
    });
    flow.y -= row.height;
  };

  const body = rows.map((r) => layout(r, false));
  // The header starts a page only with the first row under it.
  flow.ensure(head.height + (body[0]?.height ?? 0));
  draw(head, true);
  for (const row of body) {
    const page = flow.pages;
    flow.ensure(row.height);
    if (flow.pages !== page) draw(head, true);
    draw(row, false);
  }
}

/**
 * Short codes (receipts) in as many columns as fit, read left to right and down: a few hundred ballots take a page,
 * not ten.
 */
export function drawCodeColumns(flow: PageFlow, codes: string[], size = 11): void {
  if (!codes.length) return;
  const lh = size * 1.3;
  const lines = codes.map((c) => breakLines([{ text: plainText(c) }], flow.fonts, size, flow.width)[0]);
  const cell = Math.max(...lines.map((l) => l.width)) + 14;
  const perRow = Math.max(1, Math.floor(flow.width / cell));
  const column = flow.width / perRow;
  for (let start = 0; start < lines.length; start += perRow) {
    flow.ensure(lh);
    lines.slice(start, start + perRow).forEach((line, i) => drawLine(flow.page, line, flow.left + i * column, flow.y - baselineOffset(size, lh), column, size, 'left'));
    flow.y -= lh;
  }
}
