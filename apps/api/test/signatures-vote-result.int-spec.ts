import { type DocumentChainVerificationDto, type SignedDocumentDto, type SigningRequestDto, type VoteMethod, type VoteRequests, type VoteResultDto, yesNoMotion } from '@phonghop/contracts';
import { opensslVerifiesCms, pdfsig, type TestIdentity } from '@phonghop/server-signatures/testing';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runVerifyVotes } from '../src/verify-votes-command';
import { connectSocket, connected, type PhClient } from './support/socket';
import { organisationKeyEnv, pdfFrom, TEST_ROOT_CA, testSigner, trustedPki } from './support/signing';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(90_000);

type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string } };

/**
 * A real vote, opened, cast and closed through the room's socket requests as the tablets and the chair's console
 * do; its results sheet (the Decree 30 layout) then signed by the secretary with the organisation key and by the
 * chair with their own token through the desktop tool, as incremental updates linked into the document chain.
 */
describe(`signing a closed vote's results (${ENGINE})`, () => {
  let keys: ReturnType<typeof trustedPki>;
  let t: TestApp;
  const as: Record<string, Browser> = {};
  const ids: Record<string, string> = {};
  const sockets: PhClient[] = [];
  let meetingId: string;
  let motionId: string;
  let chairToken: TestIdentity;
  const base = () => `/api/meetings/${meetingId}`;
  const signed = (suffix = '') => `${base()}/signed/vote_result/${motionId}${suffix}`;

  const socketOf = async (who: string) => {
    const s = connectSocket(t.baseUrl, as[who].cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };
  const vote = async <M extends VoteMethod>(who: string, method: M, data: Omit<VoteRequests[M]['req'], 'meetingId'>) =>
    (await (await socketOf(who)).emitWithAck('vote:request', { method, data: { meetingId, ...data } } as never)) as Reply<VoteRequests[M]['res']>;

  beforeAll(async () => {
    keys = trustedPki();
    t = await startTestApp({ ...organisationKeyEnv(keys.pki), SIGNATURE_TRUST_DIR: keys.trustDir });
    for (const u of ['chutoa', 'thuky', 'daibieu', 'quantri']) {
      as[u] = await signedIn(t.baseUrl, u);
      ids[u] = (await as[u].get('/api/auth/me')).body.user.id;
    }
    meetingId = (await as['chutoa'].get('/api/meetings/mine')).body[0].id;
    chairToken = keys.pki.issue({ cn: 'TRẦN VĂN MINH', o: 'UBND tỉnh An Bình' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await t.destroy();
    keys.dispose();
  });

  it('closes a real vote: the session starts, members check in, vote, and the secretary closes it', async () => {
    const chair = await socketOf('chutoa');
    expect(await chair.emitWithAck('floor:request', { method: 'start', data: { meetingId } } as never)).toMatchObject({ ok: true });
    for (const who of ['chutoa', 'daibieu']) {
      expect(await chair.emitWithAck('floor:request', { method: 'markAttendance', data: { meetingId, userId: ids[who], status: 'present' } } as never)).toMatchObject({ ok: true });
    }
    const created = await as['thuky'].post(`${base()}/motions`, { spec: yesNoMotion('Thông qua Kế hoạch đầu tư công năm 2027') });
    expect(created.status).toBe(201);
    motionId = created.body.id;
    expect(await vote('chutoa', 'open', { motionId })).toMatchObject({ ok: true, data: { motion: { status: 'open' } } });
    // Nothing to sign while the vote is open.
    expect((await as['thuky'].post(signed('/sign'))).body.code).toBe('VOTE_STILL_OPEN');
    for (const who of ['chutoa', 'daibieu']) {
      expect(await vote(who, 'cast', { motionId, forUserId: ids[who], choices: ['yes'], submissionKey: `key-${who}-${Date.now()}` })).toMatchObject({ ok: true });
    }
    const closed = await vote('thuky', 'close', { motionId });
    expect(closed).toMatchObject({ ok: true, data: { motion: { status: 'closed' } } });
    const result = (await as['daibieu'].get(`${base()}/motions/${motionId}/result`)).body as VoteResultDto;
    expect(result.record.decided).toMatchObject({ kind: 'yes_no', passed: true, cast: { ballots: 2 } });
  });

  it('is signed by the secretary with the organisation key, then by the chair with their own token', async () => {
    expect((await as['daibieu'].post(signed('/sign'))).body.code).toBe('FORBIDDEN');
    expect((await as['quantri'].post(signed('/sign'))).status).toBe(403);

    const first = await as['thuky'].post(signed('/sign'));
    expect(first.status).toBe(200);
    expect(first.body as SignedDocumentDto).toMatchObject({
      kind: 'vote_result',
      ref: motionId,
      signedRoles: ['secretary'],
      revisions: [{ revision: 0, signerKind: 'base' }, { revision: 1, signerKind: 'organisation', signerRole: 'secretary', signerName: 'UBND tỉnh An Bình' }],
      signatures: { status: 'valid', signatures: [{ level: 'B-B', trustAnchor: TEST_ROOT_CA, reason: 'Ký kết quả biểu quyết' }] },
    });
    expect((await as['thuky'].post(signed('/sign'))).body.code).toBe('SIGNATURE_ALREADY_THERE');

    const req = (await as['chutoa'].post(signed('/requests'), {})).body as SigningRequestDto;
    expect(req.signerRole).toBe('chair');
    expect(await testSigner(req, chairToken)).toMatchObject({ status: 201 });
    const state = (await as['chutoa'].get(signed())).body as SignedDocumentDto;
    expect(state).toMatchObject({ signedRoles: ['secretary', 'chair'], signatures: { status: 'valid' } });
    expect(state.revisions.map((r) => [r.revision, r.signerKind, r.signerRole])).toEqual([
      [0, 'base', null],
      [1, 'organisation', 'secretary'],
      [2, 'person', 'chair'],
    ]);

    // Independent verifiers: poppler's pdfsig for both signatures, openssl for the CMS.
    const pdf = await pdfFrom(t, as['daibieu'], signed('/pdf'));
    expect(pdfsig(pdf).map((s) => [s.commonName, s.valid, s.wholeDocument])).toEqual([
      ['UBND tỉnh An Bình', true, false],
      ['TRẦN VĂN MINH', true, true],
    ]);
    expect(opensslVerifiesCms(pdf, keys.pki.caCertFile)).toBe(true);
    // The sheet is the sealed result: its hash is printed in the file the signatures cover.
    const result = (await as['daibieu'].get(`${base()}/motions/${motionId}/result`)).body as VoteResultDto;
    expect(execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString()).toContain(result.resultHash);
  });

  it('enters the meeting’s document chain', async () => {
    const chain = (await as['chutoa'].get(`${base()}/document-chain`)).body as DocumentChainVerificationDto;
    const state = (await as['chutoa'].get(signed())).body as SignedDocumentDto;
    expect(chain).toMatchObject({ ok: true });
    expect(chain.links.map((l) => [l.chainSeq, l.kind, l.ref, l.revision, l.sha256, l.ok])).toEqual([
      [1, 'vote_result', motionId, 1, state.revisions[1].sha256, true],
      [2, 'vote_result', motionId, 2, state.revisions[2].sha256, true],
    ]);
  });

  it('is never printed again: the results sheet is the signed file, whatever changes in the meeting', async () => {
    const signedPdf = await pdfFrom(t, as['thuky'], signed('/pdf'));
    expect((await pdfFrom(t, as['daibieu'], `${base()}/motions/${motionId}/result.pdf`)).equals(signedPdf)).toBe(true);
    // The meeting's details change (they head every freshly printed sheet): the signed sheet does not.
    const renamed = await as['thuky'].patch(base(), { title: 'Phiên họp đã đổi tên sau khi ký' });
    expect(renamed.status).toBe(200);
    expect((await pdfFrom(t, as['daibieu'], `${base()}/motions/${motionId}/result.pdf`)).equals(signedPdf)).toBe(true);
    expect((await pdfFrom(t, as['chutoa'], signed('/pdf'))).equals(signedPdf)).toBe(true);
    // The vote cannot be closed again, nor signed again in a taken area.
    expect(await vote('chutoa', 'close', { motionId })).toMatchObject({ ok: false, error: { code: 'VOTE_CLOSED' } });
    expect((await as['chutoa'].post(signed('/sign'))).body.code).toBe('SIGNATURE_ALREADY_THERE');
    expect(((await as['chutoa'].get(`${base()}/document-chain`)).body as DocumentChainVerificationDto).links).toHaveLength(2);
  });

  it('is checked by `./phonghop verify-votes`, which names the first broken link of the document chain', async () => {
    const env = { DATA_DIR: t.dataDir, ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}) };
    const lines: string[] = [];
    expect(await runVerifyVotes(env, [], (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([`✓ ${meetingId}: 1 kết quả, chuỗi nguyên vẹn / results, chain intact`, `✓ ${meetingId}: 2 chữ ký trên văn bản, chuỗi nguyên vẹn / document signatures, chain intact`]);

    // Someone with access to the database puts another name on the secretary's signature record.
    const sql = `UPDATE signed_document SET signer_name = 'Người Khác' WHERE meeting_id = ${ENGINE === 'postgres' ? '$1' : '?'} AND chain_seq = 1`;
    if (ENGINE === 'sqlite') {
      // A connection of its own to the file, as the sqlite3 shell would open it.
      const db = await new DataSource({ type: 'better-sqlite3', database: join(t.dataDir, 'phonghop.sqlite') }).initialize();
      await db.query(sql, [meetingId]);
      expect(await db.query(`SELECT signer_name FROM signed_document WHERE chain_seq = 1`)).toEqual([{ signer_name: 'Người Khác' }]);
      await db.destroy();
    } else {
      const pg = new Client({ connectionString: t.databaseUrl });
      await pg.connect();
      expect((await pg.query(sql, [meetingId])).rowCount).toBe(1);
      await pg.end();
    }
    const sha = ((await as['chutoa'].get(signed())).body as SignedDocumentDto).revisions[1].sha256;
    lines.length = 0;
    expect(await runVerifyVotes(env, [meetingId], (l) => lines.push(l))).toBe(1);
    expect(lines[1]).toBe(`✗ ${meetingId}: mắt xích văn bản hỏng đầu tiên / first broken document link: #1 vote_result ${motionId} r1 (${sha}) — bản ghi chữ ký đã bị sửa / the signature record was changed`);
    // The API's check agrees.
    expect(((await as['chutoa'].get(`${base()}/document-chain`)).body as DocumentChainVerificationDto).links.map((l) => l.problem)).toEqual(['hash_mismatch', null]);
  });
});
