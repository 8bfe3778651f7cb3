import { clientAddressKey, delayAfter, LOGIN_FAILURES_FORGOTTEN_AFTER_MS, type LoginAdmission, type LoginAttempt, LoginThrottle } from './login-throttle';

const LIMITS = { freeFailures: 3, maxDelaySeconds: 60, accountFreeFailures: 10, accountMaxDelaySeconds: 8 };

/** A throttle on a clock the test moves. */
function throttle(limits = LIMITS, maxEntries?: number) {
  let t = 1_000_000;
  const th = new LoginThrottle(limits, () => t, maxEntries);
  return {
    th,
    advance: (ms: number) => (t += ms),
    /** One attempt that is let in and fails; returns the wait it imposes. */
    fail(account: string, address: string): number {
      return th.failed(admitted(th.admit(account, address))).waitMs;
    },
  };
}

function admitted(a: LoginAdmission): LoginAttempt {
  if (!('attempt' in a)) throw new Error(`expected to be let in, told to wait ${a.retryAfterMs} ms`);
  return a.attempt;
}

describe('delayAfter', () => {
  it('is nothing for the free failures, then 1 s doubling up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => delayAfter(n, 3, 60) / 1000)).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60]);
    expect(delayAfter(10_000, 3, 900)).toBe(900_000);
  });
});

describe('LoginThrottle', () => {
  it('lets the free failures through, then makes the address wait longer after each further failure', () => {
    const { th, advance, fail } = throttle();
    expect([fail('daibieu', '10.0.0.9'), fail('daibieu', '10.0.0.9')]).toEqual([0, 0]);
    expect(fail('daibieu', '10.0.0.9')).toBe(1000);
    expect(th.admit('daibieu', '10.0.0.9')).toEqual({ retryAfterMs: 1000 });
    advance(400);
    expect(th.admit('daibieu', '10.0.0.9')).toEqual({ retryAfterMs: 600 });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      advance(th.waitFor('daibieu', '10.0.0.9'));
      waits.push(fail('daibieu', '10.0.0.9'));
    }
    expect(waits.map((ms) => ms / 1000)).toEqual([2, 4, 8, 16, 32, 60, 60]);
  });

  it('does not slow the owner down from another address, nor other accounts from the guesser’s address', () => {
    const { th, fail } = throttle();
    for (let i = 0; i < 3; i++) fail('quantri', '203.0.113.7');
    expect(th.waitFor('quantri', '203.0.113.7')).toBeGreaterThan(0);
    expect(th.waitFor('quantri', '10.0.0.2')).toBe(0);
    th.succeeded(admitted(th.admit('quantri', '10.0.0.2')));
    expect(th.waitFor('thuky', '203.0.113.7')).toBe(0);
  });

  it('a right password clears its address; the account’s count stays', () => {
    const { th, fail } = throttle();
    fail('chutoa', '10.0.0.3');
    fail('chutoa', '10.0.0.3');
    th.succeeded(admitted(th.admit('chutoa', '10.0.0.3')));
    expect(fail('chutoa', '10.0.0.3')).toBe(0);
    expect(fail('chutoa', '10.0.0.3')).toBe(0);
    expect(fail('chutoa', '10.0.0.3')).toBe(1000);
  });

  it('has a ceiling per account over all addresses, with a short cap, that the owner also waits for', () => {
    const { th, advance, fail } = throttle();
    for (let i = 0; i < 9; i++) expect(fail('thuky', `198.51.100.${i}`)).toBe(0);
    expect(fail('thuky', '198.51.100.200')).toBe(1000);
    expect(th.admit('thuky', '10.0.0.1')).toEqual({ retryAfterMs: 1000 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      advance(th.waitFor('thuky', '10.0.0.1'));
      waits.push(fail('thuky', `198.51.101.${i}`));
    }
    expect(waits.map((ms) => ms / 1000)).toEqual([2, 4, 8, 8, 8, 8]);
    // Other accounts are untouched.
    expect(th.waitFor('daibieu', '198.51.100.1')).toBe(0);
  });

  it('counts attempts still running, so parallel requests cannot slip past the free failures', () => {
    const { th } = throttle();
    const running = [0, 1, 2].map(() => admitted(th.admit('khachmoi', '10.9.9.9')));
    expect(th.admit('khachmoi', '10.9.9.9')).toEqual({ retryAfterMs: 1000 });
    th.release(running[0]);
    const again = admitted(th.admit('khachmoi', '10.9.9.9'));
    for (const a of [again, running[1], running[2]]) th.failed(a);
    expect(th.waitFor('khachmoi', '10.9.9.9')).toBe(1000);
  });

  it('forgets wrong passwords after a day without one', () => {
    const { th, advance, fail } = throttle();
    for (let i = 0; i < 5; i++) {
      advance(th.waitFor('daibieu', '10.0.0.9'));
      fail('daibieu', '10.0.0.9');
    }
    expect(th.waitFor('daibieu', '10.0.0.9')).toBe(4000);
    advance(LOGIN_FAILURES_FORGOTTEN_AFTER_MS + 1);
    expect(th.waitFor('daibieu', '10.0.0.9')).toBe(0);
    expect(fail('daibieu', '10.0.0.9')).toBe(0);
  });

  it('an administrator’s clear lets everyone try again at once', () => {
    const { th, fail } = throttle();
    for (let i = 0; i < 10; i++) fail('quantri', `198.51.100.${i}`);
    expect(th.waitFor('quantri', '10.0.0.2')).toBeGreaterThan(0);
    expect(th.clear('quantri')).toBe(true);
    expect(th.waitFor('quantri', '10.0.0.2')).toBe(0);
    expect(th.waitFor('quantri', '198.51.100.0')).toBe(0);
    expect(th.clear('quantri')).toBe(false);
    expect(th.size()).toBe(0);
  });

  it('keeps nothing for attempts that end well, and stays within its bound under a flood of names', () => {
    const { th, fail } = throttle(LIMITS, 100);
    th.succeeded(admitted(th.admit('thuky', '10.0.0.1')));
    expect(th.size()).toBe(0);
    for (let i = 0; i < 1000; i++) fail(`khong.ton.tai.${i}`, '203.0.113.9');
    expect(th.size()).toBeLessThanOrEqual(100);
    // The most recent ones are kept.
    for (let i = 0; i < 2; i++) fail('khong.ton.tai.999', '203.0.113.9');
    expect(th.waitFor('khong.ton.tai.999', '203.0.113.9')).toBe(1000);
  });
});

