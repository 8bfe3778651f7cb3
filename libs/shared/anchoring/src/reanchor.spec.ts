import fc from 'fast-check';
import type { PageRange, PageText } from './document';
import { placeOnPage } from './page';
import { placeQuote, quoteAnchorAt } from './quote';
import { reanchorAll, ReanchorItem, ReanchorPlacement } from './reanchor';
import { BUDGET, ECONOMY, ESTIMATE, Layout, paginate, REPORT, SECURITY, SOCIETY, TITLE } from './testing/bao-cao';
import { locate, locateAcross } from './testing/oracle';

// The report laid out as a PDF would be: 9 pages (title; economy 2–3; budget 4–5; society 6; security 7; estimate 8–9).
const LAYOUT: Layout = { pageChars: 700, lineChars: 80 };
const oldPages = paginate(REPORT, LAYOUT);

/** A delegate's highlight of `needle` on the old version, built the way the viewer builds it. */
function highlight(id: string, needle: string, pages: PageText[] = oldPages): ReanchorItem {
  const at = locate(pages, needle);
  return { id, kind: 'quote', anchor: quoteAnchorAt(pages, at.page, at.start, at.end) };
}

function byId(placements: ReanchorPlacement[]): Record<string, ReanchorPlacement['placement']> {
  return Object.fromEntries(placements.map((p) => [p.id, p.placement]));
}

/** Where the test's own oracle finds `needle` in the new version (on `page`, when given), as a one-segment placement. */
function at(pages: PageText[], needle: string, page?: number): { page: number; start: number; end: number; segments: PageRange[] } {
  const r = locate(pages, needle);
  if (page !== undefined && r.page !== page) throw new Error(`the oracle finds "${needle}" on page ${r.page}, not ${page}`);
  return { ...r, segments: [r] };
}

