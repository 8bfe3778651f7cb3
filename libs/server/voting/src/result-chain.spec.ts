import { type VoteResultRecord, yesNoMotion } from '@phonghop/contracts';
import { CHAIN_GENESIS } from './ballot.store';
import { chainHash, countsOf, type StoredResult, verifyChain } from './result-chain';

const record = (motionId: string, yes: number): VoteResultRecord => {
  const counts = [
    { optionId: 'yes', ballots: yes, weight: String(yes) },
    { optionId: 'no', ballots: 0, weight: '0' },
    { optionId: 'abstain', ballots: 0, weight: '0' },
  ];
  const reasons = { duplicate_member: 0, bad_weight: 0, empty: 0, unknown_option: 0, duplicate_choice: 0, too_many_choices: 0, abstain_with_other: 0 };
  return {
    motionId,
    meetingId: 'm',
    itemId: null,
    spec: yesNoMotion(motionId),
    openedAt: '2026-12-06T08:00:00.000Z',
    closedAt: '2026-12-06T08:05:00.000Z',
    eligible: { count: 3, weight: '3', hall: 3, sites: 0 },
    members: { count: 3, weight: '3' },
    decided: { kind: 'yes_no', passed: yes >= 2, counts, cast: { ballots: yes, weight: String(yes) }, abstained: { ballots: 0, weight: '0' }, invalid: { ballots: 0, reasons }, base: '3', required: '2' },
    named: null,
    receipts: [],
  };
};

/** Three results sealed one after the other, as the store does. */
function chain(): StoredResult[] {
  let prev = CHAIN_GENESIS;
  return ['m1', 'm2', 'm3'].map((id, i) => {
    const r = record(id, i + 1);
    const hash = chainHash(prev, r);
    const stored = { motionId: id, title: id, closedAt: new Date(Date.UTC(2026, 11, 6, 8, i)), prevHash: prev, resultHash: hash, result: JSON.stringify(r), recount: countsOf(r) };
    prev = hash;
    return stored;
  });
}

describe('the result chain', () => {
  it('holds when nothing was touched, whatever order the rows come in', () => {
    expect(verifyChain(chain().reverse()).map((l) => [l.motionId, l.ok])).toEqual([['m1', true], ['m2', true], ['m3', true]]);
  });

  it('names a changed result, a forged link and ballots that no longer add up', () => {
    const edited = chain();
    edited[1].result = (edited[1].result ?? '').replace('"passed":true', '"passed":false');
    expect(verifyChain(edited).map((l) => l.problem)).toEqual([null, 'hash_mismatch', null]);

    // Re-hashing the edited result to hide it breaks the next link instead.
    const rehashed = chain();
    const forged = { ...(JSON.parse(rehashed[1].result ?? '') as VoteResultRecord), receipts: ['XXXX-XXXX-XXXX'] };
    rehashed[1].result = JSON.stringify(forged);
    rehashed[1].resultHash = chainHash(rehashed[1].prevHash ?? '', forged);
    expect(verifyChain(rehashed).map((l) => l.problem)).toEqual([null, null, 'broken_link']);

    const recounted = chain();
    recounted[2].recount = countsOf(record('m3', 2));
    expect(verifyChain(recounted).map((l) => l.problem)).toEqual([null, null, 'ballots_differ']);
  });
});
