// The port every counter payment adapter implements (card terminal, QR acquirer, and their demo
// simulators). The agent asks for the money with start(); what marks the sale paid is never the
// agent's word but the terminal's answer (fetchPaymentStatus asks it) or the acquirer's signed
// webhook (verifyWebhook). docs/counter-payments.md describes both protocols for operators.
import { counterPaymentMethods, type CounterPaymentMethod } from '../domain/vocabularies.ts';
import type { ChargeAmount, PaymentProvider } from './payment-provider.ts';

// The methods are a vocabulary, defined once in the domain.
export type CounterMethod = CounterPaymentMethod;
export const counterMethods: readonly CounterMethod[] = counterPaymentMethods;

export interface CounterPaymentRequest {
  readonly orderId: string;
  /** The order's provider reference (from createPayment): the payment's key at the terminal or bank. */
  readonly reference: string;
  readonly charge: ChargeAmount;
  /** Which store's terminal must show the amount. */
  readonly storeId: string;
}

/** What the counter shows once the payment is asked for. */
export type CounterPaymentPrompt =
  | { readonly kind: 'terminal' }
  | { readonly kind: 'qr'; readonly payload: string };

/** A signed notification to deliver through the public webhook route, as the acquirer would. */
export interface SimulatedWebhook {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Demo and tests only: plays the customer (card on the terminal, banking app on the QR). */
export interface CounterSimulator {
  pay(request: CounterPaymentRequest, outcome: 'succeeded' | 'failed'): Promise<SimulatedWebhook | undefined>;
}

export interface CounterPaymentAdapter extends PaymentProvider {
  readonly name: CounterMethod;
  /** Where the confirmation comes from: the terminal's answer (asked for) or the acquirer's signed webhook. */
  readonly confirmedBy: 'terminal' | 'webhook';
  /**
   * Asks for the money: puts the amount on the store's terminal, or gives the QR to show. Must be
   * idempotent per reference (the agent may press twice; the QR page calls it on every view).
   */
  start(request: CounterPaymentRequest): Promise<CounterPaymentPrompt>;
  /** Present on the simulators only; production refuses an adapter that has one. */
  readonly simulator?: CounterSimulator;
}

/** The adapters a deployment has; a method without one is not offered at the counter. */
export interface CounterPayments {
  readonly pos?: CounterPaymentAdapter;
  readonly qr?: CounterPaymentAdapter;
}
