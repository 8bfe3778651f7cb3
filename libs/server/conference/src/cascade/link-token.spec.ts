import { LINK_TOKEN_SKEW_MS, signLinkToken, verifyLinkToken } from './link-token';

describe('cascade link token', () => {
  const secrets = new Map([
    ['huyen-phuloc', 'a-long-shared-secret-of-phu-loc-district-0001'],
    ['huyen-phuvang', 'another-secret-for-phu-vang-district-000002'],
  ]);
  const now = 1_800_000_000_000;

  it('names the server whose secret signed it', () => {
    expect(verifyLinkToken(signLinkToken('huyen-phuloc', secrets.get('huyen-phuloc') as string, now), secrets, now + 1000)).toBe('huyen-phuloc');
  });

  it('refuses a token signed with another server’s secret, an unknown server, a forged or stale one', () => {
    const wrongSecret = signLinkToken('huyen-phuloc', secrets.get('huyen-phuvang') as string, now);
    expect(verifyLinkToken(wrongSecret, secrets, now)).toBeNull();
    expect(verifyLinkToken(signLinkToken('huyen-la', 'whatever-secret-of-someone-else-000000', now), secrets, now)).toBeNull();
    const good = signLinkToken('huyen-phuloc', secrets.get('huyen-phuloc') as string, now);
    // The same signature cannot be reused under another name or time.
    expect(verifyLinkToken({ ...good, server: 'huyen-phuvang' }, secrets, now)).toBeNull();
    expect(verifyLinkToken({ ...good, ts: now + 1 }, secrets, now)).toBeNull();
    expect(verifyLinkToken(good, secrets, now + LINK_TOKEN_SKEW_MS + 1)).toBeNull();
    expect(verifyLinkToken(good, secrets, now - LINK_TOKEN_SKEW_MS - 1)).toBeNull();
  });

  it('refuses malformed tokens without throwing', () => {
    for (const bad of [undefined, null, 'x', 42, {}, { server: 'huyen-phuloc', ts: '1', sig: 'x' }, { server: 'huyen-phuloc', ts: now, sig: '' }]) {
      expect(verifyLinkToken(bad, secrets, now)).toBeNull();
    }
  });
});