describe('clientAddressKey', () => {
  it('keeps IPv4 addresses (also IPv4-mapped IPv6) and groups IPv6 by /64', () => {
    expect(clientAddressKey('10.0.0.1')).toBe('10.0.0.1');
    expect(clientAddressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientAddressKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(clientAddressKey('2001:0db8:00aa:00bb::9')).toBe('2001:db8:aa:bb::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('2001:db8::2')).toBe(clientAddressKey('2001:db8::1'));
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});

describe('LoginThrottle across API processes', () => {
  it('holds across processes that tell each other their outcomes: a guesser spread over two meets one count', () => {
    let t = 1_000_000;
    const a = new LoginThrottle(LIMITS, () => t);
    const b = new LoginThrottle(LIMITS, () => t);
    a.share((o) => b.receive(o));
    b.share((o) => a.receive(o));
    // Three free failures, alternating between the processes; the fourth attempt waits on either.
    a.failed(admitted(a.admit('daibieu', '10.0.0.9')));
    b.failed(admitted(b.admit('daibieu', '10.0.0.9')));
    a.failed(admitted(a.admit('daibieu', '10.0.0.9')));
    expect(b.admit('daibieu', '10.0.0.9')).toEqual({ retryAfterMs: 1000 });
    expect(a.admit('daibieu', '10.0.0.9')).toEqual({ retryAfterMs: 1000 });
    // The right password on one process clears the address on both; an administrator's clear too.
    t += 1000;
    b.succeeded(admitted(b.admit('daibieu', '10.0.0.9')));
    expect(a.waitFor('daibieu', '10.0.0.9')).toBe(0);
    for (let i = 0; i < 3; i++) a.failed(admitted(a.admit('thuky', '10.0.0.7')));
    expect(b.waitFor('thuky', '10.0.0.7')).toBeGreaterThan(0);
    a.clear('thuky');
    expect(b.waitFor('thuky', '10.0.0.7')).toBe(0);
  });
});
