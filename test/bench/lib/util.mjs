import { createServer } from 'node:net';

/** Progress goes to stderr so that stdout holds nothing but the JSON result lines. */
export const log = (...args) => console.error('[bench]', ...args);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` with a message naming what we were waiting for; every wait in a benchmark is bounded. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it; we close and hand it to the child). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Parses `--name=value` flags. The default's type says how: a positive integer, a list of them (comma-separated),
 * a string (taken as given) or a list of strings (comma-separated).
 */
export function parseFlags(argv, defaults) {
  const out = { ...defaults };
  for (const arg of argv) {
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!m || !(m[1] in defaults)) throw new Error(`unknown argument ${arg}; known: ${Object.keys(defaults).map((k) => `--${k}=`).join(' ')}`);
    const def = defaults[m[1]];
    const strings = typeof (Array.isArray(def) ? def[0] : def) === 'string';
    const parse = (s) => {
      if (strings) return s;
      const n = Number(s);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`--${m[1]} wants positive integers, got ${s}`);
      return n;
    };
    out[m[1]] = Array.isArray(def) ? m[2].split(',').map(parse) : parse(m[2]);
  }
  return out;
}
