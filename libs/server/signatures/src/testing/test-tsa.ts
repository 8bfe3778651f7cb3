import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestIdentity, TestPki } from './test-pki';

/**
 * An RFC 3161 timestamp authority on 127.0.0.1 for tests: each POSTed query is answered by `openssl ts -reply`
 * with a certificate from the test CA. `requests` counts what it answered.
 */
export class TestTsa {
  requests = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly identity: TestIdentity,
  ) {}

  static async start(pki: TestPki, identity = pki.issueTsa()): Promise<TestTsa> {
    const config = join(pki.dir, 'tsa.cnf');
    writeFileSync(
      config,
      [
        '[ tsa ]',
        'default_tsa = tsa_config',
        '[ tsa_config ]',
        `serial = ${join(pki.dir, 'tsaserial')}`,
        'crypto_device = builtin',
        `signer_cert = ${identity.certFile}`,
        `certs = ${pki.caCertFile}`,
        `signer_key = ${identity.keyFile}`,
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.1',
        'digests = sha256, sha384, sha512',
        'accuracy = secs:1',
        'ordering = no',
        'tsa_name = no',
        'ess_cert_id_chain = no',
        'ess_cert_id_alg = sha256',
      ].join('\n'),
    );
    const holder: { tsa?: TestTsa } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void reply(pki, config, Buffer.concat(chunks)).then(
          (answer) => {
            if (holder.tsa) holder.tsa.requests++;
            res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(answer);
          },
          () => res.writeHead(500).end(),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const tsa = new TestTsa(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`, identity);
    holder.tsa = tsa;
    return tsa;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function reply(pki: TestPki, config: string, query: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(join(pki.dir, 'ts-'));
  try {
    await writeFile(join(dir, 'q.der'), query);
    await new Promise<void>((resolve, reject) =>
      execFile('openssl', ['ts', '-reply', '-config', config, '-queryfile', join(dir, 'q.der'), '-out', join(dir, 'r.der')], (err) => (err ? reject(err) : resolve())),
    );
    return await readFile(join(dir, 'r.der'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
