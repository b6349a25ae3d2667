// Auto-renew and auto top-up end to end on the sandbox: the API and its 422, the job charging once
// per period (also from two processes at once), the monthly cap, the lifecycle-aligned retries of
// a declined saved card with an SMS each time, and cancelling.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { msisdnFor, policy } from '../helpers/factories.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Database } from '../../src/db/database.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { createUseCases } from '../../src/services/use-cases.ts';
import { SANDBOX_OFF_SESSION_DECLINE_CARD, SANDBOX_SAVE_CARD } from '../../src/payments/sandbox-saved-cards.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { STALE_CHARGE_MS } from '../../src/services/run-auto-renewals.ts';
import { detachReassignedLines } from '../../src/services/detach-reassigned-lines.ts';

let t: PaymentsTestApp;
const line = msisdnFor(1);
const path = `/api/v1/lines/${encodeURIComponent(line)}/auto-renew`;
const azn = (amount: number) => ({ amount, currency: 'AZN' });

beforeEach(async () => { t = await buildPaymentsTestApp({ lines: 2 }); });
afterEach(async () => { await t.close(); });

function job(db: Database = t.db) {
  return createUseCases({ db, policy, now: t.clock.now, secret: 'test-secret-for-hmacs-0123456789abcdef', logger: silentLogger, payments: t.payments }).autoRenewUpkeep;
}

async function put(body: Record<string, unknown>) {
  return t.app.inject({ method: 'PUT', url: path, headers: t.customer, payload: body });
}

async function lineState(): Promise<{ balance: number; valid_until: string }> {
  const [row] = await t.db.query<{ balance: number; valid_until: string }>('select balance, valid_until from lines where msisdn = $1', [line]);
  assert.ok(row);
  return row;
}

async function notices(): Promise<string[]> {
  return (await t.db.query<{ body: string }>(`select body from sms_outbox where msisdn = $1 and kind = 'auto_renew_notice' order by id`, [line])).map((r) => r.body);
}

/** Saves a sandbox test card the way a customer does: start, the provider's page, back, complete. */
async function saveCard(card: string): Promise<void> {
  const start = await t.app.inject({ method: 'POST', url: '/api/v1/payment-methods', headers: t.customer, payload: { provider: 'sandbox', returnPath: '/dashboard' } });
  assert.equal(start.statusCode, 201, start.body);
  const setupPath = new URL(start.json().setupUrl as string).pathname;
  const page = await t.app.inject({ method: 'POST', url: setupPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `cardNumber=${card}` });
  assert.equal(page.statusCode, 303);
  assert.match(String(page.headers.location), new RegExp(`/dashboard\\?method=${start.json().methodId as string}$`));
  const done = await t.app.inject({ method: 'POST', url: `/api/v1/payment-methods/${start.json().methodId as string}/complete`, headers: t.customer });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().status, 'saved');
  assert.equal(done.json().label, `•••• ${card.slice(-4)}`);
}

test('PUT, GET, DELETE: the contract shape, next run D days before the end, 404 once cancelled', async () => {
  const set = await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, daysBefore: 3, monthlyCap: azn(1000), source: 'balance' });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual({ ...(set.json() as Record<string, unknown>), spentThisMonth: undefined }, {
    msisdn: line, mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, daysBefore: 3, monthlyCap: azn(1000), source: 'balance',
    nextRunAt: '2026-12-17T09:00:00+04:00', paymentMethod: null, lastProblem: null, spentThisMonth: undefined,
  });
  assert.equal((await t.app.inject({ method: 'GET', url: path, headers: t.customer })).json().nextRunAt, '2026-12-17T09:00:00+04:00');
  assert.equal((await t.anonymousApp.inject({ method: 'GET', url: path })).statusCode, 401);
  assert.equal((await t.app.inject({ method: 'DELETE', url: path, headers: t.customer })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'GET', url: path, headers: t.customer })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'DELETE', url: path, headers: t.customer })).statusCode, 404);
});

test('a setting whose single run costs more than the cap is 422 and changes nothing', async () => {
  // 3 months of a 1.50 AZN plan cost 4.50 AZN: a 4.49 AZN cap can never pay one run.
  const over = await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 3, monthlyCap: azn(449), source: 'balance' });
  assert.equal(over.statusCode, 422, over.body);
  assert.equal(over.json().code, 'AUTO_RENEW_OVER_CAP');
  assert.equal(await countRows(t.db, 'auto_renew_settings'), 0);
  assert.equal((await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 3, monthlyCap: azn(450), source: 'balance' })).statusCode, 200);
  await saveCard(SANDBOX_SAVE_CARD);
  const topUp = await put({ mode: 'top_up', amount: azn(1000), dayOfMonth: 5, monthlyCap: azn(999), source: 'saved_method' });
  assert.equal(topUp.statusCode, 422);
  assert.equal(topUp.json().code, 'AUTO_RENEW_OVER_CAP');
  // Nothing changed: still the renewal set before.
  assert.equal((await t.app.inject({ method: 'GET', url: path, headers: t.customer })).json().mode, 'renew');
});

