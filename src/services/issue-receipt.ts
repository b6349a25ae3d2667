// A receipt for an activated counter sale, numbered 1, 2, 3… per store without gaps, issued at
// most once per order; and the public check of a printed one.
import { formatInstant, instantFromEpochMs, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { formatReceiptNumber, readReceiptNumber } from '../domain/receipt-number.ts';
import { storeText } from '../domain/store-schedule.ts';
import type { Sql } from '../db/database.ts';
import type { CounterSaleRow } from '../db/counter-sale-repository.ts';
import { findLine } from '../db/line-repository.ts';
import { findOrder, findQuote, findSucceededPaymentOfOrder } from '../db/order-repository.ts';
import { findReceipt, findReceiptByOrder, insertReceipt, nextReceiptSeq, type Receipt } from '../db/receipt-repository.ts';
import { findStore } from '../db/store-repository.ts';
import { receiptCheck } from './staff-crypto.ts';

/** Issues the receipt of an activated sale inside the caller's transaction; a second call returns the first. */
export async function issueReceipt(sql: Sql, secret: string, sale: CounterSaleRow, now: Instant): Promise<Receipt> {
  // The order row lock makes two concurrent issuers of one sale take turns.
  const order = await findOrder(sql, sale.orderId, true);
  if (!order || order.status !== 'activated') throw new DomainError('ORDER_STATE_CONFLICT', 'the sale is not paid and activated yet');
  if (order.provider !== 'pos' && order.provider !== 'qr') throw new Error(`sale ${sale.orderId} was paid by ${order.provider}, not at the counter`);
  const existing = await findReceiptByOrder(sql, sale.orderId);
  if (existing) return existing;
  const store = await findStore(sql, sale.storeId);
  const quote = await findQuote(sql, order.quoteId);
  const line = await findLine(sql, trustedMsisdn(sale.msisdn));
  const payment = await findSucceededPaymentOfOrder(sql, sale.orderId);
  if (!store || !quote || !line || !payment) throw new Error(`sale ${sale.orderId} lacks its store, quote, line or payment`);
  const seq = await nextReceiptSeq(sql, sale.storeId);
  return insertReceipt(sql, {
    number: formatReceiptNumber(store.code, seq, receiptCheck(secret, store.code, seq)),
    storeId: sale.storeId, seq, orderId: sale.orderId, staffId: sale.staffId, msisdn: sale.msisdn,
    paymentMethod: order.provider, paymentReference: payment.providerPaymentId, amount: order.total,
    items: { items: quote.items, discounts: quote.discounts, planNames: quote.items.map((i) => i.planName), storeName: storeText(store.names, sale.language) },
    validUntilAfter: line.validUntil, language: sale.language, issuedAt: new Date(now),
  });
}

export interface ReceiptVerification {
  readonly genuine: true;
  readonly number: string;
  readonly amount: { readonly amount: number; readonly currency: 'AZN' };
  readonly issuedAt: string;
  readonly store: { readonly id: string; readonly name: string; readonly city: string };
  /** The last two digits of the number it was sold for: enough to recognise it, too few to use it. */
  readonly numberEnding: string;
  /** The receipt's language (the line's at the time of the sale): the check page opens in it. */
  readonly language: string;
  readonly voided: boolean;
}

/** GET /api/v1/receipts/{number}/verify: the public check of a printed receipt. */
export async function verifyReceipt(sql: Sql, number: string, locale: string): Promise<ReceiptVerification> {
  // A malformed number costs no query (the route has already counted it against the caller's limit).
  const printed = readReceiptNumber(number);
  const receipt = printed === undefined ? undefined : await findReceipt(sql, printed);
  if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', `no receipt ${number}`);
  const store = await findStore(sql, receipt.storeId);
  return {
    genuine: true, number: receipt.number, amount: { amount: receipt.amount, currency: 'AZN' },
    issuedAt: formatInstant(instantFromEpochMs(receipt.issuedAt.getTime())),
    store: { id: receipt.storeId, name: store ? storeText(store.names, locale) : receipt.storeId, city: store?.city ?? '' },
    numberEnding: receipt.msisdn.slice(-2), language: receipt.language,
    voided: receipt.voidedAt !== null,
  };
}
