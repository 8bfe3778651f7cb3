import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkcs11js from 'pkcs11js';
import { Cert } from '../asn1/certificate';
import type { TestIdentity, TestPki } from './test-pki';

/** Debian's SoftHSM (package softhsm2): a software PKCS#11 token standing in for a USB token or an HSM. */
export const SOFTHSM_MODULE = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'].find((p) => existsSync(p)) ?? '/usr/lib/softhsm/libsofthsm2.so';

export interface TestToken {
  module: string;
  tokenLabel: string;
  pin: string;
  keyLabel: string;
}

/**
 * A fresh SoftHSM token in the PKI's folder holding `identity`'s key and certificate (same CKA_ID), as a CA
 * delivers a token. Sets SOFTHSM2_CONF for this process (SoftHSM reads it when the module starts).
 */
export function softHsmToken(pki: TestPki, identity: TestIdentity, tokenLabel = 'phonghop-test', pin = '246810'): TestToken {
  const dir = join(pki.dir, 'softhsm');
  mkdirSync(join(dir, 'tokens'), { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  // SoftHSM reads SOFTHSM2_CONF from the real environment when the module starts. Jest gives each test file a copy
  // of process.env, so assigning to it would not reach the module; process.loadEnvFile sets the real variable.
  const envFile = join(dir, 'softhsm.env');
  writeFileSync(envFile, `SOFTHSM2_CONF=${conf}\n`);
  process.loadEnvFile(envFile);
  process.env['SOFTHSM2_CONF'] = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--so-pin', '13579', '--pin', pin], { env, stdio: 'pipe' });
  const keyLabel = 'org-signing-key';
  execFileSync('softhsm2-util', ['--import', identity.keyFile, '--token', tokenLabel, '--label', keyLabel, '--id', '01', '--pin', pin], { env, stdio: 'pipe' });

  const cert = Cert.fromPem(identity.certPem)[0];
  const lib = new pkcs11js.PKCS11();
  lib.load(SOFTHSM_MODULE);
  lib.C_Initialize();
  try {
    const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === tokenLabel);
    if (!slot) throw new Error('the new token is not there');
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    lib.C_Login(session, pkcs11js.CKU_USER, pin);
    lib.C_CreateObject(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_LABEL, value: keyLabel },
      { type: pkcs11js.CKA_ID, value: Buffer.from([1]) },
      { type: pkcs11js.CKA_SUBJECT, value: subjectDer(cert) },
      { type: pkcs11js.CKA_VALUE, value: cert.der },
    ]);
    lib.C_Logout(session);
    lib.C_CloseSession(session);
  } finally {
    lib.C_Finalize();
  }
  return { module: SOFTHSM_MODULE, tokenLabel, pin, keyLabel };
}

/** The subject Name's DER (CKA_SUBJECT), from the certificate. */
function subjectDer(cert: Cert): Buffer {
  const { issuer } = cert.issuerAndSerialParts();
  // The subject follows issuer and validity in the TBSCertificate.
  const der = cert.der;
  let pos = der.indexOf(issuer) + issuer.length;
  const skip = () => {
    const len = der[pos + 1] & 0x80 ? der.readUIntBE(pos + 2, der[pos + 1] & 0x7f) + 2 + (der[pos + 1] & 0x7f) : der[pos + 1] + 2;
    const out = der.subarray(pos, pos + len);
    pos += len;
    return out;
  };
  skip(); // validity
  return Buffer.from(skip());
}
