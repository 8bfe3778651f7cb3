import type { SignedDocumentDto, SigningHashDto, SigningRequestDto } from '@phonghop/contracts';
import { pkcs12SigningKey, readPkcs12, signPdf } from '@phonghop/server-signatures';
import { pdfsig, samplePdf, type TestIdentity, type TestPki } from '@phonghop/server-signatures/testing';
import { createHash } from 'node:crypto';
import { pdfFrom, testSigner, trustedPki } from './support/signing';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(90_000);

/**
 * People sign with their own tokens: one-time links bound to one document revision and one signer, results
 * verified before they are kept, the secretary first and then the chair as incremental updates.
 */
describe(`signing with one's own token through the desktop tool (${ENGINE})`, () => {
  let keys: ReturnType<typeof trustedPki>;
  let pki: TestPki;
  let t: TestApp;
  let thuky: Browser;
  let chutoa: Browser;
  let meetingId: string;
  let secretary: TestIdentity;
  let chair: TestIdentity;
  const base = () => `/api/meetings/${meetingId}`;
  const request = async (who: Browser, kind: string, body: object = {}) => {
    const res = await who.post(`${base()}/signed/${kind}/1/requests`, body);
    expect(res.status).toBe(201);
    return res.body as SigningRequestDto;
  };

  beforeAll(async () => {
    keys = trustedPki();
    pki = keys.pki;
    t = await startTestApp({ SIGNATURE_TRUST_DIR: keys.trustDir });
    [thuky, chutoa] = await Promise.all(['thuky', 'chutoa'].map((u) => signedIn(t.baseUrl, u)));
    meetingId = (await chutoa.get('/api/meetings/mine')).body[0].id;
    secretary = pki.issue({ cn: 'Nguyễn Thị Thu Hà', o: 'Văn phòng UBND tỉnh' });
    chair = pki.issue({ cn: 'TRẦN VĂN MINH', o: 'UBND tỉnh An Bình' });
    await thuky.post(`${base()}/minutes/minutes/draft`);
    await chutoa.post(`${base()}/minutes/minutes/finalize`, {});
  });
  afterAll(async () => {
    await t.destroy();
    keys.dispose();
  });

  it('takes the secretary’s signature once: a replay of the same link is refused', async () => {
    const req = await request(thuky, 'minutes');
    expect(req).toMatchObject({ signerRole: 'secretary', uploadUrl: expect.stringMatching(/\/api\/signing\/[\w-]{40,}\/signed$/) });
    // The tool may ask for the hash instead of the bytes: the same digest.
    const hash = (await (await fetch(req.hashUrl)).json()) as SigningHashDto;
    const content = Buffer.from(await (await fetch(req.contentUrl)).arrayBuffer());
    expect(hash.digest).toBe(createHash('sha256').update(content).digest('base64'));

    expect(await testSigner(req, secretary)).toMatchObject({ status: 201 });
    expect(await testSigner(req, secretary)).toMatchObject({ status: 409, body: { code: 'SIGNING_REQUEST_USED' } });
    expect((await fetch(req.documentUrl)).status).toBe(409);
    const state = (await thuky.get(`${base()}/signed/minutes/1`)).body as SignedDocumentDto;
    expect(state).toMatchObject({ signedRoles: ['secretary'], revisions: [{ revision: 0 }, { revision: 1, signerKind: 'person', signerName: 'Nguyễn Thị Thu Hà', signedByName: 'Nguyễn Thị Thu Hà' }] });
    expect(state.signatures?.status).toBe('valid');
  });

  it('refuses the wrong signer, an expired certificate, an unknown CA and another document; then takes the chair’s', async () => {
    const superseded = await request(chutoa, 'minutes');
    const req = await request(chutoa, 'minutes');
    // Asking again replaces the earlier links.
    expect((await fetch(superseded.contentUrl)).status).toBe(404);
    expect(await testSigner(req, secretary)).toMatchObject({ status: 422, body: { code: 'SIGNATURE_WRONG_SIGNER' } });
    const expired = pki.issue({ cn: 'Trần Văn Minh', startDate: '20200101000000Z', endDate: '20210101000000Z' });
    expect(await testSigner(req, expired)).toMatchObject({ status: 422, body: { code: 'SIGNATURE_CERTIFICATE_EXPIRED' } });
    expect(await testSigner(req, keys.stranger.issue({ cn: 'Trần Văn Minh' }))).toMatchObject({ status: 422, body: { code: 'SIGNATURE_UNTRUSTED' } });

    const chairKey = pkcs12SigningKey(readPkcs12(chair.p12('pw'), 'pw'), 'chair.p12');
    const otherDocument = await signPdf(await samplePdf(1), chairKey);
    const wrong = await fetch(req.uploadUrl, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: new Uint8Array(otherDocument) });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ code: 'SIGNATURE_WRONG_DOCUMENT' });

    // Refusals leave the link open: the chair signs with the right token.
    // Status and code together: a refusal here says which (one fresh-clone run on PostgreSQL got a bare 422 once).
    const taken = await testSigner(req, chair);
    expect([taken.status, taken.body?.['code']]).toEqual([201, undefined]);
    const signed = await pdfFrom(t, chutoa, `${base()}/signed/minutes/1/pdf`);
    expect(pdfsig(signed).map((s) => [s.commonName, s.valid, s.wholeDocument])).toEqual([
      ['Nguyễn Thị Thu Hà', true, false],
      ['TRẦN VĂN MINH', true, true],
    ]);
    expect(((await chutoa.get(`${base()}/document-chain`)).body as { ok: boolean; links: unknown[] }).links).toHaveLength(2);
  });

  it('takes a whole signed PDF from tools that sign the document themselves, pinned to the certificate given', async () => {
    await thuky.post(`${base()}/minutes/conclusions/draft`);
    await chutoa.post(`${base()}/minutes/conclusions/finalize`, {});
    const req = await request(chutoa, 'conclusions', { certificate: chair.certPem });
    const handedOut = await fetch(req.documentUrl);
    expect(handedOut.headers.get('content-security-policy')).toBe('sandbox');
    const original = Buffer.from(await handedOut.arrayBuffer());

    // Same name, another key: not the certificate the chair's token showed.
    const lookalike = pki.issue({ cn: 'TRẦN VĂN MINH' });
    const byLookalike = await signPdf(original, pkcs12SigningKey(readPkcs12(lookalike.p12('pw'), 'pw'), 'l.p12'));
    const refused = await fetch(req.uploadUrl, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: new Uint8Array(byLookalike) });
    expect(await refused.json()).toMatchObject({ code: 'SIGNATURE_WRONG_SIGNER' });

    const signed = await signPdf(original, pkcs12SigningKey(readPkcs12(chair.p12('pw'), 'pw'), 'chair.p12'));
    const ok = await fetch(req.uploadUrl, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: new Uint8Array(signed) });
    expect(ok.status).toBe(201);
    expect((await chutoa.get(`${base()}/signed/conclusions/1`)).body).toMatchObject({ signedRoles: ['chair'], signatures: { status: 'valid' } });
  });

  it('speaks the VGCA Sign Service’s shape: its parameters, a multipart `uploadfile`, and a {Status, Message} answer', async () => {
    // A correction of the minutes: version 2, final, nobody has signed it yet.
    expect((await thuky.post(`${base()}/minutes/minutes/draft`)).status).toBe(201);
    expect((await chutoa.post(`${base()}/minutes/minutes/finalize`, {})).status).toBe(200);
    const ask = async (who: Browser) => (await who.post(`${base()}/signed/minutes/2/requests`, {})).body as SigningRequestDto;

    const forSecretary = await ask(thuky);
    expect(forSecretary.vgca).toEqual({
      FileUploadHandler: forSecretary.uploadUrl.replace(/\/signed$/, '/vgca'),
      SessionId: '',
      JWTToken: '',
      FileName: forSecretary.documentUrl,
      MetaData: [
        { Key: 'phonghopRequestId', Value: forSecretary.id },
        { Key: 'signerRole', Value: 'secretary' },
      ],
    });
    expect(await testSigner(forSecretary, secretary, 'vgca')).toEqual({ status: 200, body: { Status: 0, Message: '', FileName: 'signature.p7s', FileServer: '' } });
    // Once used, the tool cannot fetch the document again, and a result sent anyway is refused in its own shape,
    // with phonghop's code beside.
    expect(await testSigner(forSecretary, secretary, 'vgca')).toMatchObject({ status: 409, body: { code: 'SIGNING_REQUEST_USED' } });
    const replay = new FormData();
    replay.append('uploadfile', new Blob([new Uint8Array(Buffer.from('%PDF-1.7'))], { type: 'application/pdf' }), 'again.pdf');
    const refused = await fetch(forSecretary.vgca.FileUploadHandler, { method: 'POST', body: replay });
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({ status: 200, body: { Status: 1, Code: 'SIGNING_REQUEST_USED', Message: expect.stringContaining('đã được dùng') } });

    // The chair's tool signs the PDF itself (as the real one does) and posts the whole file.
    const forChair = await ask(chutoa);
    const original = Buffer.from(await (await fetch(forChair.vgca.FileName)).arrayBuffer());
    const post = async (pdf: Buffer) => {
      const form = new FormData();
      form.append('uploadfile', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'bien-ban-da-ky.pdf');
      const res = await fetch(forChair.vgca.FileUploadHandler, { method: 'POST', body: form });
      return { status: res.status, body: await res.json() };
    };
    const bySecretary = await signPdf(original, pkcs12SigningKey(readPkcs12(secretary.p12('pw'), 'pw'), 's.p12'));
    expect(await post(bySecretary)).toMatchObject({ status: 200, body: { Status: 1, Code: 'SIGNATURE_WRONG_SIGNER' } });
    const byChair = await signPdf(original, pkcs12SigningKey(readPkcs12(chair.p12('pw'), 'pw'), 'chair.p12'));
    expect(await post(byChair)).toEqual({ status: 200, body: { Status: 0, Message: '', FileName: 'bien-ban-da-ky.pdf', FileServer: '' } });

    const state = (await chutoa.get(`${base()}/signed/minutes/2`)).body as SignedDocumentDto;
    expect(state).toMatchObject({ signedRoles: ['secretary', 'chair'], signatures: { status: 'valid' } });
    const signed = await pdfFrom(t, chutoa, `${base()}/signed/minutes/2/pdf`);
    expect(pdfsig(signed).filter((s) => s.validation !== '').map((s) => [s.commonName, s.valid])).toEqual([
      ['Nguyễn Thị Thu Hà', true],
      ['TRẦN VĂN MINH', true],
    ]);
  });

  it('knows nothing of made-up links, and gives links only to a chair or secretary who has not signed yet', async () => {
    expect((await fetch(`${t.baseUrl}/api/signing/${'x'.repeat(43)}/document`)).status).toBe(404);
    expect((await thuky.post(`${base()}/signed/minutes/1/requests`, {})).body.code).toBe('SIGNATURE_ALREADY_THERE');
    const daibieu = await signedIn(t.baseUrl, 'daibieu');
    expect((await daibieu.post(`${base()}/signed/minutes/1/requests`, {})).body.code).toBe('FORBIDDEN');
  });
});
