// Registers the staff console with the counter's payment methods as the composition root chose
// them (HttpDeps.counterPayments, see services/choose-counter-payments.ts).
import type { FastifyInstance } from 'fastify';
import { counterMethods } from '../../payments/counter-payment.ts';
import { DEFAULT_BASE_URL } from '../../services/use-cases.ts';
import type { HttpDeps } from '../../channels/http/http-deps.ts';
import { staffConsole } from './staff-console.ts';

export async function counterRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  const counter = deps.counterPayments ?? {};
  await app.register(staffConsole, {
    deps: {
      useCases: deps.useCases, now: deps.now, policy: deps.policy, baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL,
      counterMethods: counterMethods.filter((method) => counter[method] !== undefined),
      // The simulators' buttons exist only outside production (never mounted there at all).
      simulators: deps.mode !== 'production',
      // The demo bank app's notification goes through the public webhook route, signature and all.
      deliverQrWebhook: async (body, headers) => {
        await app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/qr', headers, payload: body });
      },
    },
  });
}
