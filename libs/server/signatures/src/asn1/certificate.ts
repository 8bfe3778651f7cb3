import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, ExtendedKeyUsage, KeyUsage, KeyUsageFlags } from '@peculiar/asn1-x509';
import { X509Certificate } from 'node:crypto';
import { childrenOf, DerError, readTlv } from './der';
import { DerNode } from './der-read';
import { OID } from './oids';

/**
 * An X.509 certificate as the signing code needs it: Node's object (validity, names, issuer checks, signature
 * checks) plus what Node does not expose — the issuer's and serial number's DER and the key usage bits.
 */
export class Cert {
  readonly x509: X509Certificate;
  readonly der: Buffer;
  private readonly parsed: Certificate;

  constructor(der: Uint8Array) {
    this.der = Buffer.from(der);
    this.x509 = new X509Certificate(this.der);
    this.parsed = AsnConvert.parse(this.der, Certificate);
  }

  static fromPem(pem: string): Cert[] {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((b) => new Cert(Buffer.from(b.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64')));
  }

  get subject(): string {
    return this.x509.subject;
  }

  /** The subject's common name (the person or organisation), else the whole subject. */
  get commonName(): string {
    return attribute(this.x509.subject, 'CN') ?? this.x509.subject.replace(/\n/g, ', ');
  }

  get organisation(): string | null {
    return attribute(this.x509.subject, 'O');
  }

  get issuerName(): string {
    return attribute(this.x509.issuer, 'CN') ?? this.x509.issuer.replace(/\n/g, ', ');
  }

  get notBefore(): Date {
    return new Date(this.x509.validFrom);
  }

  get notAfter(): Date {
    return new Date(this.x509.validTo);
  }

  get serialHex(): string {
    return this.x509.serialNumber.toLowerCase();
  }

  get fingerprint256(): string {
    return this.x509.fingerprint256.replace(/:/g, '').toLowerCase();
  }

  validAt(at: Date): boolean {
    return at >= this.notBefore && at <= this.notAfter;
  }

  /** The key usage bits, or null when the certificate does not restrict them. */
  keyUsage(): number | null {
    const ext = this.parsed.tbsCertificate.extensions?.find((e) => e.extnID === OID.keyUsage);
    return ext ? AsnConvert.parse(ext.extnValue, KeyUsage).toNumber() : null;
  }

  /** May this certificate sign documents (digitalSignature or nonRepudiation, or no restriction)? */
  maySignDocuments(): boolean {
    const usage = this.keyUsage();
    return usage === null || (usage & (KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)) !== 0;
  }

  subjectKeyIdentifier(): Buffer | null {
    const ext = this.parsed.tbsCertificate.extensions?.find((e) => e.extnID === '2.5.29.14');
    return ext ? DerNode.parse(new Uint8Array(ext.extnValue.buffer)).content : null;
  }

  extendedKeyUsage(): string[] | null {
    const ext = this.parsed.tbsCertificate.extensions?.find((e) => e.extnID === OID.extKeyUsage);
    return ext ? [...AsnConvert.parse(ext.extnValue, ExtendedKeyUsage)] : null;
  }

  /** The DER of the issuer Name and of the serial INTEGER, as IssuerAndSerialNumber needs them. */
  issuerAndSerialParts(): { issuer: Buffer; serial: Buffer } {
    const cert = readTlv(this.der, 0);
    const tbs = childrenOf(this.der, readTlv(this.der, cert.body));
    const fields = tbs[0].tag === 0xa0 ? tbs.slice(1) : tbs;
    if (fields.length < 3 || fields[0].tag !== 0x02) throw new DerError('not a certificate');
    return { serial: Buffer.from(this.der.subarray(fields[0].start, fields[0].end)), issuer: Buffer.from(this.der.subarray(fields[2].start, fields[2].end)) };
  }

  /** Did `issuer` issue this certificate (names match and its key verifies the signature)? */
  issuedBy(issuer: Cert): boolean {
    return this.x509.checkIssued(issuer.x509) && this.x509.verify(issuer.x509.publicKey);
  }

  get isCa(): boolean {
    return this.x509.ca;
  }

  get selfIssued(): boolean {
    return this.x509.subject === this.x509.issuer;
  }
}

/** One attribute of Node's multi-line distinguished name ("CN=…\nO=…"). */
function attribute(dn: string, key: string): string | null {
  for (const line of dn.split('\n')) {
    const eq = line.indexOf('=');
    // RFC 2253 escapes (a comma in a name is written "\\,").
    if (eq > 0 && line.slice(0, eq) === key) return line.slice(eq + 1).replace(/\\(.)/g, '$1');
  }
  return null;
}
