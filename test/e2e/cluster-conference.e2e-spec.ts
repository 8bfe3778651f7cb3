import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { type Cluster, type ClusterProcess, startCluster, eventually as pollUntil } from './support/cluster';
import { type ConferenceStats, conferenceStats, publishedConference, untilStats } from './support/conference';
import { login } from './support/session';

/** A tablet as in support/browser.ts; through nginx it also accepts the test's self-signed certificate. */
const TABLET = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
/** Each process's media worker's UDP ports (CONFERENCE_RTC_MIN_PORT…MAX): A's, then B's. */
const RTC_PORTS = [
  [40000, 40099],
  [40100, 40199],
] as const;
/** A takeover waits for detection (a cut socket, the lease taken over) and every client's media rebuilt: generous. */
const TAKEOVER_MS = 45_000;

type Key = 'host' | 'phuLoc' | 'phuMy';

/** Polls until `ok`, within this file's failover allowance unless told otherwise. */
const eventually = <T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = TAKEOVER_MS) => pollUntil(what, probe, ok, timeoutMs);

const cameraOf = (s: ConferenceStats[], peerId: string, fresh: (consumerId: string) => boolean) =>
  s.filter((x) => x.peerId === peerId && x.source === 'camera' && fresh(x.consumerId) && x.framesDecoded > 0);

/** Keeps the page's peer connections (mediasoup-client makes them) where the test can read their statistics. */
const KEEP_PEER_CONNECTIONS = () => {
  const w = window as unknown as { RTCPeerConnection: typeof RTCPeerConnection; __pcs: RTCPeerConnection[] };
  const Original = w.RTCPeerConnection;
  const pcs: RTCPeerConnection[] = (w.__pcs = []);
  w.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      pcs.push(this);
    }
  };
};

/**
 * Notes every socket.io frame the page sends and receives (but the periodic audio levels, link qualities and site lists), with
 * the time: on a failure, the conference's signalling around the takeover is in the report.
 */
const NOTE_SOCKET_FRAMES = () => {
  const w = window as unknown as { WebSocket: typeof WebSocket; __frames: [number, number, string, string][] };
  const Original = w.WebSocket;
  const frames: [number, number, string, string][] = (w.__frames = []);
  let sockets = 0;
  const note = (socket: number, dir: string, data: unknown) => {
    if (typeof data !== 'string' || /"method":"(audioLevels|networkQuality|sites)"/.test(data) || data === '2' || data === '3') return;
    // A consumer's m-section (mid, given by the server per receive transport) sits at the end of a long notice.
    const mid = /"newConsumer"/.test(data) ? ` [mid ${/"mid":"([^"]+)"/.exec(data)?.[1] ?? '?'}]` : '';
    frames.push([Date.now(), socket, dir, (data.length > 400 ? `${data.slice(0, 400)}…` : data) + mid]);
  };
  w.WebSocket = class extends Original {
    private readonly n = ++sockets;
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      note(this.n, 'open', String(args[0]));
      this.addEventListener('message', (e) => note(this.n, 'in', e.data));
      this.addEventListener('close', (e) => note(this.n, 'close', String(e.code)));
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      note(this.n, 'out', data);
      super.send(data);
    }
  };
};

/** The server ports the page's connected peer connections send to and receive from (their selected ICE pairs). */
const mediaPorts = (page: Page): Promise<number[]> =>
  page.evaluate(async () => {
    const ports: number[] = [];
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      stats.forEach((r: { type: string; selectedCandidatePairId?: string }) => {
        if (r.type !== 'transport' || !r.selectedCandidatePairId) return;
        const pair = stats.get(r.selectedCandidatePairId) as { remoteCandidateId: string } | undefined;
        const remote = pair && (stats.get(pair.remoteCandidateId) as { port: number } | undefined);
        if (remote) ports.push(remote.port);
      });
    }
    return ports;
  });
