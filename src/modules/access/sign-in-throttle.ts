/**
 * Counts failed sign-ins so that guessing is slow, without letting a stranger lock a user out.
 *
 * - Per (e-mail, client address) pair: after `lockAfter` failures that pair is held for `lockMinutes`
 *   (doubling for each further hold, up to 16 times). Only that pair: the real user signing in from
 *   their own address is not affected by a stranger's failures from another.
 * - Per e-mail, across all addresses: past `accountSlowAfter` failures within `lockMinutes`, every failed
 *   answer for that e-mail waits the longest delay. It slows a guesser spread over many addresses; it never
 *   refuses a right password.
 *
 * Counters are keyed by the e-mail as typed (lower case), whether or not such a user exists, so the
 * answers never tell which e-mails exist. An attempt is reserved synchronously before anything is awaited:
 * forty parallel guesses cannot all be evaluated before the first failure is counted. Counters live in
 * memory (as the per-address request limit does) and are bounded in number.
 */
export interface ThrottleSettings {
  lockAfter: number;
  lockMinutes: number;
  accountSlowAfter: number;
  /** Most pairs (and e-mails) remembered; the oldest are forgotten first. */
  maxEntries?: number;
}

interface PairEntry {
  failures: number;
  inFlight: number;
  heldUntil: number;
  holds: number;
  lastFailure: number;
}

interface AccountEntry {
  failures: number;
  lastFailure: number;
}

export interface Attempt {
  /** Failures of this pair so far, before this attempt. */
  readonly pairFailures: number;
  /** Whether the e-mail as a whole is being guessed at (slow answers). */
  readonly accountUnderAttack: boolean;
  /** The password was wrong (or the e-mail unknown): counts it; tells whether the pair is now held. */
  fail(now: number): { failures: number; held: boolean };
  /** Signed in: the pair starts afresh. */
  succeed(): void;
  /** Neither (an error before the password was checked): frees the reservation without counting. */
  release(): void;
}

export function createSignInThrottle(settings: ThrottleSettings) {
  const windowMs = settings.lockMinutes * 60_000;
  const maxEntries = settings.maxEntries ?? 100_000;
  const pairs = new Map<string, PairEntry>();
  const accounts = new Map<string, AccountEntry>();

  function remember<T>(map: Map<string, T>, key: string, value: T) {
    // Re-inserting keeps the map in least-recently-used order; the oldest go first when it is full.
    map.delete(key);
    map.set(key, value);
    while (map.size > maxEntries) {
      const oldest = map.keys().next().value as string;
      map.delete(oldest);
    }
  }

  function pairOf(key: string, now: number): PairEntry {
    const e = pairs.get(key);
    if (!e) return { failures: 0, inFlight: 0, heldUntil: 0, holds: 0, lastFailure: 0 };
    // A hold that has run out, or failures long ago, start a new count (earlier holds still lengthen the next).
    if (e.inFlight === 0 && e.heldUntil <= now && (e.heldUntil > 0 || now - e.lastFailure > windowMs)) {
      e.failures = 0;
      e.heldUntil = 0;
      if (now - e.lastFailure > windowMs * 16) e.holds = 0;
    }
    return e;
  }

  function accountFailures(email: string, now: number): number {
    const a = accounts.get(email);
    if (!a || now - a.lastFailure > windowMs) return 0;
    return a.failures;
  }

  return {
    /**
     * Reserves one attempt for `email` from `address`, or returns null when that pair is held (or as many
     * attempts are already being checked as it has left). Synchronous on purpose.
     */
    reserve(email: string, address: string, now: number): Attempt | null {
      const account = email.toLowerCase();
      const key = `${account}\n${address}`;
      const pair = pairOf(key, now);
      if (pair.heldUntil > now || pair.failures + pair.inFlight >= settings.lockAfter) return null;
      pair.inFlight++;
      remember(pairs, key, pair);
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        pair.inFlight--;
        return true;
      };
      return {
        pairFailures: pair.failures,
        accountUnderAttack: accountFailures(account, now) >= settings.accountSlowAfter,
        fail(at: number) {
          if (!settle()) return { failures: pair.failures, held: false };
          pair.failures++;
          pair.lastFailure = at;
          let held = false;
          if (pair.failures >= settings.lockAfter && pair.heldUntil <= at) {
            pair.holds++;
            pair.heldUntil = at + windowMs * Math.min(2 ** (pair.holds - 1), 16);
            held = true;
          }
          remember(accounts, account, { failures: accountFailures(account, at) + 1, lastFailure: at });
          return { failures: pair.failures, held };
        },
        succeed() {
          if (settle()) pairs.delete(key);
        },
        release() {
          settle();
        },
      };
    },
    /** Pairs and e-mails remembered (for tests of the bound). */
    size: () => ({ pairs: pairs.size, accounts: accounts.size }),
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
