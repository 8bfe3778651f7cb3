import type { PageText } from '../document';

/**
 * Test text written for these specs (a fictional province): a report on the economy and the budget, in sections
 * that each begin on a new page, as such reports are laid out.
 */
export const TITLE = [
  'ỦY BAN NHÂN DÂN TỈNH SƠN HÀ Số: 215/BC-UBND',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc',
  'Sơn Hà, ngày 05 tháng 10 năm 2026',
  'BÁO CÁO Tình hình kinh tế - xã hội 9 tháng đầu năm, nhiệm vụ trọng tâm 3 tháng cuối năm 2026 và dự toán ngân sách nhà nước năm 2027',
  'Thực hiện Nghị quyết số 18/NQ-HĐND ngày 12 tháng 12 năm 2025 của Hội đồng nhân dân tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2026, Ủy ban nhân dân tỉnh báo cáo tình hình thực hiện 9 tháng đầu năm như sau:',
];

export const ECONOMY = [
  'I. TÌNH HÌNH KINH TẾ',
  'Tổng sản phẩm trên địa bàn tỉnh (GRDP) 9 tháng đầu năm ước tăng 7,12% so với cùng kỳ năm trước, cao hơn mức tăng bình quân của vùng. Trong đó, khu vực nông, lâm nghiệp và thủy sản tăng 3,45%; khu vực công nghiệp và xây dựng tăng 10,27%; khu vực dịch vụ tăng 6,83%. Quy mô nền kinh tế theo giá hiện hành ước đạt 48.650 tỷ đồng.',
  'Sản xuất nông nghiệp cơ bản ổn định. Tổng diện tích gieo trồng cây hằng năm đạt 86.420 ha, bằng 99,2% kế hoạch; năng suất lúa vụ Đông Xuân ước đạt 62,8 tạ/ha, tăng 1,4 tạ/ha so với cùng kỳ. Dịch tả lợn châu Phi phát sinh tại 6 xã thuộc huyện Tân Lạc và đã được khống chế, không lây lan diện rộng. Chương trình mỗi xã một sản phẩm có thêm 27 sản phẩm được công nhận đạt từ 3 sao trở lên.',
  'Chỉ số sản xuất công nghiệp tăng 11,6% so với cùng kỳ, chủ yếu nhờ ngành chế biến, chế tạo. Khu công nghiệp Bắc Sơn thu hút thêm 4 dự án mới với tổng vốn đăng ký 2.150 tỷ đồng, nâng tỷ lệ lấp đầy lên 78%. Tuy nhiên, một số dự án chậm triển khai do vướng mắc trong bồi thường, giải phóng mặt bằng.',
  'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng ước đạt 31.240 tỷ đồng, tăng 9,8%. Kim ngạch xuất khẩu ước đạt 612 triệu USD, bằng 74,6% kế hoạch năm. Lượng khách du lịch đến tỉnh đạt 2,35 triệu lượt, tăng 12,4%, trong đó khách quốc tế đạt 86 nghìn lượt.',
];

export const BUDGET = [
  'II. THU, CHI NGÂN SÁCH NHÀ NƯỚC',
  'Tổng thu ngân sách nhà nước trên địa bàn 9 tháng ước đạt 5.870 tỷ đồng, bằng 76,3% dự toán Hội đồng nhân dân tỉnh giao và tăng 8,1% so với cùng kỳ. Trong đó, thu nội địa đạt 5.215 tỷ đồng; thu từ hoạt động xuất nhập khẩu đạt 655 tỷ đồng. Thu tiền sử dụng đất chỉ đạt 58,2% dự toán do thị trường bất động sản còn trầm lắng.',
  'Tổng chi ngân sách địa phương ước đạt 9.140 tỷ đồng, bằng 68,9% dự toán. Chi đầu tư phát triển đạt 2.760 tỷ đồng; tỷ lệ giải ngân vốn đầu tư công đạt 61,5% kế hoạch vốn Thủ tướng Chính phủ giao, thấp hơn bình quân cả nước. Ủy ban nhân dân tỉnh đã chỉ đạo điều chuyển vốn từ các dự án chậm giải ngân sang các dự án có khả năng hấp thụ vốn tốt.',
  'Công tác quản lý, điều hành ngân sách được thực hiện chặt chẽ, tiết kiệm. Các đơn vị dự toán đã thực hiện cắt giảm 10% chi thường xuyên theo chỉ đạo của Chính phủ, dành nguồn để thực hiện cải cách tiền lương và chi cho an sinh xã hội.',
];

