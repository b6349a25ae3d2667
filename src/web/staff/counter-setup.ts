// Chooses the counter's payment adapters and registers the staff console. Production takes only
// the configured adapters (HttpDeps.counterPayments) and refuses a simulator; demo mode puts a
// simulator (keyed from SAXLA_SECRET) wherever no adapter is configured.
import type { FastifyInstance } from 'fastify';
import type { CounterPayments } from '../../payments/counter-payment.ts';
import { DEFAULT_PAYMENT_GRACE_MS } from '../../payments/payment-setup.ts';
import { createPosSimulator } from '../../payments/pos-provider.ts';
import { createQrSimulator } from '../../payments/qr-provider.ts';
import { deriveKey } from '../../services/staff-crypto.ts';
import type { HttpDeps } from '../../channels/http/http-deps.ts';
import { staffConsole } from './staff-console.ts';

/** The adapters the counter uses in this mode. */
export function chooseCounterPayments(deps: Pick<HttpDeps, 'mode' | 'counterPayments' | 'secret' | 'now'>, baseUrl: string): CounterPayments {
  const configured = deps.counterPayments ?? {};
  if (deps.mode === 'production') {
    for (const adapter of [configured.pos, configured.qr]) {
      if (adapter?.simulator) throw new Error(`a ${adapter.name} simulator was handed to a production server: configure the real adapter instead`);
    }
    return configured;
  }
  return {
    pos: configured.pos ?? createPosSimulator({ baseUrl }),
    qr: configured.qr ?? createQrSimulator({ secret: deriveKey(deps.secret, 'qr-webhook').toString('hex'), now: deps.now, baseUrl }),
  };
}

export async function counterRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  const baseUrl = deps.baseUrl ?? 'http://127.0.0.1:3000';
  const counter = chooseCounterPayments(deps, baseUrl);
  await app.register(staffConsole, {
    deps: {
      db: deps.db, now: deps.now, secret: deps.secret, policy: deps.policy, baseUrl, counter,
      paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS,
      // The simulators' buttons exist only outside production (never mounted there at all).
      simulators: deps.mode !== 'production',
      ...(deps.passwordHashing ? { passwordHashing: deps.passwordHashing } : {}),
      // The demo bank app's notification goes through the public webhook route, signature and all.
      deliverQrWebhook: async (body, headers) => {
        await app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/qr', headers, payload: body });
      },
    },
  });
}
