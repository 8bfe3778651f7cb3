import { canonicalJson, type DocumentChainLinkDto, type SignedDocumentKind } from '@phonghop/contracts';
import { createHash } from 'node:crypto';
import type { SignedDocumentEntity } from './signature.entities';

/** The first link of every meeting's document chain points here, as the chain of vote results does. */
export const DOCUMENT_CHAIN_GENESIS = '0'.repeat(64);

/** What a link of the document chain seals: which document, which revision, the file's hash, and who signed. */
export interface DocumentChainRecord {
  meetingId: string;
  subjectKind: string;
  subjectId: string;
  revision: number;
  sha256: string;
  signerKind: string;
  signerUserId: string | null;
  signerName: string | null;
  certificateSerial: string | null;
  signedAt: string | null;
}

export function chainRecordOf(row: Pick<SignedDocumentEntity, keyof Omit<DocumentChainRecord, 'signedAt'>> & { signedAt: Date | null }): DocumentChainRecord {
  return {
    meetingId: row.meetingId,
    subjectKind: row.subjectKind,
    subjectId: row.subjectId,
    revision: row.revision,
    sha256: row.sha256,
    signerKind: row.signerKind,
    signerUserId: row.signerUserId,
    signerName: row.signerName,
    certificateSerial: row.certificateSerial,
    signedAt: row.signedAt ? row.signedAt.toISOString() : null,
  };
}

/** The vote results' link rule: sha256(previous hash, newline, the record's canonical JSON). */
export function documentChainHash(prevHash: string, record: DocumentChainRecord): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(record)}`).digest('hex');
}

/**
 * Walks a meeting's signed revisions in chain order: each must name the previous link's hash, hash to what is
 * stored, and its file must still be there with that SHA-256 (`fileHash` reads it; null when missing). A signed
 * document thus cannot be swapped, dropped or reordered without the walk noticing.
 */
export async function verifyDocumentChain(rows: readonly SignedDocumentEntity[], fileHash: (sha256: string) => Promise<string | null>): Promise<DocumentChainLinkDto[]> {
  const links = [...rows].filter((r) => r.chainSeq !== null).sort((a, b) => (a.chainSeq ?? 0) - (b.chainSeq ?? 0));
  let expectedPrev = DOCUMENT_CHAIN_GENESIS;
  const out: DocumentChainLinkDto[] = [];
  for (const [i, r] of links.entries()) {
    const prev = expectedPrev;
    expectedPrev = r.chainHash ?? '';
    const link = (problem: DocumentChainLinkDto['problem']): DocumentChainLinkDto => ({
      chainSeq: r.chainSeq ?? 0,
      kind: r.subjectKind as SignedDocumentKind,
      ref: r.subjectId,
      revision: r.revision,
      sha256: r.sha256,
      ok: !problem,
      problem,
    });
    if (r.chainSeq !== i + 1 || r.prevHash !== prev) out.push(link('broken_link'));
    else if (documentChainHash(prev, chainRecordOf(r)) !== r.chainHash) out.push(link('hash_mismatch'));
    else {
      const actual = await fileHash(r.sha256);
      out.push(link(actual === null ? 'file_missing' : actual !== r.sha256 ? 'file_changed' : null));
    }
  }
  return out;
}
