// A cash or partner top-up (terminal, dealer, operator API): credits the balance and buys
// validity days from the policy's band table, exactly once per idempotency key.
import type { Instant, IsoDate } from '../domain/calendar.ts';
import { topUp } from '../domain/line.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { Money, Qepik } from '../domain/money.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { LineStatus } from '../domain/lifecycle.ts';
import type { Database } from '../db/database.ts';
import { formatSmsDate, smsAmount, smsText } from '../domain/sms-templates.ts';
import { applyLineChange } from './apply-line-change.ts';
import { hashRequest } from './request-hash.ts';

export interface TopUpDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export interface TopUpRequest {
  readonly msisdn: Msisdn;
  readonly amount: Qepik;
  readonly reference: string;
  /** Scoped by the caller, e.g. "admin:<Idempotency-Key>". */
  readonly idempotencyKey: string;
  readonly source: 'operator' | 'partner' | 'store';
}

export interface TopUpResult {
  readonly msisdn: string;
  readonly amount: Money;
  readonly reference: string;
  readonly daysAdded: number;
  readonly validUntilBefore: IsoDate;
  readonly validUntil: IsoDate;
  readonly balance: Money;
  readonly status: LineStatus;
}

export async function topUpLine(deps: TopUpDeps, request: TopUpRequest): Promise<{ result: TopUpResult; replayed: boolean }> {
  const now = deps.now();
  return deps.db.tx((sql) => applyLineChange<TopUpResult>(sql, {
    msisdn: request.msisdn,
    idempotencyKey: `top-up:${request.idempotencyKey}`,
    requestHash: hashRequest({ msisdn: request.msisdn, amount: request.amount, reference: request.reference }),
    kind: 'top_up',
    reference: request.reference,
    cause: `top-up by ${request.source}`,
    now,
    policy: deps.policy,
    endsTransaction: true,
    decide: (line, today) => {
      const change = topUp(line, request.amount, today, deps.policy);
      return {
        change,
        result: {
          msisdn: line.msisdn,
          amount: { amount: request.amount, currency: 'AZN' },
          reference: request.reference,
          daysAdded: change.daysAdded,
          validUntilBefore: line.validUntil,
          validUntil: change.line.validUntil,
          balance: { amount: change.line.balance, currency: 'AZN' },
          status: change.line.status,
        },
      };
    },
    // The customer hears of every top-up at once, in their language, from the same transaction.
    confirmation: (change) => {
      const l = change.line;
      return {
        msisdn: l.msisdn,
        kind: 'top_up_confirmation',
        language: l.language,
        text: smsText('top_up_confirmation', l.language, {
          amount: smsAmount(request.amount), msisdn: l.msisdn, balance: smsAmount(l.balance), validUntil: formatSmsDate(l.validUntil, l.language),
        }),
        dedupeKey: `top-up:${request.idempotencyKey}`,
      };
    },
  }));
}
