import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ErrorCode } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { readFile } from 'node:fs/promises';
import { Cert } from '../asn1/certificate';
import { checkSigningCertificate } from '../keys/key-checks';
import { openPkcs11Key } from '../keys/pkcs11-key';
import { pkcs12SigningKey, readPkcs12 } from '../keys/pkcs12';
import { type SigningKey, SigningKeyError, type SigningKeyProblem } from '../keys/signing-key';
import { SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';

const API_CODE: Record<SigningKeyProblem, ErrorCode> = {
  not_configured: 'SIGNING_NOT_CONFIGURED',
  wrong_password: 'SIGNING_KEY_WRONG_PASSWORD',
  certificate_expired: 'SIGNING_CERTIFICATE_EXPIRED',
  certificate_not_yet_valid: 'SIGNING_CERTIFICATE_EXPIRED',
  key_usage_missing: 'SIGNING_KEY_USAGE_MISSING',
  unreadable: 'SIGNING_KEY_UNAVAILABLE',
  no_key: 'SIGNING_KEY_UNAVAILABLE',
  key_certificate_mismatch: 'SIGNING_KEY_UNAVAILABLE',
  unsupported_algorithm: 'SIGNING_KEY_UNAVAILABLE',
  token_unavailable: 'SIGNING_KEY_UNAVAILABLE',
};

/** The API error for a key problem (the operator's explanation stays in the log). */
export function signingKeyApiError(err: SigningKeyError): ApiError {
  return new ApiError(API_CODE[err.problem], [{ field: 'organisationKey', problem: err.problem }]);
}

/**
 * The organisation's signing key, opened at start-up so a wrong password, an expired certificate or a missing
 * key usage is in the log before anyone tries to sign. A token that was not plugged in is tried again at the
 * next signing; a wrong PIN is not (tokens lock after a few wrong PINs).
 */
@Injectable()
export class OrganisationKeyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OrganisationKey');
  private key: SigningKey | undefined;
  private failure: SigningKeyError | undefined;
  private opening: Promise<SigningKey> | undefined;

  constructor(@Inject(SIGNATURES_OPTIONS) private readonly options: SignaturesOptions) {}

  get configured(): boolean {
    return !!this.options.organisationKey;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.configured) return;
    try {
      const key = await this.use();
      this.logger.log({ source: key.source, subject: key.chain[0].commonName, notAfter: key.chain[0].notAfter.toISOString() }, 'organisation signing key ready');
    } catch {
      // Logged by use(); the server runs on and signing answers with the reason.
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.key?.close?.();
    this.key = undefined;
  }

  /** The key, checked for use now; throws the ApiError a signing request answers with. */
  async use(now = new Date()): Promise<SigningKey> {
    try {
      const key = await this.open();
      checkSigningCertificate(key.chain[0], now);
      return key;
    } catch (err) {
      if (err instanceof SigningKeyError) {
        this.logger.error({ problem: err.problem, reason: err.message }, 'the organisation signing key cannot sign');
        throw signingKeyApiError(err);
      }
      throw err;
    }
  }

  private async open(): Promise<SigningKey> {
    if (this.key) return this.key;
    if (this.failure && this.failure.problem !== 'token_unavailable') throw this.failure;
    this.opening ??= this.load().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async load(): Promise<SigningKey> {
    const config = this.options.organisationKey;
    try {
      if (!config) throw new SigningKeyError('not_configured', 'no organisation signing key is configured (SIGNING_P12_FILE or SIGNING_PKCS11_MODULE)');
      const extra = this.options.chainFile ? Cert.fromPem(await readFile(this.options.chainFile, 'utf8')) : [];
      if (config.kind === 'pkcs12') {
        let bytes: Buffer;
        try {
          bytes = await readFile(config.file);
        } catch (err) {
          throw new SigningKeyError('unreadable', `the PKCS#12 file ${config.file} cannot be read (${(err as NodeJS.ErrnoException).code})`);
        }
        const contents = readPkcs12(bytes, config.password);
        const chain = [...contents.chain, ...extra.filter((c) => !contents.chain.some((k) => k.fingerprint256 === c.fingerprint256))];
        this.key = pkcs12SigningKey({ ...contents, chain }, `PKCS#12 ${config.file}`);
      } else {
        this.key = openPkcs11Key({ module: config.module, tokenLabel: config.tokenLabel, pin: config.pin, keyLabel: config.keyLabel, extraCertificates: extra });
      }
      this.failure = undefined;
      return this.key;
    } catch (err) {
      if (err instanceof SigningKeyError) this.failure = err;
      throw err;
    }
  }
}
