// Builds the counter's payment adapters (POS terminal and QR simulators, keyed from SAXLA_SECRET)
// and registers the receipt/QR-webhook routes and the staff console.
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PAYMENT_GRACE_MS } from '../../../payments/payment-setup.ts';
import { createPosSimulator } from '../../../payments/pos-provider.ts';
import { createQrSimulator } from '../../../payments/qr-provider.ts';
import { deriveKey } from '../../../services/staff-crypto.ts';
import type { HttpDeps } from '../http-deps.ts';
import { receiptRoutes } from '../routes/receipts.ts';
import { staffConsole } from './staff-console.ts';

export async function counterRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  const baseUrl = deps.baseUrl ?? 'http://127.0.0.1:3000';
  const pos = createPosSimulator({ baseUrl });
  const qr = createQrSimulator({ secret: deriveKey(deps.secret, 'qr-webhook').toString('hex'), now: deps.now, baseUrl });
  await app.register(receiptRoutes, { deps: { db: deps.db, now: deps.now, policy: deps.policy, qr } });
  await app.register(staffConsole, {
    deps: {
      db: deps.db, now: deps.now, secret: deps.secret, policy: deps.policy, baseUrl, counter: { pos, qr },
      paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS, demoQr: true,
      ...(deps.passwordHashing ? { passwordHashing: deps.passwordHashing } : {}),
      // The demo bank app's notification goes through the public webhook route, signature and all.
      deliverQrWebhook: async (body, headers) => {
        await app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/qr', headers, payload: body });
      },
    },
  });
}
