// The locator, slots and bookings over HTTP on a fresh database (PGlite, or PostgreSQL with
// SAXLA_TEST_DB=postgres, where the parallel bookings really race).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseInstant } from '../../src/domain/calendar.ts';
import { claimPlace } from '../../src/db/appointment-repository.ts';
import { insertStores } from '../../src/db/store-repository.ts';
import { demoStores } from '../../src/demo/stores.ts';
import { remindAppointments } from '../../src/services/remind-appointments.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { customerHeaders, signUpCustomer } from '../helpers/customers.ts';
import { msisdnFor } from '../helpers/factories.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
// Thursday 26 Nov 2026, 10:00 in Baku.
before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await seedDemoStores({ db: t.db, now: t.clock.now });
  // A one-counter store with no demo bookings, for the race.
  const base = demoStores[0];
  assert.ok(base);
  await t.db.tx((sql) => insertStores(sql, [{ ...base, id: 'race-one', code: 'RACE1', demo: false }]));
});
after(async () => t.close());

test('stores come nearest first with distance, hours, open-now and the next opening', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/stores?near=40.6828,46.3606&lang=en' });
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as { id: string; phone: string | null; distanceKm: number; openNow: boolean; nextOpening: string; city: string; hours: { mon: unknown[] } }[];
  assert.ok(items.length >= 8);
  assert.equal(items[0]?.id, 'ganja-javad-khan');
  // The store's own number (a landline) in E.164, as the contract says.
  assert.equal(items[0]?.phone, '+994222000001');
  assert.equal(items[0]?.distanceKm, 0);
  const distances = items.map((i) => i.distanceKm);
  assert.deepEqual(distances, [...distances].sort((a, b) => a - b));
  assert.equal(new Set(items.map((i) => i.city)).size, 5);
  assert.equal(items[0]?.openNow, true);
  assert.match(items[0]?.nextOpening ?? '', /^2026-11-26T14:00:00\+04:00$/, 'after lunch today');
  const bad = await t.app.inject({ method: 'GET', url: '/api/v1/stores?near=somewhere' });
  assert.equal(bad.statusCode, 400);
});

test('slots list free places per slot; demo bookings make some nearly full', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/stores/baku-fountain-square/slots?date=2026-11-27' });
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as { start: string; available: number }[];
  assert.equal(items[0]?.start, '2026-11-27T09:00:00+04:00');
  assert.deepEqual(items.slice(0, 4).map((s) => s.available), [3, 3, 1, 0]);
  assert.ok(items.every((s) => Number.isInteger(s.available)));
  const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/stores/nowhere/slots?date=2026-11-27' });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().code, 'STORE_NOT_FOUND');
});

test('N parallel bookings of a one-counter slot: exactly one succeeds (the database decides)', async () => {
  const slotStart = parseInstant('2026-11-30T11:00:00+04:00');
  const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => t.db.tx((sql) => claimPlace(sql, {
    id: `race-${i}`, storeId: 'race-one', counters: 1, customerId: null, msisdn: null, language: 'en',
    slotStart, purpose: 'renewal', demo: false, at: t.clock.now(),
  }))));
  const won = results.filter((r) => r.status === 'fulfilled' && r.value).length;
  assert.equal(won, 1, JSON.stringify(results.map((r) => r.status === 'fulfilled' ? r.value : String(r.reason))));
  const [row] = await t.db.query<{ n: number }>("select count(*)::int8 as n from appointments where store_id = 'race-one' and status = 'booked'");
  assert.equal(row?.n, 1);
});

test('booking over HTTP: a session is needed, a full slot is 409 SLOT_FULL, limits and rules hold, cancel and reschedule', async () => {
  const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/appointments', payload: { storeId: 'race-one', slotStart: '2026-11-30T12:00:00+04:00', purpose: 'renewal' } });
  assert.equal(anonymous.statusCode, 401);
  const a = await signUpCustomer(t, msisdnFor(7001), 7001);
  const b = await signUpCustomer(t, msisdnFor(7002), 7002);
  const book = (token: string, slotStart: string, storeId = 'race-one') => t.app.inject({
    method: 'POST', url: '/api/v1/appointments', headers: customerHeaders(token), payload: { storeId, slotStart, purpose: 'renewal' },
  });
  const first = await book(a, '2026-11-30T12:00:00+04:00');
  assert.equal(first.statusCode, 201, first.body);
  const full = await book(b, '2026-11-30T12:00:00+04:00');
  assert.equal(full.statusCode, 409);
  assert.equal(full.json().code, 'SLOT_FULL');
  assert.equal((await book(b, '2026-11-26T09:30:00+04:00')).json().code, 'SLOT_UNAVAILABLE', 'in the past');
  assert.equal((await book(b, '2026-11-29T12:00:00+04:00')).json().code, 'SLOT_UNAVAILABLE', 'Sunday: closed');
  const extra = await t.app.inject({ method: 'POST', url: '/api/v1/appointments', headers: customerHeaders(b), payload: { storeId: 'race-one', slotStart: '2026-11-30T12:30:00+04:00', purpose: 'renewal', note: 'x' } });
  assert.equal(extra.json().code, 'UNKNOWN_FIELD');
  for (const time of ['13:00', '13:30']) assert.equal((await book(a, `2026-11-30T${time}:00+04:00`)).statusCode, 201);
  const fourth = await book(a, '2026-11-30T14:00:00+04:00');
  assert.equal(fourth.json().code, 'TOO_MANY_APPOINTMENTS');

  const id = first.json().appointmentId as string;
  const foreign = await t.app.inject({ method: 'POST', url: `/api/v1/appointments/${id}/cancel`, headers: customerHeaders(b) });
  assert.equal(foreign.statusCode, 404, "another customer's visit reads as none");
  const moved = await t.app.inject({ method: 'POST', url: `/api/v1/appointments/${id}/reschedule`, headers: customerHeaders(a), payload: { slotStart: '2026-11-30T15:00:00+04:00' } });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal((await book(b, '2026-11-30T12:00:00+04:00')).statusCode, 201, 'the old place is free again');
  const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/appointments/${moved.json().appointmentId as string}/cancel`, headers: customerHeaders(a) });
  assert.equal(cancelled.json().status, 'cancelled');
  const mine = await t.app.inject({ method: 'GET', url: '/api/v1/appointments', headers: customerHeaders(a) });
  assert.equal(mine.json().items.length, 2);
});

test('the day-before reminder goes once per visit, in the customer language', async () => {
  // Sunday 29 Nov: visits on Monday 30 Nov are tomorrow.
  const at = parseInstant('2026-11-29T10:00:00+04:00');
  const first = await remindAppointments({ db: t.db }, at);
  assert.ok(first >= 2, String(first));
  assert.equal(await remindAppointments({ db: t.db }, at), 0, 'deduplicated by appointment');
  const [sms] = await t.db.query<{ body: string; kind: string }>("select body, kind from sms_outbox where kind = 'appointment_reminder' order by id limit 1");
  assert.match(sms?.body ?? '', /reminder of your visit to Saxla — 28 May on 30\.11\.2026 at 1[23]:[03]0/);
});
