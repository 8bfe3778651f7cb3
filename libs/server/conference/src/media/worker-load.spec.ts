import { cpuShare, pickWorker, type WorkerLoad } from './worker-load';

const w = (index: number, cpu: number, pending = 0, down = false): WorkerLoad => ({ index, cpu, pending, down });

describe('worker placement by load', () => {
  it('measures the share of one core between samples', () => {
    expect(cpuShare(1000, 1500, 1000)).toBe(0.5);
    expect(cpuShare(1000, 900, 1000)).toBe(0); // a restarted worker's counter starts again
    expect(cpuShare(0, 100, 0)).toBe(0);
  });

  it('keeps a conference on its worker while that worker has headroom', () => {
    expect(pickWorker([w(0, 0.3), w(1, 0.2)], 0)).toBe(0);
  });

  it('moves new media to the idlest worker once the preferred one is saturated or much busier', () => {
    expect(pickWorker([w(0, 0.8, 0.1), w(1, 0.2)], 0)).toBe(1);
    expect(pickWorker([w(0, 0.6), w(1, 0.1)], 0)).toBe(1);
  });

  it('counts what was placed since the last sample, so a burst spreads', () => {
    expect(pickWorker([w(0, 0.1, 0.5), w(1, 0.2)])).toBe(1);
  });

  it('never picks a worker that is down, and fails when none is up', () => {
    expect(pickWorker([w(0, 0, 0, true), w(1, 0.9)], 0)).toBe(1);
    expect(() => pickWorker([w(0, 0, 0, true)])).toThrow(/no media worker/);
  });
});
