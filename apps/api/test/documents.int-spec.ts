import { createCanvas, loadImage } from '@napi-rs/canvas';
import {
  type DocumentDto,
  type DocumentReceiptDto,
  FIRST_PAGE_CHUNKS_HEADER,
  MAX_DOCUMENT_BYTES,
  PDF_RANGE_CHUNK,
  PREVIEW_WIDTH,
  SESSION_COOKIE,
  type UploadStatusDto,
} from '@phonghop/contracts';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { DataSource } from 'typeorm';
import { encryptedPdf, ghostscriptPdf, paddedPdf, PNG_BYTES, pdfText, vietnamesePdf } from './fixtures/pdfs';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

const USERS = ['quantri', 'thuky', 'chutoa', 'daibieu', 'khachmoi', 'diemcau.phuloc'] as const;
type Username = (typeof USERS)[number];

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Where page 1's content stream and its font's file lie in `pdf`, as qpdf (not pdf.js) reads the file: the
 * 64 KiB chunk each begins in.
 */
function pageOneObjects(pdf: Buffer): { content: { id: number; chunk: number }; fontFile: { id: number; chunk: number } } {
  const dir = mkdtempSync(join(tmpdir(), 'phonghop-qpdf-'));
  try {
    const file = join(dir, 'f.pdf');
    writeFileSync(file, pdf);
    const qpdf = (...args: string[]) => execFileSync('qpdf', [...args, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const offsets = new Map<number, number>();
    for (const m of qpdf('--show-xref').matchAll(/^(\d+)\/0: uncompressed; offset = (\d+)$/gm)) offsets.set(Number(m[1]), Number(m[2]));
    const at = (id: number) => {
      const offset = offsets.get(id);
      if (offset === undefined) throw new Error(`object ${id} is not a stream at its own offset`);
      return { id, chunk: Math.floor(offset / PDF_RANGE_CHUNK) };
    };
    const ref = (text: string, key: string) => Number(new RegExp(`/${key} \\[? ?(\\d+) 0 R`).exec(text)?.[1]);
    const page = qpdf(`--show-object=${/page 1: (\d+) 0 R/.exec(qpdf('--show-pages'))?.[1]}`);
    const font = qpdf(`--show-object=${/\/Font << \/[^ ]+ (\d+) 0 R/.exec(page)?.[1]}`);
    const descriptor = qpdf(`--show-object=${ref(qpdf(`--show-object=${ref(font, 'DescendantFonts')}`), 'FontDescriptor')}`);
    return { content: at(ref(page, 'Contents')), fontFile: at(ref(descriptor, 'FontFile2')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Six pages of a budget report, in Vietnamese with tone marks. */
const REPORT_PAGES = Array.from({ length: 6 }, (_, i) => [
  `Trang ${i + 1}. Báo cáo tình hình kinh tế – xã hội quý IV năm 2026`,
  i === 2 ? 'Dự toán ngân sách nhà nước năm 2027 được Hội đồng nhân dân thông qua.' : 'Đầu tư công, chuyển đổi số, y tế và giáo dục.',
  'Ủy ban nhân dân tỉnh An Bình — phiên họp thường kỳ tháng 12.',
  `Phụ lục số ${i + 1}: số liệu chi tiết ${'đường giao thông nông thôn '.repeat(3)}`,
]);

jest.setTimeout(60_000);

describe(`documents (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  let report: Buffer;
  const as = {} as Record<Username, Browser>;
  const idOf = {} as Record<Username, string>;

  /** Any request with raw bytes in and out, as a tablet or the secretary's browser sends them. */
  async function raw(who: Username, method: string, path: string, body?: Uint8Array | ReadableStream, headers: Record<string, string> = {}) {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { cookie: `${SESSION_COOKIE}=${as[who].cookie}`, ...(body ? { 'content-type': 'application/octet-stream' } : {}), ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: any = undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (res.headers.get('content-type')?.includes('json')) json = JSON.parse(bytes.toString('utf8'));
    return { status: res.status, headers: res.headers, bytes, body: json };
  }

  async function start(who: Username, fileName: string, sizeBytes: number) {
    return as[who].post(`/api/meetings/${meetingId}/uploads`, { fileName, sizeBytes });
  }

  function put(who: Username, uploadId: string, offset: number, bytes: Uint8Array) {
    return raw(who, 'PUT', `/api/uploads/${uploadId}?offset=${offset}`, bytes);
  }

  /** Start, send in chunks, complete; returns the document. */
  async function upload(pdf: Buffer, complete: Record<string, unknown>, opts: { who?: Username; name?: string; chunk?: number } = {}) {
    const who = opts.who ?? 'thuky';
    const started = await start(who, opts.name ?? 'Tài liệu.pdf', pdf.length);
    expect(started.status).toBe(201);
    const id = (started.body as UploadStatusDto).uploadId;
    const chunk = opts.chunk ?? 64 * 1024;
    for (let offset = 0; offset < pdf.length; offset += chunk) {
      const r = await put(who, id, offset, pdf.subarray(offset, offset + chunk));
      expect(r.status).toBe(200);
    }
    const done = await as[who].post(`/api/uploads/${id}/complete`, complete);
    return { ...done, uploadId: id, body: done.body as DocumentDto };
  }

  async function uploadOk(pdf: Buffer, complete: Record<string, unknown>, opts: { who?: Username; name?: string } = {}): Promise<DocumentDto> {
    const r = await upload(pdf, complete, opts);
    expect(r.status).toBe(201);
    return r.body;
  }

  async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function processed(documentId: string, version: number) {
    return waitFor(async () => {
      const list = (await as.thuky.get(`/api/documents/${documentId}/versions`)).body as DocumentDto['current'][];
      const v = list.find((x) => x.version === version);
      return v?.thumbnailsReady && v.textReady ? v : undefined;
    }, `thumbnails and text of ${documentId} v${version}`);
  }

  const db = () => t.app.get(DataSource);
  async function count(table: string): Promise<number> {
    const rows = await db().query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  }

  function blobFiles(): string[] {
    const root = join(t.dataDir, 'blobs');
    if (!existsSync(root)) return [];
    return readdirSync(root)
      .filter((d) => d !== '.tmp')
      .flatMap((d) => readdirSync(join(root, d)).map((f) => join(d, f)));
  }

  async function storeState() {
    return {
      blobs: blobFiles().sort(),
      documents: await count('document'),
      versions: await count('document_version'),
      uploads: await count('document_upload'),
      parts: readdirSync(join(t.dataDir, 'uploads')).length,
      temp: readdirSync(join(t.dataDir, 'blobs', '.tmp')).length,
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of USERS) {
      as[u] = await signedIn(t.baseUrl, u);
      idOf[u] = (await as[u].get('/api/auth/me')).body.user.id;
    }
    meetingId = (await as.thuky.get('/api/meetings/mine')).body[0].id;
    report = await vietnamesePdf(REPORT_PAGES, 'Báo cáo quý IV');
  });
  afterAll(() => t.destroy());

  describe('upload', () => {
    it('takes a PDF in chunks with progress, resumes after a broken connection, refuses wrong offsets', async () => {
      const chunk = 4096;
      expect(report.length).toBeGreaterThan(3 * chunk);
      const started = await start('thuky', 'Báo cáo KT-XH quý IV.pdf', report.length);
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ fileName: 'Báo cáo KT-XH quý IV.pdf', sizeBytes: report.length, receivedBytes: 0 });
      const id = started.body.uploadId as string;

      const first = await put('thuky', id, 0, report.subarray(0, chunk));
      expect(first.body).toMatchObject({ receivedBytes: chunk });

      // A client that lost the answer and sends the same chunk again is told where the server is.
      const again = await put('thuky', id, 0, report.subarray(0, chunk));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', receivedBytes: chunk });
      expect(again.body.message.vi).toBeTruthy();

      // The connection breaks mid-chunk: the server keeps what arrived.
      const sent = 1500;
      await new Promise<void>((resolve) => {
        const req = httpRequest(`${t.baseUrl}/api/uploads/${id}?offset=${chunk}`, {
          method: 'PUT',
          headers: { cookie: `${SESSION_COOKIE}=${as.thuky.cookie}`, 'content-type': 'application/octet-stream', 'content-length': String(chunk) },
        });
        req.on('error', () => resolve());
        req.write(report.subarray(chunk, chunk + sent), () => setTimeout(() => (req.destroy(), resolve()), 300));
      });
      const resumed = await waitFor(async () => {
        const s = (await as.thuky.get(`/api/uploads/${id}`)).body as UploadStatusDto;
        return s.receivedBytes > chunk ? s : undefined;
      }, 'the partial chunk to be recorded');
      expect(resumed.receivedBytes).toBe(chunk + sent);

      // Completing early is refused; continuing from receivedBytes finishes the file.
      expect((await as.thuky.post(`/api/uploads/${id}/complete`, { title: 'x' })).body.code).toBe('UPLOAD_INCOMPLETE');
      const progress: number[] = [];
      for (let offset = resumed.receivedBytes; offset < report.length; offset += chunk) {
        const r = await put('thuky', id, offset, report.subarray(offset, offset + chunk));
        expect(r.status).toBe(200);
        progress.push(r.body.receivedBytes);
      }
      expect(progress.at(-1)).toBe(report.length);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));

      // Someone else cannot see or touch the upload.
      expect((await as.quantri.get(`/api/uploads/${id}`)).body.code).toBe('UPLOAD_NOT_FOUND');

      const done = await as.thuky.post(`/api/uploads/${id}/complete`, { title: 'Báo cáo tình hình KT-XH quý IV' });
      expect(done.status).toBe(201);
      const doc = done.body as DocumentDto;
      expect(doc).toMatchObject({ meetingId, title: 'Báo cáo tình hình KT-XH quý IV', access: 'all', published: false, versionCount: 1 });
      expect(doc.current).toMatchObject({ version: 1, pageCount: 6, fileName: 'Báo cáo KT-XH quý IV.pdf', uploadedByName: 'Nguyễn Thị Thu Hà' });

      // Stored content-addressed and repacked with object streams (few ranges to page 1); the upload and its part file are gone.
      const blob = readFileSync(join(t.dataDir, 'blobs', doc.current.sha256.slice(0, 2), `${doc.current.sha256}.pdf`));
      expect(sha256(blob)).toBe(doc.current.sha256);
      expect(blob.length).toBe(doc.current.sizeBytes);
      expect(blob.toString('latin1')).toMatch(/\/Type\s*\/ObjStm/);
      expect((await as.thuky.get(`/api/uploads/${id}`)).body.code).toBe('UPLOAD_NOT_FOUND');
      expect(existsSync(join(t.dataDir, 'uploads', `${id}.part`))).toBe(false);
    });

    it('refuses declared sizes of 0 or over 200 MB and bytes beyond the declared size', async () => {
      const big = await start('thuky', 'big.pdf', MAX_DOCUMENT_BYTES + 1);
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('FILE_TOO_LARGE');
      expect((await start('thuky', 'empty.pdf', 0)).body.code).toBe('FILE_EMPTY');
      expect((await start('thuky', 'a/b.pdf', 10)).body.code).toBe('VALIDATION_FAILED');

      const s = await start('thuky', 'small.pdf', 100);
      const id = s.body.uploadId as string;
      const tooMuch = await put('thuky', id, 0, Buffer.alloc(150, 1));
      expect(tooMuch.status).toBe(413);
      expect(tooMuch.body.code).toBe('UPLOAD_SIZE_EXCEEDED');
      // Without a Content-Length the stream is cut at the declared size.
      const stream = new ReadableStream({
        start(c) {
          c.enqueue(new Uint8Array(80));
          c.enqueue(new Uint8Array(80));
          c.close();
        },
      });
      const streamed = await raw('thuky', 'PUT', `/api/uploads/${id}?offset=0`, stream);
      expect(streamed.body.code).toBe('UPLOAD_SIZE_EXCEEDED');
      const after = (await as.thuky.get(`/api/uploads/${id}`)).body as UploadStatusDto;
      expect(after.receivedBytes).toBeLessThanOrEqual(100);
      expect(readFileSync(join(t.dataDir, 'uploads', `${id}.part`)).length).toBe(after.receivedBytes);
      // A JSON body is not a chunk.
      expect((await raw('thuky', 'PUT', `/api/uploads/${id}?offset=${after.receivedBytes}`, Buffer.from('{}'), { 'content-type': 'application/json' })).body.code).toBe('MALFORMED_REQUEST');
    });

    it.each([
      ['a PNG renamed to .pdf', () => PNG_BYTES, 415, 'FILE_NOT_PDF'],
      ['a text file renamed to .pdf', () => Buffer.from('Biên bản cuộc họp\n'), 415, 'FILE_NOT_PDF'],
      ['a truncated PDF', (pdf: Buffer) => pdf.subarray(0, Math.floor(pdf.length / 2)), 422, 'PDF_MALFORMED'],
      ['a PDF header with garbage', () => Buffer.from('%PDF-1.7\n' + 'rác '.repeat(200)), 422, 'PDF_MALFORMED'],
      ['a password-protected PDF', (pdf: Buffer) => encryptedPdf(pdf), 422, 'PDF_ENCRYPTED'],
    ])('refuses %s and stores nothing', async (_label, make, status, code) => {
      const before = await storeState();
      const bad = (make as (pdf: Buffer) => Buffer)(report);
      const r = await upload(bad, { title: 'Hỏng' }, { chunk: 4096 });
      expect(r.status).toBe(status);
      expect(r.body).toMatchObject({ code, statusCode: status });
      expect(await storeState()).toEqual(before);
      // The condemned upload is gone; the secretary starts again with a good file.
      expect((await as.thuky.get(`/api/uploads/${r.uploadId}`)).body.code).toBe('UPLOAD_NOT_FOUND');
    });

    it('keeps the upload when only the metadata is wrong', async () => {
      const s = await start('thuky', 'gs.pdf', report.length);
      const id = s.body.uploadId as string;
      await put('thuky', id, 0, report);
      const wrongItem = await as.thuky.post(`/api/uploads/${id}/complete`, { title: 'T', agendaItemId: '00000000-0000-4000-8000-000000000000' });
      expect(wrongItem.body.code).toBe('AGENDA_ITEM_NOT_FOUND');
      const wrongName = await as.thuky.post(`/api/uploads/${id}/complete`, { title: 'T', access: 'named', namedUserIds: [idOf.khachmoi] });
      expect(wrongName.body.code).toBe('VALIDATION_FAILED');
      expect((await as.thuky.get(`/api/uploads/${id}`)).body.receivedBytes).toBe(report.length);
    });
  });

  describe('storage, versions and serving', () => {
    let doc: DocumentDto;

    beforeAll(async () => {
      doc = (await as.thuky.get(`/api/meetings/${meetingId}/documents`)).body[0];
    });

    it('stores identical content once', async () => {
      const blobs = blobFiles().length;
      const twin = await uploadOk(report, { title: 'Bản sao' }, { name: 'copy.pdf' });
      expect(twin.id).not.toBe(doc.id);
      expect(twin.current.sha256).toBe(doc.current.sha256);
      expect(blobFiles().length).toBe(blobs);
      expect((await as.thuky.delete(`/api/documents/${twin.id}`)).status).toBe(204);
      // The original still uses the blob.
      expect(blobFiles().length).toBe(blobs);
    });

    it('adds a version made by another producer (Ghostscript) and keeps the history', async () => {
      const gs = ghostscriptPdf('Ban sua doi - phien ban 2');
      expect(gs.subarray(0, 5).toString()).toBe('%PDF-');
      const v2 = await uploadOk(gs, { title: 'Báo cáo (sửa đổi)', replacesDocumentId: doc.id }, { name: 'bao-cao-v2.pdf' });
      expect(v2).toMatchObject({ id: doc.id, versionCount: 2, title: 'Báo cáo (sửa đổi)' });
      expect(v2.current).toMatchObject({ version: 2, pageCount: 1, fileName: 'bao-cao-v2.pdf' });
      const versions = (await as.thuky.get(`/api/documents/${doc.id}/versions`)).body;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(versions[1].sha256).toBe(doc.current.sha256);
      const old = await raw('thuky', 'GET', `/api/documents/${doc.id}/versions/1/file`);
      expect(sha256(old.bytes)).toBe(doc.current.sha256);
      expect((await raw('thuky', 'GET', `/api/documents/${doc.id}/versions/3/file`)).body.code).toBe('DOCUMENT_NOT_FOUND');
    });

    it('attaches documents to agenda items of their own meeting only', async () => {
      const item = await as.thuky.post(`/api/meetings/${meetingId}/agenda`, { title: 'Báo cáo kinh tế - xã hội' });
      expect(item.status).toBe(201);
      const patched = await as.thuky.patch(`/api/documents/${doc.id}`, { agendaItemId: item.body.id });
      expect(patched.status).toBe(200);
      expect(patched.body.agendaItemId).toBe(item.body.id);
      expect((await as.thuky.patch(`/api/documents/${doc.id}`, { agendaItemId: doc.id })).body.code).toBe('AGENDA_ITEM_NOT_FOUND');
      expect((await as.thuky.patch(`/api/documents/${doc.id}`, { access: 'secret' })).body.code).toBe('VALIDATION_FAILED');
    });

    it('serves byte ranges with ETag, 304 and immutable caching', async () => {
      const path = `/api/documents/${doc.id}/versions/1/file`;
      const full = await raw('thuky', 'GET', path);
      expect(full.status).toBe(200);
      expect(sha256(full.bytes)).toBe(doc.current.sha256);
      expect(full.headers.get('content-type')).toBe('application/pdf');
      expect(full.headers.get('accept-ranges')).toBe('bytes');
      expect(full.headers.get('etag')).toBe(`"${doc.current.sha256}"`);
      expect(full.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(full.headers.get('content-disposition')).toContain(`filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20KT-XH%20qu%C3%BD%20IV.pdf`);
      // Shown inline: a browser's own PDF viewer gets a sandbox (no scripts), and the type is not sniffed.
      expect(full.headers.get('content-security-policy')).toBe('sandbox');
      expect(full.headers.get('x-content-type-options')).toBe('nosniff');

      const head = await raw('thuky', 'GET', path, undefined, { range: 'bytes=0-1023' });
      expect(head.status).toBe(206);
      expect(head.headers.get('content-range')).toBe(`bytes 0-1023/${full.bytes.length}`);
      expect(head.bytes.equals(full.bytes.subarray(0, 1024))).toBe(true);

      const tail = await raw('thuky', 'GET', path, undefined, { range: 'bytes=-100' });
      expect(tail.status).toBe(206);
      expect(tail.bytes.equals(full.bytes.subarray(full.bytes.length - 100))).toBe(true);

      const past = await raw('thuky', 'GET', path, undefined, { range: `bytes=${full.bytes.length}-` });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${full.bytes.length}`);
      expect(past.body.code).toBe('RANGE_NOT_SATISFIABLE');

      const cached = await raw('thuky', 'GET', path, undefined, { 'if-none-match': `"${doc.current.sha256}"` });
      expect(cached.status).toBe(304);
      expect(cached.bytes.length).toBe(0);
    });

    it('accepts a PDF holding JavaScript and serves it sandboxed, whole or in ranges, on every file route', async () => {
      const withScript = await PDFDocument.load(await vietnamesePdf([['Tờ trình có mã JavaScript']]));
      withScript.addJavaScript('onOpen', 'app.alert("phonghop");');
      const pdf = Buffer.from(await withScript.save({ useObjectStreams: false }));
      expect(pdf.includes('/JavaScript')).toBe(true);
      const scripted = await uploadOk(pdf, { title: 'Tờ trình có mã' }, { name: 'co-ma.pdf' });
      // The script is still in what is served (repacked by qpdf); the reader, pdf.js, runs no document scripts.
      const served = await PDFDocument.load((await raw('thuky', 'GET', `/api/documents/${scripted.id}/versions/1/file`)).bytes);
      expect(served.catalog.lookup(PDFName.of('Names'), PDFDict).has(PDFName.of('JavaScript'))).toBe(true);
      for (const [path, headers] of [
        [`/api/documents/${scripted.id}/versions/1/file`, {}],
        [`/api/documents/${scripted.id}/versions/1/file`, { range: 'bytes=0-1023' }],
        [`/api/documents/${scripted.id}/file`, { range: 'bytes=0-1023' }],
      ] as const) {
        const res = await raw('thuky', 'GET', path, undefined, headers);
        expect({ path, headers, status: res.status, csp: res.headers.get('content-security-policy'), nosniff: res.headers.get('x-content-type-options') }).toEqual({
          path,
          headers,
          status: 'range' in headers ? 206 : 200,
          csp: 'sandbox',
          nosniff: 'nosniff',
        });
      }
      expect((await as.thuky.delete(`/api/documents/${scripted.id}`)).status).toBe(204);
    });

    it('serves the current version at /documents/:id/file, names it in a header, and keeps superseded ones at their own address', async () => {
      const sha = async () => new Map(((await as.thuky.get(`/api/documents/${doc.id}/versions`)).body as { version: number; sha256: string }[]).map((v) => [v.version, v.sha256]));
      const before = await sha();
      expect(before.size).toBe(2);
      const path = `/api/documents/${doc.id}/file`;
      const full = await raw('thuky', 'GET', path);
      expect(full.status).toBe(200);
      expect(full.headers.get('x-phonghop-version')).toBe('2');
      expect(sha256(full.bytes)).toBe(before.get(2));
      expect(full.headers.get('etag')).toBe(`"${before.get(2)}"`);
      // It follows the current version, so the browser revalidates rather than keeping it a year.
      expect(full.headers.get('cache-control')).toBe('private, no-cache');
      expect(full.headers.get('content-type')).toBe('application/pdf');

      // What the reader asks for first: the first chunk and the last bytes, at once.
      const first = await raw('thuky', 'GET', path, undefined, { range: 'bytes=0-1023' });
      expect(first.status).toBe(206);
      expect(first.headers.get('x-phonghop-version')).toBe('2');
      expect(first.headers.get('content-range')).toBe(`bytes 0-1023/${full.bytes.length}`);
      expect(first.bytes.equals(full.bytes.subarray(0, 1024))).toBe(true);
      const last = await raw('thuky', 'GET', path, undefined, { range: 'bytes=-65536' });
      expect(last.status).toBe(206);
      expect(last.headers.get('x-phonghop-version')).toBe('2');
      expect(last.bytes.equals(full.bytes.subarray(Math.max(0, full.bytes.length - 65536)))).toBe(true);
      const revalidated = await raw('thuky', 'GET', path, undefined, { 'if-none-match': `"${before.get(2)}"` });
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.get('x-phonghop-version')).toBe('2');

      // A third version: the same address now serves it, and a cached copy of the second no longer matches.
      const v3 = await uploadOk(await vietnamesePdf([['Báo cáo — phiên bản 3']]), { title: 'Báo cáo (bản 3)', replacesDocumentId: doc.id }, { name: 'bao-cao-v3.pdf' });
      expect(v3.current.version).toBe(3);
      const now = await raw('thuky', 'GET', path, undefined, { 'if-none-match': `"${before.get(2)}"` });
      expect(now.status).toBe(200);
      expect(now.headers.get('x-phonghop-version')).toBe('3');
      expect(sha256(now.bytes)).toBe(v3.current.sha256);
      // The versions it replaced stay readable by their number, byte for byte, immutable.
      for (const n of [1, 2]) {
        const old = await raw('thuky', 'GET', `/api/documents/${doc.id}/versions/${n}/file`, undefined, { range: 'bytes=0-' });
        expect(old.status).toBe(206);
        expect(sha256(old.bytes)).toBe(before.get(n));
        expect(old.headers.get('x-phonghop-version')).toBeNull();
        expect(old.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      }
      expect((await raw('thuky', 'GET', `/api/documents/${doc.id}/file`, undefined, { range: `bytes=${now.bytes.length}-` })).body.code).toBe('RANGE_NOT_SATISFIABLE');
      expect((await raw('thuky', 'GET', `/api/documents/00000000-0000-4000-8000-000000000000/file`)).body.code).toBe('DOCUMENT_NOT_FOUND');
    });
  });

  describe('background work and search', () => {
    let doc: DocumentDto;

    beforeAll(async () => {
      doc = await uploadOk(report, { title: 'Dự toán ngân sách 2027' }, { name: 'du-toan.pdf' });
    });

    it('renders page thumbnails and extracts page text after the upload', async () => {
      await processed(doc.id, 1);
      const png = await raw('thuky', 'GET', `/api/documents/${doc.id}/versions/1/pages/1/thumbnail`);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(png.bytes.readUInt32BE(16)).toBe(200);
      expect((await raw('thuky', 'GET', `/api/documents/${doc.id}/versions/1/pages/7/thumbnail`)).body.code).toBe('DOCUMENT_PAGE_NOT_FOUND');

      // Page 1 at reading size, for the reader to show before pdf.js has loaded.
      const preview = await raw('thuky', 'GET', `/api/documents/${doc.id}/versions/1/preview`);
      expect(preview.status).toBe(200);
      expect(preview.headers.get('content-type')).toBe('image/webp');
      expect(preview.headers.get('etag')).toBe(`"${doc.current.sha256}-preview"`);
      const image = await loadImage(preview.bytes);
      expect(image.width).toBe(PREVIEW_WIDTH);
      expect(image.height).toBeGreaterThan(PREVIEW_WIDTH);
      // The same image under the URL that follows the current version, revalidated rather than immutable.
      const current = await raw('thuky', 'GET', `/api/documents/${doc.id}/preview`);
      expect(current.bytes.equals(preview.bytes)).toBe(true);
      expect(current.headers.get('cache-control')).toBe('private, no-cache');
      expect(preview.headers.get('cache-control')).toContain('immutable');

      const text = (await as.thuky.get(`/api/documents/${doc.id}/versions/1/text`)).body;
      expect(text).toHaveLength(6);
      expect(text[2]).toMatchObject({ page: 3 });
      expect(text[2].text).toContain('Dự toán ngân sách nhà nước năm 2027');
    });

    it('finds words with or without tone marks, in any case', async () => {
      await processed(doc.id, 1);
      for (const q of ['ngân sách nhà nước', 'ngan sach nha nuoc', 'NGAN SACH', 'Hội đồng nhân dân']) {
        const r = await as.thuky.get(`/api/meetings/${meetingId}/search?q=${encodeURIComponent(q)}`);
        expect(r.status).toBe(200);
        const hit = r.body.find((h: { documentId: string }) => h.documentId === doc.id);
        expect(hit).toMatchObject({ version: 1, page: 3 });
        expect(hit.snippet).toContain('ngân sách nhà nước');
      }
      expect((await as.thuky.get(`/api/meetings/${meetingId}/search?q=${encodeURIComponent('không có từ này')}`)).body).toEqual([]);
      expect((await as.thuky.get(`/api/meetings/${meetingId}/search?q=a`)).body.code).toBe('VALIDATION_FAILED');
      // Unpublished: only managers find it.
      const mine = (await as.daibieu.get(`/api/meetings/${meetingId}/search?q=ngan%20sach`)).body;
      expect(mine.some((h: { documentId: string }) => h.documentId === doc.id)).toBe(false);
    });

    it('picks up unfinished background work and unfinished uploads after a restart', async () => {
      await db().query('DELETE FROM document_page_text');
      await db().query('UPDATE document_version SET text_ready = :f'.replace(':f', ENGINE === 'postgres' ? 'false' : '0'));
      const s = await start('thuky', 'nua-chung.pdf', report.length);
      await put('thuky', s.body.uploadId, 0, report.subarray(0, 5000));

      await t.stop();
      t = await startTestApp({}, { dataDir: t.dataDir, databaseUrl: t.databaseUrl });
      for (const u of USERS) as[u] = await signedIn(t.baseUrl, u);

      const v = await processed(doc.id, 1);
      expect(v.textReady).toBe(true);
      expect((await as.thuky.get(`/api/meetings/${meetingId}/search?q=ngan%20sach`)).body.length).toBeGreaterThan(0);
      const upload = (await as.thuky.get(`/api/uploads/${s.body.uploadId}`)).body as UploadStatusDto;
      expect(upload.receivedBytes).toBe(5000);
      expect((await put('thuky', upload.uploadId, 5000, report.subarray(5000))).body.receivedBytes).toBe(report.length);
      expect((await as.thuky.post(`/api/uploads/${upload.uploadId}/complete`, { title: 'Sau khởi động lại' })).status).toBe(201);
    });
  });

  describe('publishing and access', () => {
    let open: DocumentDto;
    let named: DocumentDto;
    let secret: DocumentDto;
    let draft: DocumentDto;
    const listed = async (who: Username) => {
      const r = await as[who].get(`/api/meetings/${meetingId}/documents`);
      return r.status === 200 ? (r.body as DocumentDto[]).map((d) => d.id) : r.status;
    };

    beforeAll(async () => {
      const pdf = await vietnamesePdf([['Tài liệu dành cho đại biểu'], ['Trang thứ hai']]);
      open = await uploadOk(pdf, { title: 'Chương trình họp' });
      named = await uploadOk(await vietnamesePdf([['Tờ trình riêng cho Sở Khoa học và Công nghệ']]), {
        title: 'Tờ trình riêng',
        access: 'named',
        namedUserIds: [idOf.daibieu],
      });
      secret = await uploadOk(await vietnamesePdf([['MẬT — Phương án nhân sự'], ['Trang 2 của tài liệu mật']]), { title: 'Phương án nhân sự', access: 'confidential' });
      draft = await uploadOk(await vietnamesePdf([['Bản nháp chưa phát hành']]), { title: 'Bản nháp' });
      for (const d of [open, named, secret]) expect((await as.thuky.post(`/api/documents/${d.id}/publish`)).body.published).toBe(true);
      await processed(open.id, 1);
    });

    it('shows managers everything and participants what is published for them', async () => {
      for (const who of ['thuky', 'quantri'] as const) expect(await listed(who)).toEqual(expect.arrayContaining([open.id, named.id, secret.id, draft.id]));
      expect(await listed('daibieu')).toEqual(expect.arrayContaining([open.id, named.id, secret.id]));
      for (const who of ['chutoa', 'diemcau.phuloc', 'daibieu'] as const) expect(await listed(who)).not.toContain(draft.id);
      for (const who of ['chutoa', 'diemcau.phuloc'] as const) {
        expect(await listed(who)).toEqual(expect.arrayContaining([open.id, secret.id]));
        expect(await listed(who)).not.toContain(named.id);
        // A named document does not exist for those not named.
        expect((await raw(who, 'GET', `/api/documents/${named.id}/versions/1/file`)).body.code).toBe('DOCUMENT_NOT_FOUND');
        expect((await as[who].get(`/api/documents/${named.id}/versions`)).body.code).toBe('DOCUMENT_NOT_FOUND');
      }
      expect(await listed('khachmoi')).toBe(403);
      expect((await raw('daibieu', 'GET', `/api/documents/${named.id}/versions/1/file`)).status).toBe(200);
      expect((await raw('daibieu', 'GET', `/api/documents/${draft.id}/versions/1/file`)).body.code).toBe('DOCUMENT_NOT_FOUND');
    });

    it('checks access on every request to the current-version route, as on a version’s own address', async () => {
      const d = await uploadOk(await vietnamesePdf([['Tờ trình gửi riêng'], ['Trang 2']]), { title: 'Tờ trình gửi riêng', access: 'named', namedUserIds: [idOf.daibieu] });
      const current = `/api/documents/${d.id}/file`;
      // Not published: nobody but the managers reads it yet.
      expect((await raw('daibieu', 'GET', current, undefined, { range: 'bytes=0-99' })).body.code).toBe('DOCUMENT_NOT_FOUND');
      expect((await as.thuky.post(`/api/documents/${d.id}/publish`)).status).toBe(200);
      const first = await raw('daibieu', 'GET', current, undefined, { range: 'bytes=0-99' });
      expect(first.status).toBe(206);
      expect((await raw('chutoa', 'GET', current, undefined, { range: 'bytes=0-99' })).body.code).toBe('DOCUMENT_NOT_FOUND');
      // The delegate is taken off the list while reading: the very next range is refused, on both addresses.
      expect((await as.thuky.patch(`/api/documents/${d.id}`, { namedUserIds: [idOf.chutoa] })).status).toBe(200);
      expect((await raw('daibieu', 'GET', current, undefined, { range: 'bytes=100-199' })).body.code).toBe('DOCUMENT_NOT_FOUND');
      expect((await raw('daibieu', 'GET', `/api/documents/${d.id}/versions/1/file`, undefined, { range: 'bytes=100-199' })).body.code).toBe('DOCUMENT_NOT_FOUND');
      expect((await raw('chutoa', 'GET', current, undefined, { range: 'bytes=100-199' })).status).toBe(206);
      // Made confidential: the same address now serves the reader's stamped copy, not the stored bytes.
      expect((await as.thuky.patch(`/api/documents/${d.id}`, { access: 'confidential' })).status).toBe(200);
      const stamped = await raw('chutoa', 'GET', current);
      expect(stamped.headers.get('etag')).toBe(`"${d.current.sha256}-${idOf.chutoa}"`);
      expect((await pdfText(stamped.bytes)).join('\n')).toContain('Trần Văn Minh');
    });

    it('stamps confidential documents with each reader’s name, unit and time', async () => {
      const path = `/api/documents/${secret.id}/versions/1/file`;
      const delegate = await raw('daibieu', 'GET', path);
      const chair = await raw('chutoa', 'GET', path);
      expect(delegate.status).toBe(200);
      expect(chair.status).toBe(200);
      expect(delegate.bytes.equals(chair.bytes)).toBe(false);
      expect(delegate.headers.get('etag')).toBe(`"${secret.current.sha256}-${idOf.daibieu}"`);
      expect(delegate.headers.get('etag')).not.toBe(chair.headers.get('etag'));

      const delegateText = (await pdfText(delegate.bytes)).join('\n');
      expect(delegateText).toContain('Lê Hoàng Nam');
      expect(delegateText).toContain('Sở Khoa học và Công nghệ');
      expect(delegateText).toContain('MẬT — Phương án nhân sự');
      expect(delegateText).not.toContain('Trần Văn Minh');
      const chairText = (await pdfText(chair.bytes)).join('\n');
      expect(chairText).toContain('Trần Văn Minh');
      expect(chairText).not.toContain('Lê Hoàng Nam');
      const pages = await pdfText(delegate.bytes);
      expect(pages).toHaveLength(2);
      expect(pages[1]).toContain('Lê Hoàng Nam');

      // The stamped copy is cached: same bytes, same tag, 304 on revalidation, ranges work on it.
      const again = await raw('daibieu', 'GET', path);
      expect(again.bytes.equals(delegate.bytes)).toBe(true);
      expect((await raw('daibieu', 'GET', path, undefined, { 'if-none-match': delegate.headers.get('etag') as string })).status).toBe(304);
      const part = await raw('daibieu', 'GET', path, undefined, { range: 'bytes=0-1023' });
      expect(part.status).toBe(206);
      expect(part.bytes.equals(delegate.bytes.subarray(0, 1024))).toBe(true);

      // The current-version route serves the same per-reader copy, never the original.
      const current = `/api/documents/${secret.id}/file`;
      const delegateCurrent = await raw('daibieu', 'GET', current);
      expect(delegateCurrent.headers.get('x-phonghop-version')).toBe('1');
      expect(delegateCurrent.headers.get('etag')).toBe(delegate.headers.get('etag'));
      expect(delegateCurrent.bytes.equals(delegate.bytes)).toBe(true);
      const chairHead = await raw('chutoa', 'GET', current, undefined, { range: 'bytes=0-1023' });
      expect(chairHead.status).toBe(206);
      expect(chairHead.headers.get('etag')).toBe(chair.headers.get('etag'));
      expect(chairHead.bytes.equals(chair.bytes.subarray(0, 1024))).toBe(true);
      expect(sha256(delegateCurrent.bytes)).not.toBe(secret.current.sha256);
      expect((await raw('quantri', 'GET', current)).body.code).toBe('MEETING_ACCESS_DENIED');

      // The original is never served to anybody, and an administrator outside the meeting reads no secrets.
      expect(sha256(delegate.bytes)).not.toBe(secret.current.sha256);
      expect((await raw('quantri', 'GET', path)).body.code).toBe('MEETING_ACCESS_DENIED');
      expect((await raw('quantri', 'GET', `/api/documents/${secret.id}/versions/1/text`)).body.code).toBe('MEETING_ACCESS_DENIED');
    });

    it('stamps the page images of confidential documents for each viewer too', async () => {
      await processed(secret.id, 1);
      const plain = await loadImage(readFileSync(join(t.dataDir, 'thumbnails', secret.current.sha256, 'preview.webp')));
      const pixels = async (bytes: Buffer) => {
        const image = await loadImage(bytes);
        const ctx = createCanvas(image.width, image.height).getContext('2d');
        ctx.drawImage(image, 0, 0);
        return ctx.getImageData(0, 0, image.width, image.height).data;
      };
      const plainPixels = await pixels(readFileSync(join(t.dataDir, 'thumbnails', secret.current.sha256, 'preview.webp')));
      for (const route of ['preview', 'pages/1/thumbnail'] as const) {
        const path = `/api/documents/${secret.id}/versions/1/${route}`;
        const delegate = await raw('daibieu', 'GET', path);
        const chair = await raw('chutoa', 'GET', path);
        expect([delegate.status, chair.status]).toEqual([200, 200]);
        expect(delegate.bytes.equals(chair.bytes)).toBe(false);
        expect(delegate.headers.get('etag')).toContain(idOf.daibieu);
        expect(chair.headers.get('etag')).toContain(idOf.chutoa);
        // Kept: the same viewer gets the same stamped bytes again.
        expect((await raw('daibieu', 'GET', path)).bytes.equals(delegate.bytes)).toBe(true);
        if (route === 'preview') {
          // Reddish watermark pixels where the page had none: a real stamp, not just different bytes.
          const stamped = await pixels(delegate.bytes);
          expect(stamped.length).toBe(plain.width * plain.height * 4);
          let reddened = 0;
          for (let i = 0; i < stamped.length; i += 4) {
            if (stamped[i] - stamped[i + 2] > 40 && plainPixels[i] - plainPixels[i + 2] < 10) reddened++;
          }
          expect(reddened).toBeGreaterThan(2000);
        }
      }
      expect((await raw('quantri', 'GET', `/api/documents/${secret.id}/versions/1/preview`)).body.code).toBe('MEETING_ACCESS_DENIED');
    });

    it('records receipts: received for offline use, and first opened', async () => {
      expect((await as.daibieu.post(`/api/documents/${open.id}/versions/1/received`)).status).toBe(204);
      await raw('daibieu', 'GET', `/api/documents/${open.id}/versions/1/file`, undefined, { range: 'bytes=0-99' });
      // The tablet's background copy for offline reading is not the person opening the document.
      const copyPath = `/api/documents/${open.id}/versions/1/file?u=${idOf['diemcau.phuloc']}`;
      const copy = await raw('diemcau.phuloc', 'GET', copyPath, undefined, { 'x-phonghop-purpose': 'offline-copy' });
      expect(copy.status).toBe(200);
      expect(sha256(copy.bytes)).toBe(open.current.sha256);
      const r = await as.thuky.get(`/api/meetings/${meetingId}/documents/receipts`);
      expect(r.status).toBe(200);
      const row = (who: Username, d: DocumentDto) => r.body.find((x: { userId: string; documentId: string }) => x.userId === idOf[who] && x.documentId === d.id);
      expect(row('daibieu', open)).toMatchObject({ fullName: 'Lê Hoàng Nam', version: 1 });
      expect(row('daibieu', open).receivedAt).toBeTruthy();
      expect(row('daibieu', open).openedAt).toBeTruthy();
      expect(row('chutoa', secret).openedAt).toBeTruthy();
      expect(row('chutoa', secret).receivedAt).toBeNull();
      expect(row('diemcau.phuloc', open)).toMatchObject({ receivedAt: null, openedAt: null });
      // Not named, not listed; unpublished drafts are nobody's receipts yet; secretaries are not readers here.
      expect(row('chutoa', named)).toBeUndefined();
      expect(row('daibieu', draft)).toBeUndefined();
      expect(row('thuky', open)).toBeUndefined();

      // Reading it afterwards (same URL, without the header) does count as opened.
      expect((await raw('diemcau.phuloc', 'GET', copyPath)).status).toBe(200);
      const later = (await as.thuky.get(`/api/meetings/${meetingId}/documents/receipts`)).body as DocumentReceiptDto[];
      expect(later.find((x) => x.userId === idOf['diemcau.phuloc'] && x.documentId === open.id)?.openedAt).toBeTruthy();
    });

    it('counts opening the copy saved on the tablet as opened, once, with the rules of reading', async () => {
      const d = await uploadOk(await vietnamesePdf([['Kế hoạch tổ chức hội nghị'], ['Trang 2']]), { title: 'Kế hoạch hội nghị' });
      const v = `/api/documents/${d.id}/versions/1`;
      // Not published yet: the paper does not exist for a delegate.
      expect((await as.daibieu.post(`${v}/opened`)).body.code).toBe('DOCUMENT_NOT_FOUND');
      expect((await as.thuky.post(`/api/documents/${d.id}/publish`)).status).toBe(200);
      const receipt = async (who: Username) =>
        ((await as.thuky.get(`/api/meetings/${meetingId}/documents/receipts`)).body as DocumentReceiptDto[]).find(
          (x) => x.userId === idOf[who] && x.documentId === d.id,
        );

      // The background copy, then the reader opening that copy (served by the service worker, not the server).
      expect((await raw('daibieu', 'GET', `${v}/file?u=${idOf.daibieu}`, undefined, { 'x-phonghop-purpose': 'offline-copy' })).status).toBe(200);
      expect((await as.daibieu.post(`${v}/received`)).status).toBe(204);
      expect((await receipt('daibieu'))?.openedAt).toBeNull();
      const first = await as.daibieu.post(`${v}/opened`);
      expect(first.status).toBe(204);
      const openedAt = (await receipt('daibieu'))?.openedAt;
      expect(openedAt).toBeTruthy();
      expect((await receipt('daibieu'))?.receivedAt).toBeTruthy();

      // Reported again (a pending report flushed twice, another tablet, a read from the server): the first time stays.
      await new Promise((r) => setTimeout(r, 20));
      expect((await as.daibieu.post(`${v}/opened`)).status).toBe(204);
      await raw('daibieu', 'GET', `${v}/file`, undefined, { range: 'bytes=0-99' });
      expect((await receipt('daibieu'))?.openedAt).toBe(openedAt);

      // Opened before the receipt of the copy arrived (the reports cross on the way back online): still recorded.
      expect((await as.chutoa.post(`${v}/opened`)).status).toBe(204);
      expect(await receipt('chutoa')).toMatchObject({ receivedAt: null, openedAt: expect.any(String) });

      // No such version; a named paper for someone else; an administrator outside the meeting: no receipt for anyone.
      expect((await as.daibieu.post(`/api/documents/${d.id}/versions/2/opened`)).body.code).toBe('DOCUMENT_NOT_FOUND');
      expect((await as.chutoa.post(`/api/documents/${named.id}/versions/1/opened`)).body.code).toBe('DOCUMENT_NOT_FOUND');
      expect((await as.quantri.post(`/api/documents/${secret.id}/versions/1/opened`)).body.code).toBe('MEETING_ACCESS_DENIED');
      expect((await as.quantri.post(`${v}/opened`)).status).toBe(204);
      const stored = await db()
        .createQueryBuilder()
        .select('r.user_id', 'userId')
        .from('document_receipt', 'r')
        .innerJoin('document_version', 'v', 'v.id = r.version_id')
        .where('v.document_id = :id', { id: d.id })
        .getRawMany<{ userId: string }>();
      expect(stored.map((r) => r.userId).sort()).toEqual([idOf.daibieu, idOf.chutoa].sort());
    });

    it('applies the authorization matrix to every document route', async () => {
      const scratch = async () => uploadOk(await vietnamesePdf([['Xóa thử']]), { title: 'Xóa thử' });
      const forbidden = (who: Username) => (who === 'khachmoi' ? 'MEETING_ACCESS_DENIED' : 'FORBIDDEN');
      const reader = (who: Username) => (who === 'khachmoi' ? 'MEETING_ACCESS_DENIED' : null);
      const manager = (who: Username) => (who === 'thuky' || who === 'quantri' ? null : forbidden(who));
      const v = `/api/documents/${open.id}/versions/1`;
      const routes: [string, (who: Username) => Promise<{ status: number; body: { code?: string } }>, (who: Username) => string | null][] = [
        ['list', (who) => as[who].get(`/api/meetings/${meetingId}/documents`), reader],
        ['versions', (who) => as[who].get(`/api/documents/${open.id}/versions`), reader],
        ['file', (who) => raw(who, 'GET', `${v}/file`), reader],
        ['current file', (who) => raw(who, 'GET', `/api/documents/${open.id}/file`, undefined, { range: 'bytes=0-99' }), reader],
        ['thumbnail', (who) => raw(who, 'GET', `${v}/pages/1/thumbnail`), reader],
        ['preview', (who) => raw(who, 'GET', `${v}/preview`), reader],
        ['current preview', (who) => raw(who, 'GET', `/api/documents/${open.id}/preview`), reader],
        ['text', (who) => as[who].get(`${v}/text`), reader],
        ['search', (who) => as[who].get(`/api/meetings/${meetingId}/search?q=dai%20bieu`), reader],
        ['received', (who) => as[who].post(`${v}/received`), reader],
        ['opened', (who) => as[who].post(`${v}/opened`), reader],
        ['receipts', (who) => as[who].get(`/api/meetings/${meetingId}/documents/receipts`), manager],
        ['upload', (who) => start(who, 'x.pdf', 1000), manager],
        ['publish', (who) => as[who].post(`/api/documents/${open.id}/publish`), manager],
        ['patch', (who) => as[who].patch(`/api/documents/${open.id}`, { title: 'Chương trình họp' }), manager],
        ['delete', async (who) => as[who].delete(`/api/documents/${(await scratch()).id}`), manager],
      ];
      const table: string[] = [];
      for (const [name, call, expected] of routes) {
        for (const who of USERS) {
          const r = await call(who);
          const want = expected(who);
          const got = r.status < 300 ? null : (r.body?.code ?? String(r.status));
          if (got !== want) table.push(`${name} as ${who}: expected ${want ?? 'success'}, got ${r.status} ${got ?? ''}`);
          if (want) expect(r.status).toBe(403);
        }
      }
      expect(table).toEqual([]);
      // The hidden search hit: a delegate finds the named paper, the chair does not.
      const q = `/api/meetings/${meetingId}/search?q=${encodeURIComponent('to trinh rieng')}`;
      await processed(named.id, 1);
      expect((await as.daibieu.get(q)).body.map((h: { documentId: string }) => h.documentId)).toContain(named.id);
      expect((await as.chutoa.get(q)).body).toEqual([]);
    });

    it('names the chunks pdf.js reads for page 1 on the file it serves as stored (not on a stamped copy)', async () => {
      const pdf = await paddedPdf(120);
      const d = await uploadOk(pdf, { title: 'Báo cáo 120 trang' });
      expect((await as.thuky.post(`/api/documents/${d.id}/publish`)).status).toBe(200);
      const head = () => raw('daibieu', 'GET', `/api/documents/${d.id}/file`, undefined, { range: 'bytes=0-65535' });
      // Recorded with the page-1 image, in the background after the upload.
      const named = await waitFor(async () => (await head()).headers.get(FIRST_PAGE_CHUNKS_HEADER) ?? undefined, 'the first-page chunks');
      const chunks = named.split(',').map(Number);
      const stored = await raw('daibieu', 'GET', `/api/documents/${d.id}/versions/1/file`);
      expect(stored.headers.get(FIRST_PAGE_CHUNKS_HEADER)).toBe(named);
      const last = Math.floor((stored.bytes.length - 1) / PDF_RANGE_CHUNK);
      expect(chunks).not.toContain(0);
      expect(chunks).not.toContain(last);
      expect(chunks.every((n) => n > 0 && n < last)).toBe(true);
      // Checked with qpdf: the chunks holding page 1's content stream and its font's file are among them.
      const objects = pageOneObjects(stored.bytes);
      expect(objects.fontFile.chunk).toBeGreaterThan(1);
      expect(chunks).toEqual(expect.arrayContaining([objects.content.chunk, objects.fontFile.chunk].filter((n) => n !== 0 && n !== last)));
      // The same bytes uploaded again (another document): named at once, before any background work on it.
      const twin = await uploadOk(pdf, { title: 'Bản sao' });
      expect(twin.current.sha256).toBe(d.current.sha256);
      expect((await as.thuky.post(`/api/documents/${twin.id}/publish`)).status).toBe(200);
      expect((await raw('daibieu', 'GET', `/api/documents/${twin.id}/file`, undefined, { range: 'bytes=0-65535' })).headers.get(FIRST_PAGE_CHUNKS_HEADER)).toBe(named);
      // A confidential document is served as a copy stamped for each reader: other bytes, nothing named.
      expect((await as.thuky.patch(`/api/documents/${d.id}`, { access: 'confidential' })).status).toBe(200);
      const stamped = await head();
      expect(stamped.status).toBe(206);
      expect(stamped.headers.get(FIRST_PAGE_CHUNKS_HEADER)).toBeNull();
    });

    it('deletes a document with its history; the blob goes when nothing else uses it', async () => {
      const pdf = await vietnamesePdf([['Tài liệu sẽ bị xóa'], ['Hai trang']]);
      const d = await uploadOk(pdf, { title: 'Sẽ xóa' });
      const blob = join(t.dataDir, 'blobs', d.current.sha256.slice(0, 2), `${d.current.sha256}.pdf`);
      expect(existsSync(blob)).toBe(true);
      await processed(d.id, 1);
      expect((await as.thuky.delete(`/api/documents/${d.id}`)).status).toBe(204);
      expect(existsSync(blob)).toBe(false);
      expect(existsSync(join(t.dataDir, 'thumbnails', d.current.sha256))).toBe(false);
      expect((await as.thuky.get(`/api/documents/${d.id}/versions`)).body.code).toBe('DOCUMENT_NOT_FOUND');
    });
  });
});
