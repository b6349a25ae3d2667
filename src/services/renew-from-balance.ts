// Renews a line's plan for N months paid from its own balance (USSD), once per idempotency key,
// with the confirmation SMS written to the outbox in the same transaction.
import type { Instant, IsoDate } from '../domain/calendar.ts';
import { sweptStatus, type LineStatus } from '../domain/lifecycle.ts';
import { renewFromBalance } from '../domain/line.ts';
import type { Qepik } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { formatSmsDate, smsAmount, smsText } from '../domain/sms-templates.ts';
import type { Sql } from '../db/database.ts';
import { applyLineChange } from './apply-line-change.ts';
import { hashRequest } from './request-hash.ts';

export interface RenewFromBalanceRequest {
  readonly msisdn: Msisdn;
  readonly planCode: string;
  /** As the customer saw it, for the SMS. */
  readonly planName: string;
  readonly months: number;
  /** The price the customer confirmed (priceOrder's total for this line). */
  readonly price: Qepik;
  /** What caused it, unique forever: "ussd:<sessionId>:<step>". */
  readonly idempotencyKey: string;
  readonly cause: string;
  readonly now: Instant;
}

export interface RenewFromBalanceResult {
  readonly planCode: string;
  readonly months: number;
  readonly price: number;
  readonly validUntilBefore: IsoDate;
  readonly validUntil: IsoDate;
  readonly balance: number;
  readonly status: LineStatus;
}

/** Runs inside the caller's transaction (`sql`). */
export async function renewLineFromBalance(sql: Sql, deps: { readonly policy: ValidityPolicy }, request: RenewFromBalanceRequest): Promise<{ result: RenewFromBalanceResult; replayed: boolean }> {
  const { msisdn, planCode, months, price, now } = request;
  return applyLineChange<RenewFromBalanceResult>(sql, {
    msisdn,
    idempotencyKey: request.idempotencyKey,
    requestHash: hashRequest({ msisdn, planCode, months, price }),
    kind: 'renewal_from_balance',
    reference: null,
    cause: request.cause,
    now,
    policy: deps.policy,
    decide: (line, today, scheduled) => {
      // The stage as of today, so a line the sweep has not reached yet is judged by its dates.
      const current = { ...line, status: sweptStatus(line.status, line.validUntil, today, deps.policy) };
      const change = renewFromBalance(current, { planCode, months, price }, today, deps.policy, scheduled);
      return {
        change,
        result: {
          planCode, months, price, validUntilBefore: line.validUntil, validUntil: change.line.validUntil,
          balance: change.line.balance, status: change.line.status,
        },
      };
    },
    confirmation: (change) => {
      const { language } = change.line;
      const text = smsText('renewal_confirmation', language, {
        msisdn, plan: request.planName, months, amount: smsAmount(price), validUntil: formatSmsDate(change.line.validUntil, language),
      });
      return { msisdn, kind: 'renewal_confirmation', language, text, dedupeKey: request.idempotencyKey };
    },
  });
}
