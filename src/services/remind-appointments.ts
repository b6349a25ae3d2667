// The day-before reminder of a store visit: every booked visit starting tomorrow (Baku day) gets
// one SMS, deduplicated by the appointment, so running this every few minutes sends each once.
// Called by the lifecycle sweep (`saxla sweep`, and the server's periodic sweep).
import { addDays, operatorDay, startOfOperatorDay, type Instant } from '../domain/calendar.ts';
import { isLocale } from '../domain/money.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { formatSmsDate, smsText } from '../domain/sms-templates.ts';
import { storeText } from '../domain/store-schedule.ts';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/database.ts';
import { listAppointmentsToRemind } from '../db/appointment-repository.ts';
import { findLine } from '../db/line-repository.ts';
import { findStore } from '../db/store-repository.ts';
import { enqueueSms } from './enqueue-sms.ts';

const BATCH = 500;

function localTime(at: Date): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO('Asia/Baku').toPlainTime().toString({ smallestUnit: 'minute' });
}

/** Queues reminders for visits tomorrow; returns how many new messages were written. */
export async function remindAppointments(deps: { db: Database }, now: Instant): Promise<number> {
  const tomorrow = addDays(operatorDay(now), 1);
  const from = startOfOperatorDay(tomorrow);
  const to = startOfOperatorDay(addDays(tomorrow, 1));
  let queued = 0;
  await deps.db.tx(async (sql) => {
    const due = await listAppointmentsToRemind(sql, from, to, BATCH);
    for (const a of due) {
      if (a.msisdn === null) continue;
      const store = await findStore(sql, a.storeId);
      // The line's language as it is now (it may have changed since the booking); the booking's
      // own language only for a number that is no longer a line.
      const line = await findLine(sql, trustedMsisdn(a.msisdn));
      const language = line?.language ?? (isLocale(a.language) ? a.language : 'az');
      const text = smsText('appointment_reminder', language, {
        store: store ? storeText(store.names, language) : a.storeId,
        date: formatSmsDate(operatorDay(a.slotStart.getTime() as Instant), language),
        time: localTime(a.slotStart),
      });
      const sent = await enqueueSms(sql, { msisdn: trustedMsisdn(a.msisdn), kind: 'appointment_reminder', language, text, dedupeKey: `appointment-reminder:${a.id}` }, now);
      if (sent) queued += 1;
    }
  });
  return queued;
}
