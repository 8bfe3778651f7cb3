// toApiError comes with @angular/common/http, whose partially compiled classes need the JIT compiler under jest.
import '@angular/compiler';
import { errorBody, withRetryAfter } from '@phonghop/contracts';
import { FormSubmission, secondsUntil } from './form-submission';

/** The two things FormSubmission asks of a form. */
class FakeForm {
  invalid = true;
  touched = false;
  markAllAsTouched(): void {
    this.touched = true;
  }
  setValid(): this {
    this.invalid = false;
    return this;
  }
}
const form = () => new FakeForm();

describe('FormSubmission', () => {
  it('does not send an invalid form but marks its fields touched, so they show their errors', async () => {
    const f = form();
    const submission = new FormSubmission(f);
    const action = jest.fn(async () => undefined);
    await submission.run(action);
    expect(action).not.toHaveBeenCalled();
    expect(f.touched).toBe(true);
    expect(submission.submitting()).toBe(false);
  });

  it('is submitting while the action runs, and not after', async () => {
    const f = form().setValid();
    const submission = new FormSubmission(f);
    let during: boolean | undefined;
    await submission.run(async () => {
      during = submission.submitting();
    });
    expect(during).toBe(true);
    expect(submission.submitting()).toBe(false);
    expect(submission.error()).toBeNull();
  });

  it('keeps the API error of a failed attempt until the next attempt', async () => {
    const f = form().setValid();
    const submission = new FormSubmission(f);
    await submission.run(async () => {
      throw errorBody('AUTH_INVALID_CREDENTIALS');
    });
    expect(submission.error()?.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(submission.submitting()).toBe(false);

    let errorDuring: unknown = 'unset';
    await submission.run(async () => {
      errorDuring = submission.error();
    });
    expect(errorDuring).toBeNull();
    expect(submission.error()).toBeNull();
  });

  it('after a 429 (sign-in slowed down) keeps the message, says when to try again, and is usable again at once', async () => {
    const f = form().setValid();
    let now = 1_000_000;
    const submission = new FormSubmission(f, () => now);
    await submission.run(async () => {
      throw withRetryAfter(errorBody('AUTH_TOO_MANY_ATTEMPTS'), 90);
    });
    // The button is enabled again (not spinning) and the page has the message with the wait.
    expect(submission.submitting()).toBe(false);
    expect(submission.error()?.message.vi).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 2 phút.');
    expect(submission.retryAt()).toBe(1_000_000 + 90_000);
    now += 30_000;
    expect(secondsUntil(submission.retryAt() as number, now)).toBe(60);
    expect(secondsUntil(submission.retryAt() as number, now + 61_000)).toBe(0);
    // The next attempt forgets it; an error that is not a 429 has no retry time.
    await submission.run(async () => {
      throw errorBody('AUTH_INVALID_CREDENTIALS');
    });
    expect(submission.retryAt()).toBeNull();
  });

  it('turns anything else thrown into the API error shape', async () => {
    const f = form().setValid();
    const submission = new FormSubmission(f);
    await submission.run(async () => {
      throw new Error('boom');
    });
    expect(submission.error()?.code).toBe('INTERNAL_ERROR');
  });
});
