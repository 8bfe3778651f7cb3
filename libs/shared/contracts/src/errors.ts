/**
 * Every failure of the API and of socket acknowledgements has this one shape:
 * HTTP status, a stable code clients may switch on, and the message in Vietnamese and English.
 */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: LocalizedText;
  /** Field-level problems for validation errors. */
  details?: ApiErrorDetail[];
  requestId?: string;
  /** UPLOAD_OFFSET_MISMATCH: how many bytes the server has, i.e. where to resume. */
  receivedBytes?: number;
  /**
   * 429 answers: seconds until the client may try again (also the `Retry-After` header); the message says it too.
   * DATABASE_UNAVAILABLE (503): a suggested wait before retrying (also the `Retry-After` header).
   */
  retryAfterSeconds?: number;
}

export interface LocalizedText {
  vi: string;
  en: string;
}

export interface ApiErrorDetail {
  field: string;
  problem: string;
}

interface CatalogueEntry {
  status: number;
  vi: string;
  en: string;
}

function entry(status: number, vi: string, en: string): CatalogueEntry {
  return { status, vi, en };
}

/** The stable codes. Add new ones at the end of their group; never rename a code once released. */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: entry(400, 'Dữ liệu gửi lên không hợp lệ.', 'The submitted data is invalid.'),
  MALFORMED_REQUEST: entry(400, 'Yêu cầu không đúng định dạng.', 'The request is malformed.'),
  BODY_TOO_DEEP: entry(400, 'Dữ liệu JSON gửi lên lồng nhau quá nhiều cấp.', 'The JSON body is nested too deeply.'),
  BODY_TOO_LARGE: entry(413, 'Dữ liệu gửi lên vượt quá kích thước cho phép.', 'The request body is larger than allowed.'),
  AUTH_REQUIRED: entry(401, 'Vui lòng đăng nhập.', 'Please sign in.'),
  AUTH_INVALID_CREDENTIALS: entry(401, 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'),
  AUTH_ACCOUNT_DISABLED: entry(403, 'Tài khoản đã bị khóa. Liên hệ quản trị hệ thống.', 'This account is disabled. Contact the administrator.'),
  AUTH_TOO_MANY_ATTEMPTS: entry(429, 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.', 'Too many failed sign-in attempts. Try again in a few minutes.'),
  AUTH_WRONG_CURRENT_PASSWORD: entry(400, 'Mật khẩu hiện tại không đúng.', 'The current password is wrong.'),
  AUTH_WEAK_PASSWORD: entry(400, 'Mật khẩu mới phải có ít nhất 8 ký tự, gồm chữ và số.', 'The new password needs at least 8 characters with letters and digits.'),
  FORBIDDEN: entry(403, 'Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.'),
  NOT_FOUND: entry(404, 'Không tìm thấy dữ liệu yêu cầu.', 'The requested item was not found.'),
  USER_NOT_FOUND: entry(404, 'Không tìm thấy người dùng.', 'User not found.'),
  USERNAME_TAKEN: entry(409, 'Tên đăng nhập đã được sử dụng.', 'This username is already taken.'),
  USER_CANNOT_DISABLE_SELF: entry(409, 'Không thể tự khóa tài khoản của chính mình.', 'You cannot disable your own account.'),
  UNIT_NOT_FOUND: entry(404, 'Không tìm thấy đơn vị.', 'Organisation unit not found.'),
  UNIT_PARENT_CYCLE: entry(409, 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.', 'A unit cannot be moved under itself or its descendants.'),
  UNIT_HAS_CHILDREN: entry(409, 'Đơn vị còn đơn vị trực thuộc, điểm cầu hoặc người dùng; không thể xóa.', 'The unit still has sub-units, sites or people and cannot be deleted.'),
  UNIT_CODE_TAKEN: entry(409, 'Mã đơn vị đã tồn tại.', 'This unit code already exists.'),
  SITE_NOT_FOUND: entry(404, 'Không tìm thấy điểm cầu.', 'Conference site not found.'),
  MEETING_NOT_FOUND: entry(404, 'Không tìm thấy cuộc họp.', 'Meeting not found.'),
  MEETING_ACCESS_DENIED: entry(403, 'Bạn không tham dự cuộc họp này.', 'You are not a participant of this meeting.'),
  MEETING_INVALID_TRANSITION: entry(409, 'Không thể chuyển cuộc họp sang trạng thái này.', 'The meeting cannot move to that state.'),
  MEETING_NOT_EDITABLE: entry(409, 'Cuộc họp đã kết thúc hoặc bị hủy, không thể sửa.', 'The meeting has ended or was cancelled and cannot be changed.'),
  MEETING_TIME_INVALID: entry(400, 'Thời gian kết thúc phải sau thời gian bắt đầu.', 'The end time must be after the start time.'),
  PARTICIPANT_NOT_FOUND: entry(404, 'Không tìm thấy thành phần tham dự.', 'Participant not found.'),
  DELEGATE_INVALID: entry(409, 'Không thể ủy quyền cho người này.', 'You cannot delegate to this person.'),
  PARTICIPANTS_NOTHING_CHOSEN: entry(400, 'Chưa chọn người, đơn vị hay điểm cầu nào để thêm.', 'No person, unit or site was chosen to add.'),
  PARTICIPANTS_ALREADY_INVITED: entry(409, 'Những người và điểm cầu đã chọn đều đã có trong cuộc họp; không có ai được thêm.', 'Everyone and every site chosen is already in the meeting; nothing was added.'),
  PARTICIPANTS_UNIT_EMPTY: entry(409, 'Đơn vị đã chọn chưa có tài khoản người dùng nào nên không có ai được thêm. Hãy chọn từng người, hoặc mời điểm cầu của đơn vị.', 'The chosen units have no user accounts, so nobody was added. Pick people one by one, or invite the unit’s site.'),
  SITE_DISABLED: entry(409, 'Điểm cầu này đã ngừng hoạt động nên không thể mời; quản trị hệ thống có thể bật lại.', 'This site is disabled and cannot be invited; an administrator can enable it again.'),
  AGENDA_ITEM_NOT_FOUND: entry(404, 'Không tìm thấy nội dung trong chương trình.', 'Agenda item not found.'),
  AGENDA_ORDER_INVALID: entry(400, 'Thứ tự chương trình không hợp lệ.', 'The agenda order is invalid.'),
  DOCUMENT_NOT_FOUND: entry(404, 'Không tìm thấy tài liệu.', 'Document not found.'),
  UPLOAD_NOT_FOUND: entry(404, 'Phiên tải lên không tồn tại hoặc đã hết hạn.', 'The upload does not exist or has expired.'),
  UPLOAD_OFFSET_MISMATCH: entry(409, 'Phần dữ liệu gửi lên không khớp vị trí; hãy tiếp tục từ vị trí máy chủ báo.', 'The chunk does not continue where the server is; resume from the reported offset.'),
  UPLOAD_INCOMPLETE: entry(409, 'Tệp chưa được tải lên đầy đủ.', 'The file has not been fully uploaded.'),
  UPLOAD_ALREADY_COMPLETED: entry(409, 'Phiên tải lên này đang được hoặc đã được hoàn tất.', 'This upload is already being completed, or has been completed.'),
  FILE_TOO_LARGE: entry(413, 'Tệp vượt quá dung lượng cho phép (200 MB).', 'The file is larger than allowed (200 MB).'),
  FILE_EMPTY: entry(400, 'Tệp rỗng.', 'The file is empty.'),
  FILE_NAME_INVALID: entry(400, 'Tên tệp không hợp lệ: tên trống hoặc chứa ký tự điều khiển hướng chữ.', 'The file name is invalid: it is blank or holds text-direction control characters.'),
  FILE_NOT_PDF: entry(415, 'Tệp không phải PDF.', 'The file is not a PDF.'),
  PDF_MALFORMED: entry(422, 'Tệp PDF bị lỗi, không đọc được.', 'The PDF is damaged and cannot be read.'),
  PDF_ENCRYPTED: entry(422, 'Tệp PDF có mật khẩu; hãy gỡ mật khẩu trước khi tải lên.', 'The PDF is password-protected; remove the password before uploading.'),
  UPLOAD_SIZE_EXCEEDED: entry(413, 'Dữ liệu gửi lên vượt quá kích thước tệp đã khai báo.', 'More bytes were sent than the declared file size.'),
  RANGE_NOT_SATISFIABLE: entry(416, 'Đoạn dữ liệu yêu cầu nằm ngoài tệp.', 'The requested byte range is outside the file.'),
  DOCUMENT_PROCESSING: entry(409, 'Tài liệu đang được xử lý; vui lòng thử lại sau giây lát.', 'The document is still being processed; try again shortly.'),
  DOCUMENT_PAGE_NOT_FOUND: entry(404, 'Tài liệu không có trang này.', 'The document has no such page.'),
  DOCUMENT_TEXT_CONFIDENTIAL: entry(403, 'Tài liệu mật không cung cấp văn bản rời; hãy mở tài liệu để đọc (bản có đóng dấu tên người đọc).', 'A confidential document’s text is not served on its own; open the document to read it (the copy stamped with your name).'),
  CONFERENCE_NOT_ONLINE: entry(409, 'Cuộc họp này không có phần họp trực tuyến.', 'This meeting has no online conference.'),
  CONFERENCE_NOT_OPEN: entry(409, 'Hội nghị trực tuyến chưa mở hoặc đã kết thúc.', 'The online conference is not open (not published yet, or over).'),
  CONFERENCE_NOT_JOINED: entry(409, 'Bạn chưa vào hội nghị trực tuyến.', 'You have not joined the online conference.'),
  CONFERENCE_UNAVAILABLE: entry(503, 'Máy chủ truyền hình tạm thời không sẵn sàng; đang kết nối lại.', 'The media server is temporarily unavailable; reconnecting.'),
  CONFERENCE_MEDIA_NOT_FOUND: entry(404, 'Không tìm thấy luồng âm thanh, hình ảnh này.', 'This audio or video stream was not found.'),
  CONFERENCE_NOTHING_TO_RECORD: entry(409, 'Chưa có hình ảnh hay âm thanh nào để ghi.', 'There is no video or audio to record yet.'),
  CASCADE_LINK_REFUSED: entry(401, 'Máy chủ cấp dưới không được phép liên kết (sai tên hoặc khoá bí mật, hoặc lệch giờ).', 'The lower-level server may not link (wrong name or secret, or its clock is off).'),
  CONFERENCE_RECORDING_NOT_READY: entry(409, 'Bản ghi hình chưa xử lý xong.', 'The recording is not ready yet.'),
  FLOOR_NOT_IN_SESSION: entry(409, 'Phiên họp chưa khai mạc hoặc đã bế mạc.', 'The session has not been opened, or it is over.'),
  FLOOR_ITEM_NOT_FOUND: entry(404, 'Không tìm thấy nội dung này trong chương trình họp.', 'This item is not on the meeting agenda.'),
  FLOOR_REQUEST_NOT_FOUND: entry(404, 'Không tìm thấy đăng ký phát biểu này.', 'This request to speak was not found.'),
  FLOOR_ALREADY_REQUESTED: entry(409, 'Bạn đã đăng ký phát biểu, đang chờ đến lượt.', 'You have already asked to speak and are waiting your turn.'),
  FLOOR_NO_SPEAKER: entry(409, 'Hiện không có ai đang phát biểu.', 'Nobody has the floor at the moment.'),
  FLOOR_CONFLICT: entry(409, 'Phiên họp vừa được thay đổi ở nơi khác; vui lòng thử lại.', 'The session was just changed elsewhere; please try again.'),
  FLOOR_ORDER_INVALID: entry(400, 'Thứ tự mới phải gồm đúng mỗi đăng ký phát biểu một lần.', 'The new order must list every request to speak exactly once.'),
  ATTENDANCE_NOT_MEMBER: entry(404, 'Người này không phải thành viên của cuộc họp.', 'This person is not a member of the meeting.'),
  CHECK_IN_CODE_INVALID: entry(403, 'Mã điểm danh không đúng hoặc đã hết hạn; hãy quét lại mã trên màn hình.', 'The check-in code is wrong or expired; scan the code on the screen again.'),
  CHECK_IN_NOT_OPEN: entry(409, 'Chưa mở điểm danh: cuộc họp chưa diễn ra.', 'Check-in is not open: the meeting is not under way.'),
  DISPLAY_NOT_FOUND: entry(404, 'Mã màn hình trình chiếu không đúng hoặc đã bị thu hồi.', 'This display link is unknown or has been revoked.'),
  MINUTES_NOT_FOUND: entry(404, 'Chưa có biên bản hoặc kết luận cho cuộc họp này.', 'There are no minutes or conclusions for this meeting yet.'),
  MINUTES_CONFLICT: entry(409, 'Biên bản vừa được người khác sửa; hãy tải lại bản mới nhất rồi sửa tiếp.', 'Someone else just changed these minutes; reload the latest text and edit again.'),
  MINUTES_FINAL: entry(409, 'Biên bản đã được ban hành chính thức, không thể sửa; hãy tạo bản đính chính.', 'These minutes are final and cannot change; start a correction instead.'),
  MINUTES_HTML_TOO_LARGE: entry(400, 'Nội dung biên bản quá dài (tối đa 200.000 ký tự).', 'The minutes text is too long (at most 200,000 characters).'),
  VOTE_NOT_FOUND: entry(404, 'Không tìm thấy nội dung biểu quyết.', 'This vote was not found.'),
  VOTE_NOT_OPEN: entry(409, 'Biểu quyết chưa bắt đầu.', 'Voting has not started yet.'),
  VOTE_CLOSED: entry(409, 'Biểu quyết đã kết thúc; phiếu này không được ghi nhận.', 'Voting is over; this ballot was not recorded.'),
  VOTE_ALREADY_CAST: entry(409, 'Phiếu biểu quyết đã được ghi nhận trước đó, không thể bỏ phiếu lần nữa.', 'A ballot has already been recorded; you cannot vote again.'),
  VOTE_SUPERSEDED: entry(409, 'Lựa chọn này đã được thay bằng lựa chọn gửi sau; phiếu giữ lựa chọn mới nhất.', 'This choice was replaced by a later one; the ballot keeps the latest choice.'),
  VOTE_STILL_OPEN: entry(409, 'Biểu quyết chưa kết thúc; chưa thể xem các phiếu.', 'Voting is still open; the ballots cannot be read yet.'),
  ANNOTATION_NOT_FOUND: entry(404, 'Không tìm thấy ghi chú này.', 'This annotation was not found.'),
  ANNOTATION_NOT_OWNER: entry(403, 'Chỉ người tạo mới sửa, xóa hoặc chia sẻ được ghi chú này.', 'Only its author may change, delete or share this annotation.'),
  ANNOTATION_INVALID: entry(400, 'Ghi chú không hợp lệ.', 'The annotation is not valid.'),
  ANNOTATION_ID_TAKEN: entry(409, 'Mã ghi chú đã được dùng cho một ghi chú khác.', 'This annotation id is already used by another annotation.'),
  DISPLAY_DOCUMENT_RESTRICTED: entry(403, 'Tài liệu mật hoặc chỉ dành cho người được chỉ định không hiện trên màn hình chung của hội trường.', 'A confidential or named-readers document is not shown on the hall’s shared screen.'),
  PRESENTATION_NOT_RUNNING: entry(409, 'Hiện không trình chiếu tài liệu nào.', 'Nothing is being presented.'),
  VOTE_NO_QUORUM: entry(409, 'Chưa đủ số thành viên có mặt theo quy định; chưa thể biểu quyết.', 'The meeting does not have its quorum; the vote cannot open.'),
  VOTE_ANOTHER_OPEN: entry(409, 'Đang có một nội dung biểu quyết khác; hãy kết thúc nội dung đó trước.', 'Another vote is open; close it first.'),
  VOTE_NOT_ELIGIBLE: entry(403, 'Bạn không có quyền bỏ phiếu này (chưa điểm danh khi bắt đầu biểu quyết, hoặc không được ủy quyền).', 'You may not cast this ballot (not checked in when the vote opened, or not their proxy).'),
  VOTE_NOT_DRAFT: entry(409, 'Nội dung biểu quyết đã bắt đầu; không thể sửa hay xóa.', 'This vote has started; it can no longer be changed or deleted.'),
  VOTE_SPEC_INVALID: entry(400, 'Nội dung biểu quyết chưa hợp lệ.', 'The motion is not valid.'),
  VOTE_CAST_BY_MEMBER: entry(409, 'Thành viên đã tự bỏ phiếu; điểm cầu không thể thay đổi phiếu này.', 'The member voted themselves; the site cannot change that ballot.'),
  SIGNING_NOT_CONFIGURED: entry(503, 'Chưa cài đặt khóa ký số của cơ quan; liên hệ quản trị hệ thống.', 'The organisation signing key is not set up; contact the administrator.'),
  SIGNING_KEY_WRONG_PASSWORD: entry(503, 'Mật khẩu hoặc mã PIN của khóa ký số cơ quan không đúng; liên hệ quản trị hệ thống.', 'The password or PIN of the organisation signing key is wrong; contact the administrator.'),
  SIGNING_CERTIFICATE_EXPIRED: entry(503, 'Chứng thư số của cơ quan đã hết hạn hoặc chưa có hiệu lực; cần gia hạn chứng thư.', 'The organisation certificate has expired or is not yet valid; it must be renewed.'),
  SIGNING_KEY_USAGE_MISSING: entry(503, 'Chứng thư số của cơ quan không được phép dùng để ký văn bản.', 'The organisation certificate may not be used to sign documents.'),
  SIGNING_KEY_UNAVAILABLE: entry(503, 'Không dùng được khóa ký số của cơ quan (thiết bị ký hoặc tệp khóa có vấn đề).', 'The organisation signing key cannot be used (a problem with the token or key file).'),
  SIGNING_TIMESTAMP_FAILED: entry(502, 'Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian; văn bản chưa được ký.', 'The timestamp authority did not give a timestamp; nothing was signed.'),
  SIGNING_REQUEST_NOT_FOUND: entry(404, 'Đường dẫn ký số không tồn tại hoặc đã hết hạn.', 'This signing link does not exist or has expired.'),
  SIGNING_REQUEST_USED: entry(409, 'Đường dẫn ký số này đã được dùng; hãy tạo yêu cầu ký mới.', 'This signing link has already been used; start a new signing request.'),
  SIGNING_REQUEST_OPEN: entry(409, 'Văn bản đang chờ một chữ ký khác; hãy hoàn tất hoặc hủy yêu cầu đó trước.', 'The document is waiting for another signature; finish or cancel that request first.'),
  SIGNATURE_WRONG_DOCUMENT: entry(422, 'Tệp gửi về không phải là văn bản đã giao để ký.', 'The file sent back is not the document given out for signing.'),
  SIGNATURE_WRONG_SIGNER: entry(422, 'Chữ ký không phải của người được yêu cầu ký.', 'The signature is not by the person asked to sign.'),
  SIGNATURE_INVALID: entry(422, 'Chữ ký số không hợp lệ (nội dung hoặc chữ ký không khớp).', 'The digital signature is not valid (the content or the signature does not check out).'),
  SIGNATURE_CERTIFICATE_EXPIRED: entry(422, 'Chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực tại thời điểm ký.', 'The signer’s certificate was expired or not yet valid when it signed.'),
  SIGNATURE_UNTRUSTED: entry(422, 'Chứng thư số của người ký không do tổ chức cung cấp dịch vụ chứng thực được tin cậy cấp.', 'The signer’s certificate was not issued by a trusted certification authority.'),
  DOCUMENT_NOT_SIGNABLE: entry(409, 'Văn bản này chưa thể ký (chưa ban hành chính thức, hoặc không đọc được).', 'This document cannot be signed yet (not final, or not readable).'),
  SIGNATURE_ALREADY_THERE: entry(409, 'Người này đã ký văn bản này.', 'This person has already signed this document.'),
  REALTIME_VERSION_GONE: entry(410, 'Dữ liệu đã thay đổi nhiều; đang tải lại toàn bộ.', 'Too many changes were missed; reloading the full state.'),
  REALTIME_RATE_LIMITED: entry(429, 'Thiết bị gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau giây lát.', 'This device sent too many requests at once. Try again in a moment.'),
  REALTIME_TOO_MANY_CONNECTIONS: entry(429, 'Có quá nhiều kết nối từ cùng một địa chỉ mạng.', 'Too many connections from this network address.'),
  INTERNAL_ERROR: entry(500, 'Hệ thống gặp lỗi. Vui lòng thử lại.', 'Something went wrong on the server. Please try again.'),
  MEETING_ROOM_MOVING: entry(503, 'Phòng họp đang chuyển sang máy chủ khác; vui lòng thử lại sau giây lát.', 'The meeting room is moving to another server; please try again in a moment.'),
  SERVICE_UNAVAILABLE: entry(503, 'Hệ thống tạm thời không sẵn sàng.', 'The service is temporarily unavailable.'),
  DATABASE_UNAVAILABLE: entry(503, 'Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại.', 'The database is temporarily unavailable; please retry.'),
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function errorBody(code: ErrorCode, details?: ApiErrorDetail[]): ApiErrorBody {
  const e = ERROR_CATALOGUE[code];
  return { statusCode: e.status, code, message: { vi: e.vi, en: e.en }, ...(details?.length ? { details } : {}) };
}

/** For 429 answers: the message that says when to try again, by code (others keep their catalogue message). */
const RETRY_MESSAGES: Partial<Record<ErrorCode, (wait: LocalizedText) => LocalizedText>> = {
  AUTH_TOO_MANY_ATTEMPTS: (wait) => ({
    vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait.vi}.`,
    en: `Too many failed sign-in attempts. Try again in ${wait.en}.`,
  }),
};

/** A wait in words: seconds under a minute, else minutes (rounded up), else hours and minutes. */
export function waitText(seconds: number): LocalizedText {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return { vi: `${s} giây`, en: s === 1 ? '1 second' : `${s} seconds` };
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return { vi: `${minutes} phút`, en: minutes === 1 ? '1 minute' : `${minutes} minutes` };
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return {
    vi: m ? `${h} giờ ${m} phút` : `${h} giờ`,
    en: `${h === 1 ? '1 hour' : `${h} hours`}${m ? ` ${m === 1 ? '1 minute' : `${m} minutes`}` : ''}`,
  };
}

/** A 429 body that says when the client may try again: `retryAfterSeconds` (whole seconds, at least 1) and the message. */
export function withRetryAfter(body: ApiErrorBody, seconds: number): ApiErrorBody {
  const retryAfterSeconds = Math.max(1, Math.ceil(seconds));
  const message = RETRY_MESSAGES[body.code]?.(waitText(retryAfterSeconds)) ?? body.message;
  return { ...body, message, retryAfterSeconds };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ApiErrorBody>;
  return typeof v.code === 'string' && typeof v.statusCode === 'number' && typeof v.message === 'object';
}
