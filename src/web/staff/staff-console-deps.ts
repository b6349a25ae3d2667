// What the staff console's pages are handed: the counter's use-case dependencies plus the two
// things only the console itself needs. Apart from staff-console.ts so its pages import no loop.
import type { CounterDeps } from '../../services/counter-sale.ts';

export interface StaffConsoleDeps extends CounterDeps {
  /** Mounts the simulators' buttons and route (never in production; only simulator adapters have them). */
  readonly simulators: boolean;
  /** How the demo bank app's webhook reaches Saxla (through the public webhook route). */
  readonly deliverQrWebhook: (body: string, headers: Record<string, string>) => Promise<void>;
}
