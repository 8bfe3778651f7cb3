import { createServer } from 'node:net';
import { ClusterBus } from './cluster-bus';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ClusterBus', () => {
  it('fails start-up with a clear message when Redis does not answer, instead of retrying forever', async () => {
    const bus = new ClusterBus(`redis://127.0.0.1:${await closedPort()}`);
    await expect(bus.start(300)).rejects.toThrow(/Redis at REDIS_URL did not answer within 0.3 s/);
    expect(bus.ready).toBe(false);
  });

  it('names itself uniquely per process start', () => {
    const a = new ClusterBus('redis://127.0.0.1:1');
    const b = new ClusterBus('redis://127.0.0.1:1');
    expect(a.processId).not.toBe(b.processId);
    expect(a.processId).toContain(`:${process.pid}:`);
  });
});
