import type { Browser, Page } from 'playwright-core';
import { launchChromium, tabletContext } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { type ConferenceStats, conferenceStats, publishedConference, publishedDocument } from './support/conference';
import { login } from './support/session';
import { makePdf } from './support/pdf-fixtures';
import { canShapeLoopback, icePorts, recordPeerConnections, shapeDownlink, type Shaper } from './support/throttle';

/**
 * Simulcast layers follow each receiver's bandwidth and level: a commune site on a 300 kbit/s downlink still gets
 * the floor holder's audio and the spotlighted video (at a low layer), while an unthrottled receiver gets that
 * same video at a higher layer. The downlink is capped for real with `tc` on loopback (support/throttle.ts):
 * DevTools network emulation does not touch WebRTC in this Chromium.
 *
 * Built for a loaded 2-core machine: every wait polls with a generous deadline, and rates are measured over
 * windows of several seconds from the page's own WebRTC statistics.
 */

type Stats = ConferenceStats;

interface Sample {
  at: number;
  stats: Stats[];
}

const CAP_KBIT = 300;

const stats = conferenceStats;

const sample = async (page: Page): Promise<Sample> => {
  const s = await stats(page);
  return { at: Date.now(), stats: s };
};

/** Samples the page's statistics about every `everyMs` for `ms`. */
async function record(page: Page, ms: number, everyMs = 400, into: Sample[] = []): Promise<Sample[]> {
  const end = Date.now() + ms;
  into.push(await sample(page));
  while (Date.now() < end) {
    await page.waitForTimeout(everyMs);
    into.push(await sample(page));
  }
  return into;
}

