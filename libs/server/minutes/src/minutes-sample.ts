import type { MinutesPdfInput } from './minutes-pdf';

/**
 * A realistic provincial meeting for specs and for looking at the layout: tone marks everywhere, bold, italic,
 * underline, nested lists and enough text for several pages.
 */
export function sampleMinutesInput(overrides: Partial<MinutesPdfInput> = {}): MinutesPdfInput {
  const discussion = [
    'Đồng chí Giám đốc Sở Kế hoạch và Đầu tư báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2025: tổng sản phẩm trên địa bàn tỉnh ước tăng 8,2%, thu ngân sách nhà nước đạt 112% dự toán, giải ngân vốn đầu tư công đạt 94,6% kế hoạch được giao.',
    'Các đại biểu thảo luận, thống nhất đánh giá: năm 2025 tỉnh đã hoàn thành và vượt 18/21 chỉ tiêu chủ yếu; tuy nhiên tiến độ giải phóng mặt bằng một số dự án trọng điểm còn chậm, việc sắp xếp đơn vị hành chính cấp xã còn nhiều khó khăn, vướng mắc cần tiếp tục tháo gỡ.',
    'Ủy ban nhân dân các huyện, thị xã, thành phố đề nghị tỉnh sớm ban hành hướng dẫn về định mức hỗ trợ cho hộ gia đình bị ảnh hưởng bởi lũ lụt, đồng thời bổ sung kinh phí sửa chữa trường học, trạm y tế bị hư hỏng.',
  ];
  const longBody = Array.from({ length: 4 }, (_, i) => discussion.map((p) => `<p>${i === 0 ? '' : `(Lượt ${i + 1}) `}${p}</p>`).join('')).join('');
  return {
    kind: 'minutes',
    parentBody: 'Ủy ban nhân dân tỉnh An Bình',
    issuingBody: 'Văn phòng UBND tỉnh',
    number: '05/BB-UBND',
    place: 'An Bình',
    date: new Date('2026-01-05T02:00:00Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    title: 'Cuộc họp UBND tỉnh tháng 12 năm 2025',
    facts: [
      { label: 'Thời gian bắt đầu', value: '08 giờ 00 phút, ngày 05 tháng 01 năm 2026' },
      { label: 'Địa điểm', value: 'Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh; kết nối trực tuyến đến 12 điểm cầu cấp huyện' },
      { label: 'Chủ trì (chủ tọa)', value: 'Đồng chí Trần Văn Nam, Chủ tịch UBND tỉnh' },
      { label: 'Thư ký (người ghi biên bản)', value: 'Bà Lê Thu Hà, Chuyên viên Văn phòng UBND tỉnh' },
      { label: 'Thành phần tham dự', value: '15/17 thành viên UBND tỉnh có mặt (vắng 02 có lý do); đại diện lãnh đạo các sở, ban, ngành và Chủ tịch UBND các huyện, thị xã, thành phố' },
    ],
    bodyHtml:
      '<h3>I. Nội dung cuộc họp</h3>' +
      '<p>Cuộc họp đã nghe <strong>Văn phòng UBND tỉnh</strong> báo cáo tóm tắt <em>Chương trình công tác tháng 01 năm 2026</em> và ý kiến của các thành viên về những nội dung <u>cần ưu tiên</u> giải quyết.</p>' +
      '<ul><li>Ưu tiên bố trí vốn cho các công trình khắc phục hậu quả thiên tai;<ul><li>rà soát danh mục trước ngày 15/01/2026;</li><li>báo cáo kết quả tại phiên họp thường kỳ tháng 02.</li></ul></li>' +
      '<li>Đẩy nhanh tiến độ số hóa hồ sơ, thủ tục hành chính; sử dụng wifi công cộng tại bộ phận một cửa.</li></ul>' +
      '<ol><li>Sở Tài chính chủ trì thẩm định.</li><li>Sở Nội vụ hướng dẫn sắp xếp bộ máy.</li></ol>' +
      longBody,
    items: [
      {
        title: 'Tình hình kinh tế - xã hội năm 2025',
        conclusionHtml: '<p>Thống nhất với báo cáo; giao <b>Sở Kế hoạch và Đầu tư</b> tiếp thu ý kiến các đại biểu, hoàn chỉnh trước ngày 10/01/2026.</p>',
      },
      { title: 'Chương trình công tác tháng 01 năm 2026', conclusionHtml: '<p>Thông qua chương trình; các sở, ngành chủ động triển khai, không chờ hướng dẫn.</p>' },
      { title: 'Các nội dung khác', conclusionHtml: null },
    ],
    signatures: [
      { role: 'Thư ký', name: 'Lê Thu Hà' },
      { role: 'Chủ tọa', name: 'Trần Văn Nam' },
    ],
    recipients: ['Thường trực Tỉnh ủy (để báo cáo)', 'Thường trực HĐND tỉnh', 'Các thành viên UBND tỉnh', 'Lưu: VT, TH'],
    closing: 'Cuộc họp kết thúc vào 11 giờ 30 phút cùng ngày',
    version: 3,
    finalized: false,
    ...overrides,
  };
}
