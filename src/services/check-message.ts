// "Is this SMS ours?": whether Saxla sent a message with this check code to this number. Public,
// so it is rate-limited per calling address (an HMAC of its client network, never the address: an
// IPv6 /64 is one caller) and per number,
// with counters in the database so every Saxla process counts the same requests.
import { createHmac } from 'node:crypto';
import { formatInstant, instantFromEpochMs, type Instant } from '../domain/calendar.ts';
import type { CheckCode } from '../domain/check-code.ts';
import { clientNetwork } from '../domain/client-address.ts';
import { DomainError } from '../domain/errors.ts';
import {
  MESSAGE_CHECKS_PER_ADDRESS, MESSAGE_CHECKS_PER_NUMBER, windowStart, type FixedWindowLimit, type MessageCheckResult,
} from '../domain/message-check.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { SmsKind } from '../domain/sms-templates.ts';
import type { Database } from '../db/database.ts';

export interface CheckMessageDeps {
  readonly db: Database;
  /** SAXLA_SECRET, for the HMAC of the caller's address. */
  readonly secret: string;
  readonly limits?: { readonly perAddress: FixedWindowLimit; readonly perNumber: FixedWindowLimit };
}

export interface CheckMessageRequest {
  readonly msisdn: Msisdn;
  readonly code: CheckCode;
  readonly address: string;
}

export async function checkMessage(deps: CheckMessageDeps, request: CheckMessageRequest, now: Instant): Promise<MessageCheckResult> {
  const perAddress = deps.limits?.perAddress ?? MESSAGE_CHECKS_PER_ADDRESS;
  const perNumber = deps.limits?.perNumber ?? MESSAGE_CHECKS_PER_NUMBER;
  const addressKey = `address:${createHmac('sha256', deps.secret).update(`saxla:message-check-address\u0000${clientNetwork(request.address)}`).digest('hex')}`;
  return deps.db.tx(async (sql) => {
    // Counted in place (one row per subject and window), so parallel requests cannot slip past.
    const counts = await sql.query<{ subject: string; hits: number }>(
      `with pruned as (
         delete from message_check_counters
          where (subject, window_start) in (select subject, window_start from message_check_counters where window_start < $5 limit 50)
       )
       insert into message_check_counters (subject, window_start, hits)
       values ($1, $2, 1), ($3, $4, 1)
       on conflict (subject, window_start) do update set hits = message_check_counters.hits + 1
       returning subject, hits`,
      [addressKey, new Date(windowStart(now, perAddress)), `msisdn:${request.msisdn}`, new Date(windowStart(now, perNumber)),
        new Date(now - 2 * Math.max(perAddress.windowMs, perNumber.windowMs))],
    );
    const over = counts.some((c) => c.hits > (c.subject === addressKey ? perAddress.max : perNumber.max));
    if (over) throw new DomainError('RATE_LIMITED', 'too many checks; try again in an hour');
    const [sent] = await sql.query<{ kind: SmsKind; submitted_at: Date }>(
      `select kind, submitted_at from sms_outbox
        where msisdn = $1 and check_code = $2 and submitted_at is not null
          and status in ('submitted', 'delivered', 'undeliverable', 'expired')
        order by submitted_at desc limit 1`,
      [request.msisdn, request.code],
    );
    return sent
      ? { genuine: true, sentAt: formatInstant(instantFromEpochMs(sent.submitted_at.getTime())), kind: sent.kind }
      : { genuine: false };
  });
}