/** Polls until `check` holds on a sample; returns that sample and how long it took. */
async function until(page: Page, what: string, check: (s: Stats[]) => boolean, timeoutMs: number): Promise<{ stats: Stats[]; ms: number }> {
  const start = Date.now();
  let last: Stats[] = [];
  while (Date.now() - start < timeoutMs) {
    last = await stats(page);
    if (check(last)) return { stats: last, ms: Date.now() - start };
    await page.waitForTimeout(300);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms; last stats ${JSON.stringify(last)}`);
}

const find = (s: Stats[], peerId: string, source: Stats['source']) => s.find((x) => x.peerId === peerId && x.source === source);
const widthOf = (s: Stats[], peerId: string) => find(s, peerId, 'camera')?.frameWidth ?? 0;

/** One consumer's value over the samples (the consumer of the last sample: a rebuilt consumer starts at zero). */
function track(samples: Sample[], peerId: string, source: Stats['source']): { at: number; s: Stats }[] {
  const id = find(samples[samples.length - 1].stats, peerId, source)?.consumerId;
  return samples.flatMap((x) => {
    const s = x.stats.find((y) => y.consumerId === id);
    return s ? [{ at: x.at, s }] : [];
  });
}

/** Per-second rate of a counter over the samples. */
function rate(points: { at: number; s: Stats }[], field: 'framesDecoded' | 'packetsReceived' | 'bytesReceived'): number {
  if (points.length < 2) return 0;
  const first = points[0];
  const last = points[points.length - 1];
  return (last.s[field] - first.s[field]) / ((last.at - first.at) / 1000);
}

/**
 * The longest stretch, in ms, over which consecutive samples saw a counter not move at all: a lower bound of the
 * real gap, so slow sampling on a busy machine cannot make it look worse than it was.
 */
function longestStall(points: { at: number; s: Stats }[], field: 'framesDecoded' | 'packetsReceived'): number {
  let longest = 0;
  let since = points[0]?.at ?? 0;
  for (let i = 1; i < points.length; i++) {
    if (points[i].s[field] > points[i - 1].s[field]) since = points[i].at;
    else longest = Math.max(longest, points[i].at - since);
  }
  return longest;
}

/** Everything received (RTP headers and payload of every consumer), in kbit/s, over the samples. */
function totalKbit(samples: Sample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  let bytes = 0;
  for (const s of last.stats) bytes += s.bytesReceived - (first.stats.find((x) => x.consumerId === s.consumerId)?.bytesReceived ?? 0);
  return (bytes * 8) / (last.at - first.at);
}

describe('conference bandwidth: layers follow each receiver’s downlink and level (real 300 kbit/s cap)', () => {
  let server: RunningServer;
  const browsers: { browser: Browser; close(): Promise<void> }[] = [];
  const pages: Record<'host' | 'district' | 'commune', Page> = {} as never;
  let meetingId: string;
  let district: { id: string; name: string };
  let commune: { id: string; name: string };
  /** Peer ids: the floor holder (the district site) and the chair. */
  let floorPeer = '';
  let hostPeer = '';
  let shaper: Shaper | null = null;
  /** The commune's spotlight width before its link was capped. */
  let unthrottledWidth = 0;
  let throttledWidth = 0;

  beforeAll(async () => {
    const shaping = canShapeLoopback();
    if (!shaping.ok) throw new Error(`this test caps a real downlink with tc on loopback (root, iproute2): ${shaping.why}`);
    server = await startServer({ CONFERENCE_LISTEN_IP: '127.0.0.1', CONFERENCE_WORKERS: '2' });
    const base = server.baseUrl;
    const setup = await publishedConference(base, 'Hội nghị trực tuyến: điểm cầu xã đường truyền yếu');
    meetingId = setup.meetingId;
    district = setup.district;
    commune = setup.commune;

    for (const [key, username] of [['host', 'chutoa'], ['district', 'diemcau.phuloc'], ['commune', 'diemcau.phumy']] as const) {
      // One browser per participant, as in the halls; the commune's peer connections are kept to find its ports.
      const b = await launchChromium({ media: true });
      browsers.push(b);
      const context = await tabletContext(b.browser, base);
      if (key === 'commune') await recordPeerConnections(context);
      const page = await context.newPage();
      await login(page, username);
      pages[key] = page;
    }
  }, 180_000);

  afterAll(async () => {
    shaper?.release();
    for (const b of browsers) await b.close();
    await server?.stop();
  });

  it('everyone joins; the chair gives the floor to the district site, which everyone spotlights', async () => {
    for (const page of Object.values(pages)) {
      await page.goto(`/meetings/${meetingId}`);
      await page.getByTestId('meeting-conference').click();
      await page.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 45_000 });
    }
    const host = pages.host;
    for (const s of [district, commune]) await host.locator(`[data-testid="conf-site-${s.id}"][data-state="live"]`).waitFor({ timeout: 30_000 });
    const give = await host.locator(`[data-testid="conf-site-${district.id}"] [data-testid^="conf-give-"]`).getAttribute('data-testid');
    floorPeer = (give ?? '').replace('conf-give-', '');
    expect(floorPeer).toBeTruthy();
    // Before any floor is given the chair is in the spotlight everywhere else.
    hostPeer = (await pages.district.locator('[data-testid="conf-spotlight"]').getAttribute('data-peer-id')) ?? '';
    expect(hostPeer).toBeTruthy();

    await host.getByTestId(`conf-give-${floorPeer}`).click();
    for (const page of [pages.host, pages.commune]) {
      await page.locator(`[data-testid="conf-spotlight"][data-peer-id="${floorPeer}"]`).waitFor({ timeout: 15_000 });
    }
    await until(pages.commune, 'the commune decodes the floor holder and the chair', (s) => [floorPeer, hostPeer].every((p) => (find(s, p, 'camera')?.framesDecoded ?? 0) > 0), 30_000);
  }, 150_000);

  it('unthrottled, the commune gets the spotlight above the lowest layer, but at most its level’s layer', async () => {
    // Bandwidth estimation starts at 600 kbit/s and climbs; the commune's level caps the large view at layer 1.
    const { ms } = await until(pages.commune, 'the commune receives the spotlight above layer 0', (s) => widthOf(s, floorPeer) > 320, 60_000);
    // Held, not a frame left over from before the floor changed: measured over 5 s.
    const samples = await record(pages.commune, 5000);
    const widths = track(samples, floorPeer, 'camera').map((p) => p.s.frameWidth);
    unthrottledWidth = Math.max(...widths);
    const aboveShare = widths.filter((w) => w > 320).length / widths.length;
    const hostWidth = widthOf(await stats(pages.host), floorPeer);
    console.log(
      `unthrottled: commune spotlight ${[...new Set(widths)].join('/')} px wide (above 320 in ${(aboveShare * 100).toFixed(0)} % of samples) ` +
        `after ${ms} ms; chair ${hostWidth} px; ${totalKbit(samples).toFixed(0)} kbit/s in all`,
    );
    expect(aboveShare).toBeGreaterThanOrEqual(0.8);
    // Layer 2 (the full 1280 px) is never forwarded to a commune for the large view.
    expect(unthrottledWidth).toBeLessThanOrEqual(640);
  }, 120_000);

  it(`on a ${CAP_KBIT} kbit/s downlink the commune keeps the floor holder’s audio and the spotlight at a low layer, within the cap`, async () => {
    const ports = (await icePorts(pages.commune)).map((p) => p.port);
    expect(ports.length).toBeGreaterThan(0);
    const throttledAt = Date.now();
    shaper = shapeDownlink(ports, CAP_KBIT, 500);
    const all: Sample[] = [];

    // Adapting: the estimate falls under the cap and mediasoup moves the spotlight down to layer 0.
    let adaptedMs = -1;
    while (Date.now() - throttledAt < 60_000) {
      await record(pages.commune, 1000, 400, all);
      const last = all[all.length - 1];
      const w = widthOf(last.stats, floorPeer);
      if (w > 0 && w <= 320) {
        adaptedMs = last.at - throttledAt;
        break;
      }
    }
    if (adaptedMs < 0) throw new Error(`the spotlight stayed above layer 0 for 60 s on a ${CAP_KBIT} kbit/s link: ${JSON.stringify(all[all.length - 1].stats)}`);

    // Steady state, measured over 12 s.
    const steadyFrom = all.length;
    await record(pages.commune, 12_000, 400, all);
    const steady = all.slice(steadyFrom);

    const audioAll = track(all, floorPeer, 'microphone');
    const audio = track(steady, floorPeer, 'microphone');
    const video = track(steady, floorPeer, 'camera');
    const thumb = track(steady, hostPeer, 'camera');
    const videoKbit = (rate(video, 'bytesReceived') * 8) / 1000;
    const lowShare = video.filter((p) => p.s.frameWidth <= 320).length / video.length;
    throttledWidth = Math.max(...video.map((p) => p.s.frameWidth));
    const report = {
      adaptedMs,
      totalKbit: Math.round(totalKbit(steady)),
      audioPktPerSec: Math.round(rate(audio, 'packetsReceived')),
      audioPktPerSecSinceThrottle: Math.round(rate(audioAll, 'packetsReceived')),
      audioLongestGapMs: longestStall(audioAll, 'packetsReceived'),
      spotlightFps: +rate(video, 'framesDecoded').toFixed(1),
      spotlightLongestFreezeMs: longestStall(video, 'framesDecoded'),
      spotlightKbit: Math.round(videoKbit),
      spotlightWidths: [...new Set(video.map((p) => p.s.frameWidth))],
      spotlightShareAtOrBelow320: +lowShare.toFixed(2),
      thumbnailFps: +rate(thumb, 'framesDecoded').toFixed(1),
      shaper: shaper.stats().split('\n').filter((l) => /Sent|bfifo/.test(l)).map((l) => l.trim()),
    };
    console.log(`commune on a ${CAP_KBIT} kbit/s downlink: ${JSON.stringify(report, null, 1)}`);

    // Audio first: the floor holder is heard all along (Opus sends 50 packets a second), from the moment the cap
    // hit, through the adaptation, and after.
    expect(report.audioPktPerSec).toBeGreaterThanOrEqual(30);
    expect(report.audioPktPerSecSinceThrottle).toBeGreaterThanOrEqual(25);
    expect(report.audioLongestGapMs).toBeLessThan(1500);
    // The spotlighted video keeps decoding, at the lowest layer.
    expect(video.length).toBeGreaterThan(10);
    expect(video[video.length - 1].s.framesDecoded).toBeGreaterThan(video[0].s.framesDecoded);
    expect(report.spotlightFps).toBeGreaterThanOrEqual(1);
    expect(report.spotlightLongestFreezeMs).toBeLessThan(5000);
    expect(lowShare).toBeGreaterThanOrEqual(0.8);
    expect(videoKbit).toBeLessThanOrEqual(250);
    // And everything together fits the link (RTP bytes; the cap also carries IP/UDP/SRTP overhead and RTCP).
    expect(report.totalKbit).toBeLessThanOrEqual(CAP_KBIT * 1.05);
  }, 180_000);

  it('still capped, the commune follows the document page the chair presents (page sync as data)', async () => {
    const documentId = await publishedDocument(
      server.baseUrl,
      meetingId,
      'Kế hoạch chuyển đổi số cấp xã',
      await makePdf({ title: 'Kế hoạch chuyển đổi số cấp xã', pages: ['I. Mục tiêu', 'II. Nhiệm vụ', 'III. Tổ chức thực hiện'] }),
    );
    const shownOn = (page: Page, n: number, state = '') =>
      page.locator(`[data-testid="conf-presentation"][data-page="${n}"]${state}`).waitFor({ timeout: 20_000 });
    await pages.host.getByTestId('conf-present').click();
    await pages.host.getByTestId(`conf-present-doc-${documentId}`).click();
    await pages.commune.locator('[data-testid="conf-presented-page"][data-state="drawn"][data-page="1"]').waitFor({ timeout: 30_000 });
    const turnedAt = Date.now();
    await pages.host.getByTestId('conf-present-next').click();
    await shownOn(pages.commune, 2);
    const dataMs = Date.now() - turnedAt;
    await pages.commune.locator('[data-testid="conf-presented-page"][data-state="drawn"][data-page="2"]').waitFor({ timeout: 20_000 });
    const drawnMs = Date.now() - turnedAt;
    console.log(`capped commune: page turn known after ${dataMs} ms, page drawn after ${drawnMs} ms`);
    // A few hundred bytes on the signalling socket, which the cap does not touch: it arrives while the video is
    // starved. The time itself is the loaded machine's (three browsers on 2 cores): 0.35–2.1 s seen here.
    expect(dataMs).toBeLessThan(5000);
    await pages.host.getByTestId('conf-present-stop').click();
    await pages.commune.getByTestId('conf-presentation').waitFor({ state: 'detached', timeout: 10_000 });
  }, 90_000);

  it('meanwhile the chair, unthrottled, gets the same spotlight at a higher layer than the commune', async () => {
    const { stats: s, ms } = await until(pages.host, 'the chair receives the spotlight above layer 0', (x) => widthOf(x, floorPeer) > Math.max(320, throttledWidth), 60_000);
    const communeNow = widthOf(await stats(pages.commune), floorPeer);
    console.log(`while the commune is capped: chair gets the spotlight ${widthOf(s, floorPeer)} px wide (after ${ms} ms), the commune ${communeNow} px`);
    // The check is the wait above: wider than what the commune held under the cap (its 12 s steady state), not
    // than the commune at this instant. When the sender's encoder is starved for CPU (6–7 fps here) its 640 px
    // layer can shrink below the cap, and then mediasoup rightly gives the commune that layer too.
    expect(throttledWidth).toBeGreaterThan(0);
  }, 120_000);

  it('when the link recovers, the commune climbs back to its level’s layer', async () => {
    shaper?.release();
    shaper = null;
    const { stats: s, ms } = await until(pages.commune, 'the commune receives the spotlight above layer 0 again', (x) => widthOf(x, floorPeer) > 320, 90_000);
    console.log(`cap lifted: the commune is back to ${widthOf(s, floorPeer)} px after ${ms} ms (unthrottled it had ${unthrottledWidth} px)`);
    expect(widthOf(s, floorPeer)).toBeLessThanOrEqual(640);
  }, 120_000);
});
