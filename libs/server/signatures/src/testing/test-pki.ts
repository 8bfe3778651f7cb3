import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away certification authority made with the openssl command, for tests: real keys and certificates
 * (RSA or EC, Vietnamese names, any validity period, with or without signing key usage), PKCS#12 files and a
 * timestamp authority's certificate. Nothing here is used by the server.
 */
export interface TestIdentity {
  name: string;
  /** PEM files. */
  certFile: string;
  keyFile: string;
  certPem: string;
  /** A PKCS#12 with the key, the certificate and the CA (OpenSSL 3 defaults: PBES2/AES; `legacy`: 3DES/RC2). */
  p12(password: string, opts?: { legacy?: boolean; withCa?: boolean }): Buffer;
}

export interface IssueOptions {
  /** Subject common name (the person or organisation). */
  cn: string;
  o?: string;
  title?: string;
  ec?: boolean;
  /** openssl keyUsage value; default "critical, digitalSignature, nonRepudiation". Null leaves the extension out. */
  keyUsage?: string | null;
  extendedKeyUsage?: string;
  /** Validity as openssl ca dates (YYYYMMDDHHMMSSZ); default: yesterday to in two years. */
  startDate?: string;
  endDate?: string;
}

export class TestPki {
  readonly dir: string;
  readonly caCertFile: string;
  readonly caKeyFile: string;
  private count = 0;

  private constructor(
    dir: string,
    readonly caName: string,
  ) {
    this.dir = dir;
    this.caCertFile = join(dir, 'ca.pem');
    this.caKeyFile = join(dir, 'ca.key');
  }

  /** A new CA in a new temporary folder (`dispose` removes it). */
  static create(caName = 'Phonghop Test Root CA'): TestPki {
    const pki = new TestPki(mkdtempSync(join(tmpdir(), 'phonghop-pki-')), caName);
    pki.init();
    return pki;
  }

  get caPem(): string {
    return readFileSync(this.caCertFile, 'utf8');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  issue(opts: IssueOptions): TestIdentity {
    const id = `id${++this.count}`;
    const keyFile = join(this.dir, `${id}.key`);
    const csr = join(this.dir, `${id}.csr`);
    const certFile = join(this.dir, `${id}.pem`);
    const ext = join(this.dir, `${id}.ext`);
    this.genKey(keyFile, opts.ec);
    const subject = [opts.o ? `/O=${opts.o}` : '', opts.title ? `/title=${opts.title}` : '', `/CN=${opts.cn}`].join('');
    openssl(['req', '-new', '-utf8', '-key', keyFile, '-subj', subject, '-out', csr]);
    const keyUsage = opts.keyUsage === undefined ? 'critical, digitalSignature, nonRepudiation' : opts.keyUsage;
    writeFileSync(
      ext,
      ['[ leaf ]', 'basicConstraints = CA:FALSE', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid', keyUsage ? `keyUsage = ${keyUsage}` : '', opts.extendedKeyUsage ? `extendedKeyUsage = ${opts.extendedKeyUsage}` : '']
        .filter(Boolean)
        .join('\n'),
    );
    const day = 86_400_000;
    const start = opts.startDate ?? caDate(new Date(Date.now() - day));
    const end = opts.endDate ?? caDate(new Date(Date.now() + 730 * day));
    openssl(['ca', '-batch', '-config', join(this.dir, 'ca.cnf'), '-in', csr, '-out', certFile, '-notext', '-utf8', '-preserveDN', '-startdate', start, '-enddate', end, '-extfile', ext, '-extensions', 'leaf']);
    const certPem = readFileSync(certFile, 'utf8');
    return {
      name: opts.cn,
      certFile,
      keyFile,
      certPem,
      p12: (password, p = {}) => {
        const out = join(this.dir, `${id}-${++this.count}.p12`);
        const args = ['pkcs12', '-export', '-inkey', keyFile, '-in', certFile, '-passout', 'env:PHONGHOP_TEST_P12', '-out', out];
        if (p.withCa !== false) args.push('-certfile', this.caCertFile);
        if (p.legacy) args.push('-legacy');
        openssl(args, { PHONGHOP_TEST_P12: password });
        return readFileSync(out);
      },
    };
  }

  /** A timestamp authority's certificate (extended key usage timeStamping, critical), as RFC 3161 requires. */
  issueTsa(cn = 'Phonghop Test TSA'): TestIdentity {
    return this.issue({ cn, keyUsage: 'critical, digitalSignature', extendedKeyUsage: 'critical, timeStamping' });
  }

  private init(): void {
    mkdirSync(join(this.dir, 'newcerts'));
    writeFileSync(join(this.dir, 'index.txt'), '');
    writeFileSync(join(this.dir, 'serial'), '1000\n');
    writeFileSync(
      join(this.dir, 'ca.cnf'),
      [
        '[ ca ]',
        'default_ca = test_ca',
        '[ test_ca ]',
        `dir = ${this.dir}`,
        'database = $dir/index.txt',
        'new_certs_dir = $dir/newcerts',
        'serial = $dir/serial',
        'certificate = $dir/ca.pem',
        'private_key = $dir/ca.key',
        'default_md = sha256',
        'policy = policy_any',
        'email_in_dn = no',
        'unique_subject = no',
        'copy_extensions = none',
        '[ policy_any ]',
        'countryName = optional',
        'organizationName = optional',
        'title = optional',
        'commonName = supplied',
        '[ req ]',
        'distinguished_name = dn',
        '[ dn ]',
        '[ v3_ca ]',
        'basicConstraints = critical, CA:TRUE',
        'keyUsage = critical, keyCertSign, cRLSign',
        'subjectKeyIdentifier = hash',
      ].join('\n'),
    );
    this.genKey(this.caKeyFile);
    openssl(['req', '-x509', '-new', '-utf8', '-config', join(this.dir, 'ca.cnf'), '-extensions', 'v3_ca', '-key', this.caKeyFile, '-subj', `/C=VN/O=Phonghop Test/CN=${this.caName}`, '-days', '3650', '-out', this.caCertFile]);
  }

  private genKey(file: string, ec = false): void {
    openssl(['genpkey', '-algorithm', ec ? 'EC' : 'RSA', '-pkeyopt', ec ? 'ec_paramgen_curve:P-256' : 'rsa_keygen_bits:2048', '-out', file]);
  }
}

/** openssl ca's date format. */
export function caDate(d: Date): string {
  return `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

export function openssl(args: string[], env: Record<string, string> = {}, input?: Buffer): Buffer {
  return execFileSync('openssl', args, { env: { ...process.env, ...env }, input, stdio: ['pipe', 'pipe', 'pipe'] });
}
