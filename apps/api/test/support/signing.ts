import type { SigningRequestDto } from '@phonghop/contracts';
import { type TestIdentity, TestPki } from '@phonghop/server-signatures/testing';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, TestApp } from './test-app';

/** The national root's stand-in: the CA the test server's trust anchors hold. */
export const TEST_ROOT_CA = 'Root CA Chính phủ (thử nghiệm)';

/**
 * A throw-away CA whose certificate sits in a fresh trust-anchor folder (the server's SIGNATURE_TRUST_DIR), and a
 * second CA nobody trusts (an unknown signer's).
 */
export function trustedPki(folder = 'trust'): { pki: TestPki; stranger: TestPki; trustDir: string; dispose(): void } {
  const pki = TestPki.create(TEST_ROOT_CA);
  const stranger = TestPki.create('Unknown CA');
  const trustDir = join(pki.dir, folder);
  mkdirSync(trustDir);
  copyFileSync(pki.caCertFile, join(trustDir, 'root.pem'));
  return {
    pki,
    stranger,
    trustDir,
    dispose() {
      pki.dispose();
      stranger.dispose();
    },
  };
}

/** The organisation's key as a PKCS#12 file issued by `pki`: the server's environment for it. */
export function organisationKeyEnv(pki: TestPki, name = 'UBND tỉnh An Bình'): { SIGNING_P12_FILE: string; SIGNING_P12_PASSWORD: string } {
  const file = join(pki.dir, 'org.p12');
  const password = 'mật khẩu cơ quan';
  writeFileSync(file, pki.issue({ cn: name, o: name }).p12(password));
  return { SIGNING_P12_FILE: file, SIGNING_P12_PASSWORD: password };
}

/**
 * The desktop signing tool's part, played by scripts/test-signer.mjs with openssl and a certificate file. Run
 * asynchronously: the API answering it lives in this process. `mode` 'vgca' posts the signed PDF the way the VGCA
 * Sign Service does (multipart `uploadfile` to the FileUploadHandler).
 */
export async function testSigner(req: SigningRequestDto, who: TestIdentity, mode: 'cms' | 'vgca' = 'cms'): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const script = join(__dirname, '../../../../scripts/test-signer.mjs');
  const args = mode === 'vgca' ? ['--vgca', JSON.stringify(req.vgca), req.contentUrl, who.certFile, who.keyFile] : [req.contentUrl, req.uploadUrl, who.certFile, who.keyFile];
  const stdout = await new Promise<string>((resolve) => execFile(process.execPath, [script, ...args], (_err, out) => resolve(String(out))));
  return JSON.parse(stdout.trim().split('\n').pop() || '{}');
}

/** A PDF the API serves, read with `who`'s session. */
export async function pdfFrom(t: TestApp, who: Browser, path: string): Promise<Buffer> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie: `phonghop_session=${who.cookie}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
