// The portal's support pages and store visits, as forms without script: open a case (with a
// statement entry), read and reply; a store page with its phone, holidays and what to bring; book,
// see it on the dashboard, move and cancel; a full slot says so and books nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, signUpCustomer } from '../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { seedDemoStores } from '../../services/seed-demo-stores.ts';

let t: TestApp;
let token = '';
const line = msisdnFor(91);
const STORE = 'baku-fountain-square';
const form = (tok: string) => ({ ...cookieHeader(tok), 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' });

before(async () => {
  t = await buildTestApp();
  await seedDemoStores({ db: t.db, now: t.clock.now });
  token = await signUpCustomer(t, line, 91);
});
after(async () => t.close());

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...cookieHeader(token), accept: 'text/html' } });
const post = (url: string, body: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return t.app.inject({ method: 'POST', url, headers: form(token), payload: params.toString() });
};

describe('support on the portal', () => {
  test('open a case about a statement entry, read it, reply', async () => {
    const empty = await page('/support?lang=tr');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<html lang="tr"/);
    assert.match(empty.body, /Talebiniz yok\./);
    const history = await page(`/lines/${encodeURIComponent(line)}/history?lang=en`);
    assert.match(history.body, new RegExp(`<a href="/support\\?msisdn=${encodeURIComponent(line)}#new-case">Ask support about this</a>`));
    const picked = await page(`/support?lang=en&msisdn=${encodeURIComponent(line)}`);
    const entryId = /name="entryIds" value="(\d+)"/.exec(picked.body)?.[1];
    assert.ok(entryId, 'the number\'s entries are offered');
    const bad = await post('/support?lang=en', { category: 'billing', msisdn: line, text: '   ' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /aria-invalid="true"/);
    const sent = await post('/support', { category: 'billing', msisdn: line, text: 'Charged twice?', entryIds: [entryId] });
    assert.equal(sent.statusCode, 303, sent.body);
    assert.match(String(sent.headers.location), /^\/support\?sent=S-[0-9A-F]{8}$/);
    const list = await page(`${String(sent.headers.location)}&lang=en`);
    assert.match(list.body, /your case S-[0-9A-F]{8} is open/);
    const href = /href="(\/support\/[0-9a-f-]{36})"/.exec(list.body)?.[1];
    assert.ok(href);
    const one = await page(`${href}?lang=en`);
    assert.match(one.body, /Charged twice\?/);
    assert.match(one.body, /Waiting for our answer/);
    const reply = await post(href, { text: 'It was on the 20th.' });
    assert.equal(reply.statusCode, 303);
    assert.match((await page(href)).body, /It was on the 20th\./);
    const other = await signUpCustomer(t, msisdnFor(92), 92);
    const foreign = await t.app.inject({ method: 'GET', url: href, headers: { ...cookieHeader(other), accept: 'text/html' } });
    assert.equal(foreign.statusCode, 404);
  });

  test('signed out, the support page sends to the sign-in', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/support' });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/login');
  });
});

describe('a store visit from the portal', () => {
  let slot = '';

  test('the stores list has each phone and a link to book; the store page has holidays and what to bring', async () => {
    const stores = await page('/stores?lang=en');
    assert.match(stores.body, /<a href="tel:\+994124000002">\+994 12 400 00 02<\/a>/);
    assert.match(stores.body, new RegExp(`href="/stores/${STORE}"`));
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/stores' });
    assert.equal(api.json().items[0].phone.startsWith('+994'), true);
    assert.deepEqual(api.json().callCentre, null, 'tests set no call centre; the demo has one');
    const store = await page(`/stores/${STORE}?lang=zh`);
    assert.equal(store.statusCode, 200);
    assert.match(store.body, /休息日/);
    assert.match(store.body, /需携带/);
    assert.match(store.body, /护照或身份证/);
    assert.equal((await page('/stores/no-such-store')).statusCode, 404);
  });

  test('book a free time, see it on the dashboard, move it, cancel it', async () => {
    const day = await page(`/stores/${STORE}?lang=en&purpose=renewal&date=2026-11-30`);
    assert.equal(day.statusCode, 200);
    slot = /name="slotStart" value="([^"]+)"/.exec(day.body)?.[1] ?? '';
    assert.match(slot, /^2026-11-30T\d{2}:\d{2}/);
    const booked = await post(`/stores/${STORE}/visits`, { purpose: 'renewal', slotStart: slot });
    assert.equal(booked.statusCode, 303, booked.body);
    const dash = await page(`${String(booked.headers.location).replace('#visits', '')}&lang=en`);
    assert.match(dash.body, /Your visit is booked/);
    assert.match(dash.body, /Renew my number/);
    const visits = (await t.app.inject({ method: 'GET', url: '/api/v1/appointments', headers: cookieHeader(token) })).json().items;
    assert.equal(visits.length, 1);
    const id = visits[0].appointmentId;
    const movePage = await page(`/stores/${STORE}?lang=en&move=${id}&date=2026-12-01`);
    assert.match(movePage.body, /Move your visit/);
    const later = /name="slotStart" value="([^"]+)"/.exec(movePage.body)?.[1] ?? '';
    const moved = await post(`/stores/${STORE}/visits`, { purpose: 'renewal', slotStart: later, move: id });
    assert.equal(moved.statusCode, 303, moved.body);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/appointments', headers: cookieHeader(token) })).json().items;
    assert.equal(after.length, 1);
    assert.equal(after[0].slotStart, later);
    const cancelled = await post(`/visits/${after[0].appointmentId}/cancel`, {});
    assert.equal(cancelled.statusCode, 303);
    assert.match((await page('/dashboard?visit=cancelled&lang=en')).body, /Your visit is cancelled/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/appointments', headers: cookieHeader(token) })).json().items.length, 0);
  });

  test('a full time says so and books nothing', async () => {
    // Fill the slot's every counter directly, as other customers would.
    await t.db.query(`insert into appointments (id, store_id, customer_id, msisdn, language, slot_start, counter_no, purpose, status, demo, created_at)
      select 'full-' || n, $1, null, null, 'az', $2, n, 'renewal', 'booked', false, now() from generate_series(1, 3) n
      on conflict do nothing`, [STORE, new Date(slot)]);
    const full = await post(`/stores/${STORE}/visits`, { purpose: 'renewal', slotStart: slot });
    assert.equal(full.statusCode, 409);
    assert.match(full.body, /son yerini başqası tutdu/);
    assert.doesNotMatch(full.body, new RegExp(`value="${slot.replace('+', '\\+')}"`), 'the full time is no longer offered');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/appointments', headers: cookieHeader(token) })).json().items.length, 0);
  });
});
