import { createHash } from 'node:crypto';
import type { Cert } from '../asn1/certificate';
import { algorithm, explicit, implicitConstructed, integer, octetString, oid, sequence, setOf, tlv } from '../asn1/der';
import { OID } from '../asn1/oids';
import type { SigningKey } from '../keys/signing-key';

/** Obtains an RFC 3161 token (a ContentInfo) over the given bytes: the signature value, for B-T. */
export type TimestampSource = (signatureValue: Buffer) => Promise<Buffer>;

/**
 * The signed attributes of PAdES baseline B-B (ETSI EN 319 142-1 §5.3): content type, message digest and
 * signing-certificate-v2. No signing-time attribute: the time is the signature dictionary's /M.
 */
export function padesSignedAttributes(digest: Buffer, signer: Cert): Buffer {
  const attribute = (type: string, value: Buffer) => sequence(oid(type), setOf(value));
  const { issuer, serial } = signer.issuerAndSerialParts();
  // ESSCertIDv2 with SHA-256, the DEFAULT hash algorithm, which DER leaves out; IssuerSerial names the issuer as a
  // directoryName GeneralName ([4], explicit because Name is a CHOICE).
  const essCertId = sequence(octetString(createHash('sha256').update(signer.der).digest()), sequence(sequence(explicit(4, issuer)), serial));
  return setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(digest)),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertId))),
  );
}

export interface CmsParts {
  signer: Cert;
  certificates: Cert[];
  keyType: 'rsa' | 'ec';
  /** The DER SET OF the signature was computed over. */
  signedAttributes: Buffer;
  signature: Buffer;
  timestampToken?: Buffer;
}

/** A detached CMS SignedData (RFC 5652) with one signer identified by issuer and serial number. */
export function assembleCms(parts: CmsParts): Buffer {
  const { issuer, serial } = parts.signer.issuerAndSerialParts();
  const signatureAlgorithm = parts.keyType === 'rsa' ? algorithm(OID.sha256WithRsa, true) : algorithm(OID.ecdsaSha256);
  const unsigned = parts.timestampToken ? [tlv(0xa1, sequence(oid(OID.signatureTimeStampToken), setOf(parts.timestampToken)))] : [];
  const signerInfo = sequence(
    integer(1),
    sequence(issuer, serial),
    algorithm(OID.sha256),
    implicitConstructed(0, parts.signedAttributes),
    signatureAlgorithm,
    octetString(parts.signature),
    ...unsigned,
  );
  const certificates = tlv(0xa0, ...parts.certificates.map((c) => c.der));
  const signedData = sequence(integer(1), setOf(algorithm(OID.sha256)), sequence(oid(OID.data)), certificates, setOf(signerInfo));
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

/** Signs the digest of a PDF's byte ranges with `key`: a PAdES B-B CMS, or B-T when a timestamp source is given. */
export async function padesCms(digest: Buffer, key: SigningKey, timestamp?: TimestampSource): Promise<Buffer> {
  const signer = key.chain[0];
  const signedAttributes = padesSignedAttributes(digest, signer);
  const signature = await key.sign(signedAttributes);
  const timestampToken = timestamp ? await timestamp(signature) : undefined;
  return assembleCms({ signer, certificates: key.chain, keyType: key.keyType, signedAttributes, signature, timestampToken });
}
