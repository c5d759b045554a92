import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors.js';

/**
 * How long work done for an HTTP request may wait for the database before it is refused, and how many
 * may wait at once. A request runs with a budget (`withWaitBudget`); background work (an import's
 * commit, the CLI) has none and waits as long as it takes. A request's budget closes when its response
 * is sent, so work it started in the background stops being bounded then.
 */
export interface WaitBudget {
  /** The longest one wait for the database may take, in milliseconds. */
  maxWaitMs: number;
  /** How many requests may wait for the database at once; the next is refused at once. */
  maxQueue: number;
  /** False once the request has been answered. */
  open: boolean;
}

const budgets = new AsyncLocalStorage<WaitBudget>();

export function withWaitBudget<T>(budget: WaitBudget, fn: () => T): T {
  return budgets.run(budget, fn);
}

/** Runs `fn` without the surrounding request's budget: work that must not be refused (background jobs). */
export function withoutWaitBudget<T>(fn: () => T): T {
  return budgets.exit(fn);
}

function currentBudget(): WaitBudget | undefined {
  const b = budgets.getStore();
  return b?.open ? b : undefined;
}

export function databaseBusy(retryAfterSeconds: number): AppError {
  return new AppError(
    'DATABASE_BUSY',
    'Server sedang mengerjakan pekerjaan berat (misalnya impor data) sehingga permintaan ini belum bisa ' +
      `dilayani. Coba lagi dalam ${retryAfterSeconds} detik.`,
    { retryAfterSeconds },
  );
}

interface Waiter {
  grant: () => void;
  bounded: boolean;
}

/**
 * Turns to use the database: `capacity` at a time (1 for PGlite's single connection, the pool's size
 * for PostgreSQL), the rest wait in order. A waiter with a request budget is refused with
 * DATABASE_BUSY (503) when too many requests already wait or when its wait grows too long.
 */
export class DatabaseTurns {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private busySince = 0;

  constructor(private readonly capacity: number) {}

  /** How many may use the database at once. */
  get size(): number {
    return this.capacity;
  }

  /** Requests waiting now (for health and tests). */
  get waiting(): number {
    return this.queue.filter((w) => w.bounded).length;
  }

  /** Milliseconds since every turn was taken (0 when one is free). */
  busyForMs(now = Date.now()): number {
    return this.active >= this.capacity ? now - this.busySince : 0;
  }

  async acquire(): Promise<() => void> {
    if (this.active < this.capacity && this.queue.length === 0) {
      this.take();
      return this.releaser();
    }
    const budget = currentBudget();
    if (budget && this.waiting >= budget.maxQueue) throw databaseBusy(retryAfter(budget));
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, bounded: budget !== undefined };
      this.queue.push(waiter);
      if (!budget) return;
      const timer = setTimeout(() => {
        // Answered already: whatever still runs is background work, which waits its turn.
        if (!budget.open) {
          waiter.bounded = false;
          return;
        }
        const i = this.queue.indexOf(waiter);
        if (i < 0) return;
        this.queue.splice(i, 1);
        reject(databaseBusy(retryAfter(budget)));
      }, budget.maxWaitMs);
      waiter.grant = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    return this.releaser();
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private take() {
    this.active++;
    if (this.active >= this.capacity) this.busySince = Date.now();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) {
        // The turn passes straight on: still full, but busy since now.
        this.busySince = Date.now();
        next.grant();
      } else {
        this.active--;
      }
    };
  }
}

function retryAfter(budget: WaitBudget): number {
  return Math.max(1, Math.ceil(budget.maxWaitMs / 1000));
}