describe('re-anchoring annotations on a new version of a document', () => {
  it('keeps the test document as laid out: 9 pages, sections on their own pages', () => {
    expect(oldPages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(locate(oldPages, 'II. THU, CHI NGÂN SÁCH NHÀ NƯỚC').page).toBe(4);
    expect(locate(oldPages, 'Công tác quản lý, điều hành ngân sách').page).toBe(5);
  });

  it('(a) an inserted paragraph: quotes after it on the page move, one is pushed onto the next page, others stay; ink on changed pages is listed', () => {
    const inserted =
      'Ngay từ đầu năm, Ủy ban nhân dân tỉnh đã ban hành kế hoạch thu ngân sách, giao chỉ tiêu cụ thể cho từng cơ quan thu, từng huyện, thành phố và tổ chức kiểm tra định kỳ hằng quý.';
    const newPages = paginate([TITLE, ECONOMY, [BUDGET[0] ?? '', inserted, ...BUDGET.slice(1)], SOCIETY, SECURITY, ESTIMATE], LAYOUT);
    const items: ReanchorItem[] = [
      highlight('same-page', 'Thu tiền sử dụng đất chỉ đạt 58,2% dự toán'),
      highlight('pushed', 'điều chuyển vốn từ các dự án chậm giải ngân sang các dự án có khả năng hấp thụ vốn tốt'),
      highlight('next-page', 'cắt giảm 10% chi thường xuyên'),
      highlight('before', 'ước tăng 7,12% so với cùng kỳ năm trước'),
      highlight('after', 'dự toán thu ngân sách nhà nước trên địa bàn năm 2027 là 8.350 tỷ đồng'),
      { id: 'ink-2', kind: 'page', page: 2 },
      { id: 'ink-4', kind: 'page', page: 4 },
      { id: 'note-5', kind: 'page', page: 5 },
      { id: 'note-7', kind: 'page', page: 7 },
    ];
    const { placements, stats } = reanchorAll(items, oldPages, newPages);
    const got = byId(placements);

    expect(placements.map((p) => p.id)).toEqual(items.map((i) => i.id));
    // Same page, offsets shifted by the inserted paragraph.
    expect(got['same-page']).toMatchObject({ status: 'moved', ...at(newPages, 'Thu tiền sử dụng đất chỉ đạt 58,2% dự toán', 4), errors: 0 });
    // The end of page 4 no longer fits: on page 5 now.
    expect(got['pushed']).toMatchObject({ status: 'moved', ...at(newPages, 'điều chuyển vốn từ các dự án chậm giải ngân sang các dự án có khả năng hấp thụ vốn tốt', 5) });
    expect(got['next-page']).toMatchObject({ status: 'moved', ...at(newPages, 'cắt giảm 10% chi thường xuyên', 5) });
    // Pages before the edit and other sections are untouched.
    expect(got['before']).toMatchObject({ status: 'exact', ...at(newPages, 'ước tăng 7,12% so với cùng kỳ năm trước', 2) });
    expect(got['after']).toMatchObject({ status: 'exact', ...at(newPages, 'dự toán thu ngân sách nhà nước trên địa bàn năm 2027 là 8.350 tỷ đồng', 8) });
    expect(got['ink-2']).toEqual({ status: 'same', page: 2, similarity: 1 });
    expect(got['note-7']).toEqual({ status: 'same', page: 7, similarity: 1 });
    // Pages 4 and 5 were re-flowed: a drawing's position there no longer means what it meant. Listed, not dropped.
    expect(got['ink-4']).toMatchObject({ status: 'orphan', reason: 'changed', oldPage: 4 });
    expect(got['note-5']).toMatchObject({ status: 'orphan', reason: 'changed', oldPage: 5 });
    expect(stats.counts).toMatchObject({ exact: 2, moved: 3, fuzzy: 0, orphan: 2, same: 2 });
  });

  it('(b) a moved page (page 3 becomes page 5): its highlights and its ink follow it, and the pages in between move up', () => {
    const order = [1, 2, 4, 5, 3, 6, 7, 8, 9];
    const newPages = order.map((old, i) => ({ page: i + 1, text: oldPages[old - 1]?.text ?? '' }));
    const items: ReanchorItem[] = [
      highlight('on-3', 'Khu công nghiệp Bắc Sơn thu hút thêm 4 dự án mới'),
      highlight('top-of-3', 'một sản phẩm có thêm 27 sản phẩm được công nhận'),
      highlight('on-4', 'bằng 76,3% dự toán Hội đồng nhân dân tỉnh giao'),
      highlight('on-2', 'Dịch tả lợn châu Phi phát sinh tại 6 xã thuộc huyện Tân Lạc'),
      { id: 'ink-3', kind: 'page', page: 3 },
      { id: 'ink-4', kind: 'page', page: 4 },
      { id: 'ink-5', kind: 'page', page: 5 },
      { id: 'note-1', kind: 'page', page: 1 },
    ];
    const got = byId(reanchorAll(items, oldPages, newPages).placements);
    const old3 = locate(oldPages, 'Khu công nghiệp Bắc Sơn thu hút thêm 4 dự án mới');
    expect(got['on-3']).toMatchObject({ status: 'moved', page: 5, start: old3.start, end: old3.end });
    expect(got['top-of-3']).toMatchObject({ status: 'moved', ...at(newPages, 'một sản phẩm có thêm 27 sản phẩm được công nhận', 5) });
    expect(got['on-4']).toMatchObject({ status: 'moved', ...at(newPages, 'bằng 76,3% dự toán Hội đồng nhân dân tỉnh giao', 3) });
    expect(got['on-2']).toMatchObject({ status: 'exact', page: 2 });
    expect(got['ink-3']).toEqual({ status: 'moved', page: 5, similarity: 1 });
    expect(got['ink-4']).toEqual({ status: 'moved', page: 3, similarity: 1 });
    expect(got['ink-5']).toEqual({ status: 'moved', page: 4, similarity: 1 });
    expect(got['note-1']).toEqual({ status: 'same', page: 1, similarity: 1 });
  });

  it('(c) a deleted sentence orphans its highlight, its neighbours stay, a sentence with one word replaced is found approximately', () => {
    const deleted = ' Thu tiền sử dụng đất chỉ đạt 58,2% dự toán do thị trường bất động sản còn trầm lắng.';
    const budget = [...BUDGET];
    budget[1] = (budget[1] ?? '').replace(deleted, '');
    budget[2] = (budget[2] ?? '').replace('thấp hơn bình quân cả nước', 'cao hơn bình quân cả nước');
    const society = [...SOCIETY];
    society[1] = (society[1] ?? '').replace('tốt nghiệp trung học phổ thông đạt 98,7%', 'tốt nghiệp trung học phổ thông đạt 99,1%');
    const newPages = paginate([TITLE, ECONOMY, budget, society, SECURITY, ESTIMATE], LAYOUT);
    expect(budget[1]).not.toContain('58,2%');

    const items: ReanchorItem[] = [
      highlight('deleted', 'Thu tiền sử dụng đất chỉ đạt 58,2% dự toán do thị trường bất động sản còn trầm lắng.'),
      highlight('deleted-part', 'thị trường bất động sản còn trầm lắng'),
      highlight('before', 'thu từ hoạt động xuất nhập khẩu đạt 655 tỷ đồng'),
      highlight('after', 'Tổng chi ngân sách địa phương ước đạt 9.140 tỷ đồng'),
      highlight('one-word', 'tỷ lệ giải ngân vốn đầu tư công đạt 61,5% kế hoạch vốn Thủ tướng Chính phủ giao, thấp hơn bình quân cả nước'),
      highlight('one-number', 'Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 98,7%'),
      { id: 'ink-6', kind: 'page', page: 6 },
      { id: 'ink-4', kind: 'page', page: 4 },
    ];
    const { placements, stats } = reanchorAll(items, oldPages, newPages);
    const got = byId(placements);
    expect(got['deleted']).toEqual({
      status: 'orphan',
      reason: 'not-found',
      oldPage: 4,
      quote: 'Thu tiền sử dụng đất chỉ đạt 58,2% dự toán do thị trường bất động sản còn trầm\nlắng.',
    });
    expect(got['deleted-part']).toMatchObject({ status: 'orphan', reason: 'not-found', oldPage: 4 });
    expect(got['before']).toMatchObject({ status: 'exact', ...at(newPages, 'thu từ hoạt động xuất nhập khẩu đạt 655 tỷ đồng', 4) });
    expect(got['after']).toMatchObject({ status: 'moved', ...at(newPages, 'Tổng chi ngân sách địa phương ước đạt 9.140 tỷ đồng', 4) });
    expect(got['one-word']).toMatchObject({
      status: 'fuzzy',
      ...at(newPages, 'tỷ lệ giải ngân vốn đầu tư công đạt 61,5% kế hoạch vốn Thủ tướng Chính phủ giao, cao hơn bình quân cả nước', 4),
      errors: 4,
    });
    expect(got['one-number']).toMatchObject({ status: 'fuzzy', ...at(newPages, 'Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 99,1%', 6), errors: 2 });
    // One number changed on page 6: the page is recognisably the same; page 4 lost a sentence and was re-flowed.
    expect(got['ink-6']).toMatchObject({ status: 'similar', page: 6 });
    expect(got['ink-4']).toMatchObject({ status: 'orphan', reason: 'changed', oldPage: 4 });
    expect(stats.budgetExhausted).toBe(false);
  });

  it('(d) a re-paginated extraction (other page and line breaks, NFD instead of NFC, other spacing) finds every highlight, split across pages where the new pagination cuts it', () => {
    const needles = [
      'Ủy ban nhân dân tỉnh báo cáo tình hình thực hiện 9 tháng đầu năm như sau:',
      'khu vực công nghiệp và xây dựng tăng 10,27%',
      'Dịch tả lợn châu Phi phát sinh tại 6 xã thuộc huyện Tân Lạc và đã được khống chế, không lây lan diện rộng.',
      'Kim ngạch xuất khẩu ước đạt 612 triệu USD, bằng 74,6% kế hoạch năm.',
      'Tổng thu ngân sách nhà nước trên địa bàn 9 tháng ước đạt 5.870 tỷ đồng',
      'Ủy ban nhân dân tỉnh đã chỉ đạo điều chuyển vốn',
      'thu nội địa đạt 5.215 tỷ đồng; thu từ hoạt động xuất nhập khẩu đạt 655 tỷ đồng',
      'tỷ lệ người dân tham gia bảo hiểm y tế đạt 93,5%',
      'tỷ lệ hộ nghèo theo chuẩn đa chiều giảm còn 6,82%',
      'giảm 12 vụ, giảm 7 người chết và giảm 9 người bị thương',
      'Dự toán chi ngân sách địa phương là 13.480 tỷ đồng',
      'Đồng thời đề nghị Hội đồng nhân dân tỉnh cho phép',
    ];
    // Another extractor: NFD, CRLF line ends, a double space here and there, narrower lines and pages, and the
    // report as one flow (no page break between sections).
    const flowed = paginate([REPORT.flat()], { pageChars: 520, lineChars: 64 });
    let n = 0;
    const newPages = flowed.map((p) => ({
      page: p.page,
      text: p.text
        .normalize('NFD')
        .replace(/\n/g, '\r\n')
        .replace(/ /g, () => (++n % 7 === 0 ? '  ' : ' ')),
    }));
    expect(newPages.length).toBe(9);
    expect(newPages.filter((p, i) => p.text.normalize('NFC').replace(/\s+/g, ' ') === oldPages[i]?.text.replace(/\s+/g, ' '))).toEqual([]);
    const items = needles.map((needle, i) => highlight(`h${i}`, needle));
    const { placements } = reanchorAll(items, oldPages, newPages);
    let split = 0;
    placements.forEach((p, i) => {
      const expected = locateAcross(newPages, needles[i] ?? '', 'NFD');
      if (expected.length > 1) split++;
      expect({ i, placement: p.placement }).toMatchObject({
        i,
        placement: { status: 'moved', errors: 0, page: expected[0]?.page, start: expected[0]?.start, end: expected[0]?.end, segments: expected },
      });
    });
    expect(split).toBe(2);
  });

  it('(e) a phrase that occurs many times ("Ủy ban nhân dân tỉnh") is told apart by its context', () => {
    const phrase = 'Ủy ban nhân dân tỉnh';
    const estimate = [...ESTIMATE];
    estimate[1] = `Năm 2027 là năm cuối thực hiện kế hoạch tài chính 5 năm giai đoạn 2023 - 2027. ${estimate[1] ?? ''}`;
    const newPages = paginate([TITLE, ECONOMY, BUDGET, SOCIETY, SECURITY, estimate], LAYOUT);
    // Where the phrase is inside a sentence it occurs in once (the test's oracle; the phrase may be cut by a page break).
    const occurrence = (pages: PageText[], sentence: string): PageRange[] => locateAcross(pages, sentence, 'NFC', phrase);
    const contexts = [
      'Căn cứ Luật Ngân sách nhà nước và hướng dẫn của Bộ Tài chính, Ủy ban nhân dân tỉnh xây dựng',
      'Ủy ban nhân dân tỉnh kính trình',
      'cho phép Ủy ban nhân dân tỉnh điều chỉnh',
      'Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh',
      'năm 2026, Ủy ban nhân dân tỉnh báo cáo',
    ];
    const items: ReanchorItem[] = contexts.map((c, i) => {
      const [o] = occurrence(oldPages, c);
      return { id: `u${i}`, kind: 'quote', anchor: quoteAnchorAt(oldPages, o?.page ?? 0, o?.start ?? 0, o?.end ?? 0) };
    });
    const { placements } = reanchorAll(items, oldPages, newPages);
    placements.forEach((p, i) => {
      const segments = occurrence(newPages, contexts[i] ?? '');
      const status = i === 4 ? 'exact' : 'moved';
      expect({ i, placement: p.placement }).toMatchObject({ i, placement: { status, ...segments[0], segments, errors: 0 } });
    });
    // The third one is now cut by the page break: "Ủy ban nhân" ends page 8, "dân tỉnh" begins page 9.
    expect(placements.map((p) => p.placement)).toMatchObject([
      { page: 8 },
      { page: 8 },
      { page: 8, segments: [{ page: 8 }, { page: 9, start: 0, end: 8 }] },
      { page: 9 },
      { page: 1 },
    ]);
  });

  it('(e) another occurrence of a short phrase that lands on the old offsets is not taken for it', () => {
    const old = [{ page: 1, text: 'Theo đề nghị của Sở Tài chính, Ủy ban nhân dân tỉnh đã giao dự toán cho các huyện. Sau khi rà soát, Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh phân bổ vốn.' }];
    const text = `Ngày 20 tháng 9 năm 2026, Sở Tài chính đã có văn bản số 1234/STC-NS. ${old[0]?.text ?? ''}`;
    const second = old[0]?.text.lastIndexOf('Ủy ban nhân dân tỉnh') ?? -1;
    // The first occurrence now sits exactly where the second one was.
    expect(text.indexOf('Ủy ban nhân dân tỉnh')).toBe(second);
    const anchor = quoteAnchorAt(old, 1, second, second + 20);
    const moved = text.lastIndexOf('Ủy ban nhân dân tỉnh');
    expect(placeQuote(anchor, [{ page: 1, text }])).toMatchObject({ status: 'moved', page: 1, start: moved, end: moved + 20 });
  });

  it('a deleted row of a table of near-identical rows is listed as ambiguous, not put on a neighbouring row; an edited row is found', () => {
    const rows = [
      'Xã Tân Lập: giải ngân 4.250 triệu đồng, đạt 45,3% kế hoạch vốn.',
      'Xã Hòa Bình: giải ngân 3.980 triệu đồng, đạt 41,7% kế hoạch vốn.',
      'Xã Phú Cường: giải ngân 5.120 triệu đồng, đạt 52,6% kế hoạch vốn.',
      'Xã Yên Thịnh: giải ngân 2.870 triệu đồng, đạt 38,2% kế hoạch vốn.',
      'Xã Đồng Tâm: giải ngân 4.610 triệu đồng, đạt 47,9% kế hoạch vốn.',
      'Xã Lạc Sỹ: giải ngân 3.340 triệu đồng, đạt 40,1% kế hoạch vốn.',
      'Xã Cao Dương: giải ngân 5.760 triệu đồng, đạt 58,4% kế hoạch vốn.',
      'Xã Ngọc Lương: giải ngân 4.090 triệu đồng, đạt 44,8% kế hoạch vốn.',
    ];
    const old = [{ page: 1, text: `Kết quả giải ngân vốn đầu tư công đến ngày 30/9/2026:\n${rows.join('\n')}` }];
    const next = rows.filter((r) => !r.startsWith('Xã Đồng Tâm')).map((r) => r.replace('58,4%', '59,2%'));
    const fresh = [{ page: 1, text: `Kết quả giải ngân vốn đầu tư công đến ngày 30/9/2026:\n${next.join('\n')}` }];
    const { placements } = reanchorAll([highlight('deleted-row', rows[4] ?? '', old), highlight('edited-row', rows[6] ?? '', old)], old, fresh);
    expect(byId(placements)).toEqual({
      'deleted-row': { status: 'orphan', reason: 'ambiguous', oldPage: 1, quote: rows[4] },
      'edited-row': expect.objectContaining({ status: 'fuzzy', ...at(fresh, 'Xã Cao Dương: giải ngân 5.760 triệu đồng, đạt 59,2% kế hoạch vốn.'), errors: 2 }),
    });
  });

  it('a search cut short by its budget says so, and a larger budget finds the place', () => {
    const old = paginate(REPORT, LAYOUT);
    const budget = [...BUDGET];
    budget[2] = (budget[2] ?? '').replace('thấp hơn bình quân cả nước', 'cao hơn bình quân cả nước');
    // the edited sentence also moves to the estimate section, four pages on
    const estimate = [...ESTIMATE, budget[2]];
    const newPages = paginate([TITLE, ECONOMY, [budget[0] ?? '', budget[1] ?? '', budget[3] ?? ''], SOCIETY, SECURITY, estimate], LAYOUT);
    const item = highlight('q', 'tỷ lệ giải ngân vốn đầu tư công đạt 61,5% kế hoạch vốn Thủ tướng Chính phủ giao, thấp hơn bình quân cả nước', old);
    if (item.kind !== 'quote') throw new Error('a quote');
    expect(placeQuote(item.anchor, newPages, { maxStepsPerQuote: 2_000 })).toMatchObject({ status: 'orphan', reason: 'budget', oldPage: 4 });
    const { placements, stats } = reanchorAll([item], old, newPages, { maxSteps: 2_000 });
    expect(placements[0]?.placement).toMatchObject({ status: 'orphan', reason: 'budget' });
    expect(stats).toMatchObject({ budgetExhausted: true, searchedRadius: -1 }); // not even its own page could be paid for
    expect(stats.steps).toBeLessThanOrEqual(2_000);
    expect(placeQuote(item.anchor, newPages)).toMatchObject({
      status: 'fuzzy',
      ...at(newPages, 'tỷ lệ giải ngân vốn đầu tư công đạt 61,5% kế hoạch vốn Thủ tướng Chính phủ giao, cao hơn bình quân cả nước', 8),
    });
  });

  it('places page-bound annotations on a textless (scanned) page only as unverified', () => {
    expect(placeOnPage('', 3, [{ page: 3, text: ' \n' }])).toEqual({ status: 'unverified', page: 3, similarity: 0 });
    expect(placeOnPage('', 3, [{ page: 3, text: 'Trang có chữ' }])).toEqual({ status: 'orphan', reason: 'no-text', oldPage: 3, similarity: 0 });
  });

  it('lists an empty selection and a missing page as orphans instead of dropping them', () => {
    const anchor = quoteAnchorAt(oldPages, 2, 20, 20);
    expect(placeQuote(anchor, oldPages)).toMatchObject({ status: 'orphan', reason: 'empty', oldPage: 2 });
    const { placements } = reanchorAll([{ id: 'x', kind: 'page', page: 42 }], oldPages, oldPages);
    expect(placements).toEqual([{ id: 'x', kind: 'page', placement: { status: 'orphan', reason: 'no-text', oldPage: 42, similarity: 0 } }]);
  });

  it('property: a highlight on a page whose text did not change lands exactly where it was, whatever happened to the other pages', () => {
    const words = fc.constantFrom('Ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'ngân', 'sách', 'dự', 'toán', 'năm', '2027', 'đồng,', 'tăng', '9,2%.', 'Hội', 'đồng', 'xã', 'huyện');
    const pageText = fc.array(words, { minLength: 1, maxLength: 60 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(pageText, { minLength: 1, maxLength: 6 }),
        fc.array(pageText, { minLength: 0, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (oldTexts, otherTexts, which, a, b) => {
          const old = oldTexts.map((text, i) => ({ page: i + 1, text }));
          const page = (which % old.length) + 1;
          const text = old[page - 1]?.text ?? '';
          const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
          fc.pre(text.slice(start, end).trim().length > 0);
          const anchor = quoteAnchorAt(old, page, start, end);
          // The new version: that page kept at its number, every other page replaced or added.
          const count = Math.max(page, otherTexts.length);
          const fresh = Array.from({ length: count }, (_, i) => ({ page: i + 1, text: i + 1 === page ? text : (otherTexts[i] ?? 'trang mới') }));
          expect(placeQuote(anchor, fresh)).toMatchObject({ status: 'exact', page, start: anchor.start, end: anchor.end });
        },
      ),
      { seed: 20261208, numRuns: 300 },
    );
  });
});
