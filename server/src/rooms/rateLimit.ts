/**
 * Per-client message rate limit (Colyseus 0.16 has none). A token bucket: a burst of
 * `burst` messages, refilled at `perSecond`. Over the limit, a message is refused with
 * "rate-limited"; a client that keeps sending far beyond it (a flood) is disconnected.
 * Time comes from the room's clock so tests can drive it.
 */
export interface RateLimitOptions {
  readonly burst: number;
  readonly perSecond: number;
  /** Refused messages within one second that count as a flood. */
  readonly floodRefusals: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 30, perSecond: 10, floodRefusals: 100 };

export type Verdict = "ok" | "limited" | "flood";

export class RateLimiter {
  private tokens: number;
  private last: number;
  private refusedWindowStart = 0;
  private refusedInWindow = 0;

  constructor(
    private readonly o: RateLimitOptions,
    now: number,
  ) {
    this.tokens = o.burst;
    this.last = now;
  }

  take(now: number): Verdict {
    this.tokens = Math.min(this.o.burst, this.tokens + ((now - this.last) / 1000) * this.o.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return "ok";
    }
    if (now - this.refusedWindowStart >= 1000) {
      this.refusedWindowStart = now;
      this.refusedInWindow = 0;
    }
    this.refusedInWindow++;
    return this.refusedInWindow > this.o.floodRefusals ? "flood" : "limited";
  }
}
