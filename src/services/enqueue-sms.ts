// Writes an SMS to the outbox inside the caller's transaction, so a message exists exactly when
// the change that caused it does. The worker sends it; the check code lets the customer verify it.
import { randomBytes } from 'node:crypto';
import { OPERATOR_TIME_ZONE, type Instant } from '../domain/calendar.ts';
import { appendCheckCode, checkCodeFromRandom, CHECK_CODE_RANDOM_BYTES, type CheckCode } from '../domain/check-code.ts';
import type { Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { SmsKind } from '../domain/sms-templates.ts';
import type { Sql } from '../db/database.ts';
import type { OutboxRow } from '../db/sms-outbox-repository.ts';

export interface SmsToSend {
  readonly msisdn: Msisdn;
  readonly kind: SmsKind;
  readonly language: Locale;
  readonly text: string;
  /** Same key twice → one message (a reminder milestone, an order's confirmation). */
  readonly dedupeKey?: string;
}

/** Reminders wait for 09:00 in Baku; codes and payment confirmations never wait. */
const deferrable: ReadonlySet<SmsKind> = new Set(['reminder', 'lifecycle_notice', 'appointment_reminder']);

export function notBeforeFor(kind: SmsKind, now: Instant): Date {
  if (!deferrable.has(kind)) return new Date(now);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: OPERATOR_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(new Date(now)));
  if (hour >= 9 && hour < 22) return new Date(now);
  // Baku has no DST (UTC+4 since 2016): the next 09:00 local is 05:00 UTC.
  const next = new Date(now);
  next.setUTCHours(5, 0, 0, 0);
  if (next.getTime() <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

function newCheckCode(): CheckCode {
  for (;;) {
    const code = checkCodeFromRandom(randomBytes(CHECK_CODE_RANDOM_BYTES));
    if (code) return code;
  }
}

/** The outbox row for a message: a fresh check code appended, the quiet-hours rule applied. */
export function outboxRow(sms: SmsToSend, now: Instant): OutboxRow & { readonly checkCode: CheckCode } {
  const checkCode = newCheckCode();
  return {
    msisdn: sms.msisdn, kind: sms.kind, language: sms.language, body: appendCheckCode(sms.text, checkCode, sms.language), checkCode,
    dedupeKey: sms.dedupeKey ?? null, notBefore: notBeforeFor(sms.kind, now), createdAt: new Date(now),
  };
}

export async function enqueueSms(sql: Sql, sms: SmsToSend, now: Instant): Promise<{ id: number; checkCode: CheckCode } | undefined> {
  const row = outboxRow(sms, now);
  const rows = await sql.query<{ id: number }>(
    `insert into sms_outbox (msisdn, kind, language, body, check_code, dedupe_key, not_before, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (dedupe_key) do nothing returning id`,
    [row.msisdn, row.kind, row.language, row.body, row.checkCode, row.dedupeKey, row.notBefore, row.createdAt],
  );
  const inserted = rows[0];
  return inserted ? { id: inserted.id, checkCode: row.checkCode } : undefined;
}
