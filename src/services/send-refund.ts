// Sends money back through the provider for a payment marked refund_pending, then records it.
// Called after the transaction that decided the refund commits; the reconciler retries any that a
// crash or a provider outage left pending, and the provider call itself is idempotent per payment.
import type { Instant } from '../domain/calendar.ts';
import type { Database } from '../db/database.ts';
import { markRefunded, type PaymentRecord } from '../db/order-repository.ts';
import type { PaymentProviders } from '../payments/payment-provider.ts';
import { enabledProvider } from '../payments/payment-registry.ts';
import type { Logger } from './logger.ts';

export interface SendRefundDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
}

export async function sendRefund(deps: SendRefundDeps, payment: PaymentRecord): Promise<boolean> {
  const provider = enabledProvider(deps.providers, payment.provider);
  // A provider switched off since: the refund stays pending for an operator to see.
  if (!provider) return false;
  const { refundId } = await provider.refund({
    paymentId: payment.providerPaymentId,
    charge: { amount: payment.amount, currency: payment.currency },
    reason: payment.refundReason ?? 'refund',
  });
  await deps.db.tx((sql) => markRefunded(sql, payment.id, refundId, new Date(deps.now())));
  return true;
}

/** sendRefund for callers that carry on: a provider failure is logged and the payment stays refund_pending (retried). */
export async function sendRefundOrLog(deps: SendRefundDeps & { readonly logger: Logger }, payment: PaymentRecord): Promise<boolean> {
  try {
    return await sendRefund(deps, payment);
  } catch (error) {
    deps.logger.warn({ err: error, paymentId: payment.id, orderId: payment.orderId, provider: payment.provider }, 'refund not sent; the reconciler retries it');
    return false;
  }
}
