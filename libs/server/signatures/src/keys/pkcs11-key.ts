import { createHash, randomBytes, verify } from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import { Cert } from '../asn1/certificate';
import { integer, sequence } from '../asn1/der';
import { orderChain } from './chain-order';
import { type SigningKey, SigningKeyError } from './signing-key';

/** An organisation key on a PKCS#11 token or HSM (a VGCA USB token, an HSM, or SoftHSM in tests). */
export interface Pkcs11KeyConfig {
  /** The vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  module: string;
  /** The token's label; the first token present when left out. */
  tokenLabel?: string;
  pin: string;
  /** The private key's label (CKA_LABEL); the first private key with a certificate when left out. */
  keyLabel?: string;
  /** Certificates to complete the chain, or the signer's own when the token holds none (PEM). */
  extraCertificates?: Cert[];
}

const CKR = {
  pinIncorrect: pkcs11js.CKR_PIN_INCORRECT,
  pinLocked: 0xa4,
  alreadyLoggedIn: pkcs11js.CKR_USER_ALREADY_LOGGED_IN,
  alreadyInitialized: pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED,
};

const codeOf = (err: unknown) => (err as { code?: number }).code;

/**
 * Opens a session on the token, logs in with the PIN, finds the key and its certificate, and proves they belong
 * together with a test signature. The token signs (CKM_SHA256_RSA_PKCS, or CKM_ECDSA over a SHA-256): the key
 * never leaves it. The PIN is used once for the login and is not kept.
 */
export function openPkcs11Key(config: Pkcs11KeyConfig): SigningKey {
  const lib = new pkcs11js.PKCS11();
  try {
    lib.load(config.module);
  } catch (err) {
    throw new SigningKeyError('token_unavailable', `the PKCS#11 module ${config.module} cannot be loaded (${(err as Error).message})`);
  }
  let initialized = false;
  try {
    lib.C_Initialize();
    initialized = true;
  } catch (err) {
    if (codeOf(err) !== CKR.alreadyInitialized) throw new SigningKeyError('token_unavailable', `the PKCS#11 module does not start (${(err as Error).message})`);
  }
  const fail = (err: SigningKeyError): never => {
    if (initialized) lib.C_Finalize();
    throw err;
  };
  const slot = lib.C_GetSlotList(true).find((s) => !config.tokenLabel || lib.C_GetTokenInfo(s).label.trim() === config.tokenLabel);
  if (!slot) return fail(new SigningKeyError('token_unavailable', config.tokenLabel ? `no token labelled "${config.tokenLabel}" is present` : 'no token is present'));
  const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    lib.C_Login(session, pkcs11js.CKU_USER, config.pin);
  } catch (err) {
    const code = codeOf(err);
    if (code !== CKR.alreadyLoggedIn) {
      lib.C_CloseSession(session);
      if (code === CKR.pinIncorrect) return fail(new SigningKeyError('wrong_password', 'wrong PIN for the PKCS#11 token'));
      if (code === CKR.pinLocked) return fail(new SigningKeyError('token_unavailable', 'the PKCS#11 token PIN is locked'));
      return fail(new SigningKeyError('token_unavailable', `login to the PKCS#11 token failed (${(err as Error).message})`));
    }
  }
  try {
    const found = findKeyAndCertificate(lib, session, config);
    const key: SigningKey = {
      chain: found.chain,
      keyType: found.keyType,
      source: `PKCS#11 ${config.tokenLabel ?? 'token'}${config.keyLabel ? `/${config.keyLabel}` : ''}`,
      sign: async (data) => tokenSign(lib, session, found.handle, found.keyType, data),
      close: async () => {
        try {
          lib.C_Logout(session);
          lib.C_CloseSession(session);
        } finally {
          if (initialized) lib.C_Finalize();
        }
      },
    };
    const challenge = randomBytes(32);
    if (!verify('sha256', challenge, found.chain[0].x509.publicKey, tokenSign(lib, session, found.handle, found.keyType, challenge))) {
      throw new SigningKeyError('key_certificate_mismatch', 'the token key does not match the certificate');
    }
    return key;
  } catch (err) {
    lib.C_CloseSession(session);
    if (err instanceof SigningKeyError) return fail(err);
    return fail(new SigningKeyError('token_unavailable', `the PKCS#11 token cannot be used (${(err as Error).message})`));
  }
}

function findObjects(lib: pkcs11js.PKCS11, session: Buffer, template: pkcs11js.Template): Buffer[] {
  lib.C_FindObjectsInit(session, template);
  try {
    return lib.C_FindObjects(session, 64);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function findKeyAndCertificate(lib: pkcs11js.PKCS11, session: Buffer, config: Pkcs11KeyConfig) {
  const keyTemplate: pkcs11js.Template = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }];
  if (config.keyLabel) keyTemplate.push({ type: pkcs11js.CKA_LABEL, value: config.keyLabel });
  const extra = config.extraCertificates ?? [];
  for (const handle of findObjects(lib, session, keyTemplate)) {
    const [id, type] = lib.C_GetAttributeValue(session, handle, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_KEY_TYPE }]);
    const keyType = type.value?.readUInt32LE(0) === pkcs11js.CKK_EC ? 'ec' : 'rsa';
    const certs = findObjects(lib, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_ID, value: id.value },
    ]).map((h) => new Cert(lib.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_VALUE }])[0].value));
    const own = certs[0] ?? (config.extraCertificates ? extra[0] : undefined);
    if (own) return { handle, keyType: keyType as 'rsa' | 'ec', chain: orderChain(own, extra) };
  }
  throw new SigningKeyError('no_key', config.keyLabel ? `no private key labelled "${config.keyLabel}" with a certificate on the token` : 'no private key with a certificate on the token');
}

function tokenSign(lib: pkcs11js.PKCS11, session: Buffer, key: Buffer, keyType: 'rsa' | 'ec', data: Buffer): Buffer {
  if (keyType === 'rsa') {
    lib.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
    return Buffer.from(lib.C_Sign(session, data, Buffer.alloc(1024)));
  }
  lib.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
  const raw = Buffer.from(lib.C_Sign(session, createHash('sha256').update(data).digest(), Buffer.alloc(264)));
  // PKCS#11 returns r‖s; CMS wants ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }.
  const half = raw.length / 2;
  return sequence(integer(unsigned(raw.subarray(0, half))), integer(unsigned(raw.subarray(half))));
}

const unsigned = (b: Buffer) => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
};
