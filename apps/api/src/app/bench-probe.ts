import type { INestApplicationContext } from '@nestjs/common';
import { ConferenceService, MediaWorkerPool } from '@phonghop/server-conference';

/** One request of test/bench/sfu.bench.mjs: `{type:'sfu', id, cmd, ...args}`, answered by `{type:'sfu:reply', id, ok, data|error}`. */
interface SfuRequest {
  type: 'sfu';
  id: number;
  cmd: 'ingest' | 'consumers' | 'close-consumers' | 'usage';
  meetingId?: string;
  ssrc?: number;
  payloadType?: number;
  count?: number;
  ip?: string;
  ports?: number[];
  /** Consumers are created `batch` at a time with `pauseMs` between batches (the pool samples load every second). */
  batch?: number;
  pauseMs?: number;
}

/**
 * Benchmarks (test/bench) fork the API with PHONGHOP_BENCH_PROBE=1 and --expose-gc, then ask it over the
 * IPC channel for its memory after a full GC, and (bench:sfu) drive the conference media path: a plain-RTP
 * VP8 ingest in a meeting's room and N plain-RTP consumers of it, placed by the worker pool as any consumer.
 * Inert in every other start: no IPC channel, no listener.
 */
export function installBenchProbe(app?: INestApplicationContext): void {
  if (process.env['PHONGHOP_BENCH_PROBE'] !== '1' || !process.send) return;
  const sfu = app ? sfuProbe(app) : undefined;
  process.on('message', (msg: { type?: string }) => {
    if (msg?.type === 'sfu' && sfu) {
      const req = msg as SfuRequest;
      sfu(req).then(
        (data) => process.send?.({ type: 'sfu:reply', id: req.id, ok: true, data }),
        (err: unknown) => process.send?.({ type: 'sfu:reply', id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
      return;
    }
    if (msg?.type !== 'measure') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.send?.({ type: 'measured', rss: m.rss, heapUsed: m.heapUsed, gc: !!gc });
  });
  process.send({ type: 'ready' });
}

/** The conference media commands: everything goes through ConferenceService's room, as in production. */
function sfuProbe(app: INestApplicationContext): (req: SfuRequest) => Promise<unknown> {
  // Resolved at the first command, so that a start without conferences still gets its memory probe.
  const conferences = () => app.get(ConferenceService);
  const pool = () => app.get(MediaWorkerPool);
  let producerId: string | undefined;
  let meetingId: string | undefined;
  const consumers: { close(): void }[] = [];

  return async (req) => {
    switch (req.cmd) {
      case 'ingest': {
        if (!req.meetingId || !req.ssrc) throw new Error('ingest needs meetingId and ssrc');
        meetingId = req.meetingId;
        const room = await conferences().openRoom(meetingId);
        const ingest = await room.ingestPlain(
          'video',
          { codecs: [{ mimeType: 'video/VP8', payloadType: req.payloadType ?? 101, clockRate: 90000 }], encodings: [{ ssrc: req.ssrc }] },
          'camera',
        );
        producerId = ingest.producerId;
        return ingest;
      }
      case 'consumers': {
        const room = meetingId ? conferences().room(meetingId) : undefined;
        if (!room || !producerId) throw new Error('no ingest yet');
        const ports = req.ports ?? [];
        const count = req.count ?? 0;
        const batch = req.batch ?? count;
        if (!ports.length || count <= 0) throw new Error('consumers needs count and ports');
        const placed: { consumerId: string; workerIndex: number }[] = [];
        for (let i = 0; i < count; i++) {
          if (i > 0 && i % batch === 0 && req.pauseMs) await new Promise((r) => setTimeout(r, req.pauseMs));
          const c = await room.consumePlain(producerId, req.ip ?? '127.0.0.1', ports[consumers.length % ports.length]);
          consumers.push(c);
          placed.push({ consumerId: c.consumerId, workerIndex: c.workerIndex });
        }
        return { placed, total: consumers.length };
      }
      case 'close-consumers': {
        for (const c of consumers.splice(0)) c.close();
        return { closed: true };
      }
      case 'usage': {
        const workers = [];
        for (const load of pool().loads()) {
          const ref = pool().get(load.index);
          if (!ref) continue;
          workers.push({ index: load.index, pid: ref.worker.pid, usage: await ref.worker.getResourceUsage() });
        }
        return { workers };
      }
    }
  };
}
