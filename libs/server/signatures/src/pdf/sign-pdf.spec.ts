import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { Cert } from '../asn1/certificate';
import { pkcs12SigningKey, readPkcs12 } from '../keys/pkcs12';
import { SigningKeyError } from '../keys/signing-key';
import { opensslVerifiesCms, pdfsig, samplePdf, tamperOneByte } from '../testing/pdf-checks';
import { TestPki } from '../testing/test-pki';
import { verifyPdfSignatures } from '../verify/verify-pdf';
import { bufferSource } from '../verify/pdf-source';
import { signPdf } from './sign-pdf';

const FONT = readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');

describe('signPdf with a PKCS#12 key', () => {
  let pki: TestPki;
  let anchors: Cert[];
  const keyOf = (cn: string, title?: string) => {
    const id = pki.issue({ cn, o: 'UBND tỉnh Thử Nghiệm', title });
    return pkcs12SigningKey(readPkcs12(id.p12('mật khẩu'), 'mật khẩu'), `${cn}.p12`);
  };
  beforeAll(() => {
    pki = TestPki.create();
    anchors = Cert.fromPem(pki.caPem);
  });
  afterAll(() => pki.dispose());

  it('writes PAdES B-B that pdfsig and openssl cms accept, and that both reject after one changed byte', async () => {
    const key = keyOf('Nguyễn Văn Thư', 'Thư ký');
    const signed = await signPdf(await samplePdf(), key, {
      name: 'Nguyễn Văn Thư',
      reason: 'Ký biên bản',
      appearance: { page: -1, rect: { x: 320, y: 80, width: 220, height: 70 }, lines: ['Ký bởi: Nguyễn Văn Thư', 'Chức vụ: Thư ký'], font: FONT },
    });
    expect(pdfsig(signed)).toEqual([expect.objectContaining({ commonName: 'Nguyễn Văn Thư', valid: true, wholeDocument: true, signatureType: 'ETSI.CAdES.detached' })]);
    expect(opensslVerifiesCms(signed, pki.caCertFile)).toBe(true);
    const report = await verifyPdfSignatures(bufferSource(signed), anchors);
    expect(report).toMatchObject({ status: 'valid', signatures: [{ status: 'valid', level: 'B-B', signerName: 'Nguyễn Văn Thư', reason: 'Ký biên bản', timeSource: 'claimed', coversWholeDocument: true }] });

    const forged = tamperOneByte(signed);
    expect(pdfsig(forged)[0].valid).toBe(false);
    expect(opensslVerifiesCms(forged, pki.caCertFile)).toBe(false);
    expect(await verifyPdfSignatures(bufferSource(forged), anchors)).toMatchObject({ status: 'invalid', signatures: [{ problems: ['digest_mismatch'] }] });
  });

  it('has no signing-time attribute in the CMS and binds the certificate with signing-certificate-v2', async () => {
    const signed = await signPdf(await samplePdf(1), keyOf('Trần Thị Chủ Tọa'));
    const all = [...signed.toString('latin1').matchAll(/\/Contents <([0-9a-f]+)>/g)];
    const cms = Buffer.from(all[all.length - 1][1].replace(/(00)+$/, ''), 'hex');
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], { input: cms }).toString();
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).not.toContain('signingTime');
    expect(signed.toString('latin1')).toMatch(/\/M \(D:\d{14}\+07'00'\)/);
  });

  it('adds a second signature as an incremental update: both verify, the first no longer covers the whole file', async () => {
    const once = await signPdf(await samplePdf(), keyOf('Nguyễn Văn Thư'), { name: 'Nguyễn Văn Thư' });
    const twice = await signPdf(once, keyOf('Trần Thị Chủ Tọa'), { name: 'Trần Thị Chủ Tọa' });
    expect(twice.subarray(0, once.length).equals(once)).toBe(true);
    expect(pdfsig(twice)).toEqual([
      expect.objectContaining({ commonName: 'Nguyễn Văn Thư', valid: true, wholeDocument: false }),
      expect.objectContaining({ commonName: 'Trần Thị Chủ Tọa', valid: true, wholeDocument: true }),
    ]);
    const report = await verifyPdfSignatures(bufferSource(twice), anchors);
    expect(report?.status).toBe('valid');
    expect(report?.signatures.map((s) => [s.signerName, s.status, s.coversWholeDocument])).toEqual([
      ['Nguyễn Văn Thư', 'valid', false],
      ['Trần Thị Chủ Tọa', 'valid', true],
    ]);
  });

  it('signs a file whose cross-references are a compressed stream (as qpdf repacks uploads)', async () => {
    const plain = join(pki.dir, 'plain.pdf');
    const packed = join(pki.dir, 'packed.pdf');
    writeFileSync(plain, await samplePdf(3));
    execFileSync('qpdf', ['--object-streams=generate', plain, packed]);
    const signed = await signPdf(readFileSync(packed), keyOf('Lê Văn Đoàn'));
    expect(pdfsig(signed)).toEqual([expect.objectContaining({ valid: true, wholeDocument: true })]);
    const signedFile = join(pki.dir, 'packed-signed.pdf');
    writeFileSync(signedFile, signed);
    // qpdf reads the update's cross-reference stream without a warning (exit 0).
    expect(execFileSync('qpdf', ['--check', signedFile]).toString()).toContain('No syntax or stream encoding errors');
  });

  it('signs a file pdf-lib wrote with object streams (its parser does not count them: new objects must not reuse their numbers)', async () => {
    const doc = await PDFDocument.load(await samplePdf(3));
    const packed = Buffer.from(await doc.save({ useObjectStreams: true }));
    const twice = await signPdf(await signPdf(packed, keyOf('Một')), keyOf('Hai'));
    expect(pdfsig(twice).map((s) => [s.commonName, s.valid, s.wholeDocument])).toEqual([
      ['Một', true, false],
      ['Hai', true, true],
    ]);
  });

  it('refuses an expired certificate and one without a signing key usage, before signing anything', async () => {
    const expired = pki.issue({ cn: 'Hết Hạn', startDate: '20200101000000Z', endDate: '20210101000000Z' });
    const noUsage = pki.issue({ cn: 'Chỉ Mã Hóa', keyUsage: 'critical, keyEncipherment' });
    const pdf = await samplePdf(1);
    await expect(signPdf(pdf, pkcs12SigningKey(readPkcs12(expired.p12('x'), 'x'), 'e.p12'))).rejects.toMatchObject({ problem: 'certificate_expired' });
    await expect(signPdf(pdf, pkcs12SigningKey(readPkcs12(noUsage.p12('x'), 'x'), 'n.p12'))).rejects.toBeInstanceOf(SigningKeyError);
    await expect(signPdf(pdf, pkcs12SigningKey(readPkcs12(noUsage.p12('x'), 'x'), 'n.p12'))).rejects.toMatchObject({ problem: 'key_usage_missing' });
  });
});
