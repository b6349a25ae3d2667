// What the staff console's pages are handed: the use cases, and the few settings only the console
// itself needs. Apart from staff-console.ts so its pages import no loop.
import type { Instant } from '../../domain/calendar.ts';
import type { ValidityPolicy } from '../../domain/policy.ts';
import type { CounterMethod } from '../../payments/counter-payment.ts';
import type { StaffUseCases } from '../../services/staff-use-cases.ts';

export interface StaffConsoleDeps {
  readonly useCases: StaffUseCases;
  /** The day a shift report shows unless one is asked for. */
  readonly now: () => Instant;
  /** The restore fee the counter shows before the sale. */
  readonly policy: ValidityPolicy;
  /** SAXLA_BASE_URL: accepted as the console's own origin behind a TLS proxy; decides the cookie's Secure. */
  readonly baseUrl: string;
  /** The counter's payment methods with an adapter in this mode: a method without one is not offered. */
  readonly counterMethods: readonly CounterMethod[];
  /** Mounts the simulators' buttons and route (never in production; only simulator adapters have them). */
  readonly simulators: boolean;
  /** How the demo bank app's webhook reaches Saxla (through the public webhook route). */
  readonly deliverQrWebhook: (body: string, headers: Record<string, string>) => Promise<void>;
}
