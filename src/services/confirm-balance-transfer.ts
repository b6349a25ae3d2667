// Confirms a transfer with the code sent to the line the money leaves, and moves it: both lines
// locked in msisdn order, the limits checked again on the locked rows, one ledger operation on
// each line (each with its SMS) and the transfer marked done, all in one transaction. Confirming a
// completed transfer again answers it unchanged.
import { checkTransfer, transferIn, transferOut } from '../domain/balance-transfer.ts';
import { ONE_TIME_CODE_MAX_ATTEMPTS, isOneTimeCodeFormat } from '../domain/account-rules.ts';
import { DomainError } from '../domain/errors.ts';
import { smsAmount, smsText } from '../domain/sms-templates.ts';
import { lockLinesInOrder, lockTransfer, markTransferCompleted, recordWrongTransferCode, transferRelation } from '../db/balance-transfer-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { applyLineChange } from './apply-line-change.ts';
import { viewTransfer, type BalanceTransferView } from './balance-transfer-view.ts';
import { codeFailureError, type CodeFailure } from './one-time-codes.ts';
import { refusalError, sentToday, transferCodeHash } from './request-balance-transfer.ts';
import { hashRequest } from './request-hash.ts';
import { sameKeyedHash } from './secret-hash.ts';

export interface ConfirmTransferRequest {
  readonly customerId: string;
  readonly transferId: string;
  readonly code: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function confirmBalanceTransfer(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'policy'>, request: ConfirmTransferRequest): Promise<BalanceTransferView> {
  if (!UUID.test(request.transferId)) throw new DomainError('TRANSFER_NOT_FOUND', 'no such transfer');
  const now = deps.now();
  // A wrong code is committed (it counts against the transfer) and only then reported.
  const outcome = await deps.db.tx(async (sql): Promise<BalanceTransferView | CodeFailure> => {
    const transfer = await lockTransfer(sql, request.customerId, request.transferId);
    if (!transfer) throw new DomainError('TRANSFER_NOT_FOUND', 'no such transfer');
    if (transfer.status === 'completed') return viewTransfer(transfer);
    if (transfer.attempts >= ONE_TIME_CODE_MAX_ATTEMPTS) return 'CODE_TOO_MANY_ATTEMPTS';
    if (transfer.expiresAt.getTime() <= now) return 'CODE_EXPIRED';
    if (!isOneTimeCodeFormat(request.code) || !sameKeyedHash(transferCodeHash(deps.secret, transfer.id, request.code), transfer.codeHash)) {
      const attempts = await recordWrongTransferCode(sql, transfer.id);
      return attempts >= ONE_TIME_CODE_MAX_ATTEMPTS ? 'CODE_TOO_MANY_ATTEMPTS' : 'CODE_INVALID';
    }
    await lockLinesInOrder(sql, [transfer.from, transfer.to]);
    const [from, to] = [await findLine(sql, transfer.from), await findLine(sql, transfer.to)];
    if (!from || !to) throw new DomainError('LINE_NOT_FOUND', 'a line of this transfer is gone');
    // Between request and code the link may have gone, the balance moved or another transfer used the day's cap.
    const relation = transfer.relation === 'own_line' ? await transferRelation(sql, request.customerId, transfer.to) : transfer.relation;
    const decision = checkTransfer({ from, to, amount: transfer.amount, sentToday: await sentToday(sql, transfer.from, now), relation, limits: deps.policy.balanceTransfer });
    if (!decision.ok) throw refusalError(decision.refusal, decision.mostNow);
    const requestHash = hashRequest({ transfer: transfer.id, from: transfer.from, to: transfer.to, amount: transfer.amount });
    const common = { requestHash, kind: 'balance_transfer', reference: `transfer:${transfer.id}`, now, policy: deps.policy } as const;
    await applyLineChange(sql, {
      ...common, msisdn: transfer.from, idempotencyKey: `transfer:${transfer.id}:out`, cause: 'balance transfer sent',
      decide: (line) => ({ change: transferOut(line, to, transfer.amount), result: { transferId: transfer.id } }),
      confirmation: (change) => ({
        msisdn: transfer.from, kind: 'transfer_confirmation', language: change.line.language, dedupeKey: `transfer:${transfer.id}:out`,
        text: smsText('transfer_confirmation.sent', change.line.language, { amount: smsAmount(transfer.amount), from: transfer.from, to: transfer.to, balance: smsAmount(change.line.balance) }),
      }),
    });
    await applyLineChange(sql, {
      ...common, msisdn: transfer.to, idempotencyKey: `transfer:${transfer.id}:in`, cause: 'balance transfer received',
      decide: (line) => ({ change: transferIn(line, from, transfer.amount), result: { transferId: transfer.id } }),
      confirmation: (change) => ({
        msisdn: transfer.to, kind: 'transfer_confirmation', language: change.line.language, dedupeKey: `transfer:${transfer.id}:in`,
        text: smsText('transfer_confirmation.received', change.line.language, { amount: smsAmount(transfer.amount), from: transfer.from, to: transfer.to, balance: smsAmount(change.line.balance) }),
      }),
    });
    const at = new Date(now);
    await markTransferCompleted(sql, transfer.id, at);
    return viewTransfer({ ...transfer, status: 'completed', completedAt: at });
  });
  if (typeof outcome === 'string') throw codeFailureError(outcome);
  return outcome;
}
