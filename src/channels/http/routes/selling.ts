// Everything the online renewal adds to the app, registered together: quotes, orders, payment
// webhooks, the sandbox's hosted page and the operator's refunds.
import type { FastifyInstance } from 'fastify';
import type { PaymentSetup } from '../../../payments/payment-setup.ts';
import type { HttpDeps } from '../http-deps.ts';
import { adminOrderRoutes } from './admin-orders.ts';
import { orderRoutes } from './orders.ts';
import { paymentWebhookRoutes } from './payment-webhooks.ts';
import { quoteRoutes } from './quotes.ts';
import { sandboxPayRoutes } from './sandbox-pay.ts';
import { sandboxSetupRoutes } from './sandbox-setup.ts';

export async function sellingRoutes(app: FastifyInstance, { deps, payments }: { deps: HttpDeps; payments: PaymentSetup }): Promise<void> {
  await app.register(quoteRoutes, { deps });
  await app.register(orderRoutes, { deps });
  await app.register(paymentWebhookRoutes, { deps });
  await app.register(adminOrderRoutes, { deps });
  // The sandbox's pages are a simulator: never mounted in production, whatever was configured.
  if (payments.sandbox && deps.mode !== 'production') {
    await app.register(sandboxPayRoutes, { sandbox: payments.sandbox });
    await app.register(sandboxSetupRoutes, { cards: payments.sandbox.savedMethods });
  }
}
