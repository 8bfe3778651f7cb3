import type { DocumentChainVerificationDto, SignedDocumentDto } from '@phonghop/contracts';
import { opensslVerifiesCms, pdfsig, softHsmToken, TestPki, TestTsa } from '@phonghop/server-signatures/testing';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { organisationKeyEnv, pdfFrom, trustedPki } from './support/signing';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(90_000);

/** Only the signatures pdfsig found signed (the chair's empty field is listed too until the chair signs). */
const signedOnes = (pdf: Buffer) => pdfsig(pdf).filter((s) => s.validation !== '');

/**
 * Final minutes signed with the organisation key (PKCS#12 with a timestamp authority, and a PKCS#11 token) by the
 * secretary and then the chair, each in their signature area, as incremental updates linked into the meeting's
 * document chain.
 */
describe(`signing minutes with the organisation key (${ENGINE})`, () => {
  let keys: ReturnType<typeof trustedPki>;
  let pki: TestPki;
  let tsa: TestTsa;
  let t: TestApp;
  let thuky: Browser;
  let chutoa: Browser;
  let daibieu: Browser;
  let meetingId: string;
  const base = () => `/api/meetings/${meetingId}`;

  const pdf = (who: Browser, path: string) => pdfFrom(t, who, path);

  beforeAll(async () => {
    keys = trustedPki();
    pki = keys.pki;
    tsa = await TestTsa.start(pki);
    t = await startTestApp({ ...organisationKeyEnv(pki), SIGNING_TSA_URL: tsa.url, SIGNATURE_TRUST_DIR: keys.trustDir });
    [thuky, chutoa, daibieu] = await Promise.all(['thuky', 'chutoa', 'daibieu'].map((u) => signedIn(t.baseUrl, u)));
    meetingId = (await chutoa.get('/api/meetings/mine')).body[0].id;
  });
  afterAll(async () => {
    await t.destroy();
    await tsa.stop();
    keys.dispose();
  });

  it('signs only final minutes, only by the chair and the secretary, each once, in their own area', async () => {
    expect((await thuky.post(`${base()}/minutes/minutes/draft`)).status).toBe(201);
    expect((await thuky.post(`${base()}/signed/minutes/1/sign`)).body.code).toBe('DOCUMENT_NOT_SIGNABLE');
    expect((await chutoa.post(`${base()}/minutes/minutes/finalize`, {})).status).toBe(200);
    expect((await daibieu.post(`${base()}/signed/minutes/1/sign`)).body.code).toBe('FORBIDDEN');

    const first = await thuky.post(`${base()}/signed/minutes/1/sign`);
    expect(first.status).toBe(200);
    expect(first.body as SignedDocumentDto).toMatchObject({
      kind: 'minutes',
      ref: '1',
      signedRoles: ['secretary'],
      revisions: [{ revision: 0, signerKind: 'base' }, { revision: 1, signerKind: 'organisation', signerRole: 'secretary', signerName: 'UBND tỉnh An Bình', signedByName: 'Nguyễn Thị Thu Hà' }],
      signatures: { status: 'valid', signatures: [{ level: 'B-T', timeSource: 'timestamp', trustAnchor: 'Root CA Chính phủ (thử nghiệm)' }] },
    });
    expect(tsa.requests).toBe(1);
    expect((await thuky.post(`${base()}/signed/minutes/1/sign`)).body.code).toBe('SIGNATURE_ALREADY_THERE');

    const second = await chutoa.post(`${base()}/signed/minutes/1/sign`);
    expect(second.status).toBe(200);
    expect((second.body as SignedDocumentDto).signedRoles).toEqual(['secretary', 'chair']);

    const signed = await pdf(daibieu, `${base()}/signed/minutes/1/pdf`);
    expect(signedOnes(signed)).toEqual([
      expect.objectContaining({ commonName: 'UBND tỉnh An Bình', valid: true, wholeDocument: false }),
      expect.objectContaining({ commonName: 'UBND tỉnh An Bình', valid: true, wholeDocument: true }),
    ]);
    expect(opensslVerifiesCms(signed, pki.caCertFile)).toBe(true);
    // Each revision starts with the one before, byte for byte.
    const [r0, r1] = (second.body as SignedDocumentDto).revisions.map((r) => readFileSync(join(t.dataDir, 'signed', `${r.sha256}.pdf`)));
    expect(r1.subarray(0, r0.length).equals(r0)).toBe(true);
    expect(signed.subarray(0, r1.length).equals(r1)).toBe(true);
  });

  it('links each signed revision into the meeting’s document chain, and notices a changed file', async () => {
    const chain = (await chutoa.get(`${base()}/document-chain`)).body as DocumentChainVerificationDto;
    expect(chain).toMatchObject({ ok: true, links: [{ chainSeq: 1, kind: 'minutes', revision: 1, ok: true }, { chainSeq: 2, revision: 2, ok: true }] });
    expect((await daibieu.get(`${base()}/document-chain`)).body.code).toBe('FORBIDDEN');

    const file = join(t.dataDir, 'signed', `${chain.links[0].sha256}.pdf`);
    const bytes = readFileSync(file);
    bytes[100] ^= 1;
    writeFileSync(file, bytes);
    expect(((await chutoa.get(`${base()}/document-chain`)).body as DocumentChainVerificationDto).links.map((l) => l.problem)).toEqual(['file_changed', null]);
  });

  it('signs the conclusions (the chair alone) the same way, as the next link of the chain', async () => {
    expect((await thuky.post(`${base()}/minutes/conclusions/draft`)).status).toBe(201);
    expect((await chutoa.post(`${base()}/minutes/conclusions/finalize`, {})).status).toBe(200);
    expect((await thuky.post(`${base()}/signed/conclusions/1/sign`)).body.code).toBe('FORBIDDEN');
    const signed = await chutoa.post(`${base()}/signed/conclusions/1/sign`);
    expect(signed.body).toMatchObject({ signedRoles: ['chair'], signatures: { status: 'valid' } });
    expect(((await chutoa.get(`${base()}/document-chain`)).body as DocumentChainVerificationDto).links.map((l) => [l.kind, l.chainSeq])).toEqual([
      ['minutes', 1],
      ['minutes', 2],
      ['conclusions', 3],
    ]);
  });
});

