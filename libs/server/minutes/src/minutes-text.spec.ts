import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { loadMinutesFonts } from './minutes-fonts';
import { balancedLines, breakLines, type FontSet, type Line } from './minutes-text';

const words = (line: Line) => line.words.map((w) => w.pieces.map((p) => p.text).join(''));

describe('line breaking', () => {
  let fonts: FontSet;
  beforeAll(async () => {
    const bytes = await loadMinutesFonts();
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    fonts = {
      regular: await pdf.embedFont(bytes.regular, { subset: true }),
      bold: await pdf.embedFont(bytes.bold, { subset: true }),
      italic: await pdf.embedFont(bytes.italic, { subset: true }),
      boldItalic: await pdf.embedFont(bytes.boldItalic, { subset: true }),
    };
  });

  it('fills lines up to the width, keeps every word in order and leaves only the last line ragged', () => {
    const text = 'Đồng chí Chủ tịch Ủy ban nhân dân tỉnh kết luận: thống nhất thông qua chương trình công tác tháng 01 năm 2026.';
    const lines = breakLines([{ text: text.slice(0, 40) }, { text: text.slice(40), bold: true }], fonts, 14, 200, 160);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0].width).toBeLessThanOrEqual(160);
    for (const line of lines.slice(1)) expect(line.width).toBeLessThanOrEqual(200);
    expect(lines.map((l) => l.ragged)).toEqual(lines.map((_, i) => i === lines.length - 1));
    expect(lines.flatMap(words).join(' ')).toBe(text);
    // A word split across two runs (plain, then bold) stays one word.
    const split = text.slice(0, 40).split(' ').pop() + text.slice(40).split(' ')[0];
    expect(lines.flatMap(words)).toContain(split);
  });

  it('breaks where the text has a line break', () => {
    const lines = breakLines([{ text: 'Một hai' }, { text: '\n' }, { text: 'ba' }], fonts, 14, 300);
    expect(lines.map(words)).toEqual([['Một', 'hai'], ['ba']]);
    expect(lines.map((l) => l.ragged)).toEqual([true, true]);
  });

  it('cuts a word longer than the line, filling the indented first line and the full ones after it', () => {
    const url = 'https://phonghop.anbinh.gov.vn/cuoc-hop/2026/01/05/bien-ban-cuoc-hop-thuong-ky';
    const lines = breakLines([{ text: url }], fonts, 14, 120, 80);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0].width).toBeLessThanOrEqual(80);
    for (const line of lines.slice(1)) expect(line.width).toBeLessThanOrEqual(120);
    for (const line of lines.slice(1, -1)) expect(line.width).toBeGreaterThan(100);
    expect(lines.flatMap(words).join('')).toBe(url);
  });

  it('balances centred heading lines without cutting words', () => {
    const lines = balancedLines([{ text: 'ỦY\u00a0BAN\u00a0NHÂN\u00a0DÂN TỈNH AN BÌNH' }], fonts, 12, 190);
    expect(lines.map(words)).toEqual([['ỦY\u00a0BAN\u00a0NHÂN\u00a0DÂN'], ['TỈNH', 'AN', 'BÌNH']]);
  });
});
