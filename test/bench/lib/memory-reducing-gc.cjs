/**
 * Preloaded with --require into every benchmarked server (phonghop and the bare baseline alike). Their
 * probes call the global gc() before reading RSS; a plain full GC leaves the young generation at whatever
 * size the recent allocation rate grew it to (up to ~100 MB in phonghop after a burst of handshakes), and
 * that size swings between two measurements of the same state. The "last resort" flavour also shrinks the
 * young generation, so RSS reflects what the process actually retains.
 */
const gc = globalThis.gc;
if (typeof gc === 'function') {
  globalThis.gc = () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
