import { ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

describe(`my meetings (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.destroy());

  it('lists the demo meeting with each participant’s own role', async () => {
    for (const [username, role] of [
      ['chutoa', 'chair'],
      ['thuky', 'secretary'],
      ['daibieu', 'delegate'],
      ['diemcau.phuloc', 'site'],
    ]) {
      const b = await signedIn(t.baseUrl, username);
      const { status, body } = await b.get('/api/meetings/mine');
      expect(status).toBe(200);
      expect(body).toHaveLength(1);
      expect(body[0]).toMatchObject({ myRole: role, status: 'published', organiserUnitName: 'UBND tỉnh An Bình' });
      expect(new Date(body[0].startsAt).getTime()).toBeGreaterThan(Date.now());
    }
  });

  it('shows nobody else’s meetings: the guest has none', async () => {
    const guest = await signedIn(t.baseUrl, 'khachmoi');
    expect((await guest.get('/api/meetings/mine')).body).toEqual([]);
  });
});
