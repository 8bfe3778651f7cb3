import { ConnectionCounter, TokenBucket, clientAddressOf } from './realtime-limits';

describe('realtime limits', () => {
  it('spends a burst, then refills at the rate, never above the burst', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBeCloseTo(0.1);
    expect(bucket.take(100)).toBe(0); // one token after 100 ms at 10/s
    expect(bucket.take(100)).toBeGreaterThan(0);
    const idle = new TokenBucket(10, 3, 0);
    idle.take(60_000);
    expect([idle.take(60_000), idle.take(60_000), idle.take(60_000)]).toEqual([0, 0, expect.any(Number)]);
  });

  it('counts connections per address and frees a place when one closes', () => {
    const counter = new ConnectionCounter(2);
    expect([counter.tryOpen('a'), counter.tryOpen('a'), counter.tryOpen('a'), counter.tryOpen('b')]).toEqual([true, true, false, true]);
    counter.close('a');
    expect(counter.tryOpen('a')).toBe(true);
  });

  it('reads the client address like Express with trust proxy = hops, an IPv6 /64 as one client', () => {
    const headers = { 'x-forwarded-for': '203.0.113.9, 10.0.0.7' };
    expect(clientAddressOf(headers, '127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientAddressOf(headers, '::ffff:127.0.0.1', 1)).toBe('10.0.0.7');
    expect(clientAddressOf(headers, '127.0.0.1', 2)).toBe('203.0.113.9');
    // More hops trusted than there are: the farthest address known, not undefined.
    expect(clientAddressOf(headers, '127.0.0.1', 5)).toBe('203.0.113.9');
    expect(clientAddressOf({}, '2001:db8:1:2:3:4:5:6', 1)).toBe('2001:db8:1:2::/64');
  });
});
