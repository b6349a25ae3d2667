// Payment methods a customer saves at a provider for automatic payments: start (the customer is
// sent to the provider's page), complete (on return, the provider is asked what was saved), list.
// Saxla keeps the provider's token and a label, never card data.
import { randomUUID } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { isOneOf, onlinePaymentProviders } from '../domain/vocabularies.ts';
import type { Database } from '../db/database.ts';
import { findMethod, insertPendingMethod, listSavedMethods, removeMethod, settleMethod } from '../db/auto-renew-repository.ts';
import type { PaymentProviders, SavedMethods } from '../payments/payment-provider.ts';

export interface PaymentMethodDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
  /** SAXLA_BASE_URL: the provider's page sends the customer back here. */
  readonly baseUrl: string;
}

export interface PaymentMethodView {
  readonly id: string;
  readonly provider: string;
  readonly status: 'pending' | 'saved' | 'failed' | 'removed';
  readonly label: string | null;
}

function savedMethodsOf(deps: PaymentMethodDeps, provider: string): SavedMethods {
  const saved = isOneOf(onlinePaymentProviders, provider) ? deps.providers[provider]?.savedMethods : undefined;
  if (!saved) throw new DomainError('PAYMENT_PROVIDER_DISABLED', `${provider} cannot keep a payment method here`);
  return saved;
}

/** Providers a customer may save a method with, in the order configured. */
export function savingProviders(deps: Pick<PaymentMethodDeps, 'providers'>): string[] {
  return onlinePaymentProviders.filter((p) => deps.providers[p]?.savedMethods !== undefined);
}

export async function startSavingPaymentMethod(deps: PaymentMethodDeps, customerId: string, provider: string, returnPath: string): Promise<{ readonly methodId: string; readonly setupUrl: string }> {
  const saved = savedMethodsOf(deps, provider);
  const methodId = randomUUID();
  // Only a path on this site: the provider's page must never send the customer elsewhere.
  const path = returnPath.startsWith('/') && !returnPath.startsWith('//') ? returnPath : '/dashboard';
  const returnUrl = `${deps.baseUrl}${path}${path.includes('?') ? '&' : '?'}method=${methodId}`;
  const setup = await saved.start({ methodId, customerId, returnUrl });
  await insertPendingMethod(deps.db, { id: methodId, customerId, provider, setupReference: setup.setupReference }, new Date(deps.now()));
  return { methodId, setupUrl: setup.setupUrl };
}

/** Asks the provider how the setup ended; another customer's method answers like none at all. */
export async function completeSavingPaymentMethod(deps: PaymentMethodDeps, customerId: string, methodId: string): Promise<PaymentMethodView> {
  const method = /^[0-9a-f-]{36}$/.test(methodId) ? await findMethod(deps.db, methodId) : undefined;
  if (!method || method.customerId !== customerId) throw new DomainError('NOT_FOUND', 'no such payment method');
  if (method.status === 'pending') {
    const outcome = await savedMethodsOf(deps, method.provider).complete(method.setupReference);
    if (outcome.status !== 'pending') {
      await settleMethod(deps.db, method.id, outcome.status === 'saved'
        ? { status: 'saved', token: outcome.token, providerCustomer: outcome.providerCustomer, label: outcome.label }
        : { status: 'failed' }, new Date(deps.now()));
      return { id: method.id, provider: method.provider, status: outcome.status, label: outcome.status === 'saved' ? outcome.label : null };
    }
  }
  return { id: method.id, provider: method.provider, status: method.status, label: method.label };
}

/**
 * Removes a saved method: the provider forgets it first (so a failure there changes nothing here
 * and can be tried again), then it is marked removed and the standing orders it paid are cancelled.
 * Returns the numbers whose automatic payments ended with it.
 */
export async function removePaymentMethod(deps: PaymentMethodDeps, customerId: string, methodId: string): Promise<{ readonly cancelled: readonly string[] }> {
  const method = /^[0-9a-f-]{36}$/.test(methodId) ? await findMethod(deps.db, methodId) : undefined;
  if (!method || method.customerId !== customerId || method.status === 'removed') throw new DomainError('NOT_FOUND', 'no such payment method');
  if (method.status === 'saved' && method.token) await savedMethodsOf(deps, method.provider).forget(method.token);
  const cancelled = await deps.db.tx((sql) => removeMethod(sql, method.id, new Date(deps.now())));
  return { cancelled };
}

export async function listPaymentMethods(deps: Pick<PaymentMethodDeps, 'db'>, customerId: string): Promise<PaymentMethodView[]> {
  return (await listSavedMethods(deps.db, customerId)).map((m) => ({ id: m.id, provider: m.provider, status: m.status, label: m.label }));
}
