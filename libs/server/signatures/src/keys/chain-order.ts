import type { Cert } from '../asn1/certificate';

/** `first`, then its issuer among `pool`, then that one's issuer, …; certificates that fit nowhere are dropped. */
export function orderChain(first: Cert, pool: readonly Cert[]): Cert[] {
  const chain = [first];
  const rest = pool.filter((c) => c.fingerprint256 !== first.fingerprint256);
  for (let current = first; !current.selfIssued; ) {
    const issuer = rest.find((c) => !chain.includes(c) && current.issuedBy(c));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}
