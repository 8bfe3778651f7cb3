export const SIGNATURES_OPTIONS = Symbol('SIGNATURES_OPTIONS');

/** Where the organisation's signing key lives: a PKCS#12 file, or a PKCS#11 token/HSM. Secrets are never logged. */
export type OrganisationKeyConfig =
  | { kind: 'pkcs12'; file: string; password: string }
  | { kind: 'pkcs11'; module: string; tokenLabel?: string; pin: string; keyLabel?: string };

export interface SignaturesOptions {
  /** DATA_DIR: signed files are kept below it (signed/). */
  dataDir: string;
  organisationKey?: OrganisationKeyConfig;
  /** PEM file with the certificates completing the organisation key's chain (intermediate CAs). */
  chainFile?: string;
  /** RFC 3161 timestamp authority: signatures become PAdES B-T. */
  tsaUrl?: string;
  /** Folder of trusted CA certificates (PEM or DER), e.g. the national root CA. */
  trustDir?: string;
  /** A TrueType font with Vietnamese letters for visible signature blocks. */
  fontFile?: string;
}

export const DEFAULT_SIGNATURE_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
