import { firstValueFrom } from 'rxjs';
import { DEFAULT_CONFERENCE_OPTIONS } from '../conference.options';
import { MediaWorkerPool } from './media-worker-pool';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Real mediasoup worker processes, killed as a crash would kill them. */
describe('MediaWorkerPool', () => {
  let pool: MediaWorkerPool | undefined;

  afterEach(async () => {
    await pool?.onModuleDestroy();
    pool = undefined;
  });

  async function startPool(spareWorker: boolean): Promise<MediaWorkerPool> {
    pool = new MediaWorkerPool({ ...DEFAULT_CONFERENCE_OPTIONS, workers: 1, spareWorker });
    await pool.onModuleInit();
    return pool;
  }

  it('replaces a crashed worker with the idle spare at once, then starts a new spare', async () => {
    const p = await startPool(true);
    const crashed = p.get(0)?.worker.pid as number;
    const spare = await until('spare running', () => p.sparePid());
    expect(spare).not.toBe(crashed);

    const died = firstValueFrom(p.died$);
    const restarted = firstValueFrom(p.restarted$);
    p.crash(0);
    expect(await died).toBe(0);
    const ref = await restarted;
    expect(ref.worker.pid).toBe(spare);
    expect(ref.generation).toBe(2);
    expect(p.isCurrent(ref)).toBe(true);
    // The replacement works: it hosts a router.
    const router = await ref.worker.createRouter({ mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] });
    expect(router.closed).toBe(false);

    const next = await until('a new spare', async () => {
      const pid = await p.sparePid();
      return pid && pid !== spare && pid !== crashed ? pid : null;
    });
    expect(alive(next)).toBe(true);
  });

  it('starts another spare when the spare itself dies, and closes it on shutdown', async () => {
    const p = await startPool(true);
    const first = await until('spare running', () => p.sparePid());
    process.kill(first, 'SIGKILL');
    const second = await until('another spare', async () => {
      const pid = await p.sparePid();
      return pid && pid !== first ? pid : null;
    });
    // The running worker was not touched.
    expect(p.loads()).toEqual([expect.objectContaining({ index: 0, down: false })]);

    await p.onModuleDestroy();
    pool = undefined;
    await until('spare closed', () => (alive(second) ? null : true));
  });

  it('without a spare, a crashed worker is restarted as a new process', async () => {
    const p = await startPool(false);
    expect(await p.sparePid()).toBeNull();
    const crashed = p.get(0)?.worker.pid as number;
    const restarted = firstValueFrom(p.restarted$);
    p.crash(0);
    const ref = await restarted;
    expect(ref.worker.pid).not.toBe(crashed);
    expect(await p.sparePid()).toBeNull();
  });
});
