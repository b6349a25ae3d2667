// Voiding a counter receipt reverses the sale: the same refund as the operator's (ledger refund
// entries, the extension pulled back while unused, the order refunded) in one transaction with the
// receipt marked void and the audit row; the money goes back through the POS or QR provider after
// commit (a failure there stays refund_pending for the reconciler). A second void changes nothing.
import { mayVoidReceipt } from '../domain/counter-rules.ts';
import { DomainError } from '../domain/errors.ts';
import { instantFromEpochMs } from '../domain/calendar.ts';
import type { CounterDeps } from './counter-sale.ts';
import { findReceipt, markReceiptVoided } from '../db/receipt-repository.ts';
import { reverseOrder, sendReversalRefund, type RefundedLine } from './refund-order.ts';
import type { Logger } from './logger.ts';
import { writeAudit } from './staff-audit.ts';
import { assertStoreAccess, type StaffActor } from './staff-scope.ts';

export interface VoidResult {
  readonly number: string;
  readonly orderId: string;
  readonly amount: number;
  readonly lines: readonly RefundedLine[];
  /** false: the receipt had been voided already. */
  readonly voided: boolean;
  readonly providerRefunded: boolean;
}

export async function voidReceipt(deps: CounterDeps & { readonly logger: Logger }, actor: StaffActor, number: string, reason: string): Promise<VoidResult> {
  const why = reason.trim().slice(0, 200);
  if (why.length < 3) throw new DomainError('VALIDATION_FAILED', 'say why the receipt is voided', [{ path: 'reason', message: 'required' }]);
  const now = deps.now();
  const outcome = await deps.db.tx(async (sql) => {
    // Locked first, so two voids of one receipt take turns and the second sees the first.
    const receipt = await findReceipt(sql, number.trim(), true);
    if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', `no receipt ${number}`);
    assertStoreAccess(actor.staff, receipt.storeId);
    if (receipt.voidedAt !== null) return { receipt, reversal: undefined };
    const verdict = mayVoidReceipt({ staffId: receipt.staffId, issuedAt: instantFromEpochMs(receipt.issuedAt.getTime()) }, actor.staff, now);
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.reason);
    const reversal = await reverseOrder(sql, deps, receipt.orderId, `void of receipt ${receipt.number}: ${why}`, now);
    await markReceiptVoided(sql, receipt.number, { staffId: actor.staff.id, reason: why }, new Date(now));
    await writeAudit(sql, {
      staffId: actor.staff.id, storeId: receipt.storeId, msisdn: receipt.msisdn, action: 'receipt.void',
      detail: { number: receipt.number, orderId: receipt.orderId, reason: why, amount: receipt.amount, method: receipt.paymentMethod, lines: reversal.lines },
    }, actor.origin, now);
    return { receipt, reversal };
  });
  const { receipt, reversal } = outcome;
  const providers = { pos: deps.counter.pos, qr: deps.counter.qr };
  const providerRefunded = reversal ? await sendReversalRefund({ db: deps.db, now: deps.now, providers, logger: deps.logger }, reversal) : false;
  return { number: receipt.number, orderId: receipt.orderId, amount: receipt.amount, lines: reversal?.lines ?? [], voided: reversal !== undefined, providerRefunded };
}
