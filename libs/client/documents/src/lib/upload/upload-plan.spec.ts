import { MAX_DOCUMENT_BYTES, UPLOAD_CHUNK_BYTES, errorBody } from '@phonghop/contracts';
import { checkPdfFile, chunkCount, isRetryable, looksLikePdf, nextChunk, resumeOffsetFrom, retryDelayMs, titleFromFileName, uploadPercent } from './upload-plan';

describe('checkPdfFile', () => {
  it('accepts PDFs by type or by name (tablets often report no type)', () => {
    expect(checkPdfFile({ name: 'bao-cao.pdf', size: 10, type: 'application/pdf' })).toBeNull();
    expect(checkPdfFile({ name: 'BAO-CAO.PDF', size: 10, type: '' })).toBeNull();
    expect(checkPdfFile({ name: 'scan', size: 10, type: 'application/pdf' })).toBeNull();
    expect(checkPdfFile({ name: 'x.pdf', size: 10, type: 'application/octet-stream' })).toBeNull();
  });
  it('refuses other files, empty files and files over 200 MB', () => {
    expect(checkPdfFile({ name: 'to-trinh.docx', size: 10, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe('notPdf');
    expect(checkPdfFile({ name: 'anh.pdf', size: 10, type: 'image/png' })).toBe('notPdf');
    expect(checkPdfFile({ name: 'rong.pdf', size: 0, type: 'application/pdf' })).toBe('empty');
    expect(checkPdfFile({ name: 'lon.pdf', size: MAX_DOCUMENT_BYTES + 1, type: 'application/pdf' })).toBe('tooLarge');
    expect(checkPdfFile({ name: 'vua.pdf', size: MAX_DOCUMENT_BYTES, type: 'application/pdf' })).toBeNull();
  });
});

describe('looksLikePdf', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('finds the %PDF- header, also after leading junk', () => {
    expect(looksLikePdf(bytes('%PDF-1.7\n'))).toBe(true);
    expect(looksLikePdf(bytes('\n\n  %PDF-1.4'))).toBe(true);
    expect(looksLikePdf(bytes('PK\u0003\u0004word'))).toBe(false);
    expect(looksLikePdf(bytes('%PD'))).toBe(false);
  });
});

describe('chunk planning', () => {
  const size = 10 * 1024 * 1024 + 5;
  it('walks the file in UPLOAD_CHUNK_BYTES pieces', () => {
    const ranges: [number, number][] = [];
    let received = 0;
    for (let r = nextChunk(received, size, UPLOAD_CHUNK_BYTES); r; r = nextChunk(received, size, UPLOAD_CHUNK_BYTES)) {
      ranges.push([r.start, r.end]);
      received = r.end;
    }
    expect(ranges).toEqual([
      [0, UPLOAD_CHUNK_BYTES],
      [UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES],
      [2 * UPLOAD_CHUNK_BYTES, size],
    ]);
    expect(chunkCount(size, UPLOAD_CHUNK_BYTES)).toBe(3);
  });
  it('resumes from what the server has, even mid-chunk, and stops at the end', () => {
    expect(nextChunk(5_000_000, size, UPLOAD_CHUNK_BYTES)).toEqual({ start: 5_000_000, end: 5_000_000 + UPLOAD_CHUNK_BYTES });
    expect(nextChunk(size, size, UPLOAD_CHUNK_BYTES)).toBeNull();
    expect(nextChunk(size + 10, size, UPLOAD_CHUNK_BYTES)).toBeNull();
    expect(nextChunk(-3, size, UPLOAD_CHUNK_BYTES)).toEqual({ start: 0, end: UPLOAD_CHUNK_BYTES });
    expect(() => nextChunk(0, size, 0)).toThrow();
  });
  it('takes the resume offset from a 409 UPLOAD_OFFSET_MISMATCH only', () => {
    expect(resumeOffsetFrom({ ...errorBody('UPLOAD_OFFSET_MISMATCH'), receivedBytes: 4194304 })).toBe(4194304);
    expect(resumeOffsetFrom(errorBody('UPLOAD_OFFSET_MISMATCH'))).toBeNull();
    expect(resumeOffsetFrom({ ...errorBody('PDF_MALFORMED'), receivedBytes: 1 })).toBeNull();
  });
  it('retries network and server errors with a capped back-off, not validation errors', () => {
    expect(isRetryable({ statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: { vi: '', en: '' } })).toBe(true);
    expect(isRetryable(errorBody('SERVICE_UNAVAILABLE'))).toBe(true);
    expect(isRetryable(errorBody('FILE_NOT_PDF'))).toBe(false);
    expect(isRetryable(errorBody('PDF_ENCRYPTED'))).toBe(false);
    expect([0, 1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
  });
});

describe('progress and titles', () => {
  it('shows whole percents and 100 only when everything arrived', () => {
    expect(uploadPercent(0, 1000)).toBe(0);
    expect(uploadPercent(425, 1000)).toBe(42);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(1000, 1000)).toBe(100);
    expect(uploadPercent(5, 0)).toBe(0);
  });
  it('derives a readable title from the file name', () => {
    expect(titleFromFileName('Bao_cao_KT-XH_quy_IV.pdf')).toBe('Bao cao KT-XH quy IV');
    expect(titleFromFileName('Tờ trình số 12.PDF')).toBe('Tờ trình số 12');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
  });
});
