/**
 * Sign-in throttling without a lock-out (hostile review, issue 15, finding 3).
 *
 * Wrong passwords are counted per **account and client address**: after `freeFailures` of them, each next attempt
 * from that address for that account has to wait 1 s, then twice as long after every further failure, up to
 * `maxDelaySeconds`. Somebody guessing from one address therefore slows down only themselves: the account's owner
 * signs in from another address as usual. A **ceiling per account**, over all addresses together, catches guessing
 * spread over many addresses: after `accountFreeFailures` wrong passwords the whole account waits the same
 * doubling delay, capped at `accountMaxDelaySeconds` (short: this one also slows the owner down).
 *
 * A waiting attempt is refused before the password is checked (it tells nothing and counts nothing). A right
 * password clears that address's count; the account's count is forgotten after a day without a wrong password (so
 * the owner signing in does not hand a guesser a fresh allowance). Attempts already running count as failures for
 * admission, so parallel requests cannot slip past the limits. Counts for unknown usernames are kept the same way,
 * so the answers do not reveal which accounts exist.
 *
 * State is in memory, in this process (like the per-address rate limit on the route): a restart forgets it, and
 * the number of entries is bounded (`maxEntries`) so a flood of made-up names cannot exhaust memory. With several
 * API processes each one tells the others its outcomes (`share` / `receive`, wired over Redis), so a guesser who
 * spreads attempts over the processes meets the same delays as on one.
 */
export interface LoginThrottleLimits {
  /** Wrong passwords for one account from one client address before delays start. */
  freeFailures: number;
  /** The longest wait between two attempts for one account from one address. */
  maxDelaySeconds: number;
  /** Wrong passwords for one account from all addresses together before account-wide delays start. */
  accountFreeFailures: number;
  /** The longest account-wide wait. */
  accountMaxDelaySeconds: number;
}

/** A wrong password is forgotten after this long without another one. */
export const LOGIN_FAILURES_FORGOTTEN_AFTER_MS = 24 * 3600_000;
/** The wait answered when parallel attempts already use up what the limits allow. */
const BUSY_RETRY_MS = 1000;

/** Milliseconds to wait after the `failures`-th wrong password: none for the free ones, then 1 s doubling up to `maxSeconds`. */
export function delayAfter(failures: number, free: number, maxSeconds: number): number {
  if (failures < free) return 0;
  return Math.min(maxSeconds, 2 ** Math.min(failures - free, 30)) * 1000;
}

/**
 * What counts as one client: an IPv4 address, or an IPv6 /64 (one household or office network gets a whole /64,
 * so counting single IPv6 addresses would hand a guesser billions of fresh allowances).
 */
