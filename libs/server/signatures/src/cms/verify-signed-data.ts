import { constants, createHash, type KeyObject, publicDecrypt, verify } from 'node:crypto';
import { Cert } from '../asn1/certificate';
import { algorithm, DerError, octetString, sequence } from '../asn1/der';
import { DerNode } from '../asn1/der-read';
import { DIGEST_BY_OID, OID } from '../asn1/oids';
import { type ParsedSigner, parseSignedData } from './signed-data';

const SIGNATURE_DIGEST: Record<string, string> = {
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
  [OID.sha1WithRsa]: 'sha1',
  [OID.ecdsaSha256]: 'sha256',
  [OID.ecdsaSha384]: 'sha384',
  [OID.ecdsaSha512]: 'sha512',
};

/** What one CMS signer proves about the content, before any question of trust. */
export interface SignerVerification {
  /** The signer's certificate, found among those the CMS carries. */
  signer: Cert | null;
  certificates: Cert[];
  /** Does the signed content digest equal the content's? */
  digestMatches: boolean;
  /** Does the signer's key verify the signature over the signed attributes (or the content)? */
  signatureValid: boolean;
  /** signing-certificate-v2 (or v1) names the signer's certificate. */
  signingCertificateBound: boolean;
  /** A signing-time attribute, which PAdES leaves out (its presence marks a plain CMS signature). */
  signingTimeAttribute: Date | null;
  signatureValue: Buffer;
  timestampToken: Buffer | null;
  eContent: Buffer | null;
  digestAlgorithm: string;
}

/**
 * Checks the first signer of a CMS SignedData: its message digest against `digestOf(algorithm)` (the detached
 * content's, or the encapsulated content's when there is one), and its signature with the key of the certificate
 * it names. Throws DerError for what is not CMS at all.
 */
export async function verifySignedData(cms: Uint8Array, digestOf?: (nodeDigest: string) => Promise<Buffer>): Promise<SignerVerification> {
  const sd = parseSignedData(cms);
  const signerInfo = sd.signers[0];
  if (!signerInfo) throw new DerError('no signer');
  const certificates = sd.certificates.flatMap((der) => {
    try {
      return [new Cert(der)];
    } catch {
      return [];
    }
  });
  const signer = certificates.find((c) => sameSigner(c, signerInfo)) ?? null;
  const digestName = DIGEST_BY_OID[signerInfo.digestAlgorithm];
  const contentDigest = digestName
    ? sd.eContent
      ? createHash(digestName).update(sd.eContent).digest()
      : digestOf
        ? await digestOf(digestName)
        : null
    : null;

  let digestMatches = false;
  let signatureValid = false;
  if (signer && contentDigest) {
    if (signerInfo.signedAttrsDer) {
      const md = signerInfo.signedAttrs.get(OID.messageDigest)?.[0];
      digestMatches = !!md && DerNode.parse(md).octets().equals(contentDigest);
      signatureValid = checkSignature(signerInfo, signer.x509.publicKey, signerInfo.signedAttrsDer, digestName);
    } else {
      // No signed attributes (old adbe.pkcs7.detached signers): the signature is over the content's digest itself.
      digestMatches = true;
      signatureValid = checkBareRsa(signerInfo, signer.x509.publicKey, signerInfo.digestAlgorithm, contentDigest);
    }
  }
  const v2 = signerInfo.signedAttrs.get(OID.signingCertificateV2)?.[0] ?? null;
  const v1 = signerInfo.signedAttrs.get(OID.signingCertificate)?.[0] ?? null;
  const time = signerInfo.signedAttrs.get(OID.signingTime)?.[0];
  return {
    signer,
    certificates,
    digestMatches,
    signatureValid,
    signingCertificateBound: !!signer && (v2 ? essBinds(v2, signer, 'sha256') : v1 ? essBinds(v1, signer, 'sha1') : false),
    signingTimeAttribute: time ? DerNode.parse(time).time() : null,
    signatureValue: signerInfo.signature,
    timestampToken: signerInfo.unsignedAttrs.get(OID.signatureTimeStampToken)?.[0] ?? null,
    eContent: sd.eContent,
    digestAlgorithm: digestName ?? signerInfo.digestAlgorithm,
  };
}

function sameSigner(cert: Cert, signer: ParsedSigner): boolean {
  if ('keyId' in signer.sid) {
    const ski = cert.subjectKeyIdentifier();
    return !!ski && ski.equals(signer.sid.keyId);
  }
  const own = cert.issuerAndSerialParts();
  return own.serial.equals(signer.sid.serial) && own.issuer.equals(signer.sid.issuer);
}

function checkSignature(signer: ParsedSigner, key: KeyObject, data: Buffer, digestName: string | undefined): boolean {
  try {
    const alg = signer.signatureAlgorithm;
    if (alg === OID.rsaPss) {
      const pss = pssParams(signer.signatureParams);
      return verify(pss.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, signer.signature);
    }
    const hash = SIGNATURE_DIGEST[alg] ?? (alg === OID.rsaEncryption || alg === OID.ecPublicKey ? digestName : undefined);
    if (!hash) return false;
    return verify(hash, data, key, signer.signature);
  } catch {
    return false;
  }
}

function checkBareRsa(signer: ParsedSigner, key: KeyObject, digestOid: string, digest: Buffer): boolean {
  try {
    const expected = sequence(algorithm(digestOid, true), octetString(digest));
    const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signer.signature);
    return recovered.equals(expected) || recovered.equals(sequence(algorithm(digestOid), octetString(digest)));
  } catch {
    return false;
  }
}

/** RSASSA-PSS-params: [0] hash (default SHA-1), [2] salt length (default 20). */
function pssParams(params: Buffer | null): { hash: string; saltLength: number } {
  let hash = 'sha1';
  let saltLength = 20;
  if (params) {
    for (const p of DerNode.parse(params).children()) {
      if (p.tag === 0xa0) hash = DIGEST_BY_OID[p.inner().child(0).oid()] ?? hash;
      if (p.tag === 0xa2) saltLength = p.inner().int();
    }
  }
  return { hash, saltLength };
}

/** Does an ESS SigningCertificate(V2) attribute's first certificate id hash to the signer's certificate? */
function essBinds(value: Buffer, signer: Cert, defaultHash: string): boolean {
  try {
    const first = DerNode.parse(value).child(0).child(0);
    const parts = first.children();
    const hasAlg = parts[0].tag === 0x30;
    const hash = hasAlg ? (DIGEST_BY_OID[parts[0].child(0).oid()] ?? '') : defaultHash;
    const certHash = (hasAlg ? parts[1] : parts[0]).octets();
    return !!hash && createHash(hash).update(signer.der).digest().equals(certHash);
  } catch {
    return false;
  }
}
