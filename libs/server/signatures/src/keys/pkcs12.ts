import { createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, getCiphers, type KeyObject, pbkdf2Sync, sign, timingSafeEqual } from 'node:crypto';
import { Cert } from '../asn1/certificate';
import { DerError } from '../asn1/der';
import { DerNode } from '../asn1/der-read';
import { DIGEST_BY_OID, OID } from '../asn1/oids';
import { orderChain } from './chain-order';
import { type SigningKey, SigningKeyError } from './signing-key';

const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
  x509: '1.2.840.113549.1.9.22.1',
  encryptedData: '1.2.840.113549.1.7.6',
};
const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
/** PKCS#12's own password-based schemes (RFC 7292 Appendix C): 3DES and, in old files, RC2. */
const PKCS12_PBE: Record<string, { name: string; keyLength: number; ivLength: number }> = {
  '1.2.840.113549.1.12.1.3': { name: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
  '1.2.840.113549.1.12.1.5': { name: 'rc2-cbc', keyLength: 16, ivLength: 8 },
  '1.2.840.113549.1.12.1.6': { name: 'rc2-40-cbc', keyLength: 5, ivLength: 8 },
};

export interface Pkcs12Contents {
  key: KeyObject;
  /** The key's certificate first, then the other certificates in the file, issuer after subject. */
  chain: Cert[];
}

/**
 * Reads a PKCS#12 (.p12/.pfx) file as OpenSSL, Windows and the VGCA tools write it: integrity by HMAC, keys and
 * certificates in plain or password-encrypted bags (PBES2 with AES or 3DES, or PKCS#12's 3DES scheme). A wrong
 * password is told apart from a damaged file by the integrity check.
 */
export function readPkcs12(file: Uint8Array, password: string): Pkcs12Contents {
  let pfx: DerNode;
  let authSafe: Buffer;
  try {
    pfx = DerNode.parse(file);
    const contentInfo = pfx.child(1);
    if (contentInfo.child(0).oid() !== OID.data) throw new DerError('public-key integrity mode is not supported');
    authSafe = contentInfo.child(1, 0xa0).inner().octets();
  } catch (err) {
    throw new SigningKeyError('unreadable', `not a PKCS#12 file (${(err as Error).message})`);
  }
  const macData = pfx.children()[2];
  if (macData) checkMac(macData, authSafe, password);

  const keys: KeyObject[] = [];
  const certs: Cert[] = [];
  try {
    for (const info of DerNode.parse(authSafe).children()) {
      const type = info.child(0).oid();
      const safeContents =
        type === OID.data
          ? info.child(1, 0xa0).inner().octets()
          : type === BAG.encryptedData
            ? decryptEncryptedData(info.child(1, 0xa0).inner(), password)
            : null;
      if (safeContents) readBags(DerNode.parse(safeContents), password, keys, certs);
    }
  } catch (err) {
    if (err instanceof SigningKeyError) throw err;
    throw new SigningKeyError(macData ? 'unreadable' : 'wrong_password', `the PKCS#12 file cannot be read (${(err as Error).message})`);
  }
  if (keys.length === 0) throw new SigningKeyError('no_key', 'the PKCS#12 file holds no private key');
  const key = keys[0];
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const own = certs.find((c) => c.x509.publicKey.export({ type: 'spki', format: 'der' }).equals(spki));
  if (!own) throw new SigningKeyError('key_certificate_mismatch', 'the PKCS#12 file holds no certificate for its private key');
  return { key, chain: orderChain(own, certs) };
}

/** A SigningKey over a PKCS#12 file's key (Node's crypto signs; the key stays in memory). */
export function pkcs12SigningKey(contents: Pkcs12Contents, source: string): SigningKey {
  const keyType = keyTypeOf(contents.key);
  return {
    chain: contents.chain,
    keyType,
    source,
    sign: async (data: Buffer) => sign('sha256', data, contents.key),
  };
}

export function keyTypeOf(key: KeyObject): 'rsa' | 'ec' {
  if (key.asymmetricKeyType === 'rsa') return 'rsa';
  if (key.asymmetricKeyType === 'ec') return 'ec';
  throw new SigningKeyError('unsupported_algorithm', `keys of type ${key.asymmetricKeyType} cannot sign PDFs here (RSA or EC only)`);
}

function checkMac(macData: DerNode, authSafe: Buffer, password: string): void {
  const digestInfo = macData.child(0);
  const digest = DIGEST_BY_OID[digestInfo.child(0).child(0).oid()];
  if (!digest) throw new SigningKeyError('unreadable', 'the PKCS#12 integrity check uses an unknown digest');
  const expected = digestInfo.child(1).octets();
  const salt = macData.child(1).octets();
  const iterations = macData.children()[2]?.int() ?? 1;
  const key = pkcs12Kdf(digest, bmpPassword(password), salt, 3, iterations, createHash(digest).digest().length);
  const actual = createHmac(digest, key).update(authSafe).digest();
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new SigningKeyError('wrong_password', 'wrong password for the PKCS#12 file (its integrity check fails)');
  }
}

