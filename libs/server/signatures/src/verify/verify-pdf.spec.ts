import { Cert } from '../asn1/certificate';
import { padesCms } from '../cms/pades-cms';
import { httpTimestamps } from '../cms/timestamp';
import { pkcs12SigningKey, readPkcs12 } from '../keys/pkcs12';
import { byteRangeDigest, CONTENTS_BYTES_B, signPdf } from '../pdf/sign-pdf';
import { embedSignature, prepareSignature } from '../pdf/signature-placeholder';
import { appendAnnotationRevision, opensslVerifiesCms, pdfsig, samplePdf } from '../testing/pdf-checks';
import { TestPki } from '../testing/test-pki';
import { TestTsa } from '../testing/test-tsa';
import { bufferSource } from './pdf-source';
import { verifyPdfSignatures } from './verify-pdf';

describe('verifyPdfSignatures', () => {
  let pki: TestPki;
  let anchors: Cert[];
  let tsa: TestTsa;
  const keyOf = (cn: string, opts: { startDate?: string; endDate?: string } = {}) =>
    pkcs12SigningKey(readPkcs12(pki.issue({ cn, ...opts }).p12('pw'), 'pw'), `${cn}.p12`);

  beforeAll(async () => {
    pki = TestPki.create();
    anchors = Cert.fromPem(pki.caPem);
    tsa = await TestTsa.start(pki);
  });
  afterAll(async () => {
    await tsa.stop();
    pki.dispose();
  });

  it('returns null for a PDF without signatures', async () => {
    expect(await verifyPdfSignatures(bufferSource(await samplePdf()), anchors)).toBeNull();
  });

  it('calls a signer whose certificate leads to no trust anchor unknown, while the bytes are intact', async () => {
    const stranger = TestPki.create('Some Other CA');
    try {
      const key = pkcs12SigningKey(readPkcs12(stranger.issue({ cn: 'Người Lạ' }).p12('pw'), 'pw'), 'x.p12');
      const signed = await signPdf(await samplePdf(), key);
      expect(await verifyPdfSignatures(bufferSource(signed), anchors)).toMatchObject({
        status: 'unknown_signer',
        signatures: [{ status: 'unknown_signer', problems: ['untrusted_certificate'], signerName: 'Người Lạ', issuerName: 'Some Other CA', trustAnchor: null }],
      });
    } finally {
      stranger.dispose();
    }
  });

  it('reports a file changed after its last signature (an incremental update nobody signed)', async () => {
    const signed = await signPdf(await samplePdf(), keyOf('Nguyễn Văn Ký'));
    const edited = await appendAnnotationRevision(signed);
    expect(pdfsig(edited)).toEqual([expect.objectContaining({ valid: true, wholeDocument: false })]);
    expect(await verifyPdfSignatures(bufferSource(edited), anchors)).toMatchObject({
      status: 'changed_after_signing',
      signatures: [{ status: 'changed_after_signing', problems: ['changed_after'], coversWholeDocument: false }],
    });
  });

  it('calls a signature invalid when the certificate was not valid at the signing time', async () => {
    // Signed with the check bypassed, as a forger's tool would: the certificate ended in 2021.
    const key = keyOf('Đã Hết Hạn', { startDate: '20200101000000Z', endDate: '20210101000000Z' });
    const prepared = await prepareSignature(await samplePdf(), { signedAt: new Date(), contentsBytes: CONTENTS_BYTES_B });
    const signed = embedSignature(prepared, await padesCms(byteRangeDigest(prepared), key));
    expect(await verifyPdfSignatures(bufferSource(signed), anchors)).toMatchObject({
      status: 'invalid',
      signatures: [{ problems: ['certificate_not_valid_at_signing'] }],
    });
  });

  it('signs B-T with an RFC 3161 timestamp and takes the signing time from it', async () => {
    const before = tsa.requests;
    const signed = await signPdf(await samplePdf(), keyOf('Hoàng Văn Thời'), { timestamp: httpTimestamps(tsa.url) });
    expect(tsa.requests).toBe(before + 1);
    expect(pdfsig(signed)).toEqual([expect.objectContaining({ valid: true, wholeDocument: true })]);
    expect(opensslVerifiesCms(signed, pki.caCertFile)).toBe(true);
    const report = await verifyPdfSignatures(bufferSource(signed), anchors);
    expect(report).toMatchObject({ status: 'valid', signatures: [{ level: 'B-T', timeSource: 'timestamp' }] });
    expect(Math.abs(Date.parse(report?.signatures[0].signedAt ?? '') - Date.now())).toBeLessThan(60_000);
  });
});