describe(`signing with a PKCS#11 token (SoftHSM) (${ENGINE})`, () => {
  let pki: TestPki;
  let t: TestApp;

  afterAll(async () => {
    await t?.destroy();
    pki?.dispose();
  });

  it('signs with the key on the token, and says so clearly when the PIN is wrong', async () => {
    pki = TestPki.create();
    const token = softHsmToken(pki, pki.issue({ cn: 'Văn phòng UBND tỉnh', o: 'UBND tỉnh An Bình' }));
    const chain = join(pki.dir, 'chain.pem');
    copyFileSync(pki.caCertFile, chain);
    const trust = join(pki.dir, 'trust');
    mkdirSync(trust);
    copyFileSync(pki.caCertFile, join(trust, 'root.pem'));
    const env = { SIGNING_PKCS11_MODULE: token.module, SIGNING_PKCS11_TOKEN_LABEL: token.tokenLabel, SIGNING_PKCS11_KEY_LABEL: token.keyLabel, SIGNING_CHAIN_FILE: chain, SIGNATURE_TRUST_DIR: trust };

    const wrong = await startTestApp({ ...env, SIGNING_PKCS11_PIN: '999999' });
    try {
      const chutoa = await signedIn(wrong.baseUrl, 'chutoa');
      const meetingId = (await chutoa.get('/api/meetings/mine')).body[0].id;
      const thuky = await signedIn(wrong.baseUrl, 'thuky');
      await thuky.post(`/api/meetings/${meetingId}/minutes/conclusions/draft`);
      await chutoa.post(`/api/meetings/${meetingId}/minutes/conclusions/finalize`, {});
      const refused = await chutoa.post(`/api/meetings/${meetingId}/signed/conclusions/1/sign`);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'SIGNING_KEY_WRONG_PASSWORD', details: [{ problem: 'wrong_password' }] });
      expect(JSON.stringify(refused.body)).not.toContain('999999');
    } finally {
      await wrong.destroy();
    }

    t = await startTestApp({ ...env, SIGNING_PKCS11_PIN: token.pin });
    const chutoa = await signedIn(t.baseUrl, 'chutoa');
    const thuky = await signedIn(t.baseUrl, 'thuky');
    const meetingId = (await chutoa.get('/api/meetings/mine')).body[0].id;
    await thuky.post(`/api/meetings/${meetingId}/minutes/conclusions/draft`);
    await chutoa.post(`/api/meetings/${meetingId}/minutes/conclusions/finalize`, {});
    const signed = await chutoa.post(`/api/meetings/${meetingId}/signed/conclusions/1/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ signatures: { status: 'valid', signatures: [{ signerName: 'Văn phòng UBND tỉnh', level: 'B-B' }] } });
    const res = await fetch(`${t.baseUrl}/api/meetings/${meetingId}/signed/conclusions/1/pdf`, { headers: { cookie: `phonghop_session=${chutoa.cookie}` } });
    const file = Buffer.from(await res.arrayBuffer());
    expect(pdfsig(file).filter((s) => s.valid)).toEqual([expect.objectContaining({ commonName: 'Văn phòng UBND tỉnh', wholeDocument: true })]);
  });
});