function readBags(safeContents: DerNode, password: string, keys: KeyObject[], certs: Cert[]): void {
  for (const bag of safeContents.children()) {
    const id = bag.child(0).oid();
    const value = bag.child(1, 0xa0).inner();
    if (id === BAG.key) keys.push(createPrivateKey({ key: value.bytes, format: 'der', type: 'pkcs8' }));
    if (id === BAG.shroudedKey) {
      const plain = decrypt(value.child(0), value.child(1).octets(), password);
      keys.push(createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }));
    }
    if (id === BAG.cert && value.child(0).oid() === BAG.x509) certs.push(new Cert(value.child(1, 0xa0).inner().octets()));
  }
}

/** EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } } */
function decryptEncryptedData(encryptedData: DerNode, password: string): Buffer {
  const info = encryptedData.child(1);
  const content = info.children()[2];
  // [0] IMPLICIT OCTET STRING: primitive (0x80) or, from BER writers, constructed pieces (0xa0).
  const bytes = content.tag === 0x80 ? content.content : Buffer.concat(content.children().map((c) => c.octets()));
  return decrypt(info.child(1), bytes, password);
}

function decrypt(algorithm: DerNode, data: Buffer, password: string): Buffer {
  const oid = algorithm.child(0).oid();
  const params = algorithm.child(1);
  let cipher: string;
  let key: Buffer;
  let iv: Buffer;
  if (oid === PBES2) {
    const kdf = params.child(0);
    if (kdf.child(0).oid() !== PBKDF2) throw new SigningKeyError('unreadable', 'the PKCS#12 file uses an unknown key derivation');
    const scheme = CIPHERS[params.child(1).child(0).oid()];
    if (!scheme) throw new SigningKeyError('unsupported_algorithm', 'the PKCS#12 file uses an unknown cipher');
    const kdfParams = kdf.child(1).children();
    const salt = kdfParams[0].octets();
    const iterations = kdfParams[1].int();
    const prfNode = kdfParams.find((p) => p.tag === 0x30);
    const prf = prfNode ? PRF[prfNode.child(0).oid()] : 'sha1';
    if (!prf) throw new SigningKeyError('unsupported_algorithm', 'the PKCS#12 file uses an unknown PRF');
    cipher = scheme.name;
    key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, scheme.keyLength, prf);
    iv = params.child(1).child(1).octets();
  } else if (PKCS12_PBE[oid]) {
    const scheme = PKCS12_PBE[oid];
    if (!getCiphers().includes(scheme.name)) {
      throw new SigningKeyError('unsupported_algorithm', 'the PKCS#12 file uses legacy RC2 encryption; convert it: openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -out new.p12');
    }
    const salt = params.child(0).octets();
    const iterations = params.child(1).int();
    const pw = bmpPassword(password);
    cipher = scheme.name;
    key = pkcs12Kdf('sha1', pw, salt, 1, iterations, scheme.keyLength);
    iv = pkcs12Kdf('sha1', pw, salt, 2, iterations, scheme.ivLength);
  } else {
    throw new SigningKeyError('unsupported_algorithm', `the PKCS#12 file uses an unknown encryption (${oid})`);
  }
  try {
    const d = createDecipheriv(cipher, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new SigningKeyError('wrong_password', 'wrong password for the PKCS#12 file (decryption fails)');
  }
}

/** PKCS#12 passwords are BMPString (UTF-16 big-endian) with a terminating zero. */
function bmpPassword(password: string): Buffer {
  const le = Buffer.from(`${password}\0`, 'utf16le');
  return Buffer.from(le.swap16());
}

/** The PKCS#12 key derivation (RFC 7292 Appendix B.2); id 1 = key, 2 = IV, 3 = MAC key. */
export function pkcs12Kdf(digest: string, password: Buffer, salt: Buffer, id: number, iterations: number, length: number): Buffer {
  const u = createHash(digest).digest().length;
  const v = u > 32 ? 128 : 64;
  const fill = (src: Buffer) => {
    const len = v * Math.ceil(src.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length];
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([salt.length ? fill(salt) : Buffer.alloc(0), password.length ? fill(password) : Buffer.alloc(0)]);
  const out: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash(digest).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(digest).update(A).digest();
    out.push(A);
    const B = fill(A).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}
