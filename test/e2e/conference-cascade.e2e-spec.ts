import { createHmac, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { launchChromium, tabletContext } from './support/browser';
import { api, type ConferenceStats, conferenceStats, mediaWorkers, publishedConference, untilStats as until } from './support/conference';
import { startServer, type RunningServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

/** A link token as a lower server signs it (libs/server/conference/src/cascade/link-token.ts), written out independently. */
function signLinkToken(server: string, secret: string, ts = Date.now()) {
  return { server, ts, sig: createHmac('sha256', secret).update(`phonghop-cascade\n${server}\n${ts}`).digest('base64url') };
}


const decodes = (peerId: string) => (s: ConferenceStats[]) => s.some((x) => x.peerId === peerId && x.source === 'camera' && x.framesDecoded > 0);
const audioPackets = async (page: Page, peerId: string) =>
  (await conferenceStats(page)).filter((s) => s.peerId === peerId && s.source === 'microphone').reduce((n, s) => n + s.packetsReceived, 0);

/**
 * Two phonghop processes on loopback: the province server, and a district server whose meeting is linked to the
 * province's (CASCADE_*, upperMeetingId). The province's chair hosts on the province server; the district's site
 * joins its own server. Media crosses one PipeTransport pair (SRTP, RTX) between the two servers' workers.
 */
describe('conference linked across two servers (province ↔ district)', () => {
  const secret = randomBytes(32).toString('base64url');
  let province: RunningServer;
  let district: RunningServer;
  const browsers: { close(): Promise<void> }[] = [];
  let host: Page;
  let site: Page;
  let upperMeetingId: string;
  let lowerMeetingId: string;
  let hostPeer: string;
  let sitePeer: string;

  beforeAll(async () => {
    const media = { CONFERENCE_LISTEN_IP: '127.0.0.1', CONFERENCE_WORKERS: '1' };
    province = await startServer({ ...media, CASCADE_LOWER_SERVERS: `huyen-phuloc=${secret}` });
    district = await startServer({ ...media, CASCADE_SERVER_NAME: 'huyen-phuloc', CASCADE_UPPER_URL: province.baseUrl, CASCADE_UPPER_SECRET: secret });
    upperMeetingId = (await publishedConference(province.baseUrl, 'Hội nghị trực tuyến toàn tỉnh')).meetingId;
    lowerMeetingId = (await publishedConference(district.baseUrl, 'Điểm cầu huyện Phú Lộc — hội nghị toàn tỉnh')).meetingId;
    for (const [server, username] of [[province, 'chutoa'], [district, 'diemcau.phuloc']] as const) {
      const b = await launchChromium({ media: true });
      browsers.push(b);
      if (server === district) {
        // The district's secretary links the meeting to the province's, with the code the province's page shows.
        const secretary = await (await tabletContext(b.browser, district.baseUrl)).newPage();
        await login(secretary, 'thuky');
        await secretary.goto(`/meetings/${lowerMeetingId}`);
        await secretary.getByTestId('meeting-edit').click();
        await secretary.getByTestId('meeting-form-upper-conference').fill('not a code');
        await secretary.getByTestId('meeting-form-submit').click();
        await secretary.locator('mat-error', { hasText: '36' }).waitFor();
        await secretary.getByTestId('meeting-form-upper-conference').fill(` ${upperMeetingId.toUpperCase()} `);
        await secretary.getByTestId('meeting-form-submit').click();
        await secretary.locator('[data-testid="meeting-conference-code"]', { hasText: upperMeetingId }).waitFor();
        await secretary.context().close();
      }
      const page = await (await tabletContext(b.browser, server.baseUrl)).newPage();
      await login(page, username);
      if (username === 'chutoa') host = page;
      else site = page;
    }
    const cookie = await sessionCookie(district.baseUrl, 'thuky');
    expect((await api(district.baseUrl, cookie, 'GET', `/api/meetings/${lowerMeetingId}`)).upperMeetingId).toBe(upperMeetingId);
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await district?.stop();
    await province?.stop();
  });

  it('a site on the district server sees and hears the host on the province server, and the host sees the site', async () => {
    await host.goto(`/meetings/${upperMeetingId}/conference`);
    await host.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    await site.goto(`/meetings/${lowerMeetingId}/conference`);
    await site.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });

    // The district site appears in the province host's console among those outside its own tree.
    const row = host.locator('[data-testid^="conf-person-"]', { hasText: 'Phú Lộc' });
    await row.waitFor({ timeout: 20_000 });
    sitePeer = ((await row.getAttribute('data-testid')) ?? '').replace('conf-person-', '');
    // The host's own tile id, as the site sees the province host in its spotlight.
    await site.locator('[data-testid="conf-spotlight"][data-peer-id]').waitFor({ timeout: 20_000 });
    hostPeer = (await site.locator('[data-testid="conf-spotlight"]').getAttribute('data-peer-id')) as string;
    expect(hostPeer).not.toBe(sitePeer);

    await until(site, 'the district site decodes the province host', decodes(hostPeer), 30_000);
    await until(host, 'the province host decodes the district site', decodes(sitePeer), 30_000);
    // The host is never muted: its voice reaches the district site.
    const heard = await audioPackets(site, hostPeer);
    await site.waitForTimeout(1500);
    expect(await audioPackets(site, hostPeer)).toBeGreaterThan(heard + 10);
    await shot(site, 'conference-cascade-district-site');
  }, 120_000);

  it('the province host gives the floor to the district site and mutes it: both carried out on the district server', async () => {
    // Joined muted, as every site: the district server paused its microphone.
    await site.getByTestId('conf-muted-by-host').waitFor({ timeout: 10_000 });
    await host.getByTestId(`conf-give-${sitePeer}`).click();
    await host.locator(`[data-testid="conf-spotlight"][data-peer-id="${sitePeer}"]`).waitFor({ timeout: 10_000 });
    await site.getByTestId('conf-muted-by-host').waitFor({ state: 'detached', timeout: 10_000 });
    const flowing = await audioPackets(host, sitePeer);
    await host.waitForTimeout(1500);
    expect(await audioPackets(host, sitePeer)).toBeGreaterThan(flowing + 10);

    await host.getByTestId(`conf-mute-${sitePeer}`).click();
    await site.getByTestId('conf-muted-by-host').waitFor({ timeout: 10_000 });
    await host.waitForTimeout(700); // packets already in flight
    const stopped = await audioPackets(host, sitePeer);
    await host.waitForTimeout(2000);
    expect(await audioPackets(host, sitePeer)).toBe(stopped);
  }, 60_000);

  // Either server's media worker dying breaks the pipe: the link is made again by itself, no page reloads.
  for (const which of ['district', 'province'] as const) {
    it(`the link comes back after the ${which} server's media worker dies`, async () => {
      const pages = [host, site];
      for (const page of pages) await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      const before = new Set((await Promise.all(pages.map(conferenceStats))).flat().map((s) => s.consumerId));
      const server = which === 'district' ? district : province;
      const { serving } = mediaWorkers(server.pid);
      expect(serving.length).toBe(1);
      const killedAt = Date.now();
      process.kill(serving[0], 'SIGKILL');
      const fresh = (peerId: string) => (s: ConferenceStats[]) => s.some((x) => x.peerId === peerId && x.source === 'camera' && !before.has(x.consumerId) && x.framesDecoded > 0);
      const resumed = await Promise.all([
        until(site, 'the district site decodes the province host again', fresh(hostPeer), 20_000).then(() => Date.now() - killedAt),
        until(host, 'the province host decodes the district site again', fresh(sitePeer), 20_000).then(() => Date.now() - killedAt),
      ]);
      for (const page of pages) expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      console.log(`${which} worker killed: video across the link again after ${resumed.join(' / ')} ms (site / host)`);
      expect(Math.max(...resumed)).toBeLessThan(10_000);
    }, 60_000);
  }

  it('refuses a server without the agreed secret', async () => {
    const attempt = (auth: Record<string, unknown>) =>
      new Promise<string>((resolve) => {
        const socket = io(`${province.baseUrl}/cascade`, { path: '/api/realtime', transports: ['websocket'], auth, reconnection: false });
        socket.on('connect', () => {
          socket.close();
          resolve('connected');
        });
        socket.on('connect_error', (err) => {
          socket.close();
          resolve(err.message);
        });
      });
    expect(await attempt({})).toBe('CASCADE_LINK_REFUSED');
    expect(await attempt({ ...signLinkToken('huyen-phuloc', 'not-the-agreed-secret-but-long-enough-000') })).toBe('CASCADE_LINK_REFUSED');
    expect(await attempt({ ...signLinkToken('huyen-phuloc', secret, Date.now() - 10 * 60_000) })).toBe('CASCADE_LINK_REFUSED');
    // The right secret connects (and then may link a meeting).
    expect(await attempt({ ...signLinkToken('huyen-phuloc', secret) })).toBe('connected');
  }, 30_000);
});
