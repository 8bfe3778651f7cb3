import type { ChainVerificationDto } from '@phonghop/contracts';
import { chainRows, meetingIdFrom } from './chain-view';

const link = (motionId: string, ok: boolean, problem: 'hash_mismatch' | 'broken_link' | 'ballots_differ' | null = null) => ({
  motionId,
  title: `Biểu quyết ${motionId}`,
  closedAt: '2026-05-12T02:00:00.000Z',
  ok,
  problem,
});

describe('chainRows', () => {
  it('marks every link ok in an intact chain', () => {
    const dto: ChainVerificationDto = { meetingId: 'm', ok: true, links: [link('a', true), link('b', true)], firstBroken: null };
    expect(chainRows(dto).map((r) => [r.motionId, r.state, r.first, r.problem])).toEqual([
      ['a', 'ok', false, null],
      ['b', 'ok', false, null],
    ]);
  });

  it('highlights the first broken link with its problem, and distrusts what follows', () => {
    const dto: ChainVerificationDto = {
      meetingId: 'm',
      ok: false,
      links: [link('a', true), link('b', false, 'ballots_differ'), link('c', true), link('d', false, 'broken_link')],
      firstBroken: link('b', false, 'ballots_differ'),
    };
    expect(chainRows(dto).map((r) => [r.motionId, r.state, r.first, r.problem])).toEqual([
      ['a', 'ok', false, null],
      ['b', 'broken', true, 'vote.chain.problem.ballots_differ'],
      ['c', 'after_break', false, null],
      ['d', 'broken', false, 'vote.chain.problem.broken_link'],
    ]);
  });
});

describe('meetingIdFrom', () => {
  it('finds the meeting id in a pasted id or address', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(meetingIdFrom(` ${id.toUpperCase()} `)).toBe(id);
    expect(meetingIdFrom(`https://hop.example.gov.vn/meetings/${id}`)).toBe(id);
    expect(meetingIdFrom('hop tuan 5')).toBeNull();
  });
});
