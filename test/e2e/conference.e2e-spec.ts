import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, tabletContext } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { api, type ConferenceStats, conferenceStats, mediaWorkers, publishedConference, publishedDocument, untilStats } from './support/conference';
import { makePdf } from './support/pdf-fixtures';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

type Stats = ConferenceStats;
const stats = conferenceStats;

const until = untilStats;

const decodingFrom = (peerIds: string[]) => (s: Stats[]) =>
  peerIds.every((id) => s.some((x) => x.peerId === id && x.source === 'camera' && x.framesDecoded > 0));

describe('online conference in Chromium (fake cameras, real mediasoup)', () => {
  let server: RunningServer;
  const browsers: { browser: Browser; close(): Promise<void> }[] = [];
  let meetingId: string;
  let sites: { id: string; name: string }[];
  const pages: Record<'host' | 'phuLoc' | 'phuMy', Page> = {} as never;
  const peerOf: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ CONFERENCE_LISTEN_IP: '127.0.0.1', CONFERENCE_WORKERS: '2' });
    const base = server.baseUrl;
    const setup = await publishedConference(base, 'Hội nghị trực tuyến sơ kết quý IV');
    meetingId = setup.meetingId;
    sites = [setup.district, setup.commune];

    for (const [key, username] of [['host', 'chutoa'], ['phuLoc', 'diemcau.phuloc'], ['phuMy', 'diemcau.phumy']] as const) {
      // One browser per participant, as in the halls.
      const b = await launchChromium({ media: true });
      browsers.push(b);
      const page = await (await tabletContext(b.browser, base)).newPage();
      await login(page, username);
      pages[key] = page;
    }
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
  });

  it('the demo meeting: the host’s site tree lists its invited sites and counts a site online once its operator joins', async () => {
    const chair = await sessionCookie(server.baseUrl, 'chutoa');
    const demo = ((await api(server.baseUrl, chair, 'GET', '/api/meetings/mine')) as { id: string; title: string }[]).find(
      (m) => m.title === 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026',
    );
    if (!demo) throw new Error('demo meeting missing');
    const phuLoc = sites[0];
    const rollCall = (live: number) => pages.host.locator(`[data-testid="conf-roll-call"][data-live="${live}"][data-total="7"]`);
    await pages.host.goto(`/meetings/${demo.id}/conference`);
    await pages.host.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    // Invited by the demo data: the province hall, both districts and four communes, none connected yet.
    await rollCall(0).waitFor();
    expect(await pages.host.getByTestId('conf-roll-call').textContent()).toContain('0/7 điểm cầu');
    expect(await pages.host.locator(`[data-testid="conf-site-${phuLoc.id}"]`).getAttribute('data-state')).toBe('invited');

    await pages.phuLoc.goto(`/meetings/${demo.id}/conference`);
    await pages.phuLoc.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    // The district's operator joined: its site goes live in the tree — not among the "other sites" of linked servers.
    await pages.host.locator(`[data-testid="conf-site-${phuLoc.id}"][data-state="live"]`).waitFor({ timeout: 20_000 });
    await rollCall(1).waitFor();
    expect(await pages.host.getByTestId('conf-roll-call').textContent()).toContain('1/7 điểm cầu');
    expect(await pages.host.locator('[data-testid^="conf-person-"]').count()).toBe(0);
    await shot(pages.host, 'conference-site-tree');
  }, 90_000);

  it('a host and two sites each receive the others’ video; the console shows both sites live', async () => {
    for (const page of Object.values(pages)) {
      await page.goto(`/meetings/${meetingId}`);
      await page.getByTestId('meeting-conference').click();
      await page.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    }
    const host = pages.host;
    for (const s of sites) await host.locator(`[data-testid="conf-site-${s.id}"][data-state="live"]`).waitFor({ timeout: 20_000 });
    expect(await host.getByTestId('conf-roll-call').textContent()).toContain('2/2');
    // Peer ids, read from the host console's floor buttons.
    for (const s of sites) {
      const testId = await host.locator(`[data-testid="conf-site-${s.id}"] [data-testid^="conf-give-"]`).getAttribute('data-testid');
      peerOf[s.id] = (testId ?? '').replace('conf-give-', '');
    }
    const hostPeer = await pages.phuLoc.locator('[data-testid="conf-spotlight"]').getAttribute('data-peer-id');
    expect(hostPeer).toBeTruthy();
    peerOf['host'] = hostPeer as string;
    const [loc, my] = sites.map((s) => peerOf[s.id]);
    await until(host, 'host decodes both sites', decodingFrom([loc, my]));
    await until(pages.phuLoc, 'Phú Lộc decodes host and Phú Mỹ', decodingFrom([peerOf['host'], my]));
    await until(pages.phuMy, 'Phú Mỹ decodes host and Phú Lộc', decodingFrom([peerOf['host'], loc]));
    // The server measures each site's link; on loopback both show full bars in the host console.
    for (const id of [loc, my]) await host.locator(`[data-testid="conf-quality-${id}"][data-quality="good"]`).waitFor({ timeout: 15_000 });
    await shot(host, 'conference-host');
    await shot(pages.phuMy, 'conference-site');
  }, 120_000);

  it('giving the floor switches whose video everyone sees', async () => {
    const [loc, my] = sites.map((s) => peerOf[s.id]);
    await pages.phuMy.getByTestId('conf-hand').click();
    await pages.host.getByTestId(`conf-queue-give-${my}`).click();
    for (const page of [pages.host, pages.phuLoc]) {
      await page.locator(`[data-testid="conf-spotlight"][data-peer-id="${my}"]`).waitFor({ timeout: 10_000 });
    }
    await pages.host.getByTestId(`conf-give-${loc}`).click();
    for (const page of [pages.host, pages.phuMy]) {
      await page.locator(`[data-testid="conf-spotlight"][data-peer-id="${loc}"]`).waitFor({ timeout: 10_000 });
    }
    // The floor holder's microphone is on at the server; the other site is muted again.
    // Each site hears of it in its own time: wait for both, as a person looking at each screen would.
    await pages.phuMy.getByTestId('conf-muted-by-host').waitFor();
    await pages.phuLoc.getByTestId('conf-muted-by-host').waitFor({ state: 'detached', timeout: 5_000 });
  }, 60_000);

  it('muting a site stops its audio at the server: no new packets reach the others', async () => {
    const loc = peerOf[sites[0].id];
    const audioFrom = async (page: Page) => (await stats(page)).filter((s) => s.peerId === loc && s.source === 'microphone').reduce((n, s) => n + s.packetsReceived, 0);
    // Phú Lộc has the floor: its microphone reaches Phú Mỹ.
    const flowing = await audioFrom(pages.phuMy);
    await pages.phuMy.waitForTimeout(1500);
    expect(await audioFrom(pages.phuMy)).toBeGreaterThan(flowing + 10);

    await pages.host.getByTestId(`conf-mute-${loc}`).click();
    await pages.phuLoc.getByTestId('conf-muted-by-host').waitFor();
    await pages.phuMy.waitForTimeout(700); // packets already in flight
    const stopped = await audioFrom(pages.phuMy);
    await pages.phuMy.waitForTimeout(2000);
    expect(await audioFrom(pages.phuMy)).toBe(stopped);
  }, 60_000);

  it('the host presents a document: every site draws the same page and follows the host’s page turns', async () => {
    const pages3 = ['Phần I. Kết quả thực hiện nhiệm vụ quý IV', 'Phần II. Tồn tại, hạn chế', 'Phần III. Phương hướng năm 2027'];
    const documentId = await publishedDocument(server.baseUrl, meetingId, 'Báo cáo sơ kết quý IV', await makePdf({ title: 'Báo cáo sơ kết quý IV', pages: pages3 }));
    const host = pages.host;
    await host.getByTestId('conf-present').click();
    await host.getByTestId(`conf-present-doc-${documentId}`).click();
    const drawn = (page: Page, n: number) => page.locator(`[data-testid="conf-presented-page"][data-state="drawn"][data-page="${n}"]`).waitFor({ timeout: 15_000 });
    for (const page of Object.values(pages)) await drawn(page, 1);
    expect(await pages.phuMy.getByTestId('conf-presentation-page').textContent()).toContain('1/3');
    // Sites see the page but cannot turn it.
    expect(await pages.phuLoc.getByTestId('conf-present-next').count()).toBe(0);
    await host.getByTestId('conf-present-next').click();
    await host.getByTestId('conf-present-next').click();
    for (const page of Object.values(pages)) await drawn(page, 3);
    await shot(pages.phuMy, 'conference-presentation-site');
    await host.getByTestId('conf-present-stop').click();
    for (const page of Object.values(pages)) await page.getByTestId('conf-presentation').waitFor({ state: 'detached', timeout: 10_000 });
  }, 60_000);

  it('the host records: everyone sees it, and the secretary gets a WebM with the speaker’s video and a voice', async () => {
    await pages.host.getByTestId('conf-record').click();
    for (const page of Object.values(pages)) await page.getByTestId('conf-recording').waitFor({ timeout: 10_000 });
    await pages.host.waitForTimeout(5000);
    await pages.host.getByTestId('conf-record').click();
    for (const page of Object.values(pages)) await page.getByTestId('conf-recording').waitFor({ state: 'detached', timeout: 20_000 });
    const secretary = await sessionCookie(server.baseUrl, 'thuky');
    const [rec] = (await api(server.baseUrl, secretary, 'GET', `/api/meetings/${meetingId}/recordings`)) as { id: string; status: string; durationSeconds: number }[];
    expect(rec).toMatchObject({ status: 'ready' });
    const file = await fetch(`${server.baseUrl}/api/meetings/${meetingId}/recordings/${rec.id}/file`, { headers: { cookie: secretary } });
    expect(file.status).toBe(200);
    const path = join(tmpdir(), `phonghop-e2e-recording-${rec.id}.webm`);
    writeFileSync(path, Buffer.from(await file.arrayBuffer()));
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], { encoding: 'utf8' }));
    rmSync(path, { force: true });
    expect(probe.streams.map((x: { codec_name: string }) => x.codec_name).sort()).toEqual(['opus', 'vp8']);
    expect(Number(probe.format.duration)).toBeGreaterThan(3);
  }, 60_000);

  it('a media worker killed mid-call: video resumes on every client within 5 seconds, without reloading', async () => {
    for (const page of Object.values(pages)) await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const before = new Set((await Promise.all(Object.values(pages).map(stats))).flat().map((s) => s.consumerId));
    // Both workers serving the conference die at once; the idle spare takes the place of one of them.
    const { serving } = mediaWorkers(server.pid);
    expect(serving.length).toBe(2);
    const killedAt = Date.now();
    for (const pid of serving) process.kill(pid, 'SIGKILL');

    const others = { host: [peerOf[sites[0].id], peerOf[sites[1].id]], phuLoc: [peerOf['host'], peerOf[sites[1].id]], phuMy: [peerOf['host'], peerOf[sites[0].id]] };
    const resumed = await Promise.all(
      (Object.keys(pages) as (keyof typeof pages)[]).map(async (key) => {
        await until(
          pages[key],
          `${key} decodes again after the crash`,
          (s) => others[key].every((id) => s.some((x) => x.peerId === id && x.source === 'camera' && !before.has(x.consumerId) && x.framesDecoded > 0)),
          15_000,
        );
        return Date.now() - killedAt;
      }),
    );
    for (const page of Object.values(pages)) {
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    }
    console.log(`video resumed after a worker crash in ${resumed.join(', ')} ms`);
    expect(Math.max(...resumed)).toBeLessThan(5000);
  }, 60_000);
});
