// Every SMS of a line speaks the line's language, whatever the account's (issue 11: the code came in
// one language, the renewal confirmation in another). The account signs up in English; each line
// is set to another language and each kind of SMS is checked. PGlite and (SAXLA_TEST_DB=postgres) PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from '../domain/calendar.ts';
import { msisdnFor, policy } from '../../test/helpers/factories.ts';
import { ADMIN_TOKEN, buildPaymentsTestApp, deliver, orderRenewal, payOnPage, webhookFor, type PaymentsTestApp } from '../../test/helpers/payments-app.ts';
import { remindAppointments } from './remind-appointments.ts';
import { seedDemoStores } from './seed-demo-stores.ts';
import { sweepLifecycle } from './sweep-lifecycle.ts';

let t: PaymentsTestApp;
const TR = msisdnFor(1);
const ZH = msisdnFor(2);
const RU = msisdnFor(3);
const USSD = msisdnFor(4);
const REMINDED = msisdnFor(5);

async function setLanguage(msisdn: string, language: string): Promise<void> {
  const res = await t.anonymousApp.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(msisdn)}/language`, headers: t.customer, payload: { language } });
  assert.equal(res.statusCode, 200, res.body);
}

async function latestSms(msisdn: string, kind: string): Promise<{ language: string; body: string }> {
  const [row] = await t.db.query<{ language: string; body: string }>(
    'select language, body from sms_outbox where msisdn = $1 and kind = $2 order by id desc limit 1', [msisdn, kind]);
  assert.ok(row, `no ${kind} SMS to ${msisdn}`);
  return row;
}

before(async () => {
  t = await buildPaymentsTestApp({ lines: 5 });
  await setLanguage(TR, 'tr');
  await setLanguage(ZH, 'zh');
  await setLanguage(RU, 'ru');
  await setLanguage(REMINDED, 'ru');
});
after(async () => { await t.close(); });

describe('each kind of SMS in the line\'s language, not the account\'s (en)', () => {
  test('renewal confirmation of an online order: Chinese, with the plan\'s Chinese name', async () => {
    // The quote is asked for on an English page: its plan name must not leak into the SMS.
    const { sessionId } = await orderRenewal(t, { msisdn: ZH, months: 3 });
    assert.equal(await payOnPage(t, sessionId), 200);
    assert.equal((await deliver(t, await webhookFor(t, sessionId))).statusCode, 200);
    const sms = await latestSms(ZH, 'renewal_confirmation');
    assert.equal(sms.language, 'zh');
    assert.match(sms.body, /^Saxla：\+994500000002 已续期：保号套餐，3个月/);
  });

  test('top-up confirmation from the operator API: Russian', async () => {
    const res = await t.anonymousApp.inject({
      method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(RU)}/top-ups`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'idempotency-key': 'emanat-ru-1' },
      payload: { amount: { amount: 1000, currency: 'AZN' }, reference: 'emanat-1' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const sms = await latestSms(RU, 'top_up_confirmation');
    assert.equal(sms.language, 'ru');
    assert.match(sms.body, /зачислено 10\.00 AZN/);
  });

  test('USSD: the language chosen on *101# is the line\'s, and the renewal SMS speaks it', async () => {
    const dial = async (text: string) => (await t.anonymousApp.inject({
      method: 'POST', url: '/ussd', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ sessionId: 'lang-ussd-1', serviceCode: '*101#', phoneNumber: USSD, text }).toString(),
    })).body;
    await dial('');
    await dial('4');
    assert.match(await dial('4*4'), /^CON 余额/, 'the first screen again, now in Chinese');
    const [log] = await t.db.query<{ source: string; language: string }>('select source, language from line_language_changes where msisdn = $1', [USSD]);
    assert.deepEqual({ ...log }, { source: 'ussd', language: 'zh' });
    await dial('4*4*1');
    await dial('4*4*1*1');
    await dial('4*4*1*1*1');
    assert.match(await dial('4*4*1*1*1*1'), /^END /);
    const sms = await latestSms(USSD, 'renewal_confirmation');
    assert.equal(sms.language, 'zh');
    assert.match(sms.body, /保号套餐/);
  });

  test('a password-reset code: Turkish, the login line\'s language', async () => {
    const res = await t.anonymousApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset', headers: { origin: 'http://localhost' }, payload: { phone: TR } });
    assert.equal(res.statusCode, 202, res.body);
    const sms = await latestSms(TR, 'otp');
    assert.equal(sms.language, 'tr');
    assert.match(sms.body, /^Saxla kodu: \d{6}\. 10 dakika/);
  });

  test('reminders from the sweep: Russian and Turkish', async () => {
    // Valid until 20 December: the 7-day reminder is due on the 13th.
    await sweepLifecycle({ db: t.db, policy }, parseInstant('2026-12-13T12:00:00+04:00'));
    const ru = await latestSms(REMINDED, 'reminder');
    assert.equal(ru.language, 'ru');
    assert.match(ru.body, /действует до 20\.12\.2026/);
    const tr = await latestSms(TR, 'reminder');
    assert.equal(tr.language, 'tr');
    assert.match(tr.body, /20\.12\.2026 tarihine kadar/);
  });

  test('an appointment reminder: in the line\'s language as it is the day before, not as at booking', async () => {
    await seedDemoStores({ db: t.db, now: t.clock.now });
    const booked = await t.anonymousApp.inject({
      method: 'POST', url: '/api/v1/appointments', headers: t.customer,
      payload: { storeId: 'baku-28-may', slotStart: '2026-11-30T12:00:00+04:00', purpose: 'renewal' },
    });
    assert.equal(booked.statusCode, 201, booked.body);
    await setLanguage(TR, 'az');
    assert.ok(await remindAppointments({ db: t.db }, parseInstant('2026-11-29T10:00:00+04:00')) >= 1);
    const sms = await latestSms(TR, 'appointment_reminder');
    assert.equal(sms.language, 'az');
    assert.match(sms.body, /ziyarətinizi xatırladırıq/);
  });
});
