// Renewing with another plan while one is paid (issue 11: the Expat Pack paid to 2027-05-20 was
// switched to keep-number with no warning). By the policy's rule the paid plan runs to its end,
// the new one starts the day after, and the quote says so before paying, in the API and on the portal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from '../../src/domain/calendar.ts';
import { sweepLifecycle } from '../../src/services/sweep-lifecycle.ts';
import { msisdnFor, policy } from '../helpers/factories.ts';
import { buildPaymentsTestApp, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 3 }); });
after(async () => { await t.close(); });

const lineOf = async (n: number) => (await t.db.query<{ plan_code: string | null; valid_until: string }>(
  'select plan_code, valid_until from lines where msisdn = $1', [msisdnFor(n)]))[0];
const scheduledOf = async (n: number) => (await t.db.query<{ plan_code: string; starts_on: string }>(
  'select plan_code, starts_on::text as starts_on from scheduled_plans where msisdn = $1', [msisdnFor(n)]))[0];

async function buy(n: number, planCode: string, months: number): Promise<Record<string, unknown>> {
  const quote = await t.app.inject({ method: 'POST', url: '/api/v1/quotes?lang=en', payload: { msisdn: msisdnFor(n), planCode, months } });
  assert.equal(quote.statusCode, 201, quote.body);
  const order = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': `k-${String(quote.json().quoteId)}` }, payload: { quoteId: quote.json().quoteId } });
  const session = String(order.json().paymentUrl).split('/').pop() ?? '';
  assert.equal(await payOnPage(t, session), 200);
  assert.equal((await deliver(t, await webhookFor(t, session))).statusCode, 200);
  return quote.json();
}

test('the Expat Pack paid to 2027-05-20 stays; keep-number starts on 21 May, said in the quote first', async () => {
  await t.db.query(`update lines set plan_code = 'ECNEBI_PAKET', valid_until = '2027-05-20' where msisdn = $1`, [msisdnFor(1)]);
  const quote = await buy(1, 'SAXLA_NOMRE', 3);
  const change = { from: 'ECNEBI_PAKET', fromName: 'Expat Pack', paidUntil: '2027-05-20', startsOn: '2027-05-21', rule: 'at_paid_end' };
  assert.deepEqual(quote.planChange, change);
  assert.equal(quote.validUntilAfter, '2027-08-20');
  assert.deepEqual(await lineOf(1), { plan_code: 'ECNEBI_PAKET', valid_until: '2027-08-20' });
  assert.deepEqual(await scheduledOf(1), { plan_code: 'SAXLA_NOMRE', starts_on: '2027-05-21' });

  // Renewing again with keep-number keeps the start day.
  const again = await buy(1, 'SAXLA_NOMRE', 1);
  assert.equal((again.planChange as { startsOn: string }).startsOn, '2027-05-21');
});

test('the same plan, or a line with no plan, says nothing; a lapsed line switches today', async () => {
  const plain = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(2), planCode: 'SAXLA_NOMRE', months: 1 } });
  assert.equal(plain.json().planChange, null);
  await t.db.query(`update lines set plan_code = 'ECNEBI_PAKET', valid_until = '2026-11-20', status = 'one_way' where msisdn = $1`, [msisdnFor(2)]);
  const lapsed = await buy(2, 'SAXLA_NOMRE', 1);
  assert.deepEqual(lapsed.planChange, { from: 'ECNEBI_PAKET', fromName: 'Expat Pack', paidUntil: null, startsOn: '2026-11-26', rule: 'at_paid_end' });
  assert.equal((await lineOf(2))?.plan_code, 'SAXLA_NOMRE');
  assert.equal(await scheduledOf(2), undefined);
});

test('the portal quote page tells it before paying, in the page\'s language', async () => {
  await t.db.query(`update lines set plan_code = 'ECNEBI_PAKET', valid_until = '2027-05-20' where msisdn = $1`, [msisdnFor(3)]);
  const res = await t.app.inject({
    method: 'POST', url: `/lines/${encodeURIComponent(msisdnFor(3))}/quote?lang=ru`,
    headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'planCode=SAXLA_NOMRE&months=3',
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.body, /data-plan-change="ECNEBI_PAKET">Ваш тариф «[^»]+» действует, как оплачен, до 20[^<]*2027\. «Сохрани номер» начнётся 21[^<]*2027\./);
});

test('the sweep starts the scheduled plan on its day, not before', async () => {
  await sweepLifecycle({ db: t.db, policy }, parseInstant('2027-05-20T23:00:00+04:00'));
  assert.equal((await lineOf(1))?.plan_code, 'ECNEBI_PAKET');
  await sweepLifecycle({ db: t.db, policy }, parseInstant('2027-05-21T00:10:00+04:00'));
  assert.equal((await lineOf(1))?.plan_code, 'SAXLA_NOMRE');
  assert.equal(await scheduledOf(1), undefined);
});
