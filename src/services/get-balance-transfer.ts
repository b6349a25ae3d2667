// One of the account's transfers as GET /api/v1/transfers/{id} shows it, and what a line may send today.
import { mostTransferableNow } from '../domain/balance-transfer.ts';
import { DomainError } from '../domain/errors.ts';
import { azn, type Money } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { findTransfer } from '../db/balance-transfer-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { viewTransfer, type BalanceTransferView } from './balance-transfer-view.ts';
import { assertLinesVisible } from './customer-scope.ts';
import { sentToday } from './request-balance-transfer.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getBalanceTransfer(deps: Pick<AccountDeps, 'db'>, customerId: string, transferId: string): Promise<BalanceTransferView> {
  const transfer = UUID.test(transferId) ? await findTransfer(deps.db, customerId, transferId) : undefined;
  if (!transfer) throw new DomainError('TRANSFER_NOT_FOUND', 'no such transfer');
  return viewTransfer(transfer);
}

export interface TransferAllowanceView {
  readonly from: string;
  readonly minAmount: Money;
  readonly minLeftBehind: Money;
  readonly dailyCap: Money;
  readonly sentToday: Money;
  /** The most this line could send now (0 when nothing). */
  readonly mostNow: Money;
}

/** The policy's transfer limits as they stand for one of the account's lines today. */
export async function getTransferAllowance(deps: Pick<AccountDeps, 'db' | 'now' | 'policy'>, customerId: string, fromText: string): Promise<TransferAllowanceView> {
  const from = parseMsisdn(fromText);
  const limits = deps.policy.balanceTransfer;
  return deps.db.tx(async (sql) => {
    await assertLinesVisible(sql, customerId, [from]);
    const line = await findLine(sql, from);
    if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${from}`);
    const sent = await sentToday(sql, from, deps.now());
    return {
      from, minAmount: azn(limits.minAmount), minLeftBehind: azn(limits.minLeftBehind), dailyCap: azn(limits.dailyCapPerLine),
      sentToday: azn(sent), mostNow: azn(mostTransferableNow(line, sent, limits)),
    };
  });
}
