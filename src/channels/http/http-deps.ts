// What the HTTP channel needs from the outside, handed in once by main.ts or a test.
import type { Instant } from '../../domain/calendar.ts';
import type { ValidityPolicy } from '../../domain/policy.ts';
import type { Database } from '../../db/database.ts';
import type { PaymentSetup } from '../../payments/payment-setup.ts';

export interface HttpDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
  readonly adminToken: string;
  /** Quotes, orders, payment webhooks and the sandbox page; absent in apps that do not sell. */
  readonly payments?: PaymentSetup;
}
