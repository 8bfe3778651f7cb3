import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MinutesFontMissingError } from './minutes-fonts';
import { documentHeading, formatDecreeDate, numberLine } from './minutes-header';
import { renderMinutesPdf } from './minutes-pdf';
import { sampleMinutesInput } from './minutes-sample';

// Poppler's tools (Debian poppler-utils, installed by scripts/ensure-deps.sh) read the file as any reader would.
const run = promisify(execFile);
const poppler = async (tool: string, ...args: string[]) => (await run(tool, args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
const collapse = (s: string) => s.replace(/\s+/g, ' ');

describe('renderMinutesPdf', () => {
  // Laying out a PDF with embedded fonts and reading it with poppler takes seconds on a loaded 2-core machine.
  jest.setTimeout(30_000);
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'minutes-pdf-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const render = async (name: string, ...args: Parameters<typeof sampleMinutesInput>) => {
    const file = join(dir, name);
    await writeFile(file, await renderMinutesPdf(sampleMinutesInput(...args), { now: new Date('2026-01-05T05:00:00Z') }));
    return file;
  };

  it('prints draft minutes in the Decree 30 layout with Vietnamese text that extracts exactly', async () => {
    const file = await render('minutes.pdf');
    const layout = await poppler('pdftotext', '-layout', file, '-');
    for (const expected of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH AN BÌNH',
      'VĂN PHÒNG UBND TỈNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 05/BB-UBND',
      'An Bình, ngày 05 tháng 01 năm 2026',
      'BIÊN BẢN',
      'Cuộc họp UBND tỉnh tháng 12 năm 2025',
      'DỰ THẢO',
      'THƯ KÝ',
      'CHỦ TỌA',
      'Lê Thu Hà',
      'Trần Văn Nam',
      'Nơi nhận:',
      '- Thường trực Tỉnh ủy (để báo cáo);',
      '- Lưu: VT, TH.',
      '1. Tình hình kinh tế - xã hội năm 2025',
    ]) {
      expect(layout).toContain(expected);
    }
    // Body text is justified word by word and wraps; read it in reading order with spaces collapsed.
    const text = collapse(await poppler('pdftotext', file, '-'));
    expect(text).toContain(
      'Cuộc họp đã nghe Văn phòng UBND tỉnh báo cáo tóm tắt Chương trình công tác tháng 01 năm 2026 và ý kiến của các thành viên',
    );
    expect(text).toContain('Thành phần tham dự: 15/17 thành viên UBND tỉnh có mặt (vắng 02 có lý do);');
    expect(text).toContain('- Ưu tiên bố trí vốn cho các công trình khắc phục hậu quả thiên tai; + rà soát danh mục trước ngày 15/01/2026;');
    expect(text).toContain('1. Sở Tài chính chủ trì thẩm định. 2. Sở Nội vụ hướng dẫn sắp xếp bộ máy.');
    expect(text).toContain('sử dụng wifi công cộng'); // a ligature ("fi") still extracts as two letters
    expect(text).toContain('Cuộc họp kết thúc vào 11 giờ 30 phút cùng ngày./.');
    // Composed code points, not base letters plus combining marks.
    expect(text).not.toMatch(/[\u0300-\u036f]/);
  });

  it('makes A4 pages, numbers them from page 2 at the top and embeds Liberation Serif', async () => {
    const file = await render('pages.pdf');
    const info = await poppler('pdfinfo', file);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(/Title:\s+Biên bản: Cuộc họp UBND tỉnh tháng 12 năm 2025/);
    expect(info).toMatch(/Keywords:.*dự thảo.*phiên bản 3/);
    expect(info).toMatch(/Creator:\s+phonghop/);

    const firstLine = async (page: number) =>
      (await poppler('pdftotext', '-layout', '-f', String(page), '-l', String(page), file, '-')).split('\n').find((l) => l.trim())?.trim();
    expect(await firstLine(1)).toBe('DỰ THẢO');
    for (let page = 2; page <= pages; page++) expect(await firstLine(page)).toBe(String(page));

    const fonts = (await poppler('pdffonts', file)).split('\n').filter((l) => l.includes('LiberationSerif'));
    expect(fonts).toHaveLength(4); // regular, bold, italic, bold italic
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/); // embedded, with ToUnicode
  });

  it('prints final conclusions as a notice, signer on the right and addressees beside', async () => {
    const file = await render('conclusions.pdf', {
      kind: 'conclusions',
      number: '/TB-VP',
      finalized: true,
      bodyHtml: '<p>Ngày 05/01/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp.</p>',
      signatures: [{ role: 'TL. Chủ tịch\nChánh Văn phòng', name: 'Nguyễn Thị Lan' }],
      date: new Date('2026-03-09T17:30:00Z'), // 10 March in Hà Nội
    });
    const layout = await poppler('pdftotext', '-layout', file, '-');
    expect(layout).not.toContain('DỰ THẢO');
    expect(layout).toContain('THÔNG BÁO');
    expect(layout).toContain('Kết luận cuộc họp UBND tỉnh tháng 12 năm 2025');
    expect(layout).toMatch(/Số: +\/TB-VP/);
    expect(layout).toContain('An Bình, ngày 10 tháng 3 năm 2026');
    expect(layout).toMatch(/Nơi nhận: +TL\. CHỦ TỊCH/); // one row: addressees left, signer right
    expect(layout).toContain('CHÁNH VĂN PHÒNG');
    expect(await poppler('pdfinfo', file)).toMatch(/Pages:\s+1\n/);
  });

  it('says in both languages which font is missing', async () => {
    const missing = join(dir, 'no-fonts');
    await expect(renderMinutesPdf(sampleMinutesInput(), { fontDir: missing })).rejects.toThrow(MinutesFontMissingError);
    await expect(renderMinutesPdf(sampleMinutesInput(), { fontDir: missing })).rejects.toThrow(
      /Thiếu phông chữ .*fonts-liberation2.*Missing the Liberation Serif font/,
    );
  });
});

