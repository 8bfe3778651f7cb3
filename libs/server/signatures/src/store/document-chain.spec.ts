import { chainRecordOf, DOCUMENT_CHAIN_GENESIS, documentChainHash, verifyDocumentChain } from './document-chain';
import { SignedDocumentEntity } from './signature.entities';

function link(seq: number, prev: string, sha256: string): SignedDocumentEntity {
  const row = Object.assign(new SignedDocumentEntity(), {
    id: `id-${seq}`,
    meetingId: 'm1',
    subjectKind: 'minutes',
    subjectId: 's1',
    revision: seq,
    sha256,
    sizeBytes: 10,
    signerKind: 'person',
    signerUserId: 'u1',
    signerRole: 'chair',
    signerName: 'Trần Chủ Tọa',
    certificateSerial: '1001',
    certificateIssuer: 'CA',
    signedAt: new Date(Date.UTC(2026, 11, 1, 8, seq)),
    chainSeq: seq,
    prevHash: prev,
  });
  row.chainHash = documentChainHash(prev, chainRecordOf(row));
  return row;
}

describe('the document chain', () => {
  const files = new Map([
    ['a'.repeat(64), 'a'.repeat(64)],
    ['b'.repeat(64), 'b'.repeat(64)],
  ]);
  const onDisk = async (sha: string) => files.get(sha) ?? null;
  const one = link(1, DOCUMENT_CHAIN_GENESIS, 'a'.repeat(64));
  const two = link(2, one.chainHash ?? '', 'b'.repeat(64));

  it('accepts links that each seal the one before', async () => {
    expect((await verifyDocumentChain([two, one], onDisk)).map((l) => l.ok)).toEqual([true, true]);
  });

  it('finds a changed record, a swapped link, a missing or changed file', async () => {
    const renamed = Object.assign(new SignedDocumentEntity(), { ...two, signerName: 'Người Khác' });
    expect((await verifyDocumentChain([one, renamed], onDisk)).map((l) => l.problem)).toEqual([null, 'hash_mismatch']);
    const detached = link(2, DOCUMENT_CHAIN_GENESIS, 'b'.repeat(64));
    expect((await verifyDocumentChain([one, detached], onDisk)).map((l) => l.problem)).toEqual([null, 'broken_link']);
    expect((await verifyDocumentChain([one, two], async (s) => (s === two.sha256 ? null : s))).map((l) => l.problem)).toEqual([null, 'file_missing']);
    expect((await verifyDocumentChain([one, two], async (s) => (s === two.sha256 ? 'c'.repeat(64) : s))).map((l) => l.problem)).toEqual([null, 'file_changed']);
    expect((await verifyDocumentChain([two], onDisk))[0].problem).toBe('broken_link');
  });
});
