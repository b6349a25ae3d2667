// Sends money back through the provider for a payment marked refund_pending, then records it.
// Called after the transaction that decided the refund commits; the reconciler retries any that a
// crash or a provider outage left pending, and the provider call itself is idempotent per payment.
import type { Instant } from '../domain/calendar.ts';
import type { Database } from '../db/database.ts';
import { markRefunded, type PaymentRecord } from '../db/order-repository.ts';
import type { PaymentProviders, ProviderName } from '../payments/payment-provider.ts';

export interface SendRefundDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
}

export async function sendRefund(deps: SendRefundDeps, payment: PaymentRecord): Promise<boolean> {
  const provider = Object.hasOwn(deps.providers, payment.provider) ? deps.providers[payment.provider as ProviderName] : undefined;
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
