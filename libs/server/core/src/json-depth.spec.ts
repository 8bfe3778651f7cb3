import { BODY_TOO_DEEP_TYPE, JSON_MAX_DEPTH, jsonDepthGuard, jsonNestingExceeds } from './json-depth';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('jsonNestingExceeds', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[[1]]}]}'), 4)).toBe(true);
    expect(jsonNestingExceeds(bytes(JSON.stringify({ s: '[[[[[{{{{{', t: 'a\\"[[[[[' })), 2)).toBe(false);
    expect(jsonNestingExceeds(bytes(JSON.stringify({ s: 'Tờ trình "số" [15] — {đã duyệt}' })), 1)).toBe(false);
  });

  it('finds 5,000 levels and lets the default depth through', () => {
    expect(jsonNestingExceeds(bytes(`${'['.repeat(5000)}${']'.repeat(5000)}`))).toBe(true);
    expect(jsonNestingExceeds(bytes(`${'['.repeat(JSON_MAX_DEPTH)}${']'.repeat(JSON_MAX_DEPTH)}`))).toBe(false);
  });
});

describe('jsonDepthGuard', () => {
  it('throws a 400 body-parser style error with its own type', () => {
    const verify = jsonDepthGuard(3);
    const req = {} as never;
    const res = {} as never;
    expect(() => verify(req, res, bytes('[[[1]]]'), 'utf-8')).not.toThrow();
    expect(() => verify(req, res, bytes('[[[[1]]]]'), 'utf-8')).toThrow(expect.objectContaining({ status: 400, statusCode: 400, expose: true, type: BODY_TOO_DEEP_TYPE }));
    expect(() => verify(req, res, Buffer.from('[[[[1]]]]', 'utf16le'), 'utf-16le')).toThrow(expect.objectContaining({ type: BODY_TOO_DEEP_TYPE }));
  });
});
