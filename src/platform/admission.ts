import { AppError } from './errors.js';

/**
 * Load shedding for expensive work (decision 0011): at most `maxActive` at once, up to `maxQueue` more
 * waiting (each at most `maxWaitMs`), and the rest refused at once with 503 SERVER_BUSY and a time to
 * retry, rather than queued without limit.
 */
export class Gate {
  private active = 0;
  private readonly queue: { grant: () => void }[] = [];

  constructor(private readonly o: { maxActive: number; maxQueue: number; maxWaitMs: number; what: string }) {}

  /** How many run and how many wait now (tests, health). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.queue.length };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await fn();
    } finally {
      this.leave();
    }
  }

  private busy(): AppError {
    const retryAfterSeconds = Math.max(1, Math.ceil(this.o.maxWaitMs / 1000));
    return new AppError(
      'SERVER_BUSY',
      `Server sedang melayani terlalu banyak ${this.o.what} sekaligus. Coba lagi dalam ${retryAfterSeconds} detik.`,
      { retryAfterSeconds },
    );
  }

  private enter(): Promise<void> {
    if (this.active < this.o.maxActive) {
      this.active++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.o.maxQueue) return Promise.reject(this.busy());
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(this.busy());
      }, this.o.maxWaitMs);
      this.queue.push(waiter);
    });
  }

  private leave() {
    const next = this.queue.shift();
    // The place passes straight to the next in line.
    if (next) next.grant();
    else this.active--;
  }
}

/**
 * At most `limit` uses per key (a user) in each fixed window of `windowMs`. `take` answers whether this
 * use is allowed and, when not, whether it is the window's first refusal (the start of a burst, which
 * is recorded once: see burstRecorded) and how many seconds until the window ends.
 */
export class PerKeyLimit {
  private readonly windows = new Map<
    string,
    { start: number; used: number; burst: 'none' | 'recording' | 'recorded' }
  >();

  constructor(private readonly o: { limit: number; windowMs: number }) {}

  get limit(): number {
    return this.o.limit;
  }

  take(
    key: string,
    now: number,
  ): { allowed: true } | { allowed: false; firstRefusal: boolean; retryAfterSeconds: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.o.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      w = { start: now, used: 0, burst: 'none' };
      this.windows.set(key, w);
    }
    if (w.used < this.o.limit) {
      w.used++;
      return { allowed: true };
    }
    const firstRefusal = w.burst === 'none';
    if (firstRefusal) w.burst = 'recording';
    return {
      allowed: false,
      firstRefusal,
      retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.o.windowMs - now) / 1000)),
    };
  }

  /**
   * After a first refusal: whether its record was written. If not, the next refusal in the window
   * counts as the first again, so a burst is never left unrecorded.
   */
  burstRecorded(key: string, ok: boolean) {
    const w = this.windows.get(key);
    if (w && w.burst === 'recording') w.burst = ok ? 'recorded' : 'none';
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.o.windowMs) this.windows.delete(k);
  }
}
