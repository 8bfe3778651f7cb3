import type { ChainVerificationDto, DocumentChainLinkDto } from '@phonghop/contracts';
import { buildDataSourceOptions } from '@phonghop/server-database';
import { SIGNATURE_ENTITIES, SignedDocumentsStore, SignedFiles, verifyDocumentChain } from '@phonghop/server-signatures';
import { BallotStore, VOTING_ENTITIES, verifyMeetingChain } from '@phonghop/server-voting';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from './app/config';

const PROBLEM_WORDS: Record<NonNullable<ChainVerificationDto['links'][number]['problem']>, string> = {
  hash_mismatch: 'kết quả đã bị sửa sau khi kết thúc / the stored result was changed after the close',
  broken_link: 'mắt xích không khớp với kết quả trước / the link to the previous result is broken',
  ballots_differ: 'kiểm lại phiếu không khớp kết quả / a recount of the stored ballots differs',
};

const DOCUMENT_PROBLEM_WORDS: Record<NonNullable<DocumentChainLinkDto['problem']>, string> = {
  hash_mismatch: 'bản ghi chữ ký đã bị sửa / the signature record was changed',
  broken_link: 'mắt xích không khớp với mắt xích trước / the link to the previous one is broken',
  file_missing: 'mất tệp đã ký / the signed file is missing',
  file_changed: 'tệp đã ký bị thay đổi / the signed file was changed',
};

/**
 * `./phonghop verify-votes [meetingId …]`: checks, straight from the database and the data folder with no server
 * running and no login, the chain of vote results and the chain of signed documents (minutes, conclusions, results
 * sheets) of the given meetings, or of every meeting that has either. Prints a line per chain and its first broken
 * link; exits 1 when any chain is broken. Reads only.
 */
export async function runVerifyVotes(env: Record<string, string | undefined>, meetingIds: string[], write: (line: string) => void): Promise<number> {
  const config = loadConfig(env);
  const options = buildDataSourceOptions({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, entities: [...VOTING_ENTITIES, ...SIGNATURE_ENTITIES] });
  const db = await new DataSource({ ...options, migrationsRun: false } as DataSourceOptions).initialize();
  try {
    const votes = new BallotStore(db);
    const documents = new SignedDocumentsStore(db);
    const files = new SignedFiles(config.DATA_DIR);
    const ids = meetingIds.length
      ? meetingIds
      : (
          (await db.query(
            `SELECT meeting_id AS id FROM vote_motion WHERE status = 'closed' UNION SELECT meeting_id AS id FROM signed_document WHERE chain_seq IS NOT NULL ORDER BY id`,
          )) as { id: string }[]
        ).map((r) => r.id);
    let broken = 0;
    for (const meetingId of ids) {
      const chain = await verifyMeetingChain(votes, meetingId);
      if (chain.ok) {
        write(`✓ ${meetingId}: ${chain.links.length} kết quả, chuỗi nguyên vẹn / results, chain intact`);
      } else {
        broken++;
        const first = chain.firstBroken;
        write(`✗ ${meetingId}: mắt xích hỏng đầu tiên / first broken link: ${first?.motionId} «${first?.title}» (${first?.closedAt}) — ${first?.problem ? PROBLEM_WORDS[first.problem] : ''}`);
      }
      const links = await verifyDocumentChain(await documents.meetingLinks(meetingId), (sha) => files.hashOnDisk(sha));
      const firstBad = links.find((l) => !l.ok);
      if (!firstBad) {
        write(`✓ ${meetingId}: ${links.length} chữ ký trên văn bản, chuỗi nguyên vẹn / document signatures, chain intact`);
        continue;
      }
      broken++;
      write(
        `✗ ${meetingId}: mắt xích văn bản hỏng đầu tiên / first broken document link: #${firstBad.chainSeq} ${firstBad.kind} ${firstBad.ref} r${firstBad.revision} (${firstBad.sha256}) — ${firstBad.problem ? DOCUMENT_PROBLEM_WORDS[firstBad.problem] : ''}`,
      );
    }
    if (!ids.length) write('Chưa có biểu quyết nào kết thúc, chưa có văn bản nào được ký / no closed votes and no signed documents yet');
    return broken ? 1 : 0;
  } finally {
    await db.destroy();
  }
}
