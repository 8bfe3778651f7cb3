import { type LiveMotion, yesNoMotion } from '@phonghop/contracts';
import { closedMotions, displayVoteFocus, RESULT_ON_DISPLAY_MS } from './live-motions';

const motion = (id: string, status: LiveMotion['status'], closedAt: string | null = null): LiveMotion => ({
  id,
  itemId: null,
  spec: yesNoMotion(id),
  status,
  openedAt: '2026-05-12T01:00:00.000Z',
  closesAt: null,
  closedAt,
  progress: { eligible: 3, voted: 1, hall: { eligible: 3, voted: 1 }, sites: { eligible: 0, voted: 0 } },
  outcome: status === 'closed' ? { decided: {} as never, receiptCount: 1, resultHash: 'h' } : null,
});

describe('which motions screens show', () => {
  const a = motion('a', 'closed', '2026-05-12T01:05:00.000Z');
  const b = motion('b', 'closed', '2026-05-12T01:10:00.000Z');
  const closedAt = Date.parse('2026-05-12T01:10:00.000Z');

  it('lists closed motions newest first', () => {
    expect(closedMotions({ motions: { a, b, c: motion('c', 'open') } }).map((m) => m.id)).toEqual(['b', 'a']);
  });

  it('gives the display to an open vote, then to the latest result for a while', () => {
    const open = motion('c', 'open');
    expect(displayVoteFocus({ motions: { a, b, c: open } }, closedAt, true)).toEqual({ mode: 'open', motion: open });
    expect(displayVoteFocus({ motions: { a, b } }, closedAt + 1000, false)).toEqual({ mode: 'result', motion: b });
    expect(displayVoteFocus({ motions: { a, b } }, closedAt + 1000, true)).toBeNull();
    expect(displayVoteFocus({ motions: { a, b } }, closedAt + RESULT_ON_DISPLAY_MS + 1, false)).toBeNull();
    expect(displayVoteFocus(null, 0, false)).toBeNull();
  });
});
