import { type DocumentDto, SESSION_COOKIE, type UploadStatusDto } from '@phonghop/contracts';
import { Cert, pkcs12SigningKey, readPkcs12, signPdf, type SigningKey } from '@phonghop/server-signatures';
import { appendAnnotationRevision, pdfsig, samplePdf, tamperOneByte, TestPki } from '@phonghop/server-signatures/testing';
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ROOT_CA, trustedPki } from './support/signing';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

jest.setTimeout(60_000);

/**
 * Every uploaded PDF that carries signatures has them checked against the operator's trust anchors, and is kept
 * byte for byte (qpdf repacks unsigned uploads only).
 */
describe(`signed uploads (${ENGINE})`, () => {
  let t: TestApp;
  let keys: ReturnType<typeof trustedPki>;
  let pki: TestPki;
  let stranger: TestPki;
  let thuky: Browser;
  let meetingId: string;
  let key: SigningKey;

  const keyFrom = (ca: TestPki, cn: string) => pkcs12SigningKey(readPkcs12(ca.issue({ cn, o: 'Sở Tài chính' }).p12('pw'), 'pw'), `${cn}.p12`);

  async function upload(pdf: Buffer, title: string): Promise<DocumentDto> {
    const started = await thuky.post(`/api/meetings/${meetingId}/uploads`, { fileName: `${title}.pdf`, sizeBytes: pdf.length });
    const id = (started.body as UploadStatusDto).uploadId;
    const put = await fetch(`${t.baseUrl}/api/uploads/${id}?offset=0`, {
      method: 'PUT',
      headers: { cookie: `${SESSION_COOKIE}=${thuky.cookie}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(pdf),
    });
    expect(put.status).toBe(200);
    const done = await thuky.post(`/api/uploads/${id}/complete`, { title });
    expect(done.status).toBe(201);
    return done.body as DocumentDto;
  }

  async function file(doc: DocumentDto): Promise<Buffer> {
    const res = await fetch(`${t.baseUrl}/api/documents/${doc.id}/versions/${doc.current.version}/file`, { headers: { cookie: `${SESSION_COOKIE}=${thuky.cookie}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  beforeAll(async () => {
    keys = trustedPki();
    ({ pki, stranger } = keys);
    t = await startTestApp({ SIGNATURE_TRUST_DIR: keys.trustDir });
    thuky = await signedIn(t.baseUrl, 'thuky');
    meetingId = (await thuky.get('/api/meetings/mine')).body[0].id;
    key = keyFrom(pki, 'Nguyễn Văn Giám Đốc');
  });
  afterAll(async () => {
    await t.destroy();
    keys.dispose();
  });

  it('keeps a signed PDF byte for byte and calls its signature valid', async () => {
    const signed = await signPdf(await samplePdf(3), key, { name: 'Nguyễn Văn Giám Đốc', reason: 'Phê duyệt' });
    const doc = await upload(signed, 'Tờ trình đã ký');
    expect(doc.current.sha256).toBe(sha256(signed));
    expect(doc.current.signatures).toMatchObject({
      status: 'valid',
      signatures: [{ status: 'valid', signerName: 'Nguyễn Văn Giám Đốc', organisation: 'Sở Tài chính', trustAnchor: TEST_ROOT_CA, level: 'B-B', reason: 'Phê duyệt' }],
    });
    const served = await file(doc);
    expect(served.equals(signed)).toBe(true);
    expect(pdfsig(served)).toEqual([expect.objectContaining({ valid: true, wholeDocument: true })]);
  });

  it('still repacks unsigned PDFs, which carry no signature report', async () => {
    const plain = await samplePdf(3);
    const doc = await upload(plain, 'Tài liệu chưa ký');
    expect(doc.current.sha256).not.toBe(sha256(plain));
    expect(doc.current.signatures ?? null).toBeNull();
  });

  it('tells apart changed after signing, a broken signature and an unknown signer', async () => {
    const signed = await signPdf(await samplePdf(2), key);
    const edited = await upload(await appendAnnotationRevision(signed), 'Sửa sau khi ký');
    expect(edited.current.signatures).toMatchObject({ status: 'changed_after_signing', signatures: [{ problems: ['changed_after'], coversWholeDocument: false }] });

    const forged = await upload(tamperOneByte(signed), 'Bị sửa một byte');
    expect(forged.current.signatures).toMatchObject({ status: 'invalid', signatures: [{ problems: ['digest_mismatch'] }] });

    const unknown = await upload(await signPdf(await samplePdf(2), keyFrom(stranger, 'Người Lạ')), 'Người ký lạ');
    expect(unknown.current.signatures).toMatchObject({ status: 'unknown_signer', signatures: [{ problems: ['untrusted_certificate'], issuerName: 'Unknown CA' }] });

    // The list the tablets read carries the same verdicts.
    const list = (await thuky.get(`/api/meetings/${meetingId}/documents`)).body as DocumentDto[];
    expect(Object.fromEntries(list.map((d) => [d.title, d.current.signatures?.status ?? null]))).toMatchObject({
      'Tờ trình đã ký': 'valid',
      'Tài liệu chưa ký': null,
      'Sửa sau khi ký': 'changed_after_signing',
      'Bị sửa một byte': 'invalid',
      'Người ký lạ': 'unknown_signer',
    });
  });

  it('reads trust anchors installed while the server runs, and checks the unknown signers again when asked', async () => {
    const statusOf = async (title: string) =>
      ((await thuky.get(`/api/meetings/${meetingId}/documents`)).body as DocumentDto[]).find((d) => d.title === title)?.current.signatures?.status;
    copyFileSync(stranger.caCertFile, join(keys.trustDir, 'other-ca.crt'));
    const doc = await upload(await signPdf(await samplePdf(1), keyFrom(stranger, 'Người Quen')), 'Người ký nay đã tin cậy');
    expect(doc.current.signatures?.status).toBe('valid');
    expect(Cert.fromPem(stranger.caPem)[0].commonName).toBe('Unknown CA');
    // The upload from before the CA was installed keeps its verdict until it is checked again.
    expect(await statusOf('Người ký lạ')).toBe('unknown_signer');

    const admin = await signedIn(t.baseUrl, 'quantri');
    expect((await thuky.post('/api/admin/trust-anchors/recheck')).status).toBe(403);
    expect((await admin.get('/api/admin/trust-anchors')).body).toMatchObject({
      configured: true,
      anchors: expect.arrayContaining([expect.objectContaining({ commonName: TEST_ROOT_CA }), expect.objectContaining({ commonName: 'Unknown CA' })]),
      problems: [],
    });
    const recheck = await admin.post('/api/admin/trust-anchors/recheck');
    expect(recheck.status).toBe(200);
    expect(recheck.body).toEqual({ anchors: 2, checked: 1, changed: [expect.objectContaining({ kind: 'document_version', title: 'Người ký lạ', from: 'unknown_signer', to: 'valid' })] });
    expect(await statusOf('Người ký lạ')).toBe('valid');
    // Nothing left to change: asked again, it checks nothing.
    expect((await admin.post('/api/admin/trust-anchors/recheck')).body).toMatchObject({ checked: 0, changed: [] });
  });

  it('checks the unknown signers again at start-up, after the operator installed their CA with the server stopped', async () => {
    const third = TestPki.create('CA Sở Nội vụ');
    try {
      const doc = await upload(await signPdf(await samplePdf(1), keyFrom(third, 'Người Ở Sở Khác')), 'Người ký của CA thứ ba');
      expect(doc.current.signatures?.status).toBe('unknown_signer');
      await t.stop();
      copyFileSync(third.caCertFile, join(keys.trustDir, 'third-ca.pem'));
      t = await startTestApp({ SIGNATURE_TRUST_DIR: keys.trustDir }, { dataDir: t.dataDir, databaseUrl: t.databaseUrl });
      thuky = await signedIn(t.baseUrl, 'thuky');
      // In the background, so the server answered before it finished: wait for it.
      const deadline = Date.now() + 15_000;
      let status: string | undefined;
      while (Date.now() < deadline) {
        status = ((await thuky.get(`/api/documents/${doc.id}`)).body as DocumentDto).current.signatures?.status;
        if (status === 'valid') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('valid');
    } finally {
      third.dispose();
    }
  });
});
