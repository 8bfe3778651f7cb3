import { type BallotRight, type CastResult, type MotionSpec, errorBody, yesNoMotion, type Ack } from '@phonghop/contracts';
import { newSubmissionKey, SUBMISSION_KEY_PATTERN } from '../submission-key';
import {
  answered,
  ballotKey,
  cancelChange,
  formFromRight,
  isUncertain,
  keyForSubmit,
  mayChange,
  mayMark,
  maySubmit,
  resending,
  startChange,
  startSubmission,
  syncRight,
  toggleChoice,
  type BallotForm,
} from './ballot-form';

const right = (over: Partial<BallotRight> = {}): BallotRight => ({
  forUserId: 'u1',
  fullName: 'Nguyễn Văn An',
  route: 'self',
  weight: '1',
  voted: false,
  receipt: null,
  choices: null,
  ...over,
});
const named = yesNoMotion('Thông qua kế hoạch');
const secret: MotionSpec = { ...named, secret: true, allowChange: false };
const election: MotionSpec = {
  ...named,
  title: 'Bầu ủy viên',
  options: [
    { id: 'a', label: 'Trần Thị Bình' },
    { id: 'b', label: 'Lê Văn Cường' },
    { id: 'c', label: 'Phạm Thu Dung' },
    { id: 'abstain', label: 'Không biểu quyết', abstain: true },
  ],
  choice: 'multiple',
  maxChoices: 2,
};
const ok = (receipt: string, repeated = false): Ack<CastResult> => ({ ok: true, data: { receipt, repeated } });
const lost: Ack<CastResult> = { ok: false, error: { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: { vi: 'Không kết nối được', en: 'Cannot reach' } } };
const refused: Ack<CastResult> = { ok: false, error: errorBody('VOTE_NOT_ELIGIBLE') };

const fresh = (): BallotForm => formFromRight('m1', right());

describe('a ballot being filled in', () => {
  it('starts blank, or as the server stored it', () => {
    expect(fresh()).toMatchObject({ phase: 'editing', choices: [], voted: false, dirty: false });
    const voted = formFromRight('m1', right({ voted: true, receipt: 'R-1', choices: ['no'] }));
    expect(voted).toMatchObject({ phase: 'confirmed', choices: ['no'], receipt: 'R-1' });
    expect(ballotKey('m1', 'u1')).toBe('m1:u1');
  });

  it('takes one choice on a single-choice motion', () => {
    let f = toggleChoice(fresh(), named, 'yes');
    f = toggleChoice(f, named, 'no');
    expect(f.choices).toEqual(['no']);
    expect(f.dirty).toBe(true);
    expect(toggleChoice(f, named, 'nope')).toBe(f);
  });

  it('stops at maxChoices, keeps the motion order, and lets abstaining stand alone', () => {
    let f = toggleChoice(fresh(), election, 'c');
    f = toggleChoice(f, election, 'a');
    expect(f.choices).toEqual(['a', 'c']);
    expect(mayMark(f, election, 'b')).toBe(false);
    expect(toggleChoice(f, election, 'b')).toBe(f);
    f = toggleChoice(f, election, 'abstain');
    expect(f.choices).toEqual(['abstain']);
    f = toggleChoice(f, election, 'b');
    expect(f.choices).toEqual(['b']);
    f = toggleChoice(f, election, 'b');
    expect(f.choices).toEqual([]);
    // A blank ballot is a ballot in an election, not on a yes/no motion.
    expect(maySubmit(f, election)).toBe(true);
    expect(maySubmit(fresh(), named)).toBe(false);
  });

  it('is never reset by a refresh from the server while the voter is marking it', () => {
    const marked = toggleChoice(fresh(), named, 'no');
    expect(syncRight(marked, right())).toMatchObject({ phase: 'editing', choices: ['no'], dirty: true });
    // Untouched, it follows the server: voted from another tablet.
    expect(syncRight(fresh(), right({ voted: true, receipt: 'R-9', choices: ['yes'] }))).toMatchObject({ phase: 'confirmed', choices: ['yes'], receipt: 'R-9' });
    // A submission in flight is left alone entirely.
    const sending = startSubmission(marked, 'k1');
    expect(syncRight(sending, right({ voted: true, receipt: 'X', choices: ['yes'] }))).toBe(sending);
  });

  it('keeps its receipt when an older server answer says not voted yet', () => {
    const done = answered(startSubmission(toggleChoice(fresh(), named, 'yes'), 'k1'), named, 'k1', ok('R-1'));
    expect(syncRight(done, right())).toMatchObject({ phase: 'confirmed', voted: true, receipt: 'R-1', choices: ['yes'] });
  });
});

