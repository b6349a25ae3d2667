// The SMSC contract's parts-per-second cap: a token bucket holding a tenth of a second's worth, so
// short bursts go at once and pacing needs few timers.

export interface TokenBucket {
  /** Takes a token at `at` (ms): 0 when one was there, else how long to wait for the next. */
  take(at: number): number;
}

/** `ratePerSecond` 0: no cap, every take succeeds. */
export function createTokenBucket(ratePerSecond: number, startAt: number): TokenBucket {
  const burst = Math.max(1, Math.ceil(ratePerSecond / 10));
  let tokens = burst;
  let refilledAt = startAt;
  return {
    take(at) {
      if (ratePerSecond <= 0) return 0;
      tokens = Math.min(burst, tokens + ((at - refilledAt) * ratePerSecond) / 1000);
      refilledAt = at;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return ((1 - tokens) * 1000) / ratePerSecond;
    },
  };
}
