/**
 * The bench-probe IPC protocol for a bare baseline server (see child-server.mjs): {type:'ready'} once `httpServer`
 * listens, {type:'measured', rss, heapUsed, gc} after a forced GC on {type:'measure'}, and a clean exit on SIGTERM.
 */
export function listenWithProbe(httpServer, io, port = Number(process.env.PORT), host = process.env.HOST ?? '127.0.0.1') {
  process.on('message', (msg) => {
    if (msg?.type !== 'measure') return;
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ type: 'measured', rss, heapUsed, gc: typeof globalThis.gc === 'function' });
  });
  process.once('SIGTERM', () => {
    io.close();
    httpServer.close(() => process.exit(0));
  });
  httpServer.listen(port, host, () => process.send?.({ type: 'ready' }));
}