describe('sending a ballot', () => {
  it('confirms with the receipt and the named choice', () => {
    const sending = startSubmission(toggleChoice(fresh(), named, 'yes'), 'k1');
    expect(sending).toMatchObject({ phase: 'sending', submission: { key: 'k1', choices: ['yes'], attempts: 1 } });
    expect(resending(sending, 'k1').submission?.attempts).toBe(2);
    expect(resending(sending, 'other')).toBe(sending);
    const done = answered(sending, named, 'k1', ok('R-1'));
    expect(done).toMatchObject({ phase: 'confirmed', voted: true, receipt: 'R-1', choices: ['yes'], storedChoices: ['yes'], dirty: false });
  });

  it('keeps no trace of a secret choice once it is in the box', () => {
    const done = answered(startSubmission(toggleChoice(fresh(), secret, 'no'), 'k1'), secret, 'k1', ok('R-2'));
    expect(done.choices).toEqual([]);
    expect(done.storedChoices).toBeNull();
    expect(done.submission?.choices).toEqual([]);
    expect(JSON.stringify(done)).not.toContain('"no"');
    expect(mayChange(done, secret)).toBe(false);
  });

  it('ignores answers to an older submission', () => {
    const sending = startSubmission(toggleChoice(fresh(), named, 'yes'), 'k2');
    expect(answered(sending, named, 'k1', ok('R-old'))).toBe(sending);
  });

  it('shows a refusal with its reason, and a retry sends again', () => {
    const failed = answered(startSubmission(toggleChoice(fresh(), named, 'yes'), 'k1'), named, 'k1', refused);
    expect(failed).toMatchObject({ phase: 'failed', choices: ['yes'] });
    expect(failed.error?.code).toBe('VOTE_NOT_ELIGIBLE');
    expect(maySubmit(failed, named)).toBe(true);
    // Refused: nothing was stored, a new submission gets a new key.
    expect(keyForSubmit(failed, 'k2')).toBe('k2');
  });

  it('reuses the key after an unknown outcome with the same choices, and not after a change', () => {
    const unknown = answered(startSubmission(toggleChoice(fresh(), named, 'yes'), 'k1'), named, 'k1', lost);
    expect(unknown.error && isUncertain(unknown.error)).toBe(true);
    expect(keyForSubmit(unknown, 'k2')).toBe('k1');
    expect(keyForSubmit(toggleChoice(unknown, named, 'no'), 'k2')).toBe('k2');
    // The server shows it stored after all: confirmed.
    expect(syncRight(unknown, right({ voted: true, receipt: 'R-1', choices: ['yes'] }))).toMatchObject({ phase: 'confirmed', receipt: 'R-1' });
  });

  it('changes a named ballot when the motion allows it, and can think better of it', () => {
    const done = answered(startSubmission(toggleChoice(fresh(), named, 'yes'), 'k1'), named, 'k1', ok('R-1'));
    expect(mayChange(done, named)).toBe(true);
    expect(mayChange(done, { ...named, allowChange: false })).toBe(false);
    const changing = startChange(done, named);
    expect(changing).toMatchObject({ phase: 'editing', choices: ['yes'], dirty: true });
    // A refresh while deciding does not close the form.
    expect(syncRight(changing, right({ voted: true, receipt: 'R-1', choices: ['yes'] })).phase).toBe('editing');
    expect(cancelChange(toggleChoice(changing, named, 'no'))).toMatchObject({ phase: 'confirmed', choices: ['yes'] });
  });
});

describe('submission keys', () => {
  it('are 32 hex characters the server accepts, different each time', () => {
    const a = newSubmissionKey();
    expect(a).toMatch(SUBMISSION_KEY_PATTERN);
    expect(a).toHaveLength(32);
    expect(newSubmissionKey()).not.toBe(a);
    expect(newSubmissionKey((b) => b.fill(255))).toBe('f'.repeat(32));
  });
});
