import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CA and an organisation's PKCS#12 key made with the openssl command, for a server that signs. */
export interface TestSigningKeys {
  dir: string;
  /** Folder holding the CA certificate: the server's SIGNATURE_TRUST_DIR. */
  trustDir: string;
  p12File: string;
  p12Password: string;
  dispose(): void;
}

export function makeSigningKeys(organisation: string): TestSigningKeys {
  const dir = mkdtempSync(join(tmpdir(), 'phonghop-e2e-pki-'));
  const trustDir = join(dir, 'trust');
  mkdirSync(trustDir);
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-keyout', f('ca.key'), '-out', join(trustDir, 'root.pem'), '-days', '30', '-subj', '/C=VN/CN=Root CA Chính phủ (thử nghiệm)', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-keyout', f('org.key'), '-out', f('org.csr'), '-subj', `/O=${organisation}/CN=${organisation}`);
  writeFileSync(f('org.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl('x509', '-req', '-in', f('org.csr'), '-CA', join(trustDir, 'root.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '30', '-extfile', f('org.ext'), '-out', f('org.pem'));
  const p12Password = 'mật khẩu e2e';
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', f('org.key'), '-in', f('org.pem'), '-certfile', join(trustDir, 'root.pem'), '-passout', 'env:P12PASS', '-out', f('org.p12')], { env: { ...process.env, P12PASS: p12Password }, stdio: 'pipe' });
  return { dir, trustDir, p12File: f('org.p12'), p12Password, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Changes a signed PDF as an editor that saves incrementally would: a new document-information dictionary and a
 * cross-reference section after the last signature. The signed bytes stay intact; the signature no longer
 * covers the whole file. Written here by hand, independently of the server's own PDF code.
 */
export function appendEdit(pdf: Buffer, title: string): Buffer {
  const text = pdf.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const section = text.slice(prev, prev + 4096);
  const size = Number(/\/Size\s+(\d+)/.exec(section)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(section)?.[1];
  if (!size || !root) throw new Error('cannot read the last cross-reference section');
  const utf16 = Buffer.from(`\ufeff${title}`, 'utf16le').swap16().toString('hex');
  const start = pdf.length + 1;
  const object = `${size} 0 obj\n<< /Title <${utf16}> /Producer (an editor) >>\nendobj\n`;
  const xrefAt = start + Buffer.byteLength(object, 'latin1');
  const tail = `xref\n${size} 1\n${String(start).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(`\n${object}${tail}`, 'latin1')]);
}
