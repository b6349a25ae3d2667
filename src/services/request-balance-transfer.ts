// Asks to move balance from one of the account's lines to another (or, with groups, to a family
// member): the limits are checked now, so a refusal comes before any code, and a 6-digit code goes
// by SMS to the line the money would leave. Nothing moves until the code comes back.
import { randomInt, randomUUID } from 'node:crypto';
import { checkTransfer } from '../domain/balance-transfer.ts';
import { addDays, operatorDay, startOfOperatorDay, type Instant } from '../domain/calendar.ts';
import { ONE_TIME_CODE_LIFETIME_MS } from '../domain/account-rules.ts';
import { DomainError } from '../domain/errors.ts';
import { qepik, type Qepik } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { smsAmount, smsText } from '../domain/sms-templates.ts';
import type { Sql } from '../db/database.ts';
import {
  countTransferRequestsSince, findTransferByKey, insertTransfer, sumSentBetween, transferRelation,
} from '../db/balance-transfer-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { viewTransfer, type BalanceTransferView } from './balance-transfer-view.ts';
import { assertLinesVisible } from './customer-scope.ts';
import { enqueueSms } from './enqueue-sms.ts';
import { hashRequest } from './request-hash.ts';
import { keyedHash } from './secret-hash.ts';

/** Codes for transfers one line may be sent in an hour: enough for typos, too few to spam the holder. */
export const TRANSFER_CODES_PER_LINE_PER_HOUR = 5;

export interface BalanceTransferRequest {
  readonly customerId: string;
  readonly from: string;
  readonly to: string;
  /** Qəpik. */
  readonly amount: number;
  /** The Idempotency-Key: the same key and body answer the same transfer and send no second code. */
  readonly idempotencyKey: string;
}

export function transferCodeHash(secret: string, transferId: string, code: string): string {
  return keyedHash(secret, 'one-time-code', `transfer:${transferId}:${code}`);
}

/** What this line has sent in completed transfers on the Baku day of `now`. */
export async function sentToday(sql: Sql, msisdn: Msisdn, now: Instant): Promise<Qepik> {
  const today = operatorDay(now);
  return sumSentBetween(sql, msisdn, new Date(startOfOperatorDay(today)), new Date(startOfOperatorDay(addDays(today, 1))));
}

export async function requestBalanceTransfer(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'policy'>, request: BalanceTransferRequest): Promise<BalanceTransferView> {
  const from = parseMsisdn(request.from);
  const to = parseMsisdn(request.to);
  const amount = qepik(request.amount);
  const now = deps.now();
  const requestHash = hashRequest({ from, to, amount });
  return deps.db.tx(async (sql) => {
    await assertLinesVisible(sql, request.customerId, [from]);
    const earlier = await findTransferByKey(sql, request.customerId, request.idempotencyKey);
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used before with a different transfer');
      return viewTransfer(earlier);
    }
    const [fromLine, toLine] = [await findLine(sql, from), await findLine(sql, to)];
    if (!fromLine) throw new DomainError('LINE_NOT_FOUND', `no line ${from}`);
    // A number that is no Saxla line is refused exactly like one that is not the account's.
    const relation = toLine ? await transferRelation(sql, request.customerId, to) : 'none';
    if (!toLine || relation === 'none') {
      throw new DomainError('TRANSFER_RECIPIENT_NOT_ALLOWED', 'balance can go only to another line on this account or a member of your group');
    }
    const decision = checkTransfer({ from: fromLine, to: toLine, amount, sentToday: await sentToday(sql, from, now), relation, limits: deps.policy.balanceTransfer });
    if (!decision.ok) throw refusalError(decision.refusal, decision.mostNow);
    if (await countTransferRequestsSince(sql, from, new Date(now - 60 * 60 * 1000)) >= TRANSFER_CODES_PER_LINE_PER_HOUR) {
      throw new DomainError('RATE_LIMITED', 'too many transfer codes were sent to this line this hour; try again later');
    }
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const inserted = await insertTransfer(sql, {
      id, customerId: request.customerId, from, to, amount, relation, requestKey: request.idempotencyKey, requestHash,
      codeHash: transferCodeHash(deps.secret, id, code), expiresAt: new Date(now + ONE_TIME_CODE_LIFETIME_MS), at: new Date(now), policyVersion: deps.policy.version,
    });
    if (!inserted) {
      // The same key came twice at once and the other request won: answer its transfer, send no second code.
      const winner = await findTransferByKey(sql, request.customerId, request.idempotencyKey);
      if (!winner) throw new Error('transfer key taken but not found');
      if (winner.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used before with a different transfer');
      return viewTransfer(winner);
    }
    await enqueueSms(sql, {
      msisdn: from, kind: 'otp', language: fromLine.language,
      text: smsText('otp.transfer', fromLine.language, { code, amount: smsAmount(amount), from, to }),
    }, now);
    const stored = await findTransferByKey(sql, request.customerId, request.idempotencyKey);
    if (!stored) throw new Error('transfer was not written');
    return viewTransfer(stored);
  });
}

const refusalMessages = {
  TRANSFER_SAME_LINE: 'choose two different lines',
  TRANSFER_RECIPIENT_NOT_ALLOWED: 'balance can go only to another line on this account or a member of your group',
  TRANSFER_LINE_CLOSED: 'a number in quarantine or released can neither send nor receive balance',
  TRANSFER_BELOW_MINIMUM: 'the amount is below the smallest transfer',
  INSUFFICIENT_BALANCE: 'the line does not have that much balance',
  TRANSFER_LEAVES_TOO_LITTLE: 'the transfer would leave less than the minimum on the line',
  TRANSFER_DAILY_CAP: 'the transfer would pass this line\'s daily limit',
} as const;

/** The refusal as an error; `mostNow` (what could be sent now) rides along for the channel to show. */
export function refusalError(refusal: keyof typeof refusalMessages, mostNow?: Qepik): DomainError {
  return new DomainError(refusal, refusalMessages[refusal], mostNow === undefined ? [] : [{ path: '/amount', message: `at most ${mostNow} qəpik now` }]);
}
