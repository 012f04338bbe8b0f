/** One exchange under a deadline. */
export interface Deadline {
  /** Ends the watch, once the exchange is done; the deadline then never fires. */
  clear(): void;
}

/**
 * Deadlines of the exchanges in flight, all of the same length, kept in the order they started
 * and watched by one timer. Every exchange has the same length of time, so the order they started
 * in is the order they run out in, and the timer only ever waits for the oldest. One timer for all
 * costs far less than an `AbortSignal.timeout` per request, whose timer and listener each exchange
 * would otherwise create and collect.
 */
export class DeadlineQueue {
  readonly #lengthMs: number;
  readonly #pending = new Set<Watch>();
  #timer: NodeJS.Timeout | undefined;

  /** Creates a queue whose deadlines each end `lengthMs` milliseconds after they are added. */
  constructor(lengthMs: number) {
    this.#lengthMs = lengthMs;
  }

  /** Calls `onExpire` once, `lengthMs` from now, unless the deadline is cleared before then. */
  add(onExpire: () => void): Deadline {
    const watch: Watch = { endsAt: performance.now() + this.#lengthMs, onExpire };
    this.#pending.add(watch);
    if (this.#timer === undefined) {
      this.#arm(this.#lengthMs);
    }
    return { clear: () => this.#pending.delete(watch) };
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(() => this.#expire(), Math.max(0, delayMs));
    // Like `AbortSignal.timeout`, the timer alone keeps no process alive.
    this.#timer.unref();
  }

  #expire(): void {
    this.#timer = undefined;
    const now = performance.now();
    for (const watch of this.#pending) {
      if (watch.endsAt > now) {
        this.#arm(watch.endsAt - now);
        return;
      }
      this.#pending.delete(watch);
      watch.onExpire();
    }
  }
}

interface Watch {
  endsAt: number;
  onExpire: () => void;
}
