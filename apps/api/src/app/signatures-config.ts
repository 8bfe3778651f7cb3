import type { OrganisationKeyConfig, SignaturesOptions } from '@phonghop/server-signatures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, ConfigError } from './config';

/** A secret given directly or in a file (one line; the trailing newline is not part of it). */
function secret(value: string | undefined, file: string | undefined, name: string): string {
  if (value !== undefined) return value;
  if (!file) throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n  ${name} or ${name}_FILE is needed`);
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n  ${name}_FILE ${file}: ${(err as NodeJS.ErrnoException).code}`);
  }
}

/** The signing and verification settings: at most one organisation key, a TSA, the trust anchors' folder. */
export function signaturesOptions(config: AppConfig): SignaturesOptions {
  if (config.SIGNING_P12_FILE && config.SIGNING_PKCS11_MODULE) {
    throw new ConfigError('Cấu hình không hợp lệ (invalid configuration):\n  SIGNING_P12_FILE and SIGNING_PKCS11_MODULE: choose one organisation key');
  }
  let organisationKey: OrganisationKeyConfig | undefined;
  if (config.SIGNING_P12_FILE) {
    organisationKey = { kind: 'pkcs12', file: config.SIGNING_P12_FILE, password: secret(config.SIGNING_P12_PASSWORD, config.SIGNING_P12_PASSWORD_FILE, 'SIGNING_P12_PASSWORD') };
  } else if (config.SIGNING_PKCS11_MODULE) {
    organisationKey = {
      kind: 'pkcs11',
      module: config.SIGNING_PKCS11_MODULE,
      tokenLabel: config.SIGNING_PKCS11_TOKEN_LABEL,
      keyLabel: config.SIGNING_PKCS11_KEY_LABEL,
      pin: secret(config.SIGNING_PKCS11_PIN, config.SIGNING_PKCS11_PIN_FILE, 'SIGNING_PKCS11_PIN'),
    };
  }
  return {
    dataDir: config.DATA_DIR,
    organisationKey,
    chainFile: config.SIGNING_CHAIN_FILE,
    tsaUrl: config.SIGNING_TSA_URL,
    trustDir: config.SIGNATURE_TRUST_DIR ?? join(config.DATA_DIR, 'trust-anchors'),
    fontFile: config.SIGNATURE_FONT_FILE,
  };
}
