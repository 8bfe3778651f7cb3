import { DerError } from '../asn1/der';
import { DerNode } from '../asn1/der-read';
import { OID } from '../asn1/oids';

/** One signer of a CMS SignedData, with the exact bytes its signature covers. */
export interface ParsedSigner {
  /** IssuerAndSerialNumber as DER parts, or a subject key identifier. */
  sid: { issuer: Buffer; serial: Buffer } | { keyId: Buffer };
  digestAlgorithm: string;
  /** The signed attributes re-tagged as the SET OF the signature was computed over (RFC 5652 §5.4). */
  signedAttrsDer: Buffer | null;
  /** attribute type → DER of each value */
  signedAttrs: Map<string, Buffer[]>;
  signatureAlgorithm: string;
  /** DER of the algorithm parameters (RSA-PSS needs them), or null. */
  signatureParams: Buffer | null;
  signature: Buffer;
  unsignedAttrs: Map<string, Buffer[]>;
}

export interface ParsedSignedData {
  eContentType: string;
  /** Encapsulated content (timestamp tokens carry their TSTInfo here); null when detached (PDF signatures). */
  eContent: Buffer | null;
  certificates: Buffer[];
  signers: ParsedSigner[];
}

/** Reads a ContentInfo holding a SignedData. Throws DerError on anything else. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const contentInfo = DerNode.parse(der);
  if (contentInfo.child(0).oid() !== OID.signedData) throw new DerError('not a SignedData');
  const signedData = contentInfo.child(1, 0xa0).inner();
  const parts = signedData.children();
  const encap = parts[2];
  const eContentType = encap.child(0).oid();
  const eContentWrapper = encap.children()[1];
  const eContent = eContentWrapper ? eContentWrapper.inner().octets() : null;
  let i = 3;
  const certificates: Buffer[] = [];
  if (parts[i]?.tag === 0xa0) {
    // Only X.509 certificates (SEQUENCE); attribute and other certificates are skipped.
    for (const c of parts[i].children()) if (c.tag === 0x30) certificates.push(c.bytes);
    i++;
  }
  if (parts[i]?.tag === 0xa1) i++; // revocation data: not used for validation here
  const signerInfos = parts[i];
  if (!signerInfos || signerInfos.tag !== 0x31) throw new DerError('no signerInfos');
  return { eContentType, eContent, certificates, signers: signerInfos.children().map(parseSigner) };
}

function parseSigner(node: DerNode): ParsedSigner {
  const parts = node.children();
  const sidNode = parts[1];
  const sid = sidNode.tag === 0x30 ? { issuer: sidNode.child(0).bytes, serial: sidNode.child(1).bytes } : { keyId: sidNode.content };
  const digestAlgorithm = parts[2].child(0).oid();
  let i = 3;
  let signedAttrsDer: Buffer | null = null;
  let signedAttrs = new Map<string, Buffer[]>();
  if (parts[i].tag === 0xa0) {
    signedAttrsDer = parts[i].bytes;
    signedAttrsDer[0] = 0x31;
    signedAttrs = attributes(parts[i]);
    i++;
  }
  const sigAlg = parts[i++];
  const signatureParams = sigAlg.children()[1] ?? null;
  const signature = parts[i++].octets();
  const unsignedAttrs = parts[i]?.tag === 0xa1 ? attributes(parts[i]) : new Map<string, Buffer[]>();
  return {
    sid,
    digestAlgorithm,
    signedAttrsDer,
    signedAttrs,
    signatureAlgorithm: sigAlg.child(0).oid(),
    signatureParams: signatureParams && signatureParams.tag !== 0x05 ? signatureParams.bytes : null,
    signature,
    unsignedAttrs,
  };
}

function attributes(set: DerNode): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  for (const attr of set.children()) {
    const type = attr.child(0).oid();
    out.set(type, [...(out.get(type) ?? []), ...attr.child(1, 0x31).children().map((v) => v.bytes)]);
  }
  return out;
}
