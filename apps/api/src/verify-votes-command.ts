import type { ChainVerificationDto } from '@phonghop/contracts';
import { buildDataSourceOptions } from '@phonghop/server-database';
import { BallotStore, VOTING_ENTITIES, verifyMeetingChain } from '@phonghop/server-voting';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from './app/config';

const PROBLEM_WORDS: Record<NonNullable<ChainVerificationDto['links'][number]['problem']>, string> = {
  hash_mismatch: 'kết quả đã bị sửa sau khi kết thúc / the stored result was changed after the close',
  broken_link: 'mắt xích không khớp với kết quả trước / the link to the previous result is broken',
  ballots_differ: 'kiểm lại phiếu không khớp kết quả / a recount of the stored ballots differs',
};

/**
 * `./phonghop verify-votes [meetingId …]`: checks the result chain of the given meetings (or of every meeting with a
 * closed vote) straight from the database, with no server running and no login. Prints a line per meeting and the
 * first broken link; exits 1 when any chain is broken. Reads only.
 */
export async function runVerifyVotes(env: Record<string, string | undefined>, meetingIds: string[], write: (line: string) => void): Promise<number> {
  const config = loadConfig(env);
  const options = buildDataSourceOptions({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, entities: VOTING_ENTITIES });
  const db = await new DataSource({ ...options, migrationsRun: false } as DataSourceOptions).initialize();
  try {
    const store = new BallotStore(db);
    const ids = meetingIds.length
      ? meetingIds
      : ((await db.query(`SELECT DISTINCT meeting_id AS id FROM vote_motion WHERE status = 'closed' ORDER BY meeting_id`)) as { id: string }[]).map((r) => r.id);
    let broken = 0;
    for (const meetingId of ids) {
      const chain = await verifyMeetingChain(store, meetingId);
      if (chain.ok) {
        write(`✓ ${meetingId}: ${chain.links.length} kết quả, chuỗi nguyên vẹn / results, chain intact`);
        continue;
      }
      broken++;
      const first = chain.firstBroken;
      write(`✗ ${meetingId}: mắt xích hỏng đầu tiên / first broken link: ${first?.motionId} «${first?.title}» (${first?.closedAt}) — ${first?.problem ? PROBLEM_WORDS[first.problem] : ''}`);
    }
    if (!ids.length) write('Chưa có biểu quyết nào kết thúc / no closed votes yet');
    return broken ? 1 : 0;
  } finally {
    await db.destroy();
  }
}
