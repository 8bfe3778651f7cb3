import type { ChainVerificationDto, MotionSpec, VoteResultRecord } from '@phonghop/contracts';
import { tallyBallots } from '@phonghop/contracts';
import type { BallotStore } from './ballot.store';
import { ballotsOf, countsOf, verifyChain } from './result-chain';

/**
 * Checks a meeting's chain of closed results from what is stored: each link's hash, its link to the previous
 * result, and a recount of the ballots behind it. Used by the API (admin screen) and the `verify-votes` command.
 */
export async function verifyMeetingChain(store: BallotStore, meetingId: string, warn: (motionId: string, err: unknown) => void = () => undefined): Promise<ChainVerificationDto> {
  const closed = await store.motionsOf(meetingId, ['closed']);
  const stored = await Promise.all(
    closed.map(async (m) => {
      const spec = JSON.parse(m.spec) as MotionSpec;
      let recount: string | null = null;
      try {
        const { named, secret } = await store.storedBallots(m);
        recount = countsOf({ decided: tallyBallots(spec, ballotsOf(named, secret)) as VoteResultRecord['decided'] });
      } catch (err) {
        warn(m.id, err);
      }
      return { motionId: m.id, title: spec.title, closedAt: m.closedAt ?? m.updatedAt, prevHash: m.prevHash, resultHash: m.resultHash, result: m.result, recount };
    }),
  );
  const links = verifyChain(stored);
  const firstBroken = links.find((l) => !l.ok) ?? null;
  return { meetingId, ok: !firstBroken, links, firstBroken };
}
