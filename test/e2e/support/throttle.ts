import { execFileSync } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Throttling one browser's WebRTC downlink, for real.
 *
 * What does not work in Debian's Chromium 150 here (measured, see the conference-bandwidth e2e): DevTools network
 * emulation (`Network.emulateNetworkConditions`, also `…ByRule` with packetLoss, even `offline: true`) leaves
 * WebRTC media untouched, and the libwebrtc fake-network field trial
 * (`--force-fieldtrials=WebRTC-FakeNetworkReceiveConfig/link_capacity_kbps:300/`) has no effect either.
 *
 * What works: a Linux traffic shaper on the loopback interface, where all media of the e2e flows. An `htb` class
 * at the cap, and a u32 filter sending into it only the packets addressed to that browser's ICE ports (its
 * RTCPeerConnections' selected local candidates); everything else on `lo` passes untouched. Needs root
 * (CAP_NET_ADMIN) and iproute2's `tc`.
 */

const DEV = 'lo';

interface RecordingWindow {
  __phonghopPcs?: RTCPeerConnection[];
}

/** Keeps every RTCPeerConnection the pages of this context create, to read their ICE ports later. */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as RecordingWindow & { RTCPeerConnection: typeof RTCPeerConnection };
    const Original = w.RTCPeerConnection;
    const pcs: RTCPeerConnection[] = [];
    w.__phonghopPcs = pcs;
    const Recorded = function (this: unknown, ...args: ConstructorParameters<typeof RTCPeerConnection>) {
      const pc = new Original(...args);
      pcs.push(pc);
      return pc;
    } as unknown as typeof RTCPeerConnection;
    Recorded.prototype = Original.prototype;
    Object.setPrototypeOf(Recorded, Original);
    w.RTCPeerConnection = Recorded;
  });
}

export interface IcePort {
  protocol: string;
  port: number;
  /** Whether this connection receives media (has inbound-rtp), i.e. is the receive transport. */
  receives: boolean;
}

/** The local ports of the page's live peer connections (their selected candidate pairs). */
export async function icePorts(page: Page): Promise<IcePort[]> {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as RecordingWindow).__phonghopPcs ?? []).filter((pc) => pc.connectionState === 'connected');
    const out: { protocol: string; port: number; receives: boolean }[] = [];
    for (const pc of pcs) {
      const report = await pc.getStats();
      const all = [...report.values()] as { type: string; id: string; [k: string]: unknown }[];
      const transport = all.find((s) => s.type === 'transport' && s['selectedCandidatePairId']);
      const pair =
        (transport && report.get(transport['selectedCandidatePairId'] as string)) ??
        all.find((s) => s.type === 'candidate-pair' && s['nominated'] && s['state'] === 'succeeded');
      const local = pair ? report.get(pair['localCandidateId'] as string) : undefined;
      if (!local) continue;
      out.push({ protocol: String(local['protocol']), port: Number(local['port']), receives: all.some((s) => s.type === 'inbound-rtp') });
    }
    return out;
  });
}

function tc(...args: string[]): string {
  return execFileSync('tc', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Whether this process may shape traffic on loopback (root with iproute2, and nobody else's qdisc on `lo`). */
export function canShapeLoopback(): { ok: boolean; why?: string } {
  if (process.getuid?.() !== 0) return { ok: false, why: 'not root (tc needs CAP_NET_ADMIN)' };
  try {
    const root = tc('qdisc', 'show', 'dev', DEV);
    if (!/^qdisc noqueue 0: root/m.test(root)) {
      // Another run shaping right now, or one that was killed before cleaning up (`tc qdisc del dev lo root`).
      return { ok: false, why: `${DEV} already has a queueing discipline: ${root.trim()}` };
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, why: `tc unavailable: ${(e as Error).message}` };
  }
}

export interface Shaper {
  /** What the shaper did so far (`tc -s` of the capped class's queue): bytes sent, drops, backlog. */
  stats(): string;
  release(): void;
}

/**
 * Caps everything sent to the given local ports (TCP or UDP, on 127.0.0.1) at `kbit` kbit/s, behind a queue of
 * `queueMs` at that rate (a slow access link: late packets wait, then drop). Only `htb`, `tbf`, `pfifo`/`bfifo`
 * and `u32` exist in this kernel (no `prio`, `netem`, `fq_codel`): the root `htb` has no default class, so
 * unmatched traffic takes its direct path, unshaped. Call `release()` to remove it (also in afterAll).
 */
export function shapeDownlink(ports: number[], kbit: number, queueMs = 300): Shaper {
  if (!ports.length) throw new Error('no ports to shape');
  const check = canShapeLoopback();
  if (!check.ok) throw new Error(check.why);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      tc('qdisc', 'del', 'dev', DEV, 'root');
    } catch {
      // already gone
    }
  };
  // Never leave loopback shaped behind, even when the run ends abruptly.
  process.once('exit', release);
  try {
    const bytesPerSec = (kbit * 1000) / 8;
    const burst = Math.max(1600, Math.round(bytesPerSec / 50)); // 20 ms worth, at least one full packet
    tc('qdisc', 'add', 'dev', DEV, 'root', 'handle', '1:', 'htb');
    tc('class', 'add', 'dev', DEV, 'parent', '1:', 'classid', '1:30', 'htb', 'rate', `${kbit}kbit`, 'ceil', `${kbit}kbit`, 'burst', String(burst), 'cburst', String(burst));
    tc('qdisc', 'add', 'dev', DEV, 'parent', '1:30', 'handle', '30:', 'bfifo', 'limit', String(Math.max(3000, Math.round((bytesPerSec * queueMs) / 1000))));
    for (const port of ports) {
      tc('filter', 'add', 'dev', DEV, 'parent', '1:', 'protocol', 'ip', 'prio', '1', 'u32', 'match', 'ip', 'dport', String(port), '0xffff', 'flowid', '1:30');
    }
  } catch (e) {
    release();
    throw e;
  }
  return {
    stats: () => {
      try {
        return tc('-s', 'qdisc', 'show', 'dev', DEV).trim();
      } catch {
        return '';
      }
    },
    release,
  };
}
