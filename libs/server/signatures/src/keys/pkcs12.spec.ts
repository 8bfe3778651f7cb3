import { getCiphers } from 'node:crypto';
import { TestPki } from '../testing/test-pki';
import { readPkcs12 } from './pkcs12';

describe('readPkcs12', () => {
  let pki: TestPki;
  beforeAll(() => (pki = TestPki.create()));
  afterAll(() => pki.dispose());

  it('reads OpenSSL 3 files (PBES2/AES) with the key, its certificate first and the CA after it', () => {
    const id = pki.issue({ cn: 'Phạm Thị Ấn', o: 'Văn phòng UBND' });
    const { key, chain } = readPkcs12(id.p12('Mật-khẩu có dấu'), 'Mật-khẩu có dấu');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(chain.map((c) => c.commonName)).toEqual(['Phạm Thị Ấn', 'Phonghop Test Root CA']);
    expect(chain[0].organisation).toBe('Văn phòng UBND');
  });

  it('reads EC keys and files without the CA certificate', () => {
    const id = pki.issue({ cn: 'EC Signer', ec: true });
    const { key, chain } = readPkcs12(id.p12('pw', { withCa: false }), 'pw');
    expect(key.asymmetricKeyType).toBe('ec');
    expect(chain).toHaveLength(1);
  });

  it('reads legacy files (3DES key, RC2 certificates) or explains how to convert them', () => {
    const id = pki.issue({ cn: 'Legacy Signer' });
    const file = id.p12('pw', { legacy: true });
    if (getCiphers().includes('rc2-40-cbc')) {
      expect(readPkcs12(file, 'pw').chain[0].commonName).toBe('Legacy Signer');
    } else {
      // Node's OpenSSL 3 without its legacy provider has no RC2: the operator is told how to convert the file.
      expect(() => readPkcs12(file, 'pw')).toThrow(expect.objectContaining({ problem: 'unsupported_algorithm', message: expect.stringContaining('openssl pkcs12') }));
    }
  });

  it('tells a wrong password from a damaged file', () => {
    const file = pki.issue({ cn: 'A' }).p12('right');
    expect(() => readPkcs12(file, 'wrong')).toThrow(expect.objectContaining({ problem: 'wrong_password' }));
    expect(() => readPkcs12(Buffer.from('not a pkcs12 file'), 'right')).toThrow(expect.objectContaining({ problem: 'unreadable' }));
  });

  it('never puts the password in an error message', () => {
    const file = pki.issue({ cn: 'B' }).p12('s3cret-pin-4711');
    try {
      readPkcs12(file, 'wrong-s3cret-guess');
      throw new Error('should have failed');
    } catch (err) {
      expect(String((err as Error).message)).not.toMatch(/s3cret/);
    }
  });
});