describe('header fields', () => {
  it('writes the date in the meeting’s zone, padding days below 10 and the months 1 and 2', () => {
    const zone = 'Asia/Ho_Chi_Minh';
    expect(formatDecreeDate(new Date('2026-01-04T18:30:00Z'), zone)).toBe('ngày 05 tháng 01 năm 2026');
    expect(formatDecreeDate(new Date('2026-02-20T03:00:00Z'), zone)).toBe('ngày 20 tháng 02 năm 2026');
    expect(formatDecreeDate(new Date('2026-11-15T03:00:00Z'), zone)).toBe('ngày 15 tháng 11 năm 2026');
    expect(formatDecreeDate(new Date('2026-03-01T03:00:00Z'), zone)).toBe('ngày 01 tháng 3 năm 2026');
  });

  it('leaves a blank number for the clerk', () => {
    expect(numberLine('05/BB-UBND', 'minutes')).toBe('Số: 05/BB-UBND');
    expect(numberLine(' /BB-UBND ', 'minutes')).toMatch(/^Số:\u00a0{8}\/BB-UBND$/);
    expect(numberLine('', 'conclusions')).toMatch(/^Số:\u00a0+\/TB$/);
  });

  it('names the document type', () => {
    expect(documentHeading('minutes', 'Cuộc họp')).toEqual({ type: 'BIÊN BẢN', subject: 'Cuộc họp' });
    expect(documentHeading('conclusions', 'Cuộc họp UBND tỉnh')).toEqual({ type: 'THÔNG BÁO', subject: 'Kết luận cuộc họp UBND tỉnh' });
    expect(documentHeading('conclusions', 'UBND tỉnh họp')).toEqual({ type: 'THÔNG BÁO', subject: 'Kết luận UBND tỉnh họp' });
    expect(documentHeading('conclusions', 'An Bình họp')).toEqual({ type: 'THÔNG BÁO', subject: 'Kết luận An Bình họp' });
    expect(documentHeading('conclusions', 'Kết luận của Chủ tịch')).toEqual({ type: 'THÔNG BÁO', subject: 'Kết luận của Chủ tịch' });
  });
});