export const SOCIETY = [
  'III. VĂN HÓA - XÃ HỘI',
  'Năm học 2026 - 2027 khai giảng đúng kế hoạch với hơn 214 nghìn học sinh; tỷ lệ trường đạt chuẩn quốc gia đạt 81,3%. Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 98,7%. Ngành y tế duy trì tốt công tác khám, chữa bệnh; tỷ lệ người dân tham gia bảo hiểm y tế đạt 93,5%.',
  'Trong 9 tháng, toàn tỉnh giải quyết việc làm cho 14.320 lao động, đạt 86,7% kế hoạch; tỷ lệ hộ nghèo theo chuẩn đa chiều giảm còn 6,82%. Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời; đã hoàn thành hỗ trợ xóa 1.250 nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo.',
];

export const SECURITY = [
  'IV. QUỐC PHÒNG, AN NINH',
  'Tình hình an ninh chính trị, trật tự an toàn xã hội cơ bản ổn định. Tai nạn giao thông giảm trên cả ba tiêu chí so với cùng kỳ: giảm 12 vụ, giảm 7 người chết và giảm 9 người bị thương. Công tác tiếp công dân, giải quyết khiếu nại, tố cáo được quan tâm; đã giải quyết 312 trên 341 đơn thuộc thẩm quyền, đạt 91,5%.',
];

export const ESTIMATE = [
  'V. DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM 2027',
  'Căn cứ Luật Ngân sách nhà nước và hướng dẫn của Bộ Tài chính, Ủy ban nhân dân tỉnh xây dựng dự toán thu ngân sách nhà nước trên địa bàn năm 2027 là 8.350 tỷ đồng, tăng 9,2% so với ước thực hiện năm 2026. Dự toán chi ngân sách địa phương là 13.480 tỷ đồng, trong đó chi đầu tư phát triển 4.120 tỷ đồng, chi thường xuyên 8.960 tỷ đồng.',
  'Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, quyết định dự toán thu, chi ngân sách và phương án phân bổ ngân sách cấp tỉnh năm 2027 tại kỳ họp thứ mười hai. Đồng thời đề nghị Hội đồng nhân dân tỉnh cho phép Ủy ban nhân dân tỉnh điều chỉnh phân bổ vốn giữa các dự án khi cần thiết và báo cáo tại kỳ họp gần nhất.',
  'Nơi nhận: Thường trực Hội đồng nhân dân tỉnh; các đại biểu Hội đồng nhân dân tỉnh; Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh; lưu văn thư.',
];

export const REPORT = [TITLE, ECONOMY, BUDGET, SOCIETY, SECURITY, ESTIMATE];

export interface Layout {
  /** Characters a page holds (line breaks included). */
  pageChars: number;
  /** Characters per line; lines are joined by a line break, as text extractors give them. */
  lineChars: number;
}

/** Lays sections out on pages: words fill lines, lines fill pages, each section starts a new page. */
export function paginate(sections: readonly (readonly string[])[], layout: Layout): PageText[] {
  const pages: string[][] = [];
  for (const section of sections) {
    let lines: string[] = [];
    let size = 0;
    const newPage = (): void => {
      if (lines.length > 0) pages.push(lines);
      lines = [];
      size = 0;
    };
    for (const paragraph of section) {
      let line = '';
      const put = (l: string): void => {
        if (size + l.length + 1 > layout.pageChars) newPage();
        lines.push(l);
        size += l.length + 1;
      };
      for (const word of paragraph.split(' ')) {
        if (line.length > 0 && line.length + 1 + word.length > layout.lineChars) {
          put(line);
          line = word;
        } else {
          line = line.length > 0 ? `${line} ${word}` : word;
        }
      }
      if (line.length > 0) put(line);
    }
    newPage();
  }
  return pages.map((lines, i) => ({ page: i + 1, text: lines.join('\n') }));
}