export function clientAddressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.trim().toLowerCase().split('%')[0];
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (v4) return v4[1];
  if (!address.includes(':')) return address;
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['v4', 'v4'] : [g])) : []);
  const first = groupsOf(head);
  const last = groupsOf(tail);
  const groups = tail === undefined ? first : [...first, ...Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0'), ...last];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

interface Counter {
  failures: number;
  lastFailureAt: number;
  /** Attempts admitted and not finished yet. */
  inFlight: number;
}

/** The wrong passwords that still count at time `t`: none once a day has passed without one. */
function counted(c: Counter, t: number): number {
  return t - c.lastFailureAt > LOGIN_FAILURES_FORGOTTEN_AFTER_MS ? 0 : c.failures;
}

interface AccountState {
  counter: Counter;
  pairs: Map<string, Counter>;
}

/** An admitted attempt; hand it back with `failed`, `succeeded` or `release`. */
export interface LoginAttempt {
  readonly account: string;
  readonly address: string;
}

export type LoginAdmission = { attempt: LoginAttempt } | { retryAfterMs: number };

/** An outcome another API process saw, as it travels between processes. */
export type LoginOutcome =
  | { kind: 'failed'; account: string; address: string; at: number }
  | { kind: 'succeeded'; account: string; address: string }
  | { kind: 'cleared'; account: string };

export class LoginThrottle {
  /** Per account (normalised username), in least recently used order. */
  private readonly accounts = new Map<string, AccountState>();
  private entries = 0;
  private tell: (outcome: LoginOutcome) => void = () => undefined;

  constructor(
    private readonly limits: LoginThrottleLimits,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100_000,
  ) {}

  /** With several API processes: where this one's outcomes go (the others' `receive`). */
  share(tell: (outcome: LoginOutcome) => void): void {
    this.tell = tell;
  }

  /** An outcome another process saw: counted here as if it had been seen here (without an attempt in flight). */
  receive(outcome: LoginOutcome): void {
    if (outcome.kind === 'cleared') {
      this.forget(outcome.account);
      return;
    }
    const state = this.stateOf(outcome.account);
    const pair = state.pairs.get(outcome.address) ?? this.newPair(state, outcome.address);
    if (outcome.kind === 'succeeded') {
      pair.failures = 0;
      this.tidy(outcome.account, state);
      return;
    }
    for (const c of [state.counter, pair]) {
      c.failures = counted(c, outcome.at) + 1;
      c.lastFailureAt = Math.max(c.lastFailureAt, outcome.at);
    }
    this.bound();
  }

  /** Lets an attempt in, or says how long (ms) the client must wait first. */
  admit(account: string, address: string): LoginAdmission {
    const wait = this.waitFor(account, address);
    if (wait > 0) return { retryAfterMs: wait };
    const state = this.stateOf(account);
    const pair = state.pairs.get(address) ?? this.newPair(state, address);
    state.counter.inFlight++;
    pair.inFlight++;
    this.bound();
    return { attempt: { account, address } };
  }

  /**
   * A wrong password: counted for the address and the account. Returns the wait (ms) it imposes from now, and
   * whether it is the one that started the delays for the address or for the whole account (worth a log line).
   */
  failed(attempt: LoginAttempt): { waitMs: number; addressDelayStarted: boolean; accountDelayStarted: boolean } {
    const t = this.now();
    const { state, pair } = this.finish(attempt);
    for (const c of [state.counter, pair]) {
      c.failures = counted(c, t) + 1;
      c.lastFailureAt = t;
    }
    this.tell({ kind: 'failed', account: attempt.account, address: attempt.address, at: t });
    return {
      waitMs: this.waitFor(attempt.account, attempt.address),
      addressDelayStarted: pair.failures === this.limits.freeFailures,
      accountDelayStarted: state.counter.failures === this.limits.accountFreeFailures,
    };
  }

  /** The right password: the address starts afresh; the account's count stays until it is forgotten. */
  succeeded(attempt: LoginAttempt): void {
    const { state, pair } = this.finish(attempt);
    pair.failures = 0;
    this.tidy(attempt.account, state);
    this.tell({ kind: 'succeeded', account: attempt.account, address: attempt.address });
  }

  /** The attempt ended without an answer on the password (an error): it counts for nothing. */
  release(attempt: LoginAttempt): void {
    this.tidy(attempt.account, this.finish(attempt).state);
  }

  /** How long (ms) the next attempt for this account from this address must wait; 0 when it may go now. */
  waitFor(account: string, address: string): number {
    const state = this.accounts.get(account);
    if (!state) return 0;
    const { freeFailures, maxDelaySeconds, accountFreeFailures, accountMaxDelaySeconds } = this.limits;
    return Math.max(this.waitOf(state.pairs.get(address), freeFailures, maxDelaySeconds), this.waitOf(state.counter, accountFreeFailures, accountMaxDelaySeconds));
  }

  /** An administrator's unlock: forgets every count of this account. Returns whether there was any. */
  clear(account: string): boolean {
    this.tell({ kind: 'cleared', account });
    return this.forget(account);
  }

  private forget(account: string): boolean {
    const state = this.accounts.get(account);
    if (!state) return false;
    const counted = state.counter.failures > 0;
    // Attempts still running finish against a fresh state; their outcome is not carried over.
    this.accounts.delete(account);
    this.entries -= 1 + state.pairs.size;
    return counted;
  }

  /** Entries held (accounts plus account-and-address pairs), for the bound and for tests. */
  size(): number {
    return this.entries;
  }

  private waitOf(c: Counter | undefined, free: number, maxSeconds: number): number {
    if (!c) return 0;
    const t = this.now();
    const failures = counted(c, t);
    if (failures + c.inFlight < free) return 0;
    if (failures < free || c.inFlight > 0) return Math.max(BUSY_RETRY_MS, c.lastFailureAt + delayAfter(failures, free, maxSeconds) - t);
    return Math.max(0, c.lastFailureAt + delayAfter(failures, free, maxSeconds) - t);
  }

  /** The account's state, moved to the most recently used end. */
  private stateOf(account: string): AccountState {
    let state = this.accounts.get(account);
    if (state) {
      this.accounts.delete(account);
    } else {
      state = { counter: { failures: 0, lastFailureAt: 0, inFlight: 0 }, pairs: new Map() };
      this.entries++;
    }
    this.accounts.set(account, state);
    return state;
  }

  /** Ends an admitted attempt's in-flight mark (on a fresh state if an unlock or the bound dropped it meanwhile). */
  private finish(attempt: LoginAttempt): { state: AccountState; pair: Counter } {
    const state = this.stateOf(attempt.account);
    const pair = state.pairs.get(attempt.address) ?? this.newPair(state, attempt.address);
    pair.inFlight = Math.max(0, pair.inFlight - 1);
    state.counter.inFlight = Math.max(0, state.counter.inFlight - 1);
    return { state, pair };
  }

  private newPair(state: AccountState, address: string): Counter {
    const pair = { failures: 0, lastFailureAt: 0, inFlight: 0 };
    state.pairs.set(address, pair);
    this.entries++;
    return pair;
  }

  /** Drops what no longer holds anything: a clean pair, then a clean account. */
  private tidy(account: string, state: AccountState): void {
    const t = this.now();
    const idle = (c: Counter) => c.inFlight === 0 && counted(c, t) === 0;
    for (const [address, pair] of state.pairs) {
      if (idle(pair)) {
        state.pairs.delete(address);
        this.entries--;
      }
    }
    if (!state.pairs.size && idle(state.counter)) {
      this.accounts.delete(account);
      this.entries--;
    }
  }

  /** Over the bound: first forget what is old, then the least recently used accounts, down to 90 %. */
  private bound(): void {
    if (this.entries <= this.maxEntries) return;
    for (const [account, state] of this.accounts) this.tidy(account, state);
    const target = Math.floor(this.maxEntries * 0.9);
    for (const [account, state] of this.accounts) {
      if (this.entries <= target) break;
      this.accounts.delete(account);
      this.entries -= 1 + state.pairs.size;
    }
  }
}
