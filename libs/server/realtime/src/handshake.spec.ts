import type { IncomingMessage } from 'node:http';
import { isSameOriginHandshake, readCookie } from './handshake';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('readCookie', () => {
  it('finds one cookie among others and decodes it', () => {
    expect(readCookie('a=1; phonghop_session=abc%2Fdef; b=2', 'phonghop_session')).toBe('abc/def');
    expect(readCookie('xphonghop_session=no', 'phonghop_session')).toBeUndefined();
    expect(readCookie(undefined, 'phonghop_session')).toBeUndefined();
    expect(readCookie('phonghop_session=%E0%A4%A', 'phonghop_session')).toBeUndefined();
  });
});

describe('isSameOriginHandshake', () => {
  it('accepts no Origin (non-browser clients) and the same host, refuses other hosts and garbage', () => {
    expect(isSameOriginHandshake(req({ host: 'hop.tinh.gov.vn' }))).toBe(true);
    expect(isSameOriginHandshake(req({ host: 'hop.tinh.gov.vn', origin: 'https://hop.tinh.gov.vn' }))).toBe(true);
    expect(isSameOriginHandshake(req({ host: 'hop.tinh.gov.vn', origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOriginHandshake(req({ host: 'hop.tinh.gov.vn', origin: 'null' }))).toBe(false);
  });
});
