// Provider calls that failed during one pass of a job, told once per provider at the end of the
// pass: during a provider's outage every pending order fails alike, and one line per order per
// minute would bury the log.
import type { Logger } from './logger.ts';

export interface ProviderFailures {
  add(provider: string, orderId: string, error: unknown): void;
  /** Logs one warning per provider that failed (with a count, the first order and error), then forgets them. */
  report(logger: Logger, message: string): void;
}

export function collectProviderFailures(): ProviderFailures {
  const byProvider = new Map<string, { count: number; firstOrderId: string; firstError: unknown }>();
  return {
    add(provider, orderId, error) {
      const seen = byProvider.get(provider);
      if (seen) seen.count += 1;
      else byProvider.set(provider, { count: 1, firstOrderId: orderId, firstError: error });
    },
    report(logger, message) {
      for (const [provider, f] of byProvider) {
        logger.warn({ provider, orders: f.count, firstOrderId: f.firstOrderId, err: f.firstError }, message);
      }
      byProvider.clear();
    },
  };
}
