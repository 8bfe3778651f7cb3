import { Cert } from '../asn1/certificate';
import { signPdf } from '../pdf/sign-pdf';
import { opensslVerifiesCms, pdfsig, samplePdf, tamperOneByte } from '../testing/pdf-checks';
import { softHsmToken, type TestToken } from '../testing/softhsm';
import { TestPki } from '../testing/test-pki';
import { bufferSource } from '../verify/pdf-source';
import { verifyPdfSignatures } from '../verify/verify-pdf';
import { openPkcs11Key } from './pkcs11-key';

describe('openPkcs11Key (SoftHSM)', () => {
  let pki: TestPki;
  let token: TestToken;
  beforeAll(() => {
    pki = TestPki.create();
    token = softHsmToken(pki, pki.issue({ cn: 'UBND tỉnh Thử Nghiệm', o: 'UBND tỉnh Thử Nghiệm' }));
  });
  afterAll(() => pki.dispose());

  it('signs on the token: pdfsig, openssl cms and our verifier accept it, and reject it after one changed byte', async () => {
    const key = openPkcs11Key({ ...token, extraCertificates: Cert.fromPem(pki.caPem) });
    try {
      expect(key.chain.map((c) => c.commonName)).toEqual(['UBND tỉnh Thử Nghiệm', 'Phonghop Test Root CA']);
      const signed = await signPdf(await samplePdf(), key, { name: 'UBND tỉnh Thử Nghiệm' });
      expect(pdfsig(signed)).toEqual([expect.objectContaining({ valid: true, wholeDocument: true, commonName: 'UBND tỉnh Thử Nghiệm' })]);
      expect(opensslVerifiesCms(signed, pki.caCertFile)).toBe(true);
      expect((await verifyPdfSignatures(bufferSource(signed), Cert.fromPem(pki.caPem)))?.status).toBe('valid');
      const forged = tamperOneByte(signed);
      expect(pdfsig(forged)[0].valid).toBe(false);
      expect(opensslVerifiesCms(forged, pki.caCertFile)).toBe(false);
      expect((await verifyPdfSignatures(bufferSource(forged), Cert.fromPem(pki.caPem)))?.status).toBe('invalid');
    } finally {
      await key.close?.();
    }
  });

  it('says which part is wrong: the PIN, the token label, the key label, the module', () => {
    expect(() => openPkcs11Key({ ...token, pin: '000000' })).toThrow(expect.objectContaining({ problem: 'wrong_password', message: 'wrong PIN for the PKCS#11 token' }));
    expect(() => openPkcs11Key({ ...token, tokenLabel: 'no-such-token' })).toThrow(expect.objectContaining({ problem: 'token_unavailable' }));
    expect(() => openPkcs11Key({ ...token, keyLabel: 'no-such-key' })).toThrow(expect.objectContaining({ problem: 'no_key' }));
    expect(() => openPkcs11Key({ ...token, module: '/nonexistent/libpkcs11.so' })).toThrow(expect.objectContaining({ problem: 'token_unavailable' }));
  });
});
