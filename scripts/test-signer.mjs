#!/usr/bin/env node
// A stand-in for the desktop signing tool (and the signer's USB token) in tests and demonstrations: it fetches the
// bytes phonghop prepared for signing, signs them with openssl and a certificate file instead of a token, and posts
// the detached CMS (CAdES: signing-certificate-v2) back to the one-time upload address.
//
//   node scripts/test-signer.mjs <contentUrl> <uploadUrl> <cert.pem> <key.pem> [chain.pem]
//   node scripts/test-signer.mjs --vgca '<VGCA parameters JSON>' <contentUrl> <cert.pem> <key.pem> [chain.pem]
//
// With --vgca it talks as the VGCA Sign Service does: it downloads FileName, then posts multipart/form-data with the
// file field `uploadfile` to FileUploadHandler and reads the JSON answer {Status, Message, FileName, FileServer}.
// (The real tool posts the PDF it signed itself; openssl cannot sign a PDF, so this one posts the CMS for the field
// phonghop prepared, which the same handler takes.)
//
// Prints the server's answer as JSON ({"status":201,...}); exits 0 when the signature was accepted, 1 otherwise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const vgca = argv[0] === '--vgca' ? JSON.parse(argv.splice(0, 2)[1]) : null;
const [contentUrl, uploadArg, ...rest] = argv;
const [uploadUrl, certFile, keyFile, chainFile] = vgca ? [vgca.FileUploadHandler, uploadArg, ...rest] : [uploadArg, ...rest];
if (!contentUrl || !uploadUrl || !certFile || !keyFile) {
  process.stderr.write("usage: test-signer.mjs <contentUrl> <uploadUrl> <cert.pem> <key.pem> [chain.pem]\n       test-signer.mjs --vgca '<params JSON>' <contentUrl> <cert.pem> <key.pem> [chain.pem]\n");
  process.exit(2);
}

/** Prints the answer and ends. */
async function answer(res, accepted) {
  process.stdout.write(`${JSON.stringify({ status: res.status, body: await res.json().catch(() => null) })}\n`);
  process.exit(accepted ? 0 : 1);
}

const dir = mkdtempSync(join(tmpdir(), 'test-signer-'));
try {
  if (vgca) {
    // The tool first downloads the document it is asked to sign.
    const document = await fetch(vgca.FileName);
    if (!document.ok) await answer(document, false);
    if ((await document.arrayBuffer()).byteLength < 5) throw new Error('not a PDF');
  }
  const fetched = await fetch(contentUrl);
  if (!fetched.ok) await answer(fetched, false);
  const content = join(dir, 'content.bin');
  writeFileSync(content, Buffer.from(await fetched.arrayBuffer()));
  const args = ['cms', '-sign', '-binary', '-cades', '-nosmimecap', '-md', 'sha256', '-in', content, '-signer', certFile, '-inkey', keyFile, '-outform', 'DER', '-out', join(dir, 'sig.der')];
  if (chainFile) args.push('-certfile', chainFile);
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const signature = readFileSync(join(dir, 'sig.der'));
  if (vgca) {
    const form = new FormData();
    form.append('uploadfile', new Blob([signature], { type: 'application/pkcs7-signature' }), 'signature.p7s');
    const res = await fetch(uploadUrl, { method: 'POST', body: form });
    const body = await res.clone().json().catch(() => null);
    await answer(res, res.status === 200 && body?.Status === 0);
  }
  const res = await fetch(uploadUrl, { method: 'POST', headers: { 'content-type': 'application/pkcs7-signature' }, body: signature });
  await answer(res, res.status === 201);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