/** Waits until the page's media (a send and a receive transport) runs on the media worker of process `index`. */
const mediaOn = (page: Page, what: string, index: number, timeoutMs = 15_000) => {
  const [min, max] = RTC_PORTS[index];
  return eventually(`${what}: its media on the worker of process ${'AB'[index]} (ports ${min}–${max})`, () => mediaPorts(page), (ports) => ports.length >= 2 && ports.every((p) => p >= min && p <= max), timeoutMs);
};

/**
 * What a page's conference looks like (for a failure's report): its state, what it receives, and each of its peer
 * connections' state with what it sends (per simulcast layer) and receives.
 */
const pageReport = async (page: Page, since: number): Promise<string> => {
  const state = await page.locator('[data-testid="conference"]').getAttribute('data-state', { timeout: 2000 }).catch(() => '?');
  const received = await conferenceStats(page).catch(() => []);
  const pcs = await page
    .evaluate(async () => {
      const out: unknown[] = [];
      for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
        const rtp: unknown[] = [];
        (await pc.getStats()).forEach((r: Record<string, unknown>) => {
          if (r['type'] === 'outbound-rtp') rtp.push({ out: r['kind'], rid: r['rid'], active: r['active'], bytesSent: r['bytesSent'], framesEncoded: r['framesEncoded'], limit: r['qualityLimitationReason'], size: `${r['frameWidth']}x${r['frameHeight']}` });
          if (r['type'] === 'inbound-rtp') rtp.push({ in: r['kind'], mid: r['mid'], packets: r['packetsReceived'], frames: r['framesDecoded'], pli: r['pliCount'], fir: r['firCount'] });
        });
        out.push({ state: pc.connectionState, mids: pc.getTransceivers().map((t) => `${t.mid}:${t.currentDirection}`), rtp });
      }
      return out;
    })
    .catch((err: Error) => err.message);
  const frames = await page
    .evaluate((from) => (window as unknown as { __frames: [number, number, string, string][] }).__frames.filter(([t]) => t >= from), since)
    .catch(() => []);
  const lines = frames.map(([t, n, dir, data]) => `    ${new Date(t).toISOString().slice(11, 23)} #${n} ${dir} ${data}`);
  return `state ${state}\n  received ${JSON.stringify(received)}\n  peer connections ${JSON.stringify(pcs)}\n  socket frames since ${new Date(since).toISOString()}:\n${lines.join('\n')}`;
};

/**
 * The page decodes every one of `peers`' cameras on consumers `fresh` accepts, and keeps decoding: each such
 * consumer's frame count grows after it was first seen (live video, not a frozen last frame).
 */
async function decodesGrowing(page: Page, what: string, peers: string[], fresh: (consumerId: string) => boolean, timeoutMs: number): Promise<void> {
  const seen = await untilStats(page, what, (s) => peers.every((id) => cameraOf(s, id, fresh).length > 0), timeoutMs);
  const first = new Map(peers.map((id) => [id, Math.max(...cameraOf(seen, id, fresh).map((x) => x.framesDecoded))]));
  await untilStats(page, `${what} (frames growing)`, (s) => peers.every((id) => cameraOf(s, id, fresh).some((x) => x.framesDecoded > (first.get(id) ?? 0) + 5)), 15_000);
}

/**
 * Several API processes behind nginx, with a conference and real media (mediasoup workers on both processes, fake
 * cameras in Chromium). Two sites reach the meeting through nginx, which sends them to process B (A is `backup`),
 * so B owns the meeting and its media room; the chair hosts on process A directly, whose signalling A forwards to B
 * and whose media goes to B's worker. B is killed (SIGKILL): the sites' sockets come back through nginx to A, which
 * takes the meeting over and tells everyone in it to rebuild their media (as after a media worker restart); the
 * chair's socket on A stays. Every page decodes the others' video again, on A's worker, without reloading.
 */
