import type { Cert } from '../asn1/certificate';

export interface PathCheck {
  /** The path reaches one of the trust anchors. */
  trusted: boolean;
  /** Every certificate on the path was valid at `at`. */
  validAtTime: boolean;
  /** Signer first, anchor last (when trusted). */
  path: Cert[];
  /** The anchor's common name, when trusted. */
  anchorName: string | null;
}

const MAX_DEPTH = 8;

/**
 * Builds a path from `leaf` up to a trust anchor through the intermediate certificates given (those the
 * signature carries), checking each issuer's signature and CA flag, and each certificate's validity at `at`
 * (the signing time). Revocation is not checked: there is no network here to ask.
 */
export function checkCertificatePath(leaf: Cert, intermediates: readonly Cert[], anchors: readonly Cert[], at: Date): PathCheck {
  const path: Cert[] = [leaf];
  const isAnchor = (c: Cert) => anchors.some((a) => a.fingerprint256 === c.fingerprint256);
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (isAnchor(current)) return done(path, true, at);
    const anchor = anchors.find((a) => current.issuedBy(a));
    if (anchor) return done([...path, anchor], true, at);
    const next = intermediates.find((c) => c.isCa && !path.some((p) => p.fingerprint256 === c.fingerprint256) && current.issuedBy(c));
    if (!next) break;
    path.push(next);
    current = next;
  }
  return done(path, false, at);
}

function done(path: Cert[], trusted: boolean, at: Date): PathCheck {
  return { trusted, validAtTime: path.every((c) => c.validAt(at)), path, anchorName: trusted ? path[path.length - 1].commonName : null };
}
