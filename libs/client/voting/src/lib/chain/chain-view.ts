import type { MessageKey } from '@phonghop/client-i18n';
import type { ChainLinkCheck, ChainVerificationDto } from '@phonghop/contracts';

/** The result chain as the verification screen lists it, pure. */

export type ChainRowState = 'ok' | 'broken' | 'after_break';

export interface ChainRow {
  motionId: string;
  title: string;
  closedAt: string;
  state: ChainRowState;
  /** The first link that fails: the one to look into. */
  first: boolean;
  /** What is wrong, in words (for a failing link). */
  problem: MessageKey | null;
}

export function problemKey(problem: ChainLinkCheck['problem']): MessageKey | null {
  return problem ? `vote.chain.problem.${problem}` : null;
}

/**
 * Links in chain order. A link that checks out after a broken one is still marked: its own hash matches, but what
 * came before it can no longer be trusted, so neither can the chain from there on.
 */
export function chainRows(dto: ChainVerificationDto): ChainRow[] {
  const firstId = dto.firstBroken?.motionId ?? null;
  let broken = false;
  return dto.links.map((link) => {
    const first = link.motionId === firstId;
    if (first) broken = true;
    const state: ChainRowState = !link.ok ? 'broken' : broken ? 'after_break' : 'ok';
    return { motionId: link.motionId, title: link.title, closedAt: link.closedAt, state, first, problem: link.ok ? null : problemKey(link.problem) };
  });
}

/** A meeting id from what an administrator pastes: the id itself or a meeting page's address. */
export function meetingIdFrom(text: string): string | null {
  const match = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text);
  return match ? match[0].toLowerCase() : null;
}
