// The counter's payment adapters for this mode, chosen once by the composition root. Production
// takes only the configured adapters (POS_TERMINAL_*, QR_*) and refuses a simulator; demo mode
// puts a simulator (keyed from SAXLA_SECRET) wherever no adapter is configured.
import type { Instant } from '../domain/calendar.ts';
import type { CounterPayments } from '../payments/counter-payment.ts';
import { createPosSimulator } from '../payments/pos-provider.ts';
import { createQrSimulator } from '../payments/qr-provider.ts';
import { deriveKey } from './staff-crypto.ts';

export interface CounterPaymentChoice {
  readonly mode?: 'demo' | 'production';
  /** The adapters configured from the environment (createCounterAdapters); absent: none. */
  readonly counterPayments?: CounterPayments;
  readonly secret: string;
  readonly now: () => Instant;
}

/** Throws when a simulator is among the adapters of a production server. */
export function refuseSimulatorsInProduction(mode: 'demo' | 'production' | undefined, adapters: CounterPayments): void {
  if (mode !== 'production') return;
  for (const adapter of [adapters.pos, adapters.qr]) {
    if (adapter?.simulator) throw new Error(`a ${adapter.name} simulator was handed to a production server: configure the real adapter instead`);
  }
}

/** The adapters the counter uses in this mode. */
export function chooseCounterPayments(choice: CounterPaymentChoice, baseUrl: string): CounterPayments {
  const configured = choice.counterPayments ?? {};
  refuseSimulatorsInProduction(choice.mode, configured);
  if (choice.mode === 'production') return configured;
  return {
    pos: configured.pos ?? createPosSimulator({ baseUrl }),
    qr: configured.qr ?? createQrSimulator({ secret: deriveKey(choice.secret, 'qr-webhook').toString('hex'), now: choice.now, baseUrl }),
  };
}
