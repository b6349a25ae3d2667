// The JSON shapes the portal reads, as CONTRACT.md and the OpenAPI document give them. Only the
// fields the pages show are named.
import type { Locale } from '../../domain/money.ts';
import type { MoneyJson } from './format.ts';

export type LineStatus = 'active' | 'one_way' | 'suspended' | 'quarantine' | 'recyclable';

export interface LineJson {
  readonly msisdn: string;
  readonly status: LineStatus;
  readonly balance: MoneyJson;
  readonly validUntil: string;
  /** The plan's code (for forms), and its name in the page's language (what the customer reads). */
  readonly plan: string | null;
  readonly planName: string | null;
  /** The language of every SMS, statement and receipt of this line. */
  readonly language: Locale;
  readonly countdown: {
    readonly daysUntilOneWay: number;
    readonly daysUntilNumberLost: number;
    readonly oneWayFrom: string;
    readonly numberLostFrom: string;
  };
}

export interface PlanJson {
  readonly code: string;
  readonly kind: string;
  readonly name: string;
  readonly description: string;
  readonly monthlyPrice: MoneyJson;
  readonly durations: readonly number[];
}

export interface QuoteJson {
  readonly quoteId: string;
  readonly items: readonly {
    readonly msisdn: string; readonly planCode: string | null; readonly planName: string | null; readonly months: number | null;
    readonly subtotal: MoneyJson; readonly discount: MoneyJson; readonly total: MoneyJson; readonly validUntilAfter: string;
    /** A top-up: the days it buys. */
    readonly validityDays?: number;
    /** Renewing with another plan: the paid plan, and the day the new one starts. */
    readonly planChange?: { readonly from: string; readonly fromName: string; readonly paidUntil: string | null; readonly startsOn: string; readonly rule: string } | null;
  }[];
  readonly discounts: readonly { readonly code: string; readonly name: string; readonly amount: MoneyJson }[];
  readonly total: MoneyJson;
  readonly expiresAt: string;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'activated' | 'failed' | 'expired' | 'refunded';

export interface OrderJson {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly total?: MoneyJson;
  readonly items?: readonly { readonly msisdn: string; readonly planCode: string | null; readonly months: number | null }[];
  readonly paymentUrl?: string | null;
  readonly createdAt?: string;
  readonly quoteId?: string;
  readonly promoCode?: string | null;
  readonly quoteExpiresAt?: string | null;
}

export interface StatementJson {
  readonly from: string;
  readonly to: string;
  readonly openingBalanceAt: string;
  readonly openingBalance: MoneyJson;
  readonly closingBalance: MoneyJson;
  readonly entries: readonly {
    /** The ledger entry's id: what a support case names. */
    readonly id?: string;
    readonly at: string; readonly kind: string;
    /** In plain words, in the language asked for. */
    readonly description: string;
    readonly reference: string | null;
    readonly amount: MoneyJson; readonly balanceAfter: MoneyJson;
  }[];
}

export interface SettingsJson {
  /** One flag per reminder day of the policy (before30Days, before7Days, before1Day …), then stageNotices. */
  readonly reminders: Readonly<Record<string, boolean>>;
  readonly email: string | null;
}

export interface StoreJson {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly address: string;
  /** E.164, or null for a store entered without one. */
  readonly phone?: string | null;
  readonly lat: number;
  readonly lng: number;
  readonly distanceKm?: number | null;
  readonly hours: unknown;
  readonly openNow?: boolean;
}

export interface KeepUntilStepJson {
  readonly kind: 'renewal' | 'top_up';
  readonly planCode?: string;
  readonly planName?: string;
  readonly months?: number;
  readonly amount?: MoneyJson;
  readonly days?: number;
  readonly on: string;
  readonly price: MoneyJson;
  readonly validUntilAfter: string;
  readonly buyNow: boolean;
}

export interface KeepUntilJson {
  readonly total: MoneyJson;
  readonly steps: readonly KeepUntilStepJson[];
  readonly validUntilAfter: string;
}
