#!/usr/bin/env node
// A stand-in for the desktop signing tool (and the signer's USB token) in tests and demonstrations: it fetches the
// bytes phonghop prepared for signing, signs them with openssl and a certificate file instead of a token, and posts
// the detached CMS (CAdES: signing-certificate-v2) back to the one-time upload address.
//
//   node scripts/test-signer.mjs <contentUrl> <uploadUrl> <cert.pem> <key.pem> [chain.pem]
//
// Prints the server's answer as JSON ({"status":201,...}); exits 0 when the signature was accepted, 1 otherwise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [contentUrl, uploadUrl, certFile, keyFile, chainFile] = process.argv.slice(2);
if (!contentUrl || !uploadUrl || !certFile || !keyFile) {
  process.stderr.write('usage: test-signer.mjs <contentUrl> <uploadUrl> <cert.pem> <key.pem> [chain.pem]\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'test-signer-'));
try {
  const fetched = await fetch(contentUrl);
  if (!fetched.ok) {
    process.stdout.write(`${JSON.stringify({ status: fetched.status, body: await fetched.json().catch(() => null) })}\n`);
    process.exit(1);
  }
  const content = join(dir, 'content.bin');
  writeFileSync(content, Buffer.from(await fetched.arrayBuffer()));
  const args = ['cms', '-sign', '-binary', '-cades', '-nosmimecap', '-md', 'sha256', '-in', content, '-signer', certFile, '-inkey', keyFile, '-outform', 'DER', '-out', join(dir, 'sig.der')];
  if (chainFile) args.push('-certfile', chainFile);
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const res = await fetch(uploadUrl, { method: 'POST', headers: { 'content-type': 'application/pkcs7-signature' }, body: readFileSync(join(dir, 'sig.der')) });
  process.stdout.write(`${JSON.stringify({ status: res.status, body: await res.json().catch(() => null) })}\n`);
  process.exit(res.status === 201 ? 0 : 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