test('bad combinations are refused clearly: a top-up from the balance, no saved method, both triggers', async () => {
  assert.equal((await put({ mode: 'top_up', amount: azn(500), belowBalance: azn(100), monthlyCap: azn(5000), source: 'balance' })).json().code, 'AUTO_RENEW_SOURCE_INVALID');
  assert.equal((await put({ mode: 'top_up', amount: azn(500), belowBalance: azn(100), monthlyCap: azn(5000), source: 'saved_method' })).json().code, 'PAYMENT_METHOD_NOT_SAVED');
  const both = await put({ mode: 'top_up', amount: azn(500), belowBalance: azn(100), dayOfMonth: 3, monthlyCap: azn(5000), source: 'saved_method' });
  assert.equal(both.statusCode, 400);
  assert.equal((await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, monthlyCap: azn(5000), source: 'balance', extra: 1 })).statusCode, 400);
  assert.equal((await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 5, monthlyCap: azn(5000), source: 'balance' })).json().code, 'PLAN_DURATION_NOT_OFFERED');
  const other = await t.app.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(msisdnFor(9))}/auto-renew`, headers: t.customer, payload: { mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, monthlyCap: azn(5000), source: 'balance' } });
  assert.equal(other.statusCode, 404);
});

test('renewal from the balance: nothing before the day, once on it, however many passes', async () => {
  await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 3, daysBefore: 3, monthlyCap: azn(450), source: 'balance' });
  t.clock.set('2026-12-16T12:00:00+04:00');
  assert.equal((await job().runAutoRenewals()).charged, 0);
  t.clock.set('2026-12-17T08:59:00+04:00');
  assert.equal((await job().runAutoRenewals()).charged, 0, 'runs wait for 09:00 in Baku');
  t.clock.set('2026-12-17T09:05:00+04:00');
  assert.equal((await job().runAutoRenewals()).charged, 1);
  for (let i = 0; i < 3; i++) assert.equal((await job().runAutoRenewals()).charged, 0);
  assert.deepEqual(await lineState(), { balance: 50, valid_until: '2027-03-20' });
  assert.equal(await countRows(t.db, 'sms_outbox', `msisdn = $1 and kind = 'renewal_confirmation'`, [line]), 1);
  await t.signInAgain();
  assert.equal((await t.app.inject({ method: 'GET', url: path, headers: t.customer })).json().nextRunAt, '2027-03-17T09:00:00+04:00');
  await assertLedgerBalances(t.db);
});

test('a pass decides in a transaction only the lines whose run may be due', async () => {
  await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, daysBefore: 3, monthlyCap: azn(1000), source: 'balance' });
  let transactions = 0;
  const counted: Database = { ...t.db, tx: (work) => { transactions += 1; return t.db.tx(work); } };
  t.clock.set('2026-12-16T09:30:00+04:00');
  assert.equal((await job(counted).runAutoRenewals()).charged, 0);
  assert.equal(transactions, 1, 'only the look for stale charges: the line is not due for a day');
  t.clock.set('2026-12-17T09:30:00+04:00');
  transactions = 0;
  assert.equal((await job(counted).runAutoRenewals()).charged, 1);
  assert.equal(transactions, 2, 'stale charges, then the line that was due');
});

test('two processes, two passes at once: one charge', async () => {
  await saveCard(SANDBOX_SAVE_CARD);
  await put({ mode: 'top_up', amount: azn(1000), dayOfMonth: 1, monthlyCap: azn(5000), source: 'saved_method' });
  t.clock.set('2026-12-01T10:00:00+04:00');
  // On PostgreSQL the second "process" has its own connections; PGlite has one connection to share.
  const second = t.testDb.url ? await openPostgres(t.testDb.url, { max: 2 }) : t.db;
  try {
    const results = await Promise.all([job().runAutoRenewals(), job(second).runAutoRenewals(), job().runAutoRenewals(), job(second).runAutoRenewals()]);
    assert.equal(results.reduce((n, r) => n + r.charged, 0), 1);
  } finally {
    if (second !== t.db) await second.close();
  }
  assert.equal(await countRows(t.db, 'sandbox_off_session_charges'), 1);
  assert.equal((await lineState()).balance, 1500);
  assert.equal(await countRows(t.db, 'sms_outbox', `msisdn = $1 and kind = 'top_up_confirmation'`, [line]), 1);
  await assertLedgerBalances(t.db);
});

test('the monthly cap is never exceeded: a low-balance top-up that would pass it is held, with an SMS', async () => {
  await saveCard(SANDBOX_SAVE_CARD);
  // Balance 5 AZN, threshold 20 AZN: each run adds 10 AZN; the 15 AZN cap lets only one through.
  await put({ mode: 'top_up', amount: azn(1000), belowBalance: azn(2000), monthlyCap: azn(1500), source: 'saved_method' });
  t.clock.set('2026-11-26T10:00:00+04:00');
  for (let i = 0; i < 4; i++) await job().runAutoRenewals();
  assert.equal((await lineState()).balance, 1500);
  await t.signInAgain();
  const [spent] = await t.db.query<{ n: number }>(`select coalesce(sum(amount), 0)::int8 as n from auto_renew_runs where status = 'charged' and cap_month = '2026-11'`);
  assert.equal(spent?.n, 1000);
  const sms = await notices();
  assert.equal(sms.length, 1);
  assert.match(sms[0] ?? '', /10\.00 AZN .*monthly limit of 15\.00 AZN\. We will try again on 01\.12\.2026/);
  const view = (await t.app.inject({ method: 'GET', url: path, headers: t.customer })).json();
  assert.deepEqual([view.spentThisMonth, view.lastProblem, view.nextRunAt], [azn(1000), 'cap', '2026-12-01T09:00:00+04:00']);
  // A new month, a new budget: the held run goes through (and no more than the cap again).
  t.clock.set('2026-12-01T09:30:00+04:00');
  for (let i = 0; i < 3; i++) await job().runAutoRenewals();
  assert.equal((await lineState()).balance, 2500);
  await assertLedgerBalances(t.db);
});

test('a saved card declined off-session: retried on the lifecycle checkpoints, an SMS each time, then given up', async () => {
  await saveCard(SANDBOX_OFF_SESSION_DECLINE_CARD);
  const set = await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, daysBefore: 3, monthlyCap: azn(1000), source: 'saved_method' });
  assert.equal(set.json().paymentMethod.label, '•••• 0341');
  // Valid until 20 Dec: tries on 17, 19, 20 Dec and on the last day before suspension.
  const days = ['2026-12-17', '2026-12-19', '2026-12-20'];
  const view = async () => {
    // The test clock jumps days: a real customer would sign in again too.
    await t.signInAgain();
    return (await t.app.inject({ method: 'GET', url: path, headers: t.customer })).json();
  };
  for (const [i, day] of days.entries()) {
    t.clock.set(`${day}T09:30:00+04:00`);
    assert.equal((await job().runAutoRenewals()).declined, 1, day);
    assert.equal((await job().runAutoRenewals()).declined, 0, 'one try a day');
    assert.equal((await notices()).length, i + 1);
  }
  const lastTry = (await view()).nextRunAt as string;
  assert.match((await notices())[0] ?? '', /declined by your card\. We will try again on 19\.12\.2026\. Valid until 20\.12\.2026/);
  t.clock.set(lastTry.replace('09:00:00', '10:00:00'));
  assert.equal((await job().runAutoRenewals()).declined, 1);
  const sms = await notices();
  assert.equal(sms.length, 4);
  assert.match(sms[3] ?? '', /will not be tried again this time\. Renew: \*101# or a Saxla store\./);
  for (const text of sms) assert.doesNotMatch(text, /https?:|www\./);
  assert.equal((await lineState()).valid_until, '2026-12-20');
  assert.equal((await view()).lastProblem, 'declined');
  assert.equal(await countRows(t.db, 'sandbox_off_session_charges', `status = 'declined'`), 4);
});

test('cancel any time: the job finds nothing to run', async () => {
  await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, monthlyCap: azn(1000), source: 'balance' });
  assert.equal((await t.app.inject({ method: 'DELETE', url: path, headers: t.customer })).statusCode, 204);
  t.clock.set('2026-12-18T10:00:00+04:00');
  assert.equal((await job().runAutoRenewals()).charged, 0);
  assert.deepEqual(await lineState(), { balance: 500, valid_until: '2026-12-20' });
});

test('a renewal the balance cannot pay: SMS to top up, tried again on the next checkpoint, paid once topped up', async () => {
  await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 12, daysBefore: 3, monthlyCap: azn(2000), source: 'balance' });
  t.clock.set('2026-12-17T09:30:00+04:00');
  assert.equal((await job().runAutoRenewals()).declined, 1);
  assert.match((await notices())[0] ?? '', /needs 18\.00 AZN, but the balance is 5\.00 AZN\. Top up before 19\.12\.2026/);
  await t.db.query(`update lines set balance = balance + 2000 where msisdn = $1`, [line]);
  await t.db.query(`with op as (insert into ledger_operations (msisdn, idempotency_key, request_hash, kind, result, created_at)
    values ($1, 'test-credit', 'x', 'adjustment', '{}', now()) returning id, idempotency_key, created_at)
    insert into ledger_operation_keys (idempotency_key, operation_id, created_at) select idempotency_key, id, created_at from op`, [line]);
  await t.db.query(`insert into ledger_entries (operation_id, msisdn, kind, amount, valid_until_before, valid_until_after, description, created_at)
    select id, msisdn, 'adjustment', 2000, '2026-12-20', '2026-12-20', 'test credit', created_at from ledger_operations where idempotency_key = 'test-credit'`);
  t.clock.set('2026-12-19T09:30:00+04:00');
  assert.equal((await job().runAutoRenewals()).charged, 1);
  assert.deepEqual(await lineState(), { balance: 700, valid_until: '2027-12-20' });
});


test('a charge the provider could not confirm stays in flight and is settled later with the same key: one charge', async () => {
  await saveCard(SANDBOX_SAVE_CARD);
  await put({ mode: 'top_up', amount: azn(1000), dayOfMonth: 1, monthlyCap: azn(1000), source: 'saved_method' });
  t.clock.set('2026-12-01T10:00:00+04:00');
  const cards = t.sandbox.savedMethods;
  const charge = cards.chargeOffSession.bind(cards);
  // The provider charged the card, then the answer was lost (a network cut): Saxla saw an outage.
  cards.chargeOffSession = async (input) => {
    await charge(input);
    throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'connection reset');
  };
  try {
    assert.deepEqual(await job().runAutoRenewals(), { charged: 0, declined: 0, held: 0, pending: 1 });
  } finally {
    cards.chargeOffSession = charge;
  }
  assert.equal((await lineState()).balance, 500);
  // The money in flight counts against the cap meanwhile, and no second run starts.
  assert.equal((await job().runAutoRenewals()).charged, 0);
  t.clock.advanceMs(STALE_CHARGE_MS + 1000);
  assert.equal((await job().runAutoRenewals()).charged, 1);
  assert.equal(await countRows(t.db, 'sandbox_off_session_charges'), 1, 'asked again with the same key: still one charge');
  assert.equal((await lineState()).balance, 1500);
  await assertLedgerBalances(t.db);
});

test('a number that goes to a new owner takes none of the old owner\'s automatic payments with it', async () => {
  assert.equal((await put({ mode: 'renew', planCode: 'SAXLA_NOMRE', months: 1, monthlyCap: azn(1000), source: 'balance' })).statusCode, 200);
  // The account lets go of the line (its link detached): the standing order no longer runs.
  await t.db.query('update customer_lines set detached_at = now() where msisdn = $1', [line]);
  t.clock.set('2026-12-18T10:00:00+04:00');
  assert.equal((await job().runAutoRenewals()).charged, 0);
  // Reassignment removes it outright.
  await t.db.tx((sql) => detachReassignedLines(sql, [line], t.clock.now()));
  assert.equal(await countRows(t.db, 'auto_renew_settings'), 0);
});

test('removing the saved card: the provider forgets it and the automatic payments it paid are cancelled', async () => {
  await saveCard(SANDBOX_SAVE_CARD);
  await put({ mode: 'top_up', amount: azn(1000), dayOfMonth: 1, monthlyCap: azn(5000), source: 'saved_method' });
  const [method] = (await t.app.inject({ method: 'GET', url: '/api/v1/payment-methods', headers: t.customer })).json().items as { id: string }[];
  assert.ok(method);
  const other = await t.anonymousApp.inject({ method: 'DELETE', url: `/api/v1/payment-methods/${method.id}` });
  assert.equal(other.statusCode, 401);
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/payment-methods/${method.id}`, headers: t.customer })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/payment-methods/${method.id}`, headers: t.customer })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: path, headers: t.customer })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/payment-methods', headers: t.customer })).json().items.length, 0);
  assert.equal(await countRows(t.db, 'sandbox_saved_cards', `status = 'saved'`), 0, 'the sandbox forgot the card');
  t.clock.set('2026-12-01T10:00:00+04:00');
  assert.equal((await job().runAutoRenewals()).charged, 0);
});