describe('a conference moves with its meeting when the owning API process dies', () => {
  let cluster: Cluster;
  let A: ClusterProcess;
  let B: ClusterProcess;
  const browsers: { close(): Promise<void> }[] = [];
  const contexts: BrowserContext[] = [];
  let meetingId: string;
  let sites: { id: string; name: string }[];
  const pages = {} as Record<Key, Page>;

  const ownerIs = (p: ClusterProcess, timeoutMs?: number) =>
    eventually(`the meeting owned by ${p.baseUrl}`, async () => (await cluster.ownerOf(meetingId))?.baseUrl ?? null, (o) => o === p.baseUrl, timeoutMs);

  /** Peer ids (a peer is a socket): each site's from the host console's floor buttons, the host's from a site's spotlight. */
  const peerIds = async (): Promise<{ host: string; phuLoc: string; phuMy: string }> => {
    const [loc, my] = await Promise.all(
      sites.map(async (s) => {
        const button = pages.host.locator(`[data-testid="conf-site-${s.id}"][data-state="live"] [data-testid^="conf-give-"]`);
        await button.waitFor({ timeout: TAKEOVER_MS });
        return ((await button.getAttribute('data-testid')) ?? '').replace('conf-give-', '');
      }),
    );
    // The spotlight follows the floor (and, with nobody given it, the loudest: the host, the sites joining muted).
    const spotlight = pages.phuLoc.getByTestId('conf-spotlight');
    const host = await eventually('the host in Phú Lộc’s spotlight', () => spotlight.getAttribute('data-peer-id').catch(() => null), (id) => !!id && id !== loc && id !== my);
    return { host: host as string, phuLoc: loc, phuMy: my };
  };
  const othersOf = (peers: Record<Key, string>, key: Key) => (Object.keys(peers) as Key[]).filter((k) => k !== key).map((k) => peers[k]);

  beforeAll(async () => {
    cluster = await startCluster({
      processes: 2,
      firstIsBackup: true,
      // One media worker per process (no spare: nothing here kills a worker alone), each with its own UDP ports.
      envFor: (i) => ({
        CONFERENCE_WORKERS: '1',
        CONFERENCE_SPARE_WORKER: 'false',
        CONFERENCE_LISTEN_IP: '127.0.0.1',
        CONFERENCE_RTC_MIN_PORT: String(RTC_PORTS[i][0]),
        CONFERENCE_RTC_MAX_PORT: String(RTC_PORTS[i][1]),
      }),
    });
    [A, B] = cluster.processes;
    // The secretary prepares the online meeting on B (plain REST: no process owns the meeting yet).
    const setup = await publishedConference(B.baseUrl, 'Hội nghị trực tuyến giao ban tháng 12');
    meetingId = setup.meetingId;
    sites = [setup.district, setup.commune];
    // One browser per participant, as in the halls; the sites through nginx, the chair on A directly.
    for (const [key, username, base] of [
      ['phuLoc', 'diemcau.phuloc', cluster.nginxUrl],
      ['phuMy', 'diemcau.phumy', cluster.nginxUrl],
      ['host', 'chutoa', A.baseUrl],
    ] as const) {
      const b = await launchChromium({ media: true });
      browsers.push(b);
      const context = await b.browser.newContext({ ...TABLET, baseURL: base, ignoreHTTPSErrors: true });
      contexts.push(context);
      await context.addInitScript(KEEP_PEER_CONNECTIONS);
      await context.addInitScript(NOTE_SOCKET_FRAMES);
      pages[key] = await context.newPage();
      await login(pages[key], username);
    }
  }, 150_000);

  afterAll(async () => {
    if ((globalThis as { __e2eFailed?: boolean }).__e2eFailed) {
      const reports = await Promise.all((Object.keys(pages) as Key[]).map(async (key) => `── ${key} ──\n${await pageReport(pages[key], killedAt ? killedAt - 2000 : 0)}`));
      process.stderr.write(`\n── the pages' conferences after a failure in this file ──\n${reports.join('\n')}\n`);
    }
    for (const c of contexts) await c.close().catch(() => undefined);
    for (const b of browsers) await b.close().catch(() => undefined);
    await cluster?.stop();
  }, 60_000);

  let peersBefore: Record<Key, string>;
  /** When B was killed (0: not yet). */
  let killedAt = 0;

  it('the sites join through nginx (B owns the meeting and its media); the chair hosts from A; everyone sees everyone', async () => {
    for (const key of ['phuLoc', 'phuMy'] as const) {
      await pages[key].goto(`/meetings/${meetingId}/conference`);
      await pages[key].locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    }
    await ownerIs(B, 10_000);
    await pages.host.goto(`/meetings/${meetingId}/conference`);
    await pages.host.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    // The chair's signalling went to B: still B's meeting, and everyone's media runs on B's worker, the chair's too.
    expect(await cluster.ownerOf(meetingId)).toBe(B);

    peersBefore = await peerIds();
    await Promise.all((Object.keys(pages) as Key[]).map((key) => decodesGrowing(pages[key], `${key} decodes the others`, othersOf(peersBefore, key), () => true, 30_000)));
    for (const [key, page] of Object.entries(pages)) await mediaOn(page, key, 1);
  }, 120_000);

  it('B is killed: A takes the meeting over, and every page decodes the others again without reloading', async () => {
    for (const page of Object.values(pages)) {
      await page.evaluate(() => {
        const w = window as unknown as { __sameDocument: boolean; __confStates: string[] };
        w.__sameDocument = true;
        // Every state the conference goes through from now on (the chair's goes to "reconnecting" on the notice).
        w.__confStates = [];
        const el = document.querySelector('[data-testid="conference"]') as HTMLElement;
        new MutationObserver(() => w.__confStates.push(el.getAttribute('data-state') ?? '')).observe(el, { attributes: true, attributeFilter: ['data-state'] });
      });
    }
    const before = new Set((await Promise.all(Object.values(pages).map(conferenceStats))).flat().map((s) => s.consumerId));
    expect(await cluster.ownerOf(meetingId)).toBe(B);

    killedAt = Date.now();
    await B.kill('SIGKILL');

    // The sites' sockets come back through nginx to A, which takes the meeting over.
    await ownerIs(A);
    const tookOverAfter = Date.now() - killedAt;
    // Every page rebuilt its media (through "reconnecting") and is live again.
    for (const [key, page] of Object.entries(pages)) {
      await page.waitForFunction(
        () =>
          (window as unknown as { __confStates: string[] }).__confStates.includes('reconnecting') &&
          document.querySelector('[data-testid="conference"]')?.getAttribute('data-state') === 'live',
        undefined,
        { timeout: TAKEOVER_MS },
      ).catch(async (err: Error) => {
        const states = await page.evaluate(() => (window as unknown as { __confStates: string[] }).__confStates);
        throw new Error(`${key}: not live again after a rebuild; states ${JSON.stringify(states)}: ${err.message}`);
      });
    }
    // The sites' peers are new (new sockets); the chair's is the same socket, still on A (a peer is a socket): it
    // rebuilt on the notice. The sites decoding new consumers of that peer below proves it joined A's room so.
    const peersAfter = await eventually('the sites rejoined with new sockets, the host with its own', peerIds, (p) => p.phuLoc !== peersBefore.phuLoc && p.phuMy !== peersBefore.phuMy && p.host === peersBefore.host);

    const fresh = (consumerId: string) => !before.has(consumerId);
    const resumed = await Promise.all(
      (Object.keys(pages) as Key[]).map(async (key) => {
        await decodesGrowing(pages[key], `${key} decodes the others again after the takeover (peers ${JSON.stringify(peersAfter)})`, othersOf(peersAfter, key), fresh, Math.max(5_000, TAKEOVER_MS - (Date.now() - killedAt)));
        return Date.now() - killedAt;
      }),
    );
    // Everyone's media now runs on A's worker; no page was reloaded.
    for (const [key, page] of Object.entries(pages)) await mediaOn(page, key, 0);
    for (const page of Object.values(pages)) {
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    }
    expect(await cluster.ownerOf(meetingId)).toBe(A);
    console.log(`B killed: A owned the meeting after ${tookOverAfter} ms; video again (host, Phú Lộc, Phú Mỹ) after ${resumed.join(', ')} ms`);
  }, 120_000);
});
