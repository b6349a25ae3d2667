// What the HTTP channel needs from the outside, handed in once by server.ts or a test: the use
// cases and plain settings, never the database.
import type { Instant } from '../../domain/calendar.ts';
import type { ValidityPolicy } from '../../domain/policy.ts';
import type { PaymentSetup } from '../../payments/payment-setup.ts';
import type { CounterPayments } from '../../payments/counter-payment.ts';
import type { UseCases } from '../../services/use-cases.ts';
import type { DemoPhoneInbox } from './routes/demo-phone.ts';

export interface HttpDeps {
  /** SAXLA_MODE: production mounts no demo surface (demo phone, sandbox pages, simulators). Required: no caller gets the demo by forgetting it. */
  readonly mode: 'demo' | 'production';
  /** Every use case the routes call, built once by the composition root (createUseCases). */
  readonly useCases: UseCases;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
  readonly adminToken: string;
  /** SAXLA_BASE_URL: accepted as the site's own origin by the CSRF check (behind a TLS proxy). */
  readonly baseUrl?: string;
  /** Quotes, orders, payment webhooks and the sandbox page; absent in apps that do not sell. */
  readonly payments?: PaymentSetup;
  /**
   * The counter's adapters as the composition root chose them (chooseCounterPayments: the configured
   * ones, and in demo mode simulators in the gaps); the same the use cases were built with. The
   * console offers a method only with an adapter, and a production app refuses a simulator.
   */
  readonly counterPayments?: CounterPayments;
  /** USSD_GATEWAY_SECRET: when set, /ussd requires it in X-Gateway-Secret; unset, loopback callers only. */
  readonly ussdGatewaySecret?: string;
  /** SAXLA_METRICS_TOKEN: bearer token for /metrics; without it demo answers loopback callers and production has no /metrics. */
  readonly metricsToken?: string;
  /** The in-process SMSC simulator's inbox: present only when it runs (SMPP_URL unset), for /demo-phone. */
  readonly demoPhone?: DemoPhoneInbox;
  /** MAP_TILE_URL: the stores map's tile template (OpenStreetMap's when absent). */
  readonly mapTileUrl?: string;
  /** CALL_CENTRE_PHONE (E.164): the call centre's number, in GET /api/v1/stores and on the portal. */
  readonly callCentrePhone?: string;
  /** SMS_SENDER: the sender ID the portal tells customers to look for. */
  readonly smsSender?: string;
}
