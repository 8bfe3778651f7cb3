import { type AnnotationDto, SESSION_COOKIE, type VoteResultDto, yesNoMotion } from '@phonghop/contracts';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackupCommand } from '../src/backup-command';
import { vietnamesePdf } from './fixtures/pdfs';
import { connectSocket, connected, type PhClient } from './support/socket';
import { type Browser, createPostgresDatabase, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';
import { uploadPdf } from './support/documents';

type Reply = { ok: boolean; data?: unknown; error?: { code: string } };

jest.setTimeout(120_000);

/**
 * `./phonghop backup` beside a running server, then `./phonghop restore` onto a fresh DATA_DIR (and a fresh
 * PostgreSQL database): the restored server has every meeting, document (same bytes), annotation and vote.
 */
describe(`backup and restore (${ENGINE})`, () => {
  let t: TestApp;
  let restored: TestApp | null = null;
  const folders: string[] = [];
  const sockets: PhClient[] = [];
  const as: Record<string, Browser> = {};
  let meetingId: string;

  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'phonghop-backup-test-'));
    folders.push(dir);
    return dir;
  };
  const command = async (env: Record<string, string | undefined>, ...args: string[]) => {
    const lines: string[] = [];
    const code = await runBackupCommand({ NODE_ENV: 'test', ...env }, args, (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  };
  const request = (s: PhClient, event: 'floor:request' | 'vote:request', method: string, data: Record<string, unknown>) =>
    s.emitWithAck(event, { method, data: { meetingId, ...data } } as never) as Promise<Reply>;
  const fileHash = async (b: Browser, baseUrl: string, documentId: string) => {
    const res = await fetch(`${baseUrl}/api/documents/${documentId}/versions/1/file`, { headers: { cookie: `${SESSION_COOKIE}=${b.cookie}` } });
    expect(res.status).toBe(200);
    return createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex');
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of ['chutoa', 'thuky', 'daibieu']) as[u] = await signedIn(t.baseUrl, u);
    meetingId = (await as['chutoa'].get('/api/meetings/mine')).body[0].id;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await restored?.destroy();
    await t.destroy();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('copies a running installation and restores it onto an empty one with every meeting, document, note and vote', async () => {
    // A published document, a note on it, and a closed vote: the three kinds of things a meeting must not lose.
    const pdf = await vietnamesePdf([['Tờ trình sao lưu — trang 1']], 'Tờ trình sao lưu');
    const doc = await uploadPdf(t.baseUrl, as['thuky'], meetingId, pdf, { title: 'Tờ trình sao lưu' }, 'to-trinh.pdf');
    expect((await as['thuky'].post(`/api/documents/${doc.id}/publish`, {})).status).toBe(200);
    const docHash = await fileHash(as['daibieu'], t.baseUrl, doc.id);
    const noteId = '6a1e0f55-5f0e-4c69-9f39-0d1b1c2d3e4f';
    const note = await as['daibieu'].post('/api/annotations/ops', {
      ops: [{ opId: 'op-backup-1', type: 'create', annotation: { id: noteId, documentId: doc.id, version: 1, kind: 'note', target: { page: 1, at: { x: 0.2, y: 0.3, w: 0, h: 0 } }, color: '#f9a825', body: 'Hỏi lại số liệu' } }],
    });
    expect(note.status).toBe(200);

    const chair = connectSocket(t.baseUrl, as['chutoa'].cookie);
    const delegate = connectSocket(t.baseUrl, as['daibieu'].cookie);
    sockets.push(chair, delegate);
    await Promise.all([connected(chair), connected(delegate)]);
    const ids = Object.fromEntries(await Promise.all(['chutoa', 'daibieu'].map(async (u) => [u, (await as[u].get('/api/auth/me')).body.user.id as string])));
    expect(await request(chair, 'floor:request', 'start', {})).toMatchObject({ ok: true });
    for (const u of ['chutoa', 'daibieu']) expect(await request(chair, 'floor:request', 'markAttendance', { userId: ids[u], status: 'present' })).toMatchObject({ ok: true });
    const motionId = (await as['thuky'].post(`/api/meetings/${meetingId}/motions`, { spec: yesNoMotion('Thông qua phương án sao lưu') })).body.id as string;
    expect(await request(chair, 'vote:request', 'open', { motionId })).toMatchObject({ ok: true });
    for (const [s, u, choice] of [[chair, 'chutoa', 'yes'], [delegate, 'daibieu', 'no']] as const) {
      expect(await request(s, 'vote:request', 'cast', { motionId, forUserId: ids[u], choices: [choice], submissionKey: `backup-${u}` })).toMatchObject({ ok: true });
    }
    expect(await request(chair, 'vote:request', 'close', { motionId })).toMatchObject({ ok: true });
    const result = (await as['daibieu'].get(`/api/meetings/${meetingId}/motions/${motionId}/result`)).body as VoteResultDto;
    const meetings = (await as['chutoa'].get('/api/meetings/mine')).body as { id: string }[];

    // The backup runs while the server is up (and keeps serving).
    const env = { DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl };
    const target = folder();
    const backup = await command(env, 'backup', target);
    expect(backup).toMatchObject({ code: 0 });
    const dir = backup.out.match(/: (\/\S+phonghop-backup-\S+)/)?.[1] ?? '';
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { engine: string; files: { path: string; sha256: string }[] };
    expect(manifest.engine).toBe(ENGINE);
    expect(manifest.files.map((f) => f.sha256)).toContain(docHash);
    expect((await as['daibieu'].get('/api/auth/me')).status).toBe(200);

    // A damaged backup is refused before anything is written.
    const fresh = { DATA_DIR: join(folder(), 'data'), DATABASE_URL: t.databaseUrl ? await createPostgresDatabase(t.databaseUrl) : undefined };
    const docFile = manifest.files.find((f) => f.sha256 === docHash)?.path ?? '';
    const original = readFileSync(join(dir, docFile));
    writeFileSync(join(dir, docFile), Buffer.concat([original, Buffer.from('x')]));
    await expect(command(fresh, 'restore', dir)).rejects.toThrow(/hỏng \/ a backup file is missing or damaged: files\/blobs/);
    writeFileSync(join(dir, docFile), original);

    expect(await command(fresh, 'restore', dir)).toMatchObject({ code: 0 });
    // Restoring twice onto the same installation is refused: a restore never overwrites.
    await expect(command(fresh, 'restore', dir)).rejects.toThrow(/không ghi đè|not overwritten/);

    restored = await startTestApp({}, { dataDir: fresh.DATA_DIR, databaseUrl: fresh.DATABASE_URL });
    const again: Record<string, Browser> = {};
    for (const u of ['chutoa', 'daibieu']) again[u] = await signedIn(restored.baseUrl, u);
    expect(((await again['chutoa'].get('/api/meetings/mine')).body as { id: string }[]).map((m) => m.id)).toEqual(meetings.map((m) => m.id));
    expect(await fileHash(again['daibieu'], restored.baseUrl, doc.id)).toBe(docHash);
    const notes = (await again['daibieu'].get(`/api/documents/${doc.id}/versions/1/annotations`)).body as AnnotationDto[];
    expect(notes.map((n) => [n.id, n.body])).toEqual([[noteId, 'Hỏi lại số liệu']]);
    expect((await again['daibieu'].get(`/api/meetings/${meetingId}/motions/${motionId}/result`)).body).toEqual(result);
  });
});

