import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Cert } from '../asn1/certificate';

/** Certificate files the operator may drop into the trust folder: PEM (one or many) or DER. */
const CERT_FILE = /\.(pem|crt|cer|der)$/i;

/**
 * The certificates the operator trusts (e.g. the national root CA and its subordinate CAs), read from a folder.
 * Re-read when the folder changes, so installing a CA certificate needs no restart.
 */
export class TrustAnchors {
  private cached: { stamp: string; certs: Cert[]; problems: string[] } | undefined;

  constructor(readonly dir: string | undefined) {}

  /** The anchors now, and the files that could not be read (for the operator's log). */
  async load(): Promise<{ certs: Cert[]; problems: string[] }> {
    if (!this.dir) return { certs: [], problems: [] };
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => CERT_FILE.test(n)).sort();
    } catch (err) {
      return { certs: [], problems: [`${this.dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`] };
    }
    const stats = await Promise.all(names.map((n) => stat(join(this.dir ?? '', n)).catch(() => null)));
    const stamp = names.map((n, i) => `${n}:${stats[i]?.mtimeMs ?? 0}:${stats[i]?.size ?? 0}`).join('|');
    if (this.cached?.stamp === stamp) return this.cached;
    const certs: Cert[] = [];
    const problems: string[] = [];
    for (const name of names) {
      try {
        const bytes = await readFile(join(this.dir, name));
        const text = bytes.toString('latin1');
        const found = text.includes('-----BEGIN CERTIFICATE-----') ? Cert.fromPem(text) : [new Cert(bytes)];
        if (found.length === 0) problems.push(`${name}: no certificate`);
        certs.push(...found);
      } catch (err) {
        problems.push(`${name}: ${(err as Error).message}`);
      }
    }
    this.cached = { stamp, certs, problems };
    return this.cached;
  }
}
