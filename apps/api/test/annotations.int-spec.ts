import { type AnnotationDto, type AnnotationOp, type AnnotationOpResult, type AnnotationsChangedNotice, type DocumentDto, SESSION_COOKIE } from '@phonghop/contracts';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamesePdf } from './fixtures/pdfs';
import { connectSocket, connected, type PhClient } from './support/socket';
import { Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';
import { uploadPdf } from './support/documents';

jest.setTimeout(60_000);

/** Collects `annotations:changed` notices of one socket. */
function noticesOf(socket: PhClient) {
  const seen: AnnotationsChangedNotice[] = [];
  socket.on('annotations:changed', (n) => seen.push(n));
  return {
    seen,
    async waitFor(test: (all: AnnotationsChangedNotice[]) => boolean, timeoutMs = 5000): Promise<AnnotationsChangedNotice[]> {
      const until = Date.now() + timeoutMs;
      while (!test(seen)) {
        if (Date.now() > until) throw new Error(`the expected annotations:changed did not arrive (${seen.length} seen)`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return seen;
    },
  };
}
/** Lets events already on the wire arrive before a test asserts that nothing came. */
const settle = () => new Promise((r) => setTimeout(r, 300));
const opId = () => `op-${randomUUID()}`;

describe(`annotations (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  let doc: DocumentDto;
  const as: Record<string, Browser> = {};
  const ids: Record<string, string> = {};
  const sockets: PhClient[] = [];

  const open = async (b: Browser) => {
    const s = connectSocket(t.baseUrl, b.cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };
  const send = async (b: Browser, ops: AnnotationOp[]) => {
    const res = await b.post('/api/annotations/ops', { ops });
    expect(res.status).toBe(200);
    return res.body.results as AnnotationOpResult[];
  };
  const listOf = async (b: Browser) => (await b.get(`/api/documents/${doc.id}/versions/1/annotations`)).body as AnnotationDto[];
  const ink = (id = randomUUID()): AnnotationOp => ({
    opId: opId(),
    type: 'create',
    annotation: { id, documentId: doc.id, version: 1, kind: 'ink', target: { page: 1, strokes: [{ points: [[0.1, 0.1, 0.5], [0.2, 0.25, 0.6], [0.3, 0.2]], width: 0.004 }] }, color: '#d32f2f', body: '' },
  });

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of ['thuky', 'daibieu', 'chutoa', 'khachmoi', 'quantri']) {
      as[u] = await signedIn(t.baseUrl, u);
      ids[u] = (await as[u].get('/api/auth/me')).body.user.id;
    }
    // The delegate's second device: the same account, its own session.
    as['daibieu-laptop'] = await signedIn(t.baseUrl, 'daibieu');
    meetingId = (await as['thuky'].get('/api/meetings/mine')).body[0].id;
    const pdf = await vietnamesePdf([['Tờ trình dự toán ngân sách năm 2027', 'Tổng thu ngân sách địa phương'], ['Trang hai']], 'Tờ trình');
    const started = await as['thuky'].post(`/api/meetings/${meetingId}/uploads`, { fileName: 'to-trinh.pdf', sizeBytes: pdf.length });
    const put = await fetch(`${t.baseUrl}/api/uploads/${started.body.uploadId}?offset=0`, {
      method: 'PUT',
      headers: { cookie: `${SESSION_COOKIE}=${as['thuky'].cookie}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(pdf),
    });
    expect(put.status).toBe(200);
    doc = (await as['thuky'].post(`/api/uploads/${started.body.uploadId}/complete`, { title: 'Tờ trình' })).body as DocumentDto;
    expect((await as['thuky'].post(`/api/documents/${doc.id}/publish`)).status).toBe(200);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.destroy());

  it("shows an ink stroke on the same person's other device, and to nobody else", async () => {
    const laptop = noticesOf(await open(as['daibieu-laptop']));
    const chair = noticesOf(await open(as['chutoa']));
    const stroke = ink();
    const [res] = await send(as['daibieu'], [stroke]);
    expect(res).toMatchObject({ status: 'applied', annotation: { kind: 'ink', visibility: 'private', revision: 1, ownerName: 'Lê Hoàng Nam' } });
    const [notice] = await laptop.waitFor((all) => all.some((n) => n.changed.some((a) => a.id === res.annotation?.id)));
    expect(notice).toMatchObject({ documentId: doc.id, version: 1, removed: [] });
    expect((await listOf(as['daibieu-laptop'])).map((a) => a.id)).toContain(res.annotation?.id);
    // Private: the chair neither hears of it nor reads it, through either route.
    await settle();
    expect(chair.seen).toEqual([]);
    expect((await listOf(as['chutoa'])).map((a) => a.id)).not.toContain(res.annotation?.id);
    expect((await as['chutoa'].get(`/api/documents/${doc.id}/versions/1/annotations.jsonld`)).body.items).toEqual([]);
    // Nobody else changes, deletes or shares it; an outsider cannot even tell it exists.
    const [byChair] = await send(as['chutoa'], [{ opId: opId(), type: 'delete', annotationId: res.annotation?.id as string }]);
    expect(byChair).toMatchObject({ status: 'rejected', error: { code: 'ANNOTATION_NOT_FOUND' } });
    const [byAdmin] = await send(as['quantri'], [{ opId: opId(), type: 'update', annotationId: res.annotation?.id as string, baseRevision: 1, fields: { color: '#000000' } }]);
    expect(byAdmin.status).toBe('rejected');
    expect((await as['khachmoi'].get(`/api/documents/${doc.id}/versions/1/annotations`)).status).toBe(403);
    const [outsiderCreate] = await send(as['khachmoi'], [ink()]);
    expect(outsiderCreate).toMatchObject({ status: 'rejected', error: { code: 'MEETING_ACCESS_DENIED' } });
  });

  it('applies an offline queue exactly once, however often it is sent, and refuses bad shapes clearly', async () => {
    const noteId = randomUUID();
    const queue: AnnotationOp[] = [
      { opId: opId(), type: 'create', annotation: { id: noteId, documentId: doc.id, version: 1, kind: 'note', target: { page: 2, at: { x: 0.5, y: 0.4, w: 0, h: 0 } }, color: '#f9a825', body: 'Hỏi lại Sở Tài chính' } },
      { opId: opId(), type: 'update', annotationId: noteId, baseRevision: 1, fields: { body: 'Hỏi lại Sở Tài chính về nguồn vốn' } },
      ink(),
    ];
    // The tablet comes back online and sends its queue; the answer is lost, so it sends it again — twice at once.
    const first = await send(as['daibieu'], queue);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const [again1, again2] = await Promise.all([send(as['daibieu'], queue), send(as['daibieu'], queue)]);
    for (const again of [again1, again2]) expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const mine = (await listOf(as['daibieu'])).filter((a) => a.id === noteId);
    expect(mine).toEqual([expect.objectContaining({ body: 'Hỏi lại Sở Tài chính về nguồn vốn', revision: 2 })]);
    expect(again1[0].annotation).toMatchObject({ id: noteId, revision: 2 });

    const bad = await send(as['daibieu'], [
      { ...(ink() as Extract<AnnotationOp, { type: 'create' }>), annotation: { ...(ink() as Extract<AnnotationOp, { type: 'create' }>).annotation, target: { page: 9 } } },
      { opId: opId(), type: 'create', annotation: { id: noteId, documentId: doc.id, version: 1, kind: 'note', target: { page: 1 }, color: '#f9a825', body: 'x' } },
      { opId: 'short', type: 'delete', annotationId: noteId },
      { opId: opId(), type: 'update', annotationId: noteId, baseRevision: 2, fields: { color: 'red' } },
    ]);
    expect(bad.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'ANNOTATION_INVALID'],
      ['rejected', 'ANNOTATION_ID_TAKEN'],
      ['rejected', 'ANNOTATION_INVALID'],
      ['rejected', 'ANNOTATION_INVALID'],
    ]);
    expect(bad[0].error?.message.vi).toBeTruthy();
    expect((await as['daibieu'].post('/api/annotations/ops', { ops: [] })).status).toBe(400);
  });

  it('keeps both when two devices change one note at once', async () => {
    const id = randomUUID();
    await send(as['daibieu'], [{ opId: opId(), type: 'create', annotation: { id, documentId: doc.id, version: 1, kind: 'note', target: { page: 1, at: { x: 0.2, y: 0.2, w: 0, h: 0 } }, color: '#f9a825', body: 'Ý kiến' } }]);
    // Both devices edit revision 1 (the laptop was offline).
    const [tablet] = await send(as['daibieu'], [{ opId: opId(), type: 'update', annotationId: id, baseRevision: 1, fields: { body: 'Ý kiến: đồng ý' } }]);
    const [laptop] = await send(as['daibieu-laptop'], [{ opId: opId(), type: 'update', annotationId: id, baseRevision: 1, fields: { body: 'Ý kiến: cần làm rõ' } }]);
    expect(tablet).toMatchObject({ status: 'applied', annotation: { id, revision: 2, body: 'Ý kiến: đồng ý' } });
    expect(laptop).toMatchObject({ status: 'conflict_copy', annotation: { conflictOf: id, body: 'Ý kiến: cần làm rõ' } });
    const bodies = (await listOf(as['daibieu'])).filter((a) => a.id === id || a.conflictOf === id).map((a) => a.body);
    expect(bodies.sort()).toEqual(['Ý kiến: cần làm rõ', 'Ý kiến: đồng ý']);
  });

  it('shares with exactly the people named, then with the meeting, and takes it back', async () => {
    const chair = noticesOf(await open(as['chutoa']));
    const secretary = noticesOf(await open(as['thuky']));
    const [created] = await send(as['daibieu'], [{ ...(ink() as Extract<AnnotationOp, { type: 'create' }>), annotation: { ...(ink() as Extract<AnnotationOp, { type: 'create' }>).annotation, kind: 'highlight', target: { page: 1, text: { exact: 'Tổng thu ngân sách', prefix: '', suffix: ' địa phương', start: 0, end: 18 }, rects: [{ x: 0.1, y: 0.2, w: 0.3, h: 0.02 }] } } }]);
    const id = created.annotation?.id as string;
    // Only participants who may read the document can be named.
    const [outsider] = await send(as['daibieu'], [{ opId: opId(), type: 'share', annotationId: id, visibility: 'named', sharedWith: [ids['khachmoi']] }]);
    expect(outsider).toMatchObject({ status: 'rejected', error: { code: 'ANNOTATION_INVALID' } });
    const [named] = await send(as['daibieu'], [{ opId: opId(), type: 'share', annotationId: id, visibility: 'named', sharedWith: [ids['chutoa']] }]);
    expect(named).toMatchObject({ status: 'applied', annotation: { visibility: 'named', sharedWith: [ids['chutoa']] } });
    await chair.waitFor((all) => all.some((n) => n.changed.some((a) => a.id === id)));
    expect((await listOf(as['chutoa'])).map((a) => a.id)).toContain(id);
    await settle();
    expect(secretary.seen.some((n) => n.changed.some((a) => a.id === id))).toBe(false);
    expect((await listOf(as['thuky'])).map((a) => a.id)).not.toContain(id);
    // The chair may read it, not change it.
    const [chairEdit] = await send(as['chutoa'], [{ opId: opId(), type: 'update', annotationId: id, baseRevision: 2, fields: { color: '#000000' } }]);
    expect(chairEdit).toMatchObject({ status: 'rejected', error: { code: 'ANNOTATION_NOT_OWNER' } });

    await send(as['daibieu'], [{ opId: opId(), type: 'share', annotationId: id, visibility: 'meeting', sharedWith: [] }]);
    await secretary.waitFor((all) => all.some((n) => n.changed.some((a) => a.id === id)));
    // Back to private: those who saw it are told to drop it.
    await send(as['daibieu'], [{ opId: opId(), type: 'share', annotationId: id, visibility: 'private', sharedWith: [] }]);
    await chair.waitFor((all) => all.some((n) => n.removed.includes(id)));
    await secretary.waitFor((all) => all.some((n) => n.removed.includes(id)));
    expect((await listOf(as['chutoa'])).map((a) => a.id)).not.toContain(id);

    // Exported as W3C Web Annotations, with the quote and position selectors.
    const exported = (await as['daibieu'].get(`/api/documents/${doc.id}/versions/1/annotations.jsonld`)).body;
    const item = exported.items.find((i: { id: string }) => i.id === `urn:uuid:${id}`);
    expect(item.motivation).toBe('highlighting');
    expect(item.target.selector).toEqual(
      expect.arrayContaining([
        { type: 'TextQuoteSelector', exact: 'Tổng thu ngân sách', prefix: '', suffix: ' địa phương' },
        { type: 'TextPositionSelector', start: 0, end: 18 },
      ]),
    );
  });

  it('downloads the document with my notes drawn in, checked with poppler', async () => {
    const res = await fetch(`${t.baseUrl}/api/documents/${doc.id}/versions/1/with-my-notes.pdf`, { headers: { cookie: `${SESSION_COOKIE}=${as['daibieu'].cookie}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    const dir = mkdtempSync(join(tmpdir(), 'phonghop-notes-'));
    try {
      const file = join(dir, 'notes.pdf');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      // The note's text is real text on page 2; the document's own text is still there.
      const page2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
      expect(page2).toContain('Hỏi lại Sở Tài chính về nguồn vốn');
      expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' })).toContain('Tờ trình dự toán ngân sách năm 2027');
      // The red ink strokes are pixels on page 1, in the top-left quarter where they were drawn, and nowhere on page 2.
      const redIn = (page: number, box: { x0: number; y0: number; x1: number; y1: number }) => {
        execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '50', file, join(dir, `p${page}`)]);
        const ppm = readFileSync(join(dir, `p${page}-${page}.ppm`));
        const [, w, h] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1')) ?? [];
        const header = /^P6\s+\d+\s+\d+\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))?.[0].length ?? 0;
        let red = 0;
        for (let y = Math.floor(box.y0 * Number(h)); y < box.y1 * Number(h); y++) {
          for (let x = Math.floor(box.x0 * Number(w)); x < box.x1 * Number(w); x++) {
            const o = header + (y * Number(w) + x) * 3;
            if (ppm[o] > 150 && ppm[o + 1] < 110 && ppm[o + 2] < 110) red++;
          }
        }
        return red;
      };
      expect(redIn(1, { x0: 0.05, y0: 0.05, x1: 0.35, y1: 0.3 })).toBeGreaterThan(20);
      expect(redIn(2, { x0: 0, y0: 0, x1: 1, y1: 1 })).toBe(0);
      // Someone else's download carries none of these notes.
      const chair = await fetch(`${t.baseUrl}/api/documents/${doc.id}/versions/1/with-my-notes.pdf`, { headers: { cookie: `${SESSION_COOKIE}=${as['chutoa'].cookie}` } });
      writeFileSync(join(dir, 'chair.pdf'), Buffer.from(await chair.arrayBuffer()));
      expect(execFileSync('pdftotext', [join(dir, 'chair.pdf'), '-'], { encoding: 'utf8' })).not.toContain('Hỏi lại');
      expect((await as['khachmoi'].get(`/api/documents/${doc.id}/versions/1/with-my-notes.pdf`)).status).toBe(403);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carries every annotation to a new version: moved text found, unchanged pages kept, the deleted sentence listed as an orphan', async () => {
    const PAGE1 = ['Báo cáo tình hình kinh tế - xã hội năm 2026.', 'Tổng thu ngân sách địa phương đạt 12.500 tỷ đồng, tăng 8% so với dự toán.', 'Chi đầu tư phát triển đạt 95% kế hoạch.'];
    const PAGE2 = ['Phương hướng nhiệm vụ năm 2027.', 'Tập trung cải cách hành chính và chuyển đổi số.'];
    const upload = async (pages: string[][], replacesDocumentId?: string) => {
      const complete = { title: 'Báo cáo KT-XH', ...(replacesDocumentId ? { replacesDocumentId } : {}) };
      return uploadPdf(t.baseUrl, as['thuky'], meetingId, await vietnamesePdf(pages, 'Báo cáo KT-XH'), complete, 'bao-cao.pdf');
    };
    const until = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const v = await probe();
        if (v !== undefined) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const report = await upload([PAGE1, PAGE2]);
    expect((await as['thuky'].post(`/api/documents/${report.id}/publish`)).status).toBe(200);
    const text = await until(async () => {
      const res = await as['daibieu'].get(`/api/documents/${report.id}/versions/1/text`);
      return res.status === 200 && (res.body as { text: string }[]).length === 2 ? (res.body as { page: number; text: string }[]) : undefined;
    }, 'the text of version 1');
    const quote = (page: number, exact: string) => {
      const pageText = text[page - 1].text;
      const start = pageText.indexOf(exact);
      expect(start).toBeGreaterThanOrEqual(0);
      return { exact, prefix: pageText.slice(Math.max(0, start - 32), start), suffix: pageText.slice(start + exact.length, start + exact.length + 32), start, end: start + exact.length };
    };
    const ids = { revenue: randomUUID(), investment: randomUUID(), inkPage2: randomUUID() };
    const created = await send(as['daibieu'], [
      { opId: opId(), type: 'create', annotation: { id: ids.revenue, documentId: report.id, version: 1, kind: 'highlight', target: { page: 1, text: quote(1, 'Tổng thu ngân sách địa phương đạt 12.500 tỷ đồng'), rects: [] }, color: '#fbc02d', body: '' } },
      { opId: opId(), type: 'create', annotation: { id: ids.investment, documentId: report.id, version: 1, kind: 'highlight', target: { page: 1, text: quote(1, 'Chi đầu tư phát triển đạt 95% kế hoạch'), rects: [] }, color: '#fbc02d', body: '' } },
      { opId: opId(), type: 'create', annotation: { id: ids.inkPage2, documentId: report.id, version: 1, kind: 'ink', target: { page: 2, strokes: [{ points: [[0.2, 0.3], [0.4, 0.35]], width: 0.004 }] }, color: '#d32f2f', body: '' } },
    ]);
    expect(created.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    // Version 2: a paragraph inserted at the top of page 1, the investment sentence deleted, page 2 unchanged.
    const laptop = noticesOf(await open(as['daibieu-laptop']));
    await upload([['Kính gửi: Ủy ban nhân dân tỉnh.', PAGE1[0], PAGE1[1]], PAGE2], report.id);
    const carried = await until(async () => {
      const list = (await as['daibieu'].get(`/api/documents/${report.id}/versions/2/annotations`)).body as AnnotationDto[];
      return list.length === 3 ? list : undefined;
    }, 'the annotations carried to version 2');
    const byKind = (kind: string, page: number | null = null) => carried.filter((a) => a.kind === kind && (page === null || a.target.page === page));
    const highlights = byKind('highlight');
    const revenue = highlights.find((a) => a.target.text?.exact.startsWith('Tổng thu'));
    expect(revenue?.anchoring).toEqual({ fromVersion: 1, status: 'moved', oldPage: 1 });
    expect(revenue?.target.page).toBe(1);
    expect(revenue && revenue.target.text && revenue.target.text.start).toBeGreaterThan(quote(1, 'Tổng thu ngân sách địa phương đạt 12.500 tỷ đồng').start);
    const investment = highlights.find((a) => a.target.text?.exact.startsWith('Chi đầu tư'));
    expect(investment?.anchoring).toEqual({ fromVersion: 1, status: 'orphan', oldPage: 1 }); // listed, not dropped
    expect(byKind('ink')[0]).toMatchObject({ target: { page: 2 }, anchoring: { fromVersion: 1, status: 'same_page', oldPage: 2 }, ownerId: created[0].annotation?.ownerId });
    // The owner's other device hears of them; the old version keeps its own.
    await laptop.waitFor((all) => all.some((n) => n.version === 2 && n.changed.length > 0));
    expect((await as['daibieu'].get(`/api/documents/${report.id}/versions/1/annotations`)).body).toHaveLength(3);
    expect((await as['chutoa'].get(`/api/documents/${report.id}/versions/2/annotations`)).body).toEqual([]);
  });
});
