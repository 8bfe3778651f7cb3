import { type Ack, type CastResult, errorBody } from '@phonghop/contracts';
import { castUntilAnswered, resendDelay } from './cast-sender';

const lost: Ack<CastResult> = { ok: false, error: { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: { vi: 'x', en: 'x' } } };
const serverDown: Ack<CastResult> = { ok: false, error: errorBody('SERVICE_UNAVAILABLE') };
const stored: Ack<CastResult> = { ok: true, data: { receipt: 'R-1', repeated: true } };

describe('castUntilAnswered', () => {
  it('sends the same request again after timeouts and server errors until the server answers', async () => {
    const answers = [lost, serverDown, lost, stored];
    const send = jest.fn(async () => answers.shift() as Ack<CastResult>);
    const waits: number[] = [];
    const resends: number[] = [];
    const ack = await castUntilAnswered({ send, sleep: async (ms) => void waits.push(ms), onResend: (n) => resends.push(n) });
    expect(ack).toBe(stored);
    expect(send).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(resends).toEqual([2, 3, 4]);
  });

  it('takes a refusal as the answer', async () => {
    const refused: Ack<CastResult> = { ok: false, error: errorBody('VOTE_ALREADY_CAST') };
    const send = jest.fn(async () => refused);
    expect(await castUntilAnswered({ send, sleep: async () => undefined })).toBe(refused);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('stops when told to, with the unknown outcome', async () => {
    const send = jest.fn(async () => lost);
    let tries = 0;
    const ack = await castUntilAnswered({ send, sleep: async () => undefined, keepTrying: () => ++tries < 3 });
    expect(ack).toBe(lost);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('backs off to every 8 s', () => {
    expect([1, 2, 3, 4, 5, 50].map(resendDelay)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
