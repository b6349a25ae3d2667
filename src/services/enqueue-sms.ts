// Writes an SMS to the outbox inside the caller's transaction, so a message exists exactly when
// the change that caused it does. The worker sends it; the check code lets the customer verify it.
import { randomBytes } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { appendCheckCode, checkCodeFromRandom, CHECK_CODE_RANDOM_BYTES, type CheckCode } from '../domain/check-code.ts';
import type { Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { SmsKind } from '../domain/sms-templates.ts';
import type { Sql } from '../db/database.ts';
import { claimSmsKeys, insertClaimedSms, type OutboxRow } from '../db/sms-outbox-repository.ts';

export interface SmsToSend {
  readonly msisdn: Msisdn;
  readonly kind: SmsKind;
  readonly language: Locale;
  readonly text: string;
  /** Same key twice → one message (a reminder milestone, an order's confirmation). */
  readonly dedupeKey?: string;
}

function newCheckCode(): CheckCode {
  for (;;) {
    const code = checkCodeFromRandom(randomBytes(CHECK_CODE_RANDOM_BYTES));
    if (code) return code;
  }
}

/**
 * The outbox row for a message, with a fresh check code appended. Due at once: quiet hours
 * (SMS_QUIET_HOURS) are applied by the outbox worker when it claims, for every kind it holds.
 */
export function outboxRow(sms: SmsToSend, now: Instant): OutboxRow & { readonly checkCode: CheckCode } {
  const checkCode = newCheckCode();
  return {
    msisdn: sms.msisdn, kind: sms.kind, language: sms.language, body: appendCheckCode(sms.text, checkCode, sms.language), checkCode,
    dedupeKey: sms.dedupeKey ?? null, notBefore: new Date(now), createdAt: new Date(now),
  };
}

export async function enqueueSms(sql: Sql, sms: SmsToSend, now: Instant): Promise<{ id: number; checkCode: CheckCode } | undefined> {
  const row = outboxRow(sms, now);
  const rows = await sql.query<{ id: number }>(
    `with sms_in as (
       select $1::text as msisdn, $2::text as kind, $3::text as language, $4::text as body, $5::text as check_code,
              $6::text as dedupe_key, $7::timestamptz as not_before, $8::timestamptz as created_at
     ), sms_key as (${claimSmsKeys('sms_in')})
     ${insertClaimedSms('sms_in', 'sms_key')} returning id`,
    [row.msisdn, row.kind, row.language, row.body, row.checkCode, row.dedupeKey, row.notBefore, row.createdAt],
  );
  const inserted = rows[0];
  return inserted ? { id: inserted.id, checkCode: row.checkCode } : undefined;
}
