// The answer every transfer use case gives: what was asked, and whether it went through.
import { azn, type Money } from '../domain/money.ts';
import type { StoredTransfer } from '../db/balance-transfer-repository.ts';

export interface BalanceTransferView {
  readonly transferId: string;
  readonly from: string;
  readonly to: string;
  readonly amount: Money;
  /** `pending_code` until the code sent to `from` is typed back; then `completed`. */
  readonly status: 'pending_code' | 'completed';
  readonly expiresAt: string;
  readonly completedAt: string | null;
}

export function viewTransfer(t: StoredTransfer): BalanceTransferView {
  return {
    transferId: t.id, from: t.from, to: t.to, amount: azn(t.amount), status: t.status === 'completed' ? 'completed' : 'pending_code',
    expiresAt: t.expiresAt.toISOString(), completedAt: t.completedAt ? t.completedAt.toISOString() : null,
  };
}
